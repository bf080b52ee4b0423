/**
 * The printed questionnaire's layout: every mark, box and line of text of every page, in millimetres
 * from the page's top-left corner, as a pure function of the questionnaire version and the print
 * options. The PDF renderer (paperFormPdf.ts) only draws what this says, and the scan import computes
 * the same layout from a page's QR content alone, so a scanned page identifies its own layout.
 *
 * Fixed print specification (docs/paper-forms.md):
 * - A4, 210 × 297 mm. Four fiducials: solid black squares, 6 mm wide, centres at (12,12), (198,12),
 *   (12,285), (198,285) mm; nothing else is printed within 10 mm of a fiducial centre.
 * - Choice boxes: empty squares, 5 mm (large print 7 mm), stroke 0.35 mm black, at least 3 mm from any
 *   other box or text. One box per choice (`value` as stored in the answers; `multiple` for checkbox and
 *   tagbox, whose answer is the list of ticked values), two boxes for a boolean (its stored true/false
 *   values), one box per rating value. Matrix questions cannot occur: parseQuestionnaire refuses every
 *   matrix type, because the answer validator cannot check them; should they be admitted, each row ×
 *   column box is named `matrixName.rowValue` with the column value as `value`, as SurveyJS stores a
 *   matrix answer `{ rowValue: columnValue }`.
 * - Number questions: one digit box per digit of the question's `max` (3 without a max), listed in
 *   `digitBoxes` with `position` 0 for the leftmost digit; numbers are written right-aligned.
 * - Text and comment questions: a writing area (`textAreas`), not read automatically. A choice
 *   question with an "other" item gets a writing area named `<question>-Comment`, where SurveyJS keeps it.
 * - QR code (error correction M, 22 mm) at the top between the top fiducials, the same text as a readable
 *   line below it: `FBQ1;q=<id>@<version>;lang=<de|en>;lp=<0|1>;p=<page>/<pages>;h=<layoutHash>;f=<formId>`
 *   (pageIdentity.ts). The QR code and that line are not part of `pages`: they depend on the form.
 * - layoutHash: the first 8 hex digits of sha256 over the canonical JSON (keys sorted, millimetres
 *   rounded to 0.01) of `pages`; the same questionnaire version and options always give the same hash.
 *
 * Question numbers count the answerable questions in questionnaire order (hidden ones included: the
 * paper form shows all of them). Filter logic is printed: a question with a `visibleIf` carries a note
 * ("Nur beantworten, wenn: Frage 1 mindestens 1"), and a choice that makes the following questions
 * disappear carries a jump ("Wenn Nein: weiter mit Frage 12"), derived from the conditions of the
 * following questions and pages (a condition on the choice, or on a question the jump already skips).
 *
 * The steps live in api/paper/layout/, one concept per file (README.md there lists them): the
 * questionnaire read as numbered print sections, filter jumps and their wording, one block per
 * question or heading, page breaking, page furniture and the hash.
 *
 * Cost: one survey-core model and O(questions · choices) text measurements (Helvetica metrics of pdfkit).
 * @throws AppError unprocessable (`paperform.unprintable`) when a question cannot fit on one page or holds
 *   characters the PDF standard fonts cannot print (e.g. Cyrillic; Latin accents fall back to the plain letter).
 * @example paperLayout(loadQuestionnaire(1), { questionnaire: 'family-life-quality@1', lang: 'de', largePrint: false }).pages[0].boxes[0]
 * // → { question: 'single_parent', value: 1, multiple: false, xMm: 30, yMm: …, wMm: 5, hMm: 5 }
 */
import type { QuestionnaireJson } from '../questionnaire/surveyModel';
import { breakIntoPages } from './layout/breakIntoPages';
import { describeCondition } from './layout/filterWording';
import { filterJumps } from './layout/filterJumps';
import { introBlock } from './layout/introBlock';
import type { LayoutBlock } from './layout/layoutBlock';
import { layoutHashOf } from './layout/layoutHash';
import { addPageFurniture } from './layout/pageFurniture';
import { PAPER_LABELS } from './layout/paperLabels';
import { printSections } from './layout/printSections';
import { printStyle } from './layout/printStyle';
import { questionBlock } from './layout/questionBlock';
import { sectionHeadingBlock } from './layout/sectionHeadingBlock';
import type { PaperLayout, PaperLayoutOptions } from './layout/types';
import { printable } from './layout/unprintable';

export type { ChoiceBox, DigitBox, PaperLang, PaperLayout, PaperLayoutOptions, PaperPage, TextArea, TextFont, TextItem } from './layout/types';
export { BOX_CLEARANCE_MM, PAPER_GEOMETRY } from './layout/paperGeometry';
export { lineHeightMm, pdfFontName } from './layout/measureText';
export { layoutHashOf } from './layout/layoutHash';

export function paperLayout(json: QuestionnaireJson, options: PaperLayoutOptions): PaperLayout {
  const { questionnaire, lang, largePrint } = options;
  if (lang !== 'de' && lang !== 'en') throw new RangeError(`language '${String(lang)}' is neither de nor en`);
  const style = printStyle(largePrint);
  const labels = PAPER_LABELS[lang];
  const sections = printSections(json, lang);
  const all = sections.flatMap((s) => s.questions);
  const byName = new Map(all.map((q) => [q.catalogue.name, q]));
  const blocks: LayoutBlock[] = [printable('title', () => introBlock(json, style, labels, lang))];
  for (const section of sections) {
    if (section.questions.length === 0) continue;
    const condition = section.conditions.length > 0 ? labels.onlyPart + section.conditions.map((c) => describeCondition(c, byName, labels, lang)).join(labels.and) : '';
    if (section.title || section.description || condition) blocks.push(printable(section.name, () => sectionHeadingBlock(section.title, section.description, condition, style)));
    for (const question of section.questions) blocks.push(printable(question.catalogue.name, () => questionBlock(question, filterJumps(all.indexOf(question), all), byName, style, labels, lang)));
  }
  const pages = addPageFurniture(breakIntoPages(blocks, style), style, labels);
  return { questionnaire, lang, largePrint, layoutHash: layoutHashOf(pages), pages };
}
