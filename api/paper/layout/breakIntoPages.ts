import type { LayoutBlock } from './layoutBlock';
import { PAPER_GEOMETRY } from './paperGeometry';
import type { PrintStyle } from './printStyle';
import { roundMm } from './roundMm';
import type { ChoiceBox, DigitBox, TextArea, TextItem } from './types';
import { unprintable } from './unprintable';

/** What the blocks put on one page, in page coordinates. */
export interface PageContent {
  boxes: ChoiceBox[];
  digitBoxes: DigitBox[];
  textAreas: TextArea[];
  texts: TextItem[];
}

/** Items moved down by dy and rounded to 0.01 mm. */
function place<T extends { yMm: number; xMm: number; wMm: number; hMm: number }>(items: readonly T[], dy: number): T[] {
  return items.map((i) => ({ ...i, xMm: roundMm(i.xMm), yMm: roundMm(i.yMm + dy), wMm: roundMm(i.wMm), hMm: roundMm(i.hMm) }));
}

/**
 * First-fit page breaking: blocks go down the content area one after another, `blockGap` apart (half
 * of it after a heading), and a block that does not fit below the last one starts a new page. A
 * heading is kept with the block after it, so the pair moves to the next page together. Blocks are
 * never split, so a question's boxes are always on one page with its title.
 * Cost: O(blocks + items).
 * @throws AppError unprocessable (`paperform.unprintable`) naming the first question of a block (or a
 *   heading with its question) taller than the content area.
 */
export function breakIntoPages(blocks: readonly LayoutBlock[], style: PrintStyle): PageContent[] {
  const { topMm, bottomMm } = PAPER_GEOMETRY.content;
  const pages: PageContent[] = [];
  let current: PageContent | undefined;
  let y = Infinity;
  for (let i = 0; i < blocks.length; i += 1) {
    const group = [blocks[i]!];
    while (group[group.length - 1]!.keepWithNext && i + 1 < blocks.length) group.push(blocks[++i]!);
    const height = group.reduce((sum, b) => sum + b.height, 0) + (group.length - 1) * (style.blockGap / 2);
    if (height > bottomMm - topMm) {
      const names = group.flatMap((b) => [...b.boxes, ...b.digitBoxes, ...b.textAreas].map((x) => x.question));
      throw unprintable(names[0] ?? '?', `${Math.round(height)} mm > ${bottomMm - topMm} mm`);
    }
    if (current === undefined || y + height > bottomMm) {
      current = { boxes: [], digitBoxes: [], textAreas: [], texts: [] };
      pages.push(current);
      y = topMm;
    }
    for (const block of group) {
      current.boxes.push(...place(block.boxes, y));
      current.digitBoxes.push(...place(block.digitBoxes, y));
      current.textAreas.push(...place(block.textAreas, y));
      current.texts.push(...place(block.texts, y));
      y += block.height + (block.keepWithNext ? style.blockGap / 2 : style.blockGap);
    }
  }
  return pages;
}
