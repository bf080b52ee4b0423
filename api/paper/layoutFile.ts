import type { PaperLayout } from './paperLayout';

/** The layout file written beside a printed form (`cli paper-form --layout`). */
export interface LayoutFile {
  formId: string;
  /** `id@version`. */
  questionnaire: string;
  lang: 'de' | 'en';
  largePrint: boolean;
  layoutHash: string;
  pages: {
    page: number;
    widthMm: number;
    heightMm: number;
    /** One entry per choice box: `value` as stored in the answers, `multiple` for multiple-choice questions. */
    boxes: { question: string; value: unknown; multiple: boolean; xMm: number; yMm: number; wMm: number; hMm: number }[];
    digitBoxes: { question: string; position: number; digits: number; xMm: number; yMm: number; wMm: number; hMm: number }[];
    textAreas: { question: string; xMm: number; yMm: number; wMm: number; hMm: number }[];
  }[];
}

/**
 * The boxes of a printed form in PDF page order, (xMm, yMm) the top-left corner from the page's
 * top-left corner; the text lines of the layout are left out.
 * @example layoutFile(layout, 'K7M2Q9XT4B8R').pages[1].boxes[0] // → { question: 'childcare_need', value: 1, multiple: false, xMm: 30, … }
 */
export function layoutFile(layout: PaperLayout, formId: string): LayoutFile {
  return {
    formId,
    questionnaire: layout.questionnaire,
    lang: layout.lang,
    largePrint: layout.largePrint,
    layoutHash: layout.layoutHash,
    pages: layout.pages.map((p) => ({
      page: p.page,
      widthMm: p.widthMm,
      heightMm: p.heightMm,
      boxes: p.boxes.map(({ question, value, multiple, xMm, yMm, wMm, hMm }) => ({ question, value, multiple, xMm, yMm, wMm, hMm })),
      digitBoxes: p.digitBoxes.map(({ question, position, digits, xMm, yMm, wMm, hMm }) => ({ question, position, digits, xMm, yMm, wMm, hMm })),
      textAreas: p.textAreas.map(({ question, xMm, yMm, wMm, hMm }) => ({ question, xMm, yMm, wMm, hMm })),
    })),
  };
}
