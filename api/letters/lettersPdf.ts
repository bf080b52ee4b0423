import PDFDocument from 'pdfkit';
import { formatAccessCode, canonicalAccessCode } from '../codes/checkCharacter';
import { checkTemplatePlaceholders, fillPlaceholders, LETTER_PLACEHOLDERS, splitParagraphs } from './fillTemplate';
import { validateLetterInputs, type LetterInput, type LetterTemplate } from './letterTypes';
import { encodeQr, type QrEncoder } from './qrMatrix';
import { checkedSurveyBaseUrl, surveyLink } from './surveyLink';
import { toWinAnsi } from './winAnsi';

const MM = 72 / 25.4;

/**
 * Page geometry in millimetres, DIN 5008 form B (form A puts the address field at 27 mm; B is
 * the usual choice for authorities and leaves 0–45 mm free for a preprinted letterhead):
 * - address field 20 mm from the left, 45 mm from the top, 85 × 45 mm — what the window of a
 *   DIN 680 window envelope (DL, C5/6, C4) shows when the page is folded at 105 / 210 mm;
 *   it holds the Zusatz- und Vermerkzone (45–62.7 mm; our return address on its first
 *   line, 45–50 mm) and the Anschriftzone (62.7–90 mm, up to 6 lines of recipient);
 *   text inside starts at the 25 mm left margin;
 * - information block (sender, date) 125 mm from the left, from 50 mm down, 75 mm wide;
 * - subject two blank lines below the address field (98.46 mm), text 25 mm to 190 mm;
 * - fold marks at 105 and 210 mm, punch mark at 148.5 mm.
 */
export const LETTER_LAYOUT = {
  page: { width: 210, height: 297 },
  addressField: { x: 20, y: 45, width: 85, height: 45 },
  returnAddress: { y: 45, height: 5 },
  recipient: { y: 62.7, height: 27.3, maxLines: 6 },
  textLeft: 25,
  textWidth: 165,
  infoBlock: { x: 125, y: 50, width: 75 },
  subjectY: 98.46,
  textBottom: 280,
  footerY: 287,
  foldMarks: [105, 210],
  punchMark: 148.5,
  codeBox: { height: 34, qrSize: 28 },
} as const;

const FONT = { text: 'Helvetica', bold: 'Helvetica-Bold', code: 'Courier-Bold' } as const;
const BODY_SIZE = 10.5; // above the usual 10 pt: plain-language letters for all ages
const BODY_LINE_GAP = 1.5;
const PARAGRAPH_GAP = 5;
const SIGNATURE_GAP = BODY_SIZE; // one blank line between text and closing
const CODE_BOX_MARGIN = 3 * MM; // extra air above and below the code box

const LABELS = {
  de: { code: 'Ihr persönlicher Zugangscode', enter: 'Eingeben unter', scan: 'oder QR-Code scannen', number: 'Nr.' },
  en: { code: 'Your personal access code', enter: 'Enter it at', scan: 'or scan the QR code', number: 'No.' },
} as const;

export interface LettersPdfOptions {
  /** Deflate page content (default true). Tests switch it off to read the text. */
  compress?: boolean;
  /** QR encoder, replaceable to observe the encoded links. */
  encodeQr?: QrEncoder;
}

type Doc = InstanceType<typeof PDFDocument>;

function checkTemplate(template: LetterTemplate): void {
  if (template === null || typeof template !== 'object') throw new TypeError('letter template must be an object');
  for (const part of ['senderLine', 'senderBlock', 'date', 'subject', 'body', 'signature', 'surveyBaseUrl', 'deadline'] as const) {
    if (typeof template[part] !== 'string' || template[part].trim() === '') {
      throw new RangeError(`letter template: '${part}' is missing or empty`);
    }
  }
  if (template.language !== 'de' && template.language !== 'en') {
    throw new RangeError(`letter template: language must be 'de' or 'en', got '${String(template.language)}'`);
  }
  checkedSurveyBaseUrl(template.surveyBaseUrl);
  for (const part of ['senderLine', 'senderBlock', 'date', 'deadline'] as const) checkTemplatePlaceholders(template[part], `'${part}'`, []);
  for (const part of ['subject', 'signature'] as const) checkTemplatePlaceholders(template[part], `'${part}'`, ['url', 'deadline']);
  checkTemplatePlaceholders(template.body, "'body'", LETTER_PLACEHOLDERS);
}

