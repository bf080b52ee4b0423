import { toWinAnsi } from '../../letters/winAnsi';
import { lineHeightMm, textWidthMm } from './measureText';
import type { PageContent } from './breakIntoPages';
import { PAPER_GEOMETRY } from './paperGeometry';
import type { PaperLabels } from './paperLabels';
import type { PrintStyle } from './printStyle';
import { roundMm } from './roundMm';
import type { PaperPage, TextItem } from './types';

/**
 * The finished pages: each page's content framed by its number at the top left ("Seite 2 von 10") and
 * a centred footer, "Bitte weiter auf der nächsten Seite" or, on the last page, the thanks for taking
 * part. Both are texts of the page, so they count in the layout hash like every other text.
 */
export function addPageFurniture(contents: readonly PageContent[], style: PrintStyle, labels: PaperLabels): PaperPage[] {
  const { widthMm, heightMm } = PAPER_GEOMETRY.page;
  return contents.map((p, index) => {
    const last = index === contents.length - 1;
    const headerSize = style.note;
    const pageText = toWinAnsi(labels.page(index + 1, contents.length), 'page');
    const footText = toWinAnsi(last ? labels.end : labels.next, 'footer');
    const lh = lineHeightMm(headerSize);
    const pageW = textWidthMm(pageText, 'bold', headerSize);
    const footW = textWidthMm(footText, 'italic', headerSize);
    const texts: TextItem[] = [
      { text: pageText, font: 'bold', sizePt: headerSize, xMm: 24, yMm: 10, wMm: roundMm(pageW), hMm: roundMm(lh) },
      ...p.texts,
      { text: footText, font: 'italic', sizePt: headerSize, xMm: roundMm(widthMm / 2 - footW / 2), yMm: PAPER_GEOMETRY.footerYMm, wMm: roundMm(footW), hMm: roundMm(lh) },
    ];
    return { page: index + 1, widthMm, heightMm, boxes: p.boxes, digitBoxes: p.digitBoxes, textAreas: p.textAreas, texts };
  });
}
