import { expect } from 'chai';
import { formatAccessCode, issueAccessCodes } from '../codes/index';
import {
  defaultLetterTemplate,
  encodeQr,
  LETTER_LAYOUT,
  lettersPdf,
  type LetterInput,
  type LetterTemplate,
  type QrEncoder,
} from './index';
import { pdfPageCount, pdfTextByPage, type PdfTextItem } from './testing/pdfText';

const SECRET = 'letters-test-secret-with-enough-length-0123';
const BASE = 'https://familie.gera.de';
const TEMPLATE = defaultLetterTemplate('de', {
  cityName: 'Gera',
  surveyBaseUrl: BASE,
  deadline: '2027-01-15',
  letterDate: '2026-11-27',
  department: 'Fachdienst Statistik',
  postalAddress: 'Kornmarkt 12, 07545 Gera',
  phone: '0365 838-0000',
  email: 'familienbefragung@gera.de',
});

function lettersFor(count: number): LetterInput[] {
  const issued = issueAccessCodes(Array.from({ length: count }, (_, i) => `HH-${String(i + 1).padStart(5, '0')}`), SECRET);
  return issued.map(({ householdId, code }, i) => ({
    householdId,
    salutation: i % 2 === 0 ? 'Familie' : undefined,
    name: i % 2 === 0 ? 'Jürgen und Käthe Müller-Weiß' : 'Łukasz Wiśniewski',
    street: i % 2 === 0 ? 'Schloßstraße' : 'Straße des Bergmanns',
    houseNumber: `${i + 1}`,
    postcode: String(7545 + (i % 13)).padStart(5, '0'),
    city: 'Gera',
    accessCode: code,
  }));
}

const texts = (page: PdfTextItem[]) => page.map((item) => item.text);
const find = (page: PdfTextItem[], text: string) => page.find((item) => item.text === text);

