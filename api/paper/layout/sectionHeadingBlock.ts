import { addText, emptyBlock, type LayoutBlock } from './layoutBlock';
import { PAPER_GEOMETRY } from './paperGeometry';
import type { PrintStyle } from './printStyle';

/**
 * The heading of a questionnaire page: title, description and the condition of the whole part
 * ("Diesen Teil nur beantworten, wenn: …"), each left out when empty. It stays on the page of the
 * question after it, so a heading never ends a page alone.
 */
export function sectionHeadingBlock(title: string, description: string, conditionText: string, style: PrintStyle): LayoutBlock {
  const block = emptyBlock();
  const left = PAPER_GEOMETRY.content.leftMm;
  const width = PAPER_GEOMETRY.content.rightMm - left;
  let y = 0;
  if (title) y = addText(block, title, 'bold', style.heading, left, y, width);
  if (description) y = addText(block, description, 'regular', style.note, left, y + 0.5, width);
  if (conditionText) y = addText(block, conditionText, 'italic', style.note, left, y + 0.5, width);
  block.keepWithNext = true;
  return block;
}
