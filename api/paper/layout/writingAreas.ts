import type { Question } from 'survey-core';
import { extendBlock, type LayoutBlock } from './layoutBlock';
import { BOX_CLEARANCE_MM } from './paperGeometry';
import type { PrintStyle } from './printStyle';

/**
 * Writing areas for free text, which the scan does not read (staff type it in at verification).
 * A text question gets one writing line; a comment its `rows` (default 4), kept between 2 and 6 so a
 * long comment cannot push the question off the page.
 */

/** The writing lines of a text (1) or comment (2–6) question. */
export function writingRows(type: string, question: Question): number {
  return type === 'comment' ? Math.min(6, Math.max(2, Number((question as unknown as { rows?: number }).rows) || 4)) : 1;
}

/** A text or comment question: its writing area at (x, y), `width` wide. */
export function addWritingArea(block: LayoutBlock, name: string, type: string, question: Question, x: number, y: number, width: number, style: PrintStyle): void {
  const height = writingRows(type, question) * style.writingLine;
  block.textAreas.push({ question: name, xMm: x, yMm: y, wMm: width, hMm: height });
  extendBlock(block, y + height);
}

/**
 * The one-line writing area below a choice list with an "other" item, named `<question>-Comment`
 * where SurveyJS keeps the text; returns the y below it, or `y` unchanged without an "other" item.
 */
export function addOtherArea(block: LayoutBlock, name: string, question: Question, x: number, y: number, width: number, style: PrintStyle): number {
  if ((question as unknown as { showOtherItem?: boolean }).showOtherItem !== true) return y;
  const top = y + BOX_CLEARANCE_MM;
  block.textAreas.push({ question: `${name}-Comment`, xMm: x, yMm: top, wMm: width, hMm: style.writingLine });
  return top + style.writingLine;
}
