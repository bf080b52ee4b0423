/** One line of text as pdfkit writes it into an uncompressed content stream. */
export interface PdfTextItem {
  text: string;
  font: string;
  size: number;
  /** Left edge in mm from the left page edge. */
  xMm: number;
  /** Baseline in mm from the top page edge. */
  baselineMm: number;
}

const MM = 72 / 25.4;
const A4_HEIGHT_PT = 841.89;
const winAnsi = new TextDecoder('windows-1252');

/**
 * Reads the text of a PDF produced by pdfkit with `compress: false`, page by page. pdfkit
 * writes each line as `1 0 0 1 x y Tm /Fk size Tf [spacing Tc] [<hex> kern <hex> …] TJ`, the hex being
 * WinAnsi bytes for the standard fonts; kerning numbers are dropped. Test support only — it
 * understands exactly what pdfkit emits, not PDF in general.
 */
export function pdfTextByPage(pdf: Buffer): PdfTextItem[][] {
  const source = pdf.toString('latin1');
  const pages: PdfTextItem[][] = [];
  for (const stream of source.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const content = stream[1]!;
    if (!content.includes(' TJ')) continue;
    const items: PdfTextItem[] = [];
    for (const m of content.matchAll(/1 0 0 1 ([\d.-]+) ([\d.-]+) Tm\s*\/(\w+) ([\d.]+) Tf\s*(?:[\d.-]+ T[cwz]\s*)*\[(.*?)\] TJ/g)) {
      const hex = [...m[5]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]).join('');
      items.push({
        text: winAnsi.decode(Buffer.from(hex, 'hex')),
        font: m[3]!,
        size: Number(m[4]),
        xMm: Number(m[1]) / MM,
        baselineMm: (A4_HEIGHT_PT - Number(m[2])) / MM,
      });
    }
    pages.push(items);
  }
  return pages;
}

/** Number of page objects (`/Type /Page`, not `/Pages`). */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page(?!s)\b/g)?.length ?? 0;
}