/** Paragraphs ready to print: placeholders filled, the code box position marked by null. */
function bodyParagraphs(template: LetterTemplate, code: string, where: string): (string | null)[] {
  const values = { code: formatAccessCode(code), url: checkedSurveyBaseUrl(template.surveyBaseUrl), deadline: template.deadline };
  const paragraphs: (string | null)[] = splitParagraphs(template.body).map((p) =>
    /^\{\{\s*codeBox\s*\}\}$/.test(p) ? null : toWinAnsi(fillPlaceholders(p, values), `${where}, letter text`),
  );
  if (!paragraphs.includes(null)) paragraphs.push(null);
  return paragraphs;
}

/** Paragraph heights by text: all but the {{code}} paragraphs repeat on every letter, and line wrapping is pdfkit's slowest step. */
type HeightCache = Map<string, number>;

function paragraphHeight(doc: Doc, text: string, cache: HeightCache): number {
  let height = cache.get(text);
  if (height === undefined) {
    doc.font(FONT.text).fontSize(BODY_SIZE);
    height = doc.heightOfString(text, { width: LETTER_LAYOUT.textWidth * MM, lineGap: BODY_LINE_GAP });
    cache.set(text, height);
  }
  return height;
}

function bodyHeight(doc: Doc, paragraphs: (string | null)[], signature: string, cache: HeightCache): number {
  let height = 0;
  for (const p of paragraphs) {
    height += (p === null ? LETTER_LAYOUT.codeBox.height * MM + 2 * CODE_BOX_MARGIN : paragraphHeight(doc, p, cache)) + PARAGRAPH_GAP;
  }
  return height + SIGNATURE_GAP + paragraphHeight(doc, signature, cache);
}

function drawMarks(doc: Doc): void {
  doc.save().lineWidth(0.4).strokeColor('#808080');
  for (const y of LETTER_LAYOUT.foldMarks) doc.moveTo(4 * MM, y * MM).lineTo(9 * MM, y * MM).stroke();
  doc.moveTo(4 * MM, LETTER_LAYOUT.punchMark * MM).lineTo(12 * MM, LETTER_LAYOUT.punchMark * MM).stroke();
  doc.restore();
}

/** Largest font size from preferred down to smallest at which every line fits the width. */
function fittingSize(doc: Doc, lines: string[], preferred: number, smallest: number, widthPt: number, where: string): number {
  doc.font(FONT.text);
  for (let size = preferred; size >= smallest; size -= 0.5) {
    doc.fontSize(size);
    if (lines.every((line) => doc.widthOfString(line) <= widthPt)) return size;
  }
  throw new RangeError(`${where} is too long for the envelope window even at ${smallest} pt; please abbreviate it`);
}

function drawAddressField(doc: Doc, letter: LetterInput, template: LetterTemplate, where: string): void {
  const { addressField, returnAddress, recipient, textLeft } = LETTER_LAYOUT;
  const x = textLeft * MM;
  const width = (addressField.x + addressField.width - textLeft - 2) * MM;
  const senderLine = toWinAnsi(template.senderLine, 'letter template senderLine');
  const senderSize = fittingSize(doc, [senderLine], 7, 6, width, 'letter template: the return address (senderLine)');
  doc.font(FONT.text).fontSize(senderSize).fillColor('black');
  doc.text(senderLine, x, (returnAddress.y + 1) * MM, { lineBreak: false, underline: true });

  const lines = [
    letter.salutation?.trim() ? toWinAnsi(letter.salutation.trim(), `${where}, salutation`) : null,
    toWinAnsi(letter.name.trim(), `${where}, name`),
    toWinAnsi(`${letter.street.trim()} ${letter.houseNumber.trim()}`, `${where}, street`),
    toWinAnsi(`${letter.postcode.trim()} ${letter.city.trim()}`, `${where}, postcode/city`),
  ].filter((line): line is string => line !== null);
  const size = fittingSize(doc, lines, 10, 7, width, `${where}: an address line`);
  const lineHeight = (recipient.height * MM) / recipient.maxLines;
  lines.forEach((line, i) => {
    doc.font(FONT.text).fontSize(size).text(line, x, recipient.y * MM + i * lineHeight + 1, { lineBreak: false });
  });
}

