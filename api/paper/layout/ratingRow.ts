import type { Question } from 'survey-core';
import { toWinAnsi } from '../../letters/winAnsi';
import { localized } from '../../questionnaire/surveyModel';
import type { LayoutBlock } from './layoutBlock';
import { lineHeightMm, textWidthMm } from './measureText';
import { BOX_CLEARANCE_MM } from './paperGeometry';
import type { PrintStyle } from './printStyle';
import type { PaperLang } from './types';

/** The parts of a survey-core rating question the printed row reads. */
interface RatingQuestion {
  locMinRateDescription: { getJson(): unknown };
  locMaxRateDescription: { getJson(): unknown };
  visibleRateValues: { value: unknown; locText: { getJson(): unknown } }[];
}

/**
 * A rating scale in one row: each value's label centred above its box, the boxes `pitch` apart (at
 * least the style's rating pitch, wider when a label needs it), and the end descriptions below the
 * first and last box ("sehr unzufrieden" … "sehr zufrieden"; the right one moves to its own line when
 * both would touch). Returns the y below the row, or undefined — adding nothing — when the row would
 * reach past `right`: such a scale is printed as a list like a choice question.
 * @throws RangeError when a label holds a character the standard PDF fonts cannot print.
 */
export function addRatingRow(block: LayoutBlock, name: string, question: Question, x: number, y: number, right: number, style: PrintStyle, lang: PaperLang): number | undefined {
  const r = question as unknown as RatingQuestion;
  const items = r.visibleRateValues;
  const box = style.box;
  const pitch = Math.max(style.ratingPitch, ...items.map((i) => textWidthMm(localized(i.locText.getJson(), String(i.value))[lang], 'regular', style.body) + BOX_CLEARANCE_MM));
  const rowRight = x + (items.length - 1) * pitch + box;
  if (rowRight > right) return undefined;
  const lh = lineHeightMm(style.body);
  const boxY = y + lh + BOX_CLEARANCE_MM;
  items.forEach((rate, i) => {
    const bx = x + i * pitch;
    const label = toWinAnsi(localized(rate.locText.getJson(), String(rate.value))[lang], 'rating label');
    const w = textWidthMm(label, 'regular', style.body);
    block.texts.push({ text: label, font: 'regular', sizePt: style.body, xMm: bx + box / 2 - w / 2, yMm: y, wMm: w, hMm: lh });
    block.boxes.push({ question: name, value: rate.value, multiple: false, xMm: bx, yMm: boxY, wMm: box, hMm: box });
  });
  let below = boxY + box + BOX_CLEARANCE_MM;
  const low = toWinAnsi(localized(r.locMinRateDescription.getJson(), '')[lang], 'rating label');
  const high = toWinAnsi(localized(r.locMaxRateDescription.getJson(), '')[lang], 'rating label');
  const noteLh = lineHeightMm(style.note);
  const lowW = low ? textWidthMm(low, 'italic', style.note) : 0;
  const highW = high ? textWidthMm(high, 'italic', style.note) : 0;
  if (low) block.texts.push({ text: low, font: 'italic', sizePt: style.note, xMm: x, yMm: below, wMm: lowW, hMm: noteLh });
  if (high) {
    const sameLine = !low || x + lowW + 4 <= rowRight - highW;
    const hy = sameLine ? below : below + noteLh;
    const hx = Math.max(x, rowRight - highW);
    block.texts.push({ text: high, font: 'italic', sizePt: style.note, xMm: hx, yMm: hy, wMm: highW, hMm: noteLh });
    below = hy;
  }
  return low || high ? below + noteLh : boxY + box;
}
