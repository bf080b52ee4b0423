/**
 * Draws printed questionnaires from their layout with pdfkit: the fiducials, the QR code and readable
 * line of every page (pageIdentity.ts), and exactly the boxes, digit boxes, writing areas and lines of
 * text that paperLayout() decided — nothing is positioned here. Text uses the PDF standard fonts
 * (Helvetica, WinAnsiEncoding: German umlauts and ß print as they are), as the letters do.
 */
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { encodeQr, type QrEncoder } from '../letters/qrMatrix';
import { pagePayload } from './pageIdentity';
import { PAPER_GEOMETRY, lineHeightMm, pdfFontName, type PaperLayout, type PaperPage } from './paperLayout';

const MM = 72 / 25.4;

export interface PaperFormPdfOptions {
  /** Deflate page content (default true). */
  compress?: boolean;
  /** QR encoder, replaceable to observe the payloads. */
  encodeQr?: QrEncoder;
  /** Called after each form with the number of forms drawn so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

type Doc = InstanceType<typeof PDFDocument>;

/** The questionnaire id and version of a layout (`id@version`). */
function splitRef(ref: string): { questionnaireId: string; version: number } {
  const at = ref.lastIndexOf('@');
  return { questionnaireId: ref.slice(0, at), version: Number(ref.slice(at + 1)) };
}

function drawQr(doc: Doc, text: string, encode: QrEncoder): void {
  const { xMm, yMm, sizeMm } = PAPER_GEOMETRY.qr;
  const symbol = encode(text);
  const module = (sizeMm * MM) / symbol.size;
  // One rectangle per horizontal run of dark modules keeps a page's content small.
  for (let row = 0; row < symbol.size; row += 1) {
    let column = 0;
    while (column < symbol.size) {
      if (!symbol.isDark(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < symbol.size && symbol.isDark(row, column)) column += 1;
      doc.rect(xMm * MM + start * module, yMm * MM + row * module, (column - start) * module, module);
    }
  }
  doc.fill('black');
}

function drawPage(doc: Doc, layout: PaperLayout, page: PaperPage, formId: string, encode: QrEncoder): void {
  doc.addPage({ size: 'A4', margin: 0 });
  const { fiducials, fiducialSizeMm, readableLine, boxStrokeMm } = PAPER_GEOMETRY;
  for (const f of fiducials) doc.rect((f.xMm - fiducialSizeMm / 2) * MM, (f.yMm - fiducialSizeMm / 2) * MM, fiducialSizeMm * MM, fiducialSizeMm * MM);
  doc.fill('black');

  const payload = pagePayload({ ...splitRef(layout.questionnaire), lang: layout.lang, largePrint: layout.largePrint, page: page.page, pages: layout.pages.length, layoutHash: layout.layoutHash, formId });
  drawQr(doc, payload, encode);
  doc.font('Helvetica').fontSize(readableLine.sizePt).fillColor('black');
  const width = doc.widthOfString(payload) / MM;
  doc.text(payload, (readableLine.xMm - width / 2) * MM, readableLine.yMm * MM, { lineBreak: false });

  for (const t of page.texts) {
    doc.font(pdfFontName(t.font)).fontSize(t.sizePt).text(t.text, t.xMm * MM, t.yMm * MM, { lineBreak: false });
  }

  doc.lineWidth(boxStrokeMm * MM).strokeColor('black');
  for (const b of [...page.boxes, ...page.digitBoxes]) doc.rect(b.xMm * MM, b.yMm * MM, b.wMm * MM, b.hMm * MM);
  doc.stroke();

  // Writing areas in grey, thinner: they frame handwriting and are not read by the scanner.
  if (page.textAreas.length > 0) {
    doc.lineWidth(0.25 * MM).strokeColor('#777777');
    for (const a of page.textAreas) doc.rect(a.xMm * MM, a.yMm * MM, a.wMm * MM, a.hMm * MM);
    doc.stroke();
  }
}

/** While this many bytes wait unread, drawing pauses (a slow download does not fill the memory). */
const UNREAD_LIMIT = 4 * 1024 * 1024;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Streams one PDF with the questionnaire of each form reference in the order given (a print shop's
 * merged file in letter order, or a single household's form); every page carries its form's reference.
 * Drawing yields to other work after each form and pauses while the reader falls behind, so a server
 * stays responsive while it prints thousands of forms. `done` settles when the last form is drawn.
 * @throws RangeError (through `done`, the stream ends with an error) when a form reference cannot be printed in the page identity.
 */
export function paperFormsPdfStream(layout: PaperLayout, formIds: readonly string[], options: PaperFormPdfOptions = {}): { stream: Readable; done: Promise<void> } {
  const encode = options.encodeQr ?? encodeQr;
  const doc = new PDFDocument({ autoFirstPage: false, compress: options.compress ?? true, info: { Title: 'Fragebogen', Producer: 'Familienbefragung' } });
  const done = (async () => {
    try {
      for (const [index, formId] of formIds.entries()) {
        for (const page of layout.pages) drawPage(doc, layout, page, formId, encode);
        options.onProgress?.(index + 1, formIds.length);
        await new Promise<void>((resolve) => setImmediate(resolve));
        while (doc.readableLength > UNREAD_LIMIT && !doc.destroyed) await pause(5);
        if (doc.destroyed) return;
      }
      doc.end();
    } catch (err) {
      doc.destroy(err as Error);
      throw err;
    }
  })();
  done.catch(() => undefined); // reported through the stream as well
  return { stream: doc, done };
}

/**
 * The whole PDF in memory (see paperFormsPdfStream).
 * @example await paperFormsPdf(paperLayout(json, { questionnaire: 'family-life-quality@1', lang: 'de', largePrint: false }), ['K7M2Q9XT4B8R'])
 */
export async function paperFormsPdf(layout: PaperLayout, formIds: readonly string[], options: PaperFormPdfOptions = {}): Promise<Buffer> {
  const { stream, done } = paperFormsPdfStream(layout, formIds, options);
  const chunks: Buffer[] = [];
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  await done;
  await ended;
  return Buffer.concat(chunks);
}

/** Height of a text line as the layout measures it (re-exported for renderers of other kinds). */
export { lineHeightMm };
