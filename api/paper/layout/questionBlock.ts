import { addChoiceList } from './choiceList';
import { addDigitBoxes } from './digitBoxes';
import { describeConditions, jumpInstructions } from './filterWording';
import { addText, emptyBlock, extendBlock, type LayoutBlock } from './layoutBlock';
import { BOX_CLEARANCE_MM, PAPER_GEOMETRY } from './paperGeometry';
import type { PaperLabels } from './paperLabels';
import type { PrintQuestion } from './printSections';
import type { PrintStyle } from './printStyle';
import { addRatingRow } from './ratingRow';
import type { PaperLang } from './types';
import { unprintable } from './unprintable';
import { addOtherArea, addWritingArea } from './writingAreas';

/**
 * One question as a block: its number left of the indent, the title, the notes (its own condition,
 * "Mehrere Antworten möglich."), then what the respondent fills in — digit boxes, a writing area, a
 * rating row or a choice list — and finally the jumps of its choices ("Wenn Nein: weiter mit Frage 12").
 * Every box keeps BOX_CLEARANCE_MM from the texts above and beside it.
 * @throws AppError unprocessable (`paperform.unprintable`) for a choice question without choices.
 * @throws RangeError when a text holds a character the standard PDF fonts cannot print.
 */
export function questionBlock(item: PrintQuestion, jumps: ReadonlyMap<number, readonly unknown[]>, byName: ReadonlyMap<string, PrintQuestion>, style: PrintStyle, labels: PaperLabels, lang: PaperLang): LayoutBlock {
  const block = emptyBlock();
  const q = item.catalogue;
  const left = PAPER_GEOMETRY.content.leftMm;
  const right = PAPER_GEOMETRY.content.rightMm;
  const x = style.indent;
  const width = right - x;
  addText(block, `${item.number}.`, 'bold', style.title, left, 0, x - left - 2);
  let y = addText(block, q.title[lang], 'bold', style.title, x, 0, width);
  const notes: string[] = [];
  if (item.ownConditions.length > 0) notes.push(labels.only + describeConditions(item.ownConditions, byName, labels, lang));
  if (q.multiple) notes.push(labels.multiple);
  for (const note of notes) y = addText(block, note, 'italic', style.note, x, y + 0.5, width);
  y += BOX_CLEARANCE_MM;

  // Numbers and free text have no choices, hence no jumps either.
  if (q.inputType === 'number') {
    addDigitBoxes(block, q, x, y, right, style, labels);
    return block;
  }
  if (q.type === 'text' || q.type === 'comment') {
    addWritingArea(block, q.name, q.type, item.question, x, y, width, style);
    return block;
  }

  if ((q.choices ?? []).length === 0) throw unprintable(q.name, lang === 'de' ? 'keine Antwortmöglichkeiten' : 'no choices');
  const rowEnd = q.type === 'rating' ? addRatingRow(block, q.name, item.question, x, y, right, style, lang) : undefined;
  if (rowEnd !== undefined) y = rowEnd;
  else {
    // Choices, booleans, and rating scales too wide for one row.
    y = addChoiceList(block, q, x, y, width, style, lang);
    y = addOtherArea(block, q.name, item.question, x, y, width, style);
  }
  extendBlock(block, y);

  if (jumps.size > 0) {
    y += BOX_CLEARANCE_MM;
    for (const line of jumpInstructions(jumps, q, labels, lang)) y = addText(block, line, 'bold', style.note, x, y, width);
  }
  return block;
}
