import { toWinAnsi } from '../../letters/winAnsi';
import { lineHeightMm, textWidthMm } from './measureText';
import type { ChoiceBox, DigitBox, TextArea, TextFont, TextItem } from './types';
import { wrapText } from './wrapText';

/**
 * A block is one question, a section heading or the form's introduction, laid out with y measured from
 * the block's own top. Blocks are built without knowing their page; breakIntoPages() then moves each
 * one down to where it lands, so a question is never split across pages.
 */
export interface LayoutBlock {
  /** From the block's top to the bottom of its lowest item. */
  height: number;
  boxes: ChoiceBox[];
  digitBoxes: DigitBox[];
  textAreas: TextArea[];
  texts: TextItem[];
  /** Printed on the same page as the next block (headings). */
  keepWithNext: boolean;
}

export function emptyBlock(): LayoutBlock {
  return { height: 0, boxes: [], digitBoxes: [], textAreas: [], texts: [], keepWithNext: false };
}

/**
 * Adds `text` wrapped to `width` with its first line box at (x, y); returns the y below the last line.
 * Empty lines take their height but add no item.
 * @throws RangeError when the text holds a character the standard PDF fonts cannot print (toWinAnsi).
 */
export function addText(block: LayoutBlock, text: string, font: TextFont, sizePt: number, x: number, y: number, width: number): number {
  const lh = lineHeightMm(sizePt);
  for (const line of wrapText(toWinAnsi(text, 'questionnaire text'), width, (candidate) => textWidthMm(candidate, font, sizePt))) {
    if (line !== '') block.texts.push({ text: line, font, sizePt, xMm: x, yMm: y, wMm: textWidthMm(line, font, sizePt), hMm: lh });
    y += lh;
  }
  block.height = Math.max(block.height, y);
  return y;
}

/** Makes the block reach at least down to `bottom` (for boxes and areas, which addText does not see). */
export function extendBlock(block: LayoutBlock, bottom: number): void {
  block.height = Math.max(block.height, bottom);
}