describe('lettersPdf', () => {
  it('prints one A4 page per household with its code, address and umlauts intact', async () => {
    const letters = lettersFor(3);
    const pdf = await lettersPdf(letters, TEMPLATE, { compress: false });
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(pdfPageCount(pdf)).to.equal(3);
    expect(pdf.toString('latin1')).to.include('/MediaBox [0 0 595.28 841.89]');
    const pages = pdfTextByPage(pdf);
    expect(pages).to.have.length(3);
    pages.forEach((page, i) => {
      const letter = letters[i]!;
      expect(texts(page)).to.include(formatAccessCode(letter.accessCode));
      expect(texts(page)).to.include(`${letter.postcode} Gera`);
      expect(texts(page)).to.include(`Nr. ${letter.householdId}`);
      // Only this household's code is on its page.
      for (const other of letters) if (other !== letter) expect(page.some((t) => t.text.includes(formatAccessCode(other.accessCode)))).to.equal(false);
    });
    expect(texts(pages[0]!)).to.include.members(['Familie', 'Jürgen und Käthe Müller-Weiß', 'Schloßstraße 1', 'Mit freundlichen Grüßen']);
    // Outside WinAnsi: accents dropped rather than printed as garbage.
    expect(texts(pages[1]!)).to.include.members(['Lukasz Wisniewski', 'Straße des Bergmanns 2']);
    expect(texts(pages[0]!).join(' ')).to.include('Bitte antworten Sie bis zum 15. Januar 2027.');
  });

  it('puts return address and recipient into the DIN 5008 form B window, the code in large monospace', async () => {
    const [letter] = lettersFor(1);
    const page = pdfTextByPage(await lettersPdf([letter!], TEMPLATE, { compress: false }))[0]!;
    const { addressField, recipient, returnAddress } = LETTER_LAYOUT;
    const returnLine = find(page, 'Stadtverwaltung Gera · Kornmarkt 12, 07545 Gera')!;
    expect(returnLine.size).to.be.at.most(7);
    expect(returnLine.baselineMm).to.be.within(returnAddress.y, returnAddress.y + returnAddress.height);
    const block = ['Familie', 'Jürgen und Käthe Müller-Weiß', 'Schloßstraße 1', '07545 Gera'].map((t) => find(page, t)!);
    for (const line of block) {
      expect(line.xMm).to.be.closeTo(25, 0.01);
      expect(line.xMm).to.be.at.least(addressField.x);
      expect(line.baselineMm).to.be.within(recipient.y, addressField.y + addressField.height);
    }
    expect(block.map((l) => l.baselineMm)).to.deep.equal([...block.map((l) => l.baselineMm)].sort((a, b) => a - b));
    const code = find(page, formatAccessCode(letter!.accessCode))!;
    expect(code.size).to.be.at.least(20);
    const body = find(page, 'Guten Tag,')!;
    expect(code.font).not.to.equal(body.font); // Courier-Bold, see the font test below
    const subject = find(page, 'Familienbefragung Gera: Ihre Einladung')!;
    expect(subject.baselineMm).to.be.within(LETTER_LAYOUT.subjectY, LETTER_LAYOUT.subjectY + 8);
    expect(Math.max(...page.filter((t) => t.size > 8).map((t) => t.baselineMm))).to.be.below(LETTER_LAYOUT.textBottom);
  });

  it('uses the Courier font for the code and only standard fonts (nothing embedded, nothing fetched)', async () => {
    const source = (await lettersPdf(lettersFor(1), TEMPLATE, { compress: false })).toString('latin1');
    const fonts = [...source.matchAll(/\/BaseFont \/([\w-]+)/g)].map((m) => m[1]).sort();
    expect(fonts).to.deep.equal(['Courier-Bold', 'Helvetica', 'Helvetica-Bold']);
    expect(source).not.to.include('/FontFile');
  });

  it('encodes the personal survey link of each household in its QR code', async () => {
    const letters = lettersFor(4);
    const encoded: string[] = [];
    const spy: QrEncoder = (text) => {
      encoded.push(text);
      return encodeQr(text);
    };
    await lettersPdf(letters, { ...TEMPLATE, surveyBaseUrl: `${BASE}/` }, { encodeQr: spy });
    expect(encoded).to.deep.equal(letters.map((l) => `${BASE}/t/${l.accessCode}`));
    const matrix = encodeQr(encoded[0]!);
    expect(matrix.size).to.be.within(21, 33); // version 1–4: small enough for a 28 mm square
    // Finder pattern corners are dark, as in every QR symbol.
    expect([matrix.isDark(0, 0), matrix.isDark(0, matrix.size - 1), matrix.isDark(matrix.size - 1, 0)]).to.deep.equal([true, true, true]);
  });

  it('produces 200 letters in reasonable time', async function () {
    this.timeout(60_000);
    const letters = lettersFor(200);
    // CPU time, not wall time: the assertion must not fail because the machine is busy.
    const cpuBefore = process.cpuUsage();
    const pdf = await lettersPdf(letters, TEMPLATE);
    const cpu = process.cpuUsage(cpuBefore);
    expect(pdfPageCount(pdf)).to.equal(200);
    expect((cpu.user + cpu.system) / 1e6).to.be.below(10); // typically 1–2 s
  });

  it('prints an English letter with a German paragraph', async () => {
    const template = defaultLetterTemplate('en', { cityName: 'Gera', surveyBaseUrl: BASE, deadline: '2027-01-15', letterDate: '2026-11-27' });
    const page = pdfTextByPage(await lettersPdf(lettersFor(1), template, { compress: false }))[0]!;
    const all = texts(page).join(' ');
    expect(all).to.include('Your personal access code');
    expect(all).to.include('Please answer by 15 January 2027.');
    expect(all).to.include('Deutsch: Dieser Brief lädt Ihren Haushalt');
    expect(all).to.include('15. Januar 2027');
    expect(all).to.include('Date: 27 November 2026');
  });

  it('places the code box where {{codeBox}} stands and fills {{code}}, {{url}}, {{deadline}}', async () => {
    const [letter] = lettersFor(1);
    const template: LetterTemplate = {
      ...TEMPLATE,
      subject: 'Bitte bis {{deadline}} antworten',
      body: 'Erster Absatz mit {{ code }}.\n\n{{ codeBox }}\n\nLetzter Absatz: {{url}} bis {{deadline}}.',
    };
    const page = pdfTextByPage(await lettersPdf([letter!], template, { compress: false }))[0]!;
    const first = find(page, `Erster Absatz mit ${formatAccessCode(letter!.accessCode)}.`)!;
    const box = find(page, 'Ihr persönlicher Zugangscode')!;
    const last = find(page, `Letzter Absatz: ${BASE} bis 15. Januar 2027.`)!;
    expect(texts(page)).to.include('Bitte bis 15. Januar 2027 antworten');
    expect(first.baselineMm).to.be.below(box.baselineMm);
    expect(box.baselineMm).to.be.below(last.baselineMm);
  });

  it('rejects template mistakes before printing anything', async () => {
    const letters = lettersFor(1);
    const cases: [Partial<LetterTemplate>, RegExp][] = [
      [{ body: 'Bitte bis {{dedline}}' }, /unknown placeholder \{\{dedline\}\}/],
      [{ body: 'Code: {{codeBox}} hier' }, /\{\{codeBox\}\} must appear at most once, as a paragraph of its own/],
      [{ subject: 'Code {{codeBox}}' }, /'subject': placeholder \{\{codeBox\}\} is not allowed here/],
      [{ subject: 'Ihr Code {{code}}' }, /'subject': placeholder \{\{code\}\} is not allowed here \(allowed: \{\{url\}\}, \{\{deadline\}\}\)/],
      [{ senderBlock: 'Stadt {{url}}' }, /'senderBlock': placeholder \{\{url\}\} is not allowed here/],
      [{ body: '{{codeBox}}\n\n{{codeBox}}' }, /at most once/],
      [{ senderBlock: Array.from({ length: 14 }, (_, i) => `Zeile ${i + 1}`).join('\n') }, /senderBlock is [\d.]+ mm too long and would run into the subject/],
      [{ body: 'Viel Text. '.repeat(600) }, /mm too long for one A4 page/],
      [{ surveyBaseUrl: 'http://familie.gera.de' }, /must use https/],
      [{ signature: '' }, /'signature' is missing or empty/],
      [{ language: 'fr' as 'de' }, /language must be 'de' or 'en'/],
      [{ senderLine: 'Stadtverwaltung Gera, Fachdienst Statistik und Wahlen, Kornmarkt 12, 07545 Gera an der Weißen Elster' }, /return address \(senderLine\) is too long/],
    ];
    for (const [change, message] of cases) {
      let error: unknown;
      await lettersPdf(letters, { ...TEMPLATE, ...change }).catch((e: unknown) => (error = e));
      expect(error, String(message)).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.match(message);
    }
  });

  it('rejects letters it cannot print faithfully, naming the letter and field', async () => {
    const letters = lettersFor(2);
    const attempt = (changed: LetterInput[]) => lettersPdf(changed, TEMPLATE).then(() => null, (e: Error) => e.message);
    expect(await attempt([])).to.equal('no letters to print');
    expect(await attempt([letters[0]!, { ...letters[1]!, name: 'Иван Петров' }])).to.match(
      /letter 2 \(household 'HH-00002'\), name: character 'И' \(U\+0418\) cannot be printed/,
    );
    expect(await attempt([{ ...letters[0]!, name: 'Anna-Maria Sophie Charlotte Alexandra von und zu Hohenzollern-Sigmaringen-Weißenfels' }])).to.match(
      /letter 1 \(household 'HH-00001'\): an address line is too long for the envelope window/,
    );
    expect(await attempt([{ ...letters[0]!, postcode: '' }])).to.match(/field 'postcode' is missing or empty/);
  });
});

