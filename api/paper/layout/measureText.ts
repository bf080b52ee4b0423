import PDFDocument from 'pdfkit';
import type { TextFont } from './types';

/**
 * Text measured as the PDF will print it: pdfkit's built-in Helvetica metrics (its AFM data, no font
 * files). Layout and renderer must agree on every width, or wrapped lines and the boxes placed after
 * them would move between the layout the scan expects and the page that was printed.
 * Cost: O(length of the text) per measurement.
 */

const MM_PER_PT = 25.4 / 72;

const FONT_NAMES: Record<TextFont, string> = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };

/** One document without pages, created on first use and reused: only its font metrics are needed. */
let measureDoc: InstanceType<typeof PDFDocument> | undefined;

/** The pdfkit font name of a layout font. */
export function pdfFontName(font: TextFont): string {
  return FONT_NAMES[font];
}

/**
 * Width of one line of text in millimetres.
 * @example textWidthMm('Ja', 'regular', 10) // → 3.65…
 */
export function textWidthMm(text: string, font: TextFont, sizePt: number): number {
  measureDoc ??= new PDFDocument({ autoFirstPage: false });
  measureDoc.font(FONT_NAMES[font]).fontSize(sizePt);
  return measureDoc.widthOfString(text) * MM_PER_PT;
}

/**
 * Height of one line box: Helvetica's ascender − descender + line gap (1.156 em).
 * @example lineHeightMm(10) // → 4.078…
 */
export function lineHeightMm(sizePt: number): number {
  return sizePt * 1.156 * MM_PER_PT;
}
