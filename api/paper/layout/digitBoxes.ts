import type { CatalogueQuestion } from '../../questionnaire/questionCatalogue';
import { addText, extendBlock, type LayoutBlock } from './layoutBlock';
import { lineHeightMm } from './measureText';
import { BOX_CLEARANCE_MM } from './paperGeometry';
import type { PaperLabels } from './paperLabels';
import type { PrintStyle } from './printStyle';

/**
 * How many digit boxes a number question gets: the digits of its largest allowed value, 3 without one.
 * @example digitCount(120) // → 3
 */
export function digitCount(max: number | undefined): number {
  return max !== undefined && Number.isFinite(max) ? String(Math.trunc(Math.abs(max))).length : 3;
}

/**
 * A number question: one box per digit in a row from `x` at `y`, numbered from the left, and the
 * allowed range as a hint beside them ("Zahl von 0 bis 20"). Numbers are written right-aligned, so the
 * scan reads the filled boxes from the right.
 */
export function addDigitBoxes(block: LayoutBlock, q: CatalogueQuestion, x: number, y: number, right: number, style: PrintStyle, labels: PaperLabels): void {
  const digits = digitCount(q.max);
  const { w, h } = style.digit;
  for (let position = 0; position < digits; position += 1) {
    block.digitBoxes.push({ question: q.name, position, digits, xMm: x + position * (w + BOX_CLEARANCE_MM), yMm: y, wMm: w, hMm: h });
  }
  const hintX = x + digits * (w + BOX_CLEARANCE_MM) + 1;
  addText(block, labels.number(q.min, q.max), 'italic', style.note, hintX, y + (h - lineHeightMm(style.note)) / 2, right - hintX);
  extendBlock(block, y + h);
}
