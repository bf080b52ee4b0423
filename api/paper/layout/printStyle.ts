/**
 * Type sizes (pt) and distances (mm) of normal and large print. Large print scales text, boxes and
 * writing lines together, so a page holds fewer questions but keeps every box clear of its texts.
 * @example printStyle(true).box // → 7
 */
export interface PrintStyle {
  /** Answer labels and rating values. */
  readonly body: number;
  /** The question's number and title. */
  readonly title: number;
  /** Page (section) titles; the questionnaire's title is 2 pt larger. */
  readonly heading: number;
  /** Conditions, hints, jumps, page number and footer. */
  readonly note: number;
  /** Side of a choice box. */
  readonly box: number;
  /** Size of a digit box. */
  readonly digit: { readonly w: number; readonly h: number };
  /** Left edge of titles and boxes; the question number stands left of it. */
  readonly indent: number;
  /** Space between two questions (half of it after a heading). */
  readonly blockGap: number;
  /** Smallest distance between the boxes of a rating scale in one row. */
  readonly ratingPitch: number;
  /** Height of one line of a writing area. */
  readonly writingLine: number;
}

const NORMAL: PrintStyle = { body: 10, title: 10, heading: 12, note: 8.5, box: 5, digit: { w: 6, h: 8 }, indent: 30, blockGap: 6, ratingPitch: 12, writingLine: 8 };
const LARGE: PrintStyle = { body: 14, title: 14, heading: 17, note: 12, box: 7, digit: { w: 8, h: 10 }, indent: 33, blockGap: 8, ratingPitch: 14, writingLine: 11 };

export function printStyle(largePrint: boolean): PrintStyle {
  return largePrint ? LARGE : NORMAL;
}
