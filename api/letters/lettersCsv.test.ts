import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { formatAccessCode, issueAccessCodes } from '../codes/index';
import { LETTER_CSV_COLUMNS, lettersCsv, type LetterInput } from './index';

const SECRET = 'letters-test-secret-with-enough-length-0123';
const BASE = 'https://familie.gera.de';

function lettersFor(count: number): LetterInput[] {
  const issued = issueAccessCodes(Array.from({ length: count }, (_, i) => `HH-${i + 1}`), SECRET);
  return issued.map(({ householdId, code }, i) => ({
    householdId,
    salutation: 'Familie',
    name: `Müller-Weiß ${i + 1}`,
    street: 'Schloßstraße',
    houseNumber: `${i + 1}a`,
    postcode: '07545',
    city: 'Gera',
    accessCode: code,
  }));
}

describe('lettersCsv', () => {
  it('writes a ;-separated UTF-8 file with BOM and CRLF that csv-parse reads back unchanged', () => {
    const letters = lettersFor(3);
    letters[1]!.name = 'Schmidt; "Die Großen"';
    const csv = lettersCsv(letters, `${BASE}/`);
    expect(csv.startsWith('\uFEFFhousehold_id;salutation;name;street;house_number;postcode;city;access_code;survey_url\r\n')).to.equal(true);
    const records = parse(csv, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).to.deep.equal([...LETTER_CSV_COLUMNS]);
    expect(records).to.deep.equal(
      letters.map((l) => ({
        household_id: l.householdId,
        salutation: 'Familie',
        name: l.name,
        street: 'Schloßstraße',
        house_number: l.houseNumber,
        postcode: '07545',
        city: 'Gera',
        access_code: formatAccessCode(l.accessCode),
        survey_url: `${BASE}/t/${l.accessCode}`,
      })),
    );
  });

  it('defuses spreadsheet formulas in every cell', () => {
    const [letter] = lettersFor(1);
    const hostile: LetterInput = {
      ...letter!,
      householdId: '@SUM(A1)',
      salutation: '-2+3',
      name: '=HYPERLINK("https://evil.example","Klick")',
      street: '+49 Straße',
      city: 'Gera',
    };
    const records = parse(lettersCsv([hostile], BASE), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(records[0]).to.include({
      household_id: "'@SUM(A1)",
      salutation: "'-2+3",
      name: `'=HYPERLINK("https://evil.example","Klick")`,
      street: "'+49 Straße",
      city: 'Gera',
    });
  });

  it('writes only the header for no letters', () => {
    expect(lettersCsv([], BASE)).to.equal('\uFEFFhousehold_id;salutation;name;street;house_number;postcode;city;access_code;survey_url\r\n');
  });

  it('names letter and field for bad input and never prints an access code', () => {
    const letters = lettersFor(3);
    expect(() => lettersCsv([letters[0]!, { ...letters[1]!, street: ' ' }], BASE)).to.throw(RangeError, /letter 2 \(household 'HH-2'\): field 'street' is missing or empty/);
    expect(() => lettersCsv([{ ...letters[0]!, name: 'Zeile\nZwei' }], BASE)).to.throw(RangeError, /field 'name' contains a line break/);
    const typo = letters[0]!.accessCode.slice(0, 13) + (letters[0]!.accessCode[13] === '2' ? '3' : '2');
    try {
      lettersCsv([{ ...letters[0]!, accessCode: typo }], BASE);
      expect.fail('malformed code accepted');
    } catch (error) {
      expect((error as Error).message).to.match(/letter 1 \(household 'HH-1'\): field 'accessCode' is not a well-formed access code/);
      expect((error as Error).message).not.to.include(typo);
    }
    expect(() => lettersCsv([letters[0]!, { ...letters[1]!, accessCode: letters[0]!.accessCode }], BASE)).to.throw(/same as on an earlier letter/);
    expect(() => lettersCsv([letters[0]!, { ...letters[1]!, householdId: 'HH-1' }], BASE)).to.throw(/household id appears twice/);
  });

  it('requires an https survey address', () => {
    expect(() => lettersCsv(lettersFor(1), 'http://familie.gera.de')).to.throw(RangeError, /must use https/);
    expect(() => lettersCsv(lettersFor(1), 'familie.gera.de')).to.throw(RangeError, /not an absolute URL/);
    expect(() => lettersCsv(lettersFor(1), 'https://familie.gera.de/?x=1')).to.throw(RangeError, /query/);
    expect(lettersCsv(lettersFor(1), 'http://localhost:3000')).to.include('http://localhost:3000/t/');
  });
});