describe('defaultLetterTemplate', () => {
  it('covers purpose, participation online and on paper, deadline, voluntariness, data protection and contact', () => {
    const { body, subject, senderBlock, senderLine, date, deadline, signature } = TEMPLATE;
    expect(subject).to.equal('Familienbefragung Gera: Ihre Einladung');
    expect(deadline).to.equal('15. Januar 2027');
    expect(date).to.equal('27. November 2026');
    expect(senderLine).to.equal('Stadtverwaltung Gera · Kornmarkt 12, 07545 Gera');
    expect(senderBlock.split('\n')).to.deep.equal([
      'Stadtverwaltung Gera', 'Fachdienst Statistik', 'Kornmarkt 12, 07545 Gera', 'Telefon: 0365 838-0000', 'E-Mail: familienbefragung@gera.de',
    ]);
    for (const phrase of ['{{url}}', '{{codeBox}}', '{{deadline}}', 'QR-Code', 'auf Papier', 'freiwillig', 'Datenschutz', 'Telefon 0365 838-0000', 'English:']) {
      expect(body).to.include(phrase);
    }
    expect(signature).to.match(/^Mit freundlichen Grüßen\nStadtverwaltung Gera/);
  });

  it('does not hard-code the city and validates its options', () => {
    const leipzig = defaultLetterTemplate('de', { cityName: 'Leipzig', surveyBaseUrl: 'https://umfrage.leipzig.de', deadline: '2027-03-01', letterDate: '2027-02-01' });
    expect(JSON.stringify(leipzig)).not.to.include('Gera');
    expect(leipzig.senderLine).to.equal('Stadtverwaltung Leipzig · Familienbefragung');
    expect(leipzig.body).to.include('Auf der Startseite der Befragung finden Sie, wie Sie uns erreichen.');
    expect(() => defaultLetterTemplate('de', { cityName: 'Gera', surveyBaseUrl: BASE, deadline: '2027-02-30' })).to.throw(RangeError, /deadline must be a calendar date written YYYY-MM-DD, got '2027-02-30'/);
    expect(() => defaultLetterTemplate('de', { cityName: ' ', surveyBaseUrl: BASE, deadline: '2027-01-15' })).to.throw(/cityName is required/);
    expect(() => defaultLetterTemplate('de', { cityName: 'Gera', surveyBaseUrl: 'ftp://x', deadline: '2027-01-15' })).to.throw(/https/);
  });
});
