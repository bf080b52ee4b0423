import { expect } from 'chai';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { generateFrame, frameToCsv } from '../../fixtures/syntheticFrame';
import { createRng, groupUnitsByStratum, stratifiedSrswor, stratifiedSrsworOfUnits, stratifiedSystematic, stratifiedSystematicOfUnits } from '../../sampling/index';
import { extractFrameColumns, type FrameCsvColumns } from './frameCsv';

const bytes = (text: string) => new TextEncoder().encode(text);
const extract = (text: string, columns: FrameCsvColumns = { id: 'id', stratum: 'district' }) => extractFrameColumns(bytes(text), columns);
const allRows = (frame: ReturnType<typeof extract>) => Array.from({ length: frame.size }, (_, i) => frame.row(i));
const strataOf = (frame: ReturnType<typeof extract>) => Array.from(frame.stratumOfRow, (code) => frame.strata[code]);

/** What readCsvFile (csv-parse with bom, trim, skip_empty_lines) gives for the same text. */
function csvParseRows(text: string, delimiter: ';' | ','): string[][] {
  return parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: true }) as string[][];
}

describe('extractFrameColumns', () => {
  it('reads ids, strata codes and full rows of a plain frame', () => {
    const frame = extract('id,district,street\nA1,Ost,Hauptstraße\nA2,West,Ringweg\nA3,Ost,Am Markt\n');
    expect(frame.columns).to.deep.equal(['id', 'district', 'street']);
    expect(frame.delimiter).to.equal(',');
    expect(frame.size).to.equal(3);
    expect([0, 1, 2].map((i) => frame.id(i))).to.deep.equal(['A1', 'A2', 'A3']);
    expect(strataOf(frame)).to.deep.equal(['Ost', 'West', 'Ost']);
    expect(frame.idsAscending).to.equal(true);
    expect(frame.row(2)).to.deep.equal(['A3', 'Ost', 'Am Markt']);
    expect(frame.compareIds(0, 1)).to.be.below(0);
  });

  it('handles BOM, ";", CRLF, blank lines, an empty trailing line and whitespace around fields', () => {
    const frame = extract('\uFEFFid ; district;note\r\n\r\n B2 ;Gera-Süd; x \r\n   \r\nA1;Gera-Süd;y\r\n\r\n');
    expect(frame.delimiter).to.equal(';');
    expect(frame.columns).to.deep.equal(['id', 'district', 'note']);
    expect(allRows(frame)).to.deep.equal([
      ['B2', 'Gera-Süd', 'x'],
      ['A1', 'Gera-Süd', 'y'],
    ]);
    expect(frame.strata).to.deep.equal(['Gera-Süd']);
    expect(frame.idsAscending).to.equal(false);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, also in the id and stratum', () => {
    const text = 'id,district,street\n"H,1","Lusan ""Brüte""","Weg 1\nHinterhaus"\n"H2",Ost,"a;b"\nH3,"Lusan ""Brüte""",x\n';
    const frame = extract(text);
    expect(allRows(frame)).to.deep.equal([
      ['H,1', 'Lusan "Brüte"', 'Weg 1\nHinterhaus'],
      ['H2', 'Ost', 'a;b'],
      ['H3', 'Lusan "Brüte"', 'x'],
    ]);
    expect([0, 1, 2].map((i) => frame.id(i))).to.deep.equal(['H,1', 'H2', 'H3']);
    expect(strataOf(frame)).to.deep.equal(['Lusan "Brüte"', 'Ost', 'Lusan "Brüte"']);
    expect(frame.idsAscending).to.equal(true);
  });

  it('reads old Mac line ends (CR only)', () => {
    expect(allRows(extract('id,district\rB,X\rA,Y\r'))).to.deep.equal([
      ['B', 'X'],
      ['A', 'Y'],
    ]);
  });

  it('names line, row, column and reason for bad data', () => {
    const cases: [string, RegExp][] = [
      ['', /the frame is empty \(no header row\)/],
      ['\n\n', /the frame is empty/],
      ['id,stratum\nA,X\n', /the frame has no column 'district' \(columns: id, stratum\)/],
      ['id,district\nA,X\n,Y\n', /frame row 2 \(line 3\) has an empty id in column 'id'/],
      ['id,district\nA,X\nB,  \n', /frame row 2 \(line 3\) has an empty stratum in column 'district'/],
      ['id,district\nA,X\nB,"" \n', /frame row 2 \(line 3\) has an empty stratum/],
      ['id,district,n\nA,X,1\nB,Y\n', /line 3: frame row 2 has 2 fields, the header has 3/],
      ['id,district,n\nA,X,1,2\n', /line 2: frame row 1 has 4 fields, the header has 3/],
      ['id,district\nA,"X\n', /line 2: a quoted field is not closed/],
      ['id,district\nA,X"Y\n', /line 2: a quote inside an unquoted field/],
      ['id,district,n\nA,X,1 "2"\n', /line 2: a quote inside an unquoted field/],
      ['id,district\n"A"B,X\n', /line 2: unexpected text after the closing quote/],
    ];
    for (const [text, message] of cases) expect(() => extract(text), JSON.stringify(text)).to.throw(RangeError, message);
    expect(() => extract('id,district,zip\nA,X,1\n', { id: 'id', stratum: 'district', sortKeys: ['postcode'] })).to.throw(RangeError, /no column 'postcode'/);
  });

  it('finds a duplicate id with both data rows when grouping', () => {
    const frame = extract('id,district\nA,X\nC,Y\nB,X\nC,X\n');
    expect(frame.idsAscending).to.equal(false);
    expect(() => groupUnitsByStratum(frame)).to.throw(RangeError, /duplicate id 'C' in column 'id': frame rows 2 and 4/);
  });

  it('orders non-ASCII ids by UTF-16 code units, like the record path', () => {
    // U+FF21 (fullwidth A) sorts after U+1F600 in UTF-8 byte order but before it in UTF-16 code units.
    const frame = extract('id,district\n\u{1F600},X\n\uFF21,X\nZ,X\n');
    const [stratum] = groupUnitsByStratum(frame);
    expect(stratum.rows.map((i) => frame.id(i))).to.deep.equal(['Z', '\uFF21', '\u{1F600}'].sort());
  });

  it('gives the same fields as csv-parse (readCsvFile) for random frames', () => {
    const value = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9äöüß .-]{0,6}$/),
      fc.string({ maxLength: 5 }).map((s) => `"${s.replaceAll('"', '""')}"`),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.tuple(fc.stringMatching(/^[A-Z][0-9]{1,3}$/), fc.constantFrom('Ost', 'West', 'Gera-Süd'), value, value), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        (delimiter, eol, records, bom) => {
          const header = ['id', 'district', 'a', 'b'].join(delimiter);
          const text = (bom ? '\uFEFF' : '') + [header, ...records.map((r) => r.join(delimiter))].join(eol) + eol;
          const expected = csvParseRows(text, delimiter as ';' | ',');
          const frame = extract(text);
          expect([frame.columns, ...allRows(frame)]).to.deep.equal(expected);
          expect(Array.from({ length: frame.size }, (_, i) => frame.id(i))).to.deep.equal(expected.slice(1).map((r) => r[0]));
          expect(strataOf(frame)).to.deep.equal(expected.slice(1).map((r) => r[1]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('draws the same sample as the record path (SRSWOR and systematic), in id order or not', () => {
    const rows = generateFrame({ households: 3000, districts: 6, seed: 4 });
    const text = frameToCsv(rows);
    const lines = text.trim().split('\n');
    const reversedText = [lines[0], ...lines.slice(1).reverse()].join('\n') + '\n';
    const reversedRows = rows.slice().reverse();
    const allocation = Object.fromEntries([...new Set(rows.map((r) => r.district))].map((d) => [d, 7]));
    for (const [csv, records] of [
      [text, rows],
      [reversedText, reversedRows],
    ] as const) {
      const frame = extractFrameColumns(bytes(csv), { id: 'household_id', stratum: 'district', sortKeys: ['postcode', 'street'] });
      expect(frame.idsAscending).to.equal(csv === text);
      const fromUnits = stratifiedSrsworOfUnits(frame, { allocation, rng: createRng(42) });
      const fromRecords = stratifiedSrswor(records, { id: 'household_id', stratum: 'district', allocation, rng: createRng(42) });
      expect(fromUnits).to.deep.equal(fromRecords.map(({ row: _row, ...u }) => u));
      const systematicUnits = stratifiedSystematicOfUnits(frame, { allocation, rng: createRng(7) });
      const systematicRecords = stratifiedSystematic(records, { id: 'household_id', stratum: 'district', sortKey: ['postcode', 'street'], allocation, rng: createRng(7) });
      expect(systematicUnits).to.deep.equal(systematicRecords.map(({ row: _row, ...u }) => u));
      expect(frame.row(fromUnits[0].rowIndex)).to.deep.equal(Object.values(records[fromUnits[0].rowIndex]).map(String));
    }
  });
});
