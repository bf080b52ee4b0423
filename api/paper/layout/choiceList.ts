import { toWinAnsi } from '../../letters/winAnsi';
import type { CatalogueQuestion } from '../../questionnaire/questionCatalogue';
import { addText, type LayoutBlock } from './layoutBlock';
import { lineHeightMm, textWidthMm } from './measureText';
import { BOX_CLEARANCE_MM } from './paperGeometry';
import type { PrintStyle } from './printStyle';
import type { ChoiceBox, PaperLang } from './types';

/** Up to four short choices stand in one row, this far apart. */
const ROW_CHOICES = 4;
const ROW_GAP_MM = 8;
/** A choice list longer than this runs in columns (at most three). */
const LIST_ROWS = 10;
const COLUMN_GAP_MM = 6;

/**
 * The boxes of a choice, boolean or (too wide) rating question, each with its label right of it:
 * up to four choices in one row when they fit in `width`, otherwise a list running down in up to three
 * columns (filled column by column), so even a long list stays on one page. Labels in a column wrap
 * within it. Boxes are listed in choice order, as the answers list them, whatever the placement.
 * Returns the y below the lowest box or label.
 * @throws RangeError when a label holds a character the standard PDF fonts cannot print.
 */
export function addChoiceList(block: LayoutBlock, q: CatalogueQuestion, x: number, y: number, width: number, style: PrintStyle, lang: PaperLang): number {
  const choices = q.choices ?? [];
  const box = style.box;
  const lh = lineHeightMm(style.body);
  const multiple = q.multiple;
  const labelsOf = choices.map((c) => toWinAnsi(c.text[lang], `choice of ${q.name}`));
  const widths = labelsOf.map((l) => textWidthMm(l, 'regular', style.body));
  const rowWidth = widths.reduce((sum, w) => sum + box + BOX_CLEARANCE_MM + w, 0) + (choices.length - 1) * ROW_GAP_MM;
  const textOffset = (box - lh) / 2;
  if (rowWidth <= width && choices.length <= ROW_CHOICES) {
    let bx = x;
    choices.forEach((choice, i) => {
      block.boxes.push({ question: q.name, value: choice.value, multiple, xMm: bx, yMm: y, wMm: box, hMm: box });
      block.texts.push({ text: labelsOf[i]!, font: 'regular', sizePt: style.body, xMm: bx + box + BOX_CLEARANCE_MM, yMm: y + textOffset, wMm: widths[i]!, hMm: lh });
      bx += box + BOX_CLEARANCE_MM + widths[i]! + ROW_GAP_MM;
    });
    return y + Math.max(box, lh);
  }
  const columns = Math.min(3, Math.ceil(choices.length / LIST_ROWS));
  const rows = Math.ceil(choices.length / columns);
  const columnWidth = (width + COLUMN_GAP_MM) / columns;
  const placed: ChoiceBox[] = new Array<ChoiceBox>(choices.length);
  for (let row = 0; row < rows; row += 1) {
    let end = y + box;
    for (let column = 0; column < columns; column += 1) {
      const i = column * rows + row;
      const choice = choices[i];
      if (choice === undefined) continue;
      const bx = x + column * columnWidth;
      placed[i] = { question: q.name, value: choice.value, multiple, xMm: bx, yMm: y, wMm: box, hMm: box };
      const labelX = bx + box + BOX_CLEARANCE_MM;
      end = Math.max(end, addText(block, labelsOf[i]!, 'regular', style.body, labelX, y + textOffset, bx + columnWidth - COLUMN_GAP_MM - labelX));
    }
    y = end + BOX_CLEARANCE_MM;
  }
  block.boxes.push(...placed);
  return y - BOX_CLEARANCE_MM;
}
