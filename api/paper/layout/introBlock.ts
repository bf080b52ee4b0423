import { localized, type QuestionnaireJson } from '../../questionnaire/surveyModel';
import { addText, emptyBlock, type LayoutBlock } from './layoutBlock';
import { PAPER_GEOMETRY } from './paperGeometry';
import type { PaperLabels } from './paperLabels';
import type { PrintStyle } from './printStyle';
import type { PaperLang } from './types';

/**
 * The top of the first page: the questionnaire's title and description, then how to fill in the form
 * (pen, cross, numbers right-aligned, how to correct an answer), across the full content width.
 */
export function introBlock(json: QuestionnaireJson, style: PrintStyle, labels: PaperLabels, lang: PaperLang): LayoutBlock {
  const block = emptyBlock();
  const left = PAPER_GEOMETRY.content.leftMm;
  const width = PAPER_GEOMETRY.content.rightMm - left;
  const title = localized(json.title, '')[lang];
  const description = localized(json.description, '')[lang];
  let y = 0;
  if (title) y = addText(block, title, 'bold', style.heading + 2, left, y, width) + 1;
  if (description) y = addText(block, description, 'regular', style.body, left, y, width) + 1.5;
  for (const line of labels.how) y = addText(block, line, 'italic', style.note, left, y, width);
  return block;
}
