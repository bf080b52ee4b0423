/**
 * The shape of a printed questionnaire: pages of boxes, digit boxes, writing areas and lines of text,
 * all in millimetres from the page's top-left corner. The PDF renderer draws exactly these, the scan
 * import reads the boxes at these places, and the layout hash is taken over them, so every field here
 * is part of the printed form's identity.
 */

export type PaperLang = 'de' | 'en';

export interface PaperLayoutOptions {
  /** `id@version`, e.g. `family-life-quality@1`. */
  readonly questionnaire: string;
  readonly lang: PaperLang;
  readonly largePrint: boolean;
}

/** A choice box: tick it to give `value` to `question`. */
export interface ChoiceBox {
  readonly question: string;
  readonly value: unknown;
  /** True for multiple-choice questions (checkbox, tagbox): the answer is the list of ticked values. */
  readonly multiple: boolean;
  readonly xMm: number;
  readonly yMm: number;
  readonly wMm: number;
  readonly hMm: number;
}

/** One digit of a number question; `position` 0 is the leftmost digit. */
export interface DigitBox {
  readonly question: string;
  readonly position: number;
  /** How many digit boxes the question has. */
  readonly digits: number;
  readonly xMm: number;
  readonly yMm: number;
  readonly wMm: number;
  readonly hMm: number;
}

/** A writing area for free text; not read automatically. */
export interface TextArea {
  readonly question: string;
  readonly xMm: number;
  readonly yMm: number;
  readonly wMm: number;
  readonly hMm: number;
}

export type TextFont = 'regular' | 'bold' | 'italic';

/** One line of text; (xMm, yMm) is the top-left of its line box, wMm × hMm the box. */
export interface TextItem {
  readonly text: string;
  readonly font: TextFont;
  readonly sizePt: number;
  readonly xMm: number;
  readonly yMm: number;
  readonly wMm: number;
  readonly hMm: number;
}

export interface PaperPage {
  /** 1-based page number. */
  readonly page: number;
  readonly widthMm: number;
  readonly heightMm: number;
  readonly boxes: readonly ChoiceBox[];
  readonly digitBoxes: readonly DigitBox[];
  readonly textAreas: readonly TextArea[];
  readonly texts: readonly TextItem[];
}

export interface PaperLayout {
  /** `id@version`. */
  readonly questionnaire: string;
  readonly lang: PaperLang;
  readonly largePrint: boolean;
  /** 8 hex digits identifying `pages`. */
  readonly layoutHash: string;
  readonly pages: readonly PaperPage[];
}