function drawInfoBlock(doc: Doc, template: LetterTemplate): void {
  const { infoBlock } = LETTER_LAYOUT;
  const lines = toWinAnsi(template.senderBlock, 'letter template senderBlock').split(/\r?\n/);
  const x = infoBlock.x * MM;
  const width = infoBlock.width * MM;
  let y = infoBlock.y * MM;
  lines.forEach((line, i) => {
    doc.font(i === 0 ? FONT.bold : FONT.text).fontSize(8.5);
    doc.text(line, x, y, { width, lineGap: 1 });
    y = doc.y;
  });
  const dateLabel = template.language === 'de' ? 'Datum' : 'Date';
  doc.font(FONT.text).fontSize(8.5).text(`${dateLabel}: ${toWinAnsi(template.date, 'letter template date')}`, x, y + 3 * MM, { width });
  // The block must end above the subject line; a long sender block would overprint it.
  const overlap = doc.y - (LETTER_LAYOUT.subjectY - 3) * MM;
  if (overlap > 0) {
    throw new RangeError(`letter template: senderBlock is ${(overlap / MM).toFixed(1)} mm too long and would run into the subject; please use fewer lines`);
  }
}

function drawCodeBox(doc: Doc, top: number, code: string, link: string, template: LetterTemplate, qr: QrEncoder): void {
  const { codeBox, textLeft, textWidth } = LETTER_LAYOUT;
  const labels = LABELS[template.language];
  const left = textLeft * MM;
  const width = textWidth * MM;
  const height = codeBox.height * MM;
  doc.save().lineWidth(1).strokeColor('#404040').roundedRect(left, top, width, height, 3 * MM).stroke().restore();

  const inner = left + 6 * MM;
  doc.font(FONT.bold).fontSize(10).fillColor('black').text(toWinAnsi(labels.code, 'label'), inner, top + 5 * MM, { lineBreak: false });
  doc.font(FONT.code).fontSize(22).text(formatAccessCode(code), inner, top + 11 * MM, { lineBreak: false, characterSpacing: 1 });
  doc.font(FONT.text).fontSize(9).text(
    toWinAnsi(`${labels.enter} ${checkedSurveyBaseUrl(template.surveyBaseUrl)} ${labels.scan}`, 'label'),
    inner,
    top + 22 * MM,
    { width: width - (codeBox.qrSize + 16) * MM },
  );

  // QR with its 4-module quiet zone inside a qrSize × qrSize square at the right of the box.
  const matrix = qr(link);
  const side = codeBox.qrSize * MM;
  const module = side / (matrix.size + 8);
  const qrLeft = left + width - side - 3 * MM;
  const qrTop = top + (height - side) / 2;
  doc.save().rect(qrLeft, qrTop, side, side).fill('white');
  for (let row = 0; row < matrix.size; row++) {
    // One rectangle per horizontal run of dark modules keeps the page content small.
    for (let column = 0; column < matrix.size; ) {
      if (!matrix.isDark(row, column)) { column++; continue; }
      const start = column;
      while (column < matrix.size && matrix.isDark(row, column)) column++;
      doc.rect(qrLeft + (4 + start) * module, qrTop + (4 + row) * module, (column - start) * module, module);
    }
  }
  doc.fill('black').restore();
}

function drawLetter(doc: Doc, letter: LetterInput, template: LetterTemplate, where: string, qr: QrEncoder, cache: HeightCache): void {
  const code = canonicalAccessCode(letter.accessCode)!;
  const paragraphs = bodyParagraphs(template, code, where);
  const shared = { url: checkedSurveyBaseUrl(template.surveyBaseUrl), deadline: template.deadline };
  const signature = toWinAnsi(fillPlaceholders(template.signature, shared), 'letter template signature');
  const subject = toWinAnsi(fillPlaceholders(template.subject, shared), 'letter template subject');
  const width = LETTER_LAYOUT.textWidth * MM;
  const x = LETTER_LAYOUT.textLeft * MM;

  doc.font(FONT.bold).fontSize(11);
  const subjectHeight = doc.heightOfString(subject, { width });
  const bodyTop = LETTER_LAYOUT.subjectY * MM + subjectHeight + 2 * BODY_SIZE;
  const needed = bodyTop + bodyHeight(doc, paragraphs, signature, cache);
  const available = LETTER_LAYOUT.textBottom * MM;
  if (needed > available) {
    throw new RangeError(`letter text is ${((needed - available) / MM).toFixed(1)} mm too long for one A4 page; please shorten the template body or signature`);
  }

  doc.addPage({ size: 'A4', margin: 0 });
  drawMarks(doc);
  drawAddressField(doc, letter, template, where);
  drawInfoBlock(doc, template);
  doc.font(FONT.bold).fontSize(11).fillColor('black').text(subject, x, LETTER_LAYOUT.subjectY * MM, { width });

  let y = bodyTop;
  const link = surveyLink(template.surveyBaseUrl, code);
  for (const p of paragraphs) {
    if (p === null) {
      drawCodeBox(doc, y + CODE_BOX_MARGIN, code, link, template, qr);
      y += LETTER_LAYOUT.codeBox.height * MM + 2 * CODE_BOX_MARGIN + PARAGRAPH_GAP;
      continue;
    }
    doc.font(FONT.text).fontSize(BODY_SIZE).fillColor('black').text(p, x, y, { width, lineGap: BODY_LINE_GAP });
    y = doc.y + PARAGRAPH_GAP;
  }
  doc.font(FONT.text).fontSize(BODY_SIZE).text(signature, x, y + SIGNATURE_GAP, { width, lineGap: BODY_LINE_GAP });

  doc.font(FONT.text).fontSize(7).fillColor('#606060').text(
    toWinAnsi(`${LABELS[template.language].number} ${letter.householdId}`, `${where}, householdId`),
    x,
    LETTER_LAYOUT.footerY * MM,
    { width, align: 'right', lineBreak: false },
  );
}

/**
 * Invitation letters as one PDF, one A4 page per household in input order, ready for a
 * window envelope (DIN 5008 form B, see LETTER_LAYOUT): return address and recipient in the
 * window, sender and date at the top right, subject, the template text, a box with the
 * access code in large monospace type and a QR code linking to `${surveyBaseUrl}/t/${code}`.
 * Only the PDF standard fonts are used (Helvetica, Courier; WinAnsi covers ä ö ü ß) — no
 * font files, no network. Letters are checked before the first page is drawn.
 * Cost: O(n) pages; about 5–10 ms CPU per letter (1–2 s for 200).
 * @throws RangeError for an invalid letter (names letter and field), an invalid template
 *   (unknown placeholder, non-https address) or a text too long for one page.
 * @example const pdf = await lettersPdf(letters, defaultLetterTemplate('de', { cityName: 'Gera', surveyBaseUrl, deadline: '2027-01-15' }));
 */
export async function lettersPdf(
  letters: readonly LetterInput[],
  template: LetterTemplate,
  options: LettersPdfOptions = {},
): Promise<Buffer> {
  validateLetterInputs(letters);
  if (letters.length === 0) throw new RangeError('no letters to print');
  checkTemplate(template);
  const qr = options.encodeQr ?? encodeQr;

  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: options.compress ?? true,
    size: 'A4',
    margin: 0,
    info: {
      Title: toWinAnsi(fillPlaceholders(template.subject, { url: checkedSurveyBaseUrl(template.surveyBaseUrl), deadline: template.deadline }), 'letter template subject'),
      Author: toWinAnsi(template.senderBlock.split(/\r?\n/)[0]!, 'letter template senderBlock'),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    const cache: HeightCache = new Map();
    letters.forEach((letter, index) => drawLetter(doc, letter, template, `letter ${index + 1} (household '${letter.householdId}')`, qr, cache));
  } catch (error) {
    doc.end();
    await done.catch(() => undefined);
    throw error;
  }
  doc.end();
  return done;
}
