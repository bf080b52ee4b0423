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
 * Cost: one survey-core model and O(questions · choices) text measurements (Helvetica metrics of pdfkit).
 * @throws AppError unprocessable (`paperform.unprintable`) when a question cannot fit on one page or holds
 *   characters the PDF standard fonts cannot print (e.g. Cyrillic; Latin accents fall back to the plain letter).
 * @example paperLayout(loadQuestionnaire(1), { questionnaire: 'family-life-quality@1', lang: 'de', largePrint: false }).pages[0].boxes[0]
 * // → { question: 'single_parent', value: 1, multiple: false, xMm: 30, yMm: …, wMm: 5, hMm: 5 }
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { ConditionsParser, type Question } from 'survey-core';
import { AppError } from '../errors/appError';
import { questionCatalogue, type CatalogueQuestion } from '../questionnaire/questionCatalogue';
import { createModel, localized, type QuestionnaireJson } from '../questionnaire/surveyModel';
import { toWinAnsi } from '../letters/winAnsi';

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

/** The fixed marks of every page (millimetres from the top-left corner). */
export const PAPER_GEOMETRY = {
  page: { widthMm: 210, heightMm: 297 },
  /** Centres of the solid fiducial squares. */
  fiducials: [
    { xMm: 12, yMm: 12 },
    { xMm: 198, yMm: 12 },
    { xMm: 12, yMm: 285 },
    { xMm: 198, yMm: 285 },
  ],
  fiducialSizeMm: 6,
  /** Nothing else is printed within this distance of a fiducial centre. */
  fiducialClearMm: 10,
  /** The QR code: a square, top-left corner and side. */
  qr: { xMm: 94, yMm: 5, sizeMm: 22 },
  /** The readable line with the QR text: centred on xMm, its line box from yMm. */
  readableLine: { xMm: 105, yMm: 29, sizePt: 6.5 },
  boxStrokeMm: 0.35,
  /** Where questions go. */
  content: { leftMm: 20, rightMm: 190, topMm: 38, bottomMm: 268 },
  /** Page number and "continue" line. */
  footerYMm: 273,
} as const;

/** Minimum distance between a box and any other box or text. */
export const BOX_CLEARANCE_MM = 3;
/** A choice list longer than this runs in columns (at most three). */
const LIST_ROWS = 10;
const COLUMN_GAP_MM = 6;

const PT = 25.4 / 72;

interface Style {
  body: number;
  title: number;
  heading: number;
  note: number;
  box: number;
  digit: { w: number; h: number };
  indent: number;
  blockGap: number;
  ratingPitch: number;
  writingLine: number;
}

const STYLES: Record<'normal' | 'large', Style> = {
  normal: { body: 10, title: 10, heading: 12, note: 8.5, box: 5, digit: { w: 6, h: 8 }, indent: 30, blockGap: 6, ratingPitch: 12, writingLine: 8 },
  large: { body: 14, title: 14, heading: 17, note: 12, box: 7, digit: { w: 8, h: 10 }, indent: 33, blockGap: 8, ratingPitch: 14, writingLine: 11 },
};

const LABELS = {
  de: {
    question: 'Frage',
    page: (p: number, n: number) => `Seite ${p} von ${n}`,
    next: 'Bitte weiter auf der nächsten Seite',
    end: 'Ende des Fragebogens. Vielen Dank für Ihre Teilnahme!',
    how: [
      'So füllen Sie den Fragebogen aus: Bitte mit Kugelschreiber und ein Kreuz (X) in das Kästchen der zutreffenden Antwort.',
      'Zahlen bitte rechtsbündig in die Kästchen schreiben, eine Ziffer je Kästchen.',
      'Antwort ändern: das falsche Kästchen ganz ausmalen und das richtige ankreuzen.',
    ],
    multiple: 'Mehrere Antworten möglich.',
    only: 'Nur beantworten, wenn: ',
    onlyPart: 'Diesen Teil nur beantworten, wenn: ',
    jump: (choices: string, target: string) => `Wenn ${choices}: weiter mit ${target}`,
    jumpEnd: (choices: string) => `Wenn ${choices}: weiter zum Ende des Fragebogens`,
    or: ' oder ',
    and: ' und ',
    number: (min: number | undefined, max: number | undefined) => (min !== undefined && max !== undefined ? `Zahl von ${min} bis ${max}` : 'Zahl'),
    ops: { greaterorequal: 'mindestens', lessorequal: 'höchstens', greater: 'mehr als', less: 'weniger als', notequal: 'nicht', noneof: 'nicht', empty: 'nicht beantwortet', notempty: 'beantwortet', contains: 'mit', notcontains: 'ohne' },
    quote: (text: string) => `„${text}“`,
  },
  en: {
    question: 'question',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
    next: 'Please turn over to the next page',
    end: 'End of the questionnaire. Thank you for taking part!',
    how: [
      'How to fill in this form: please use a ballpoint pen and put a cross (X) in the box of the answer that applies.',
      'Write numbers right-aligned in the boxes, one digit per box.',
      'To change an answer: fill the wrong box in completely and cross the right one.',
    ],
    multiple: 'More than one answer possible.',
    only: 'Only answer if: ',
    onlyPart: 'Only answer this part if: ',
    jump: (choices: string, target: string) => `If ${choices}: go on with ${target}`,
    jumpEnd: (choices: string) => `If ${choices}: go on to the end of the questionnaire`,
    or: ' or ',
    and: ' and ',
    number: (min: number | undefined, max: number | undefined) => (min !== undefined && max !== undefined ? `Number from ${min} to ${max}` : 'Number'),
    ops: { greaterorequal: 'at least', lessorequal: 'at most', greater: 'more than', less: 'less than', notequal: 'not', noneof: 'not', empty: 'not answered', notempty: 'answered', contains: 'with', notcontains: 'without' },
    quote: (text: string) => `“${text}”`,
  },
} as const;

type Labels = (typeof LABELS)[PaperLang];

// ---- text measurement (pdfkit's built-in Helvetica metrics, no file I/O beyond pdfkit's own AFM data)

let measureDoc: InstanceType<typeof PDFDocument> | undefined;
const FONT_NAMES: Record<TextFont, string> = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };

/** The pdfkit font name of a layout font. */
export function pdfFontName(font: TextFont): string {
  return FONT_NAMES[font];
}

function textWidthMm(text: string, font: TextFont, sizePt: number): number {
  measureDoc ??= new PDFDocument({ autoFirstPage: false });
  measureDoc.font(FONT_NAMES[font]).fontSize(sizePt);
  return measureDoc.widthOfString(text) * PT;
}

/** Height of one line box: Helvetica's ascender − descender + line gap (1.156 em). */
export function lineHeightMm(sizePt: number): number {
  return sizePt * 1.156 * PT;
}

function wrap(text: string, font: TextFont, sizePt: number, widthMm: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (line !== '' && textWidthMm(candidate, font, sizePt) > widthMm) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

// ---- blocks: a question (or a heading) with coordinates relative to its top

interface Block {
  height: number;
  boxes: ChoiceBox[];
  digitBoxes: DigitBox[];
  textAreas: TextArea[];
  texts: TextItem[];
  /** Printed on the same page as the next block (headings). */
  keepWithNext: boolean;
}

function emptyBlock(): Block {
  return { height: 0, boxes: [], digitBoxes: [], textAreas: [], texts: [], keepWithNext: false };
}

/** Adds wrapped text at (x, y) within width; returns the y below it. */
function addText(block: Block, text: string, font: TextFont, sizePt: number, x: number, y: number, width: number): number {
  const lh = lineHeightMm(sizePt);
  for (const line of wrap(toWinAnsi(text, 'questionnaire text'), font, sizePt, width)) {
    if (line !== '') block.texts.push({ text: line, font, sizePt, xMm: x, yMm: y, wMm: textWidthMm(line, font, sizePt), hMm: lh });
    y += lh;
  }
  block.height = Math.max(block.height, y);
  return y;
}

function extend(block: Block, bottom: number): void {
  block.height = Math.max(block.height, bottom);
}

// ---- filter logic

interface Operand {
  getType(): string;
  operatorName?: string;
  leftOperand?: Operand;
  rightOperand?: Operand;
  expression?: Operand;
  variable?: string;
  value?: unknown;
  values?: Operand[];
  toString(): string;
}

/** A comparison of one variable with constants: the only conditions jumps are derived from. */
interface Comparison {
  variable: string;
  op: string;
  values: unknown[];
}

function parseCondition(expression: string): Operand | undefined {
  try {
    return new ConditionsParser().parseExpression(expression) as unknown as Operand | undefined;
  } catch {
    return undefined;
  }
}

function conjuncts(op: Operand | undefined): Operand[] {
  if (op === undefined) return [];
  if (op.getType() === 'binary' && op.operatorName === 'and') return [...conjuncts(op.leftOperand), ...conjuncts(op.rightOperand)];
  return [op];
}

function constantOf(op: Operand): unknown {
  const value = op.value;
  if (typeof value === 'string' && /^'.*'$|^".*"$/.test(value)) return value.slice(1, -1);
  return value;
}

function asComparison(op: Operand): Comparison | undefined {
  if (op.getType() === 'unary' && (op.operatorName === 'empty' || op.operatorName === 'notempty') && op.expression?.getType() === 'variable') {
    return { variable: op.expression.variable!, op: op.operatorName, values: [] };
  }
  if (op.getType() !== 'binary' || op.leftOperand?.getType() !== 'variable' || op.rightOperand === undefined) return undefined;
  const right = op.rightOperand;
  const values = right.getType() === 'array' ? (right.values ?? []).map(constantOf) : right.getType() === 'const' ? [constantOf(right)] : undefined;
  if (values === undefined) return undefined;
  return { variable: op.leftOperand.variable!, op: op.operatorName!, values };
}

function same(a: unknown, b: unknown): boolean {
  return String(a) === String(b);
}

/** Whether the comparison holds for one answer (undefined = not answered). */
function holds(c: Comparison, answer: unknown): boolean {
  const empty = answer === undefined;
  switch (c.op) {
    case 'empty':
      return empty;
    case 'notempty':
      return !empty;
    case 'equal':
    case 'anyof':
      return !empty && c.values.some((v) => same(v, answer));
    case 'notequal':
    case 'noneof':
      return empty || !c.values.some((v) => same(v, answer));
    case 'less':
    case 'lessorequal':
    case 'greater':
    case 'greaterorequal': {
      if (empty) return false;
      const a = Number(answer);
      const b = Number(c.values[0]);
      if (c.op === 'less') return a < b;
      if (c.op === 'lessorequal') return a <= b;
      if (c.op === 'greater') return a > b;
      return a >= b;
    }
    default:
      return true; // unknown operator: never assume it hides anything
  }
}

// ---- the questionnaire as printed items

interface PrintQuestion {
  readonly number: number;
  readonly catalogue: CatalogueQuestion;
  readonly question: Question;
  /** Top-level conjuncts of the page's and the question's conditions. */
  readonly conditions: Operand[];
  /** The question's own conjuncts not already stated by its page. */
  readonly ownConditions: Operand[];
}

interface PrintSection {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly conditions: Operand[];
  readonly questions: PrintQuestion[];
}

interface Container {
  isPage?: boolean;
  visibleIf?: string;
  parent?: Container;
}

function readSections(json: QuestionnaireJson, lang: PaperLang): PrintSection[] {
  const catalogue = new Map(questionCatalogue(json).map((q) => [q.name, q]));
  const model = createModel(json, lang);
  const sections: PrintSection[] = [];
  let number = 0;
  for (const page of model.pages) {
    const p = page as unknown as { visibleIf?: string; locTitle: { getJson(): unknown }; locDescription: { getJson(): unknown } };
    const pageConditions = conjuncts(p.visibleIf ? parseCondition(p.visibleIf) : undefined);
    const pageKeys = new Set(pageConditions.map((c) => c.toString()));
    const questions: PrintQuestion[] = [];
    for (const question of page.questions) {
      const entry = catalogue.get(question.name);
      if (entry === undefined) continue;
      number += 1;
      // Conditions of enclosing panels hold for the question too.
      const expressions: string[] = entry.visibleIf ? [entry.visibleIf] : [];
      for (let parent = (question as unknown as { parent?: Container }).parent; parent && !parent.isPage; parent = parent.parent) {
        if (parent.visibleIf) expressions.push(parent.visibleIf);
      }
      const own = expressions.flatMap((e) => conjuncts(parseCondition(e))).filter((c, i, all) => !pageKeys.has(c.toString()) && all.findIndex((d) => d.toString() === c.toString()) === i);
      questions.push({ number, catalogue: entry, question, conditions: [...pageConditions, ...own], ownConditions: own });
    }
    sections.push({
      name: page.name,
      title: localized(p.locTitle.getJson(), '')[lang],
      description: localized(p.locDescription.getJson(), '')[lang],
      conditions: pageConditions,
      questions,
    });
  }
  return sections;
}

/** Jumps of a choice question: for each target question number (or 0 = end), the choices leading there. */
function jumpsOf(index: number, all: PrintQuestion[]): Map<number, unknown[]> {
  const source = all[index]!;
  const jumps = new Map<number, unknown[]>();
  if (source.catalogue.multiple || source.catalogue.choices === undefined) return jumps;
  for (const choice of source.catalogue.choices) {
    const skipped = new Set<string>();
    let next = index + 1;
    for (; next < all.length; next += 1) {
      const candidate = all[next]!;
      const hidden = candidate.conditions.some((op) => {
        const c = asComparison(op);
        if (c === undefined) return false;
        if (c.variable === source.catalogue.name) return !holds(c, choice.value);
        if (skipped.has(c.variable)) return !holds(c, undefined);
        return false;
      });
      if (!hidden) break;
      skipped.add(candidate.catalogue.name);
    }
    if (skipped.size === 0) continue;
    const target = next < all.length ? all[next]!.number : 0;
    jumps.set(target, [...(jumps.get(target) ?? []), choice.value]);
  }
  return jumps;
}

/** "A", "A oder B", "A, B oder C". */
function listOf(items: string[], labels: Labels): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')}${labels.or}${items[items.length - 1]}`;
}

function choiceText(q: CatalogueQuestion, value: unknown, lang: PaperLang): string {
  const choice = q.choices?.find((c) => same(c.value, value));
  return choice ? choice.text[lang] : String(value);
}

/** A condition in words: "Frage 3 mindestens 1", "Frage 4 „Ja“ oder „Teilweise“". */
function describeCondition(op: Operand, byName: Map<string, PrintQuestion>, labels: Labels, lang: PaperLang): string {
  if (op.getType() === 'binary' && (op.operatorName === 'and' || op.operatorName === 'or')) {
    const side = (o: Operand | undefined) => {
      if (o === undefined) return '';
      const text = describeCondition(o, byName, labels, lang);
      return o.getType() === 'binary' && (o.operatorName === 'and' || o.operatorName === 'or') && o.operatorName !== op.operatorName ? `(${text})` : text;
    };
    return `${side(op.leftOperand)}${op.operatorName === 'and' ? labels.and : labels.or}${side(op.rightOperand)}`;
  }
  const c = asComparison(op);
  const nameOf = (variable: string) => {
    const q = byName.get(variable);
    return q ? `${lang === 'de' ? 'Frage' : 'question'} ${q.number}` : variable;
  };
  if (c === undefined) return op.toString().replace(/\{([^}]+)\}/g, (_m, v: string) => nameOf(v));
  const subject = byName.get(c.variable);
  const show = (value: unknown) => (subject?.catalogue.choices && subject.catalogue.inputType === undefined ? labels.quote(choiceText(subject.catalogue, value, lang)) : String(value));
  const list = listOf(c.values.map(show), labels);
  const ops = labels.ops as Record<string, string>;
  switch (c.op) {
    case 'equal':
    case 'anyof':
      return `${nameOf(c.variable)} ${list}`;
    case 'empty':
    case 'notempty':
      return `${nameOf(c.variable)} ${ops[c.op]}`;
    default:
      return `${nameOf(c.variable)} ${ops[c.op] ?? c.op} ${list}`;
  }
}

// ---- blocks per question

function questionBlock(item: PrintQuestion, jumps: Map<number, unknown[]>, byName: Map<string, PrintQuestion>, style: Style, labels: Labels, lang: PaperLang): Block {
  const block = emptyBlock();
  const q = item.catalogue;
  const left = PAPER_GEOMETRY.content.leftMm;
  const right = PAPER_GEOMETRY.content.rightMm;
  const x = style.indent;
  const width = right - x;
  const lh = lineHeightMm(style.body);
  addText(block, `${item.number}.`, 'bold', style.title, left, 0, x - left - 2);
  let y = addText(block, q.title[lang], 'bold', style.title, x, 0, width);
  const notes: string[] = [];
  if (item.ownConditions.length > 0) notes.push(labels.only + item.ownConditions.map((c) => describeCondition(c, byName, labels, lang)).join(labels.and));
  if (q.multiple) notes.push(labels.multiple);
  for (const note of notes) y = addText(block, note, 'italic', style.note, x, y + 0.5, width);
  y += BOX_CLEARANCE_MM;
  const box = style.box;
  const type = q.type;

  if (q.inputType === 'number') {
    const digits = q.max !== undefined && Number.isFinite(q.max) ? String(Math.trunc(Math.abs(q.max))).length : 3;
    const { w, h } = style.digit;
    for (let position = 0; position < digits; position += 1) {
      block.digitBoxes.push({ question: q.name, position, digits, xMm: x + position * (w + BOX_CLEARANCE_MM), yMm: y, wMm: w, hMm: h });
    }
    const hintX = x + digits * (w + BOX_CLEARANCE_MM) + 1;
    addText(block, labels.number(q.min, q.max), 'italic', style.note, hintX, y + (h - lineHeightMm(style.note)) / 2, right - hintX);
    extend(block, y + h);
    return block;
  }

  if (type === 'text' || type === 'comment') {
    const rows = type === 'comment' ? Math.min(6, Math.max(2, Number((item.question as unknown as { rows?: number }).rows) || 4)) : 1;
    const height = rows * style.writingLine;
    block.textAreas.push({ question: q.name, xMm: x, yMm: y, wMm: width, hMm: height });
    extend(block, y + height);
    return block;
  }

  const choices = q.choices ?? [];
  if (choices.length === 0) throw new AppError('unprocessable', 'paperform.unprintable', { question: q.name, reason: lang === 'de' ? 'keine Antwortmöglichkeiten' : 'no choices' });

  const r = item.question as unknown as { locMinRateDescription: { getJson(): unknown }; locMaxRateDescription: { getJson(): unknown }; visibleRateValues: { value: unknown; locText: { getJson(): unknown } }[] };
  const items = type === 'rating' ? r.visibleRateValues : [];
  const pitch = Math.max(style.ratingPitch, ...items.map((i) => textWidthMm(localized(i.locText.getJson(), String(i.value))[lang], 'regular', style.body) + BOX_CLEARANCE_MM));
  // A scale too long for one row is printed as a list, like a choice question (end labels with the end points).
  if (type === 'rating' && x + (items.length - 1) * pitch + box <= right) {
    const boxY = y + lh + BOX_CLEARANCE_MM;
    items.forEach((rate, i) => {
      const bx = x + i * pitch;
      const label = toWinAnsi(localized(rate.locText.getJson(), String(rate.value))[lang], 'rating label');
      const w = textWidthMm(label, 'regular', style.body);
      block.texts.push({ text: label, font: 'regular', sizePt: style.body, xMm: bx + box / 2 - w / 2, yMm: y, wMm: w, hMm: lh });
      block.boxes.push({ question: q.name, value: rate.value, multiple: false, xMm: bx, yMm: boxY, wMm: box, hMm: box });
    });
    let below = boxY + box + BOX_CLEARANCE_MM;
    const low = toWinAnsi(localized(r.locMinRateDescription.getJson(), '')[lang], 'rating label');
    const high = toWinAnsi(localized(r.locMaxRateDescription.getJson(), '')[lang], 'rating label');
    const rowRight = x + (items.length - 1) * pitch + box;
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
    y = low || high ? below + noteLh : boxY + box;
  } else {
    const multiple = q.multiple;
    const labelsOf = choices.map((c) => toWinAnsi(c.text[lang], `choice of ${q.name}`));
    const widths = labelsOf.map((l) => textWidthMm(l, 'regular', style.body));
    const rowWidth = widths.reduce((sum, w) => sum + box + BOX_CLEARANCE_MM + w, 0) + (choices.length - 1) * 8;
    const textOffset = (box - lh) / 2;
    if (rowWidth <= width && choices.length <= 4) {
      let bx = x;
      choices.forEach((choice, i) => {
        block.boxes.push({ question: q.name, value: choice.value, multiple, xMm: bx, yMm: y, wMm: box, hMm: box });
        block.texts.push({ text: labelsOf[i]!, font: 'regular', sizePt: style.body, xMm: bx + box + BOX_CLEARANCE_MM, yMm: y + textOffset, wMm: widths[i]!, hMm: lh });
        bx += box + BOX_CLEARANCE_MM + widths[i]! + 8;
      });
      y += Math.max(box, lh);
    } else {
      // Long lists run down in up to three columns, so a question stays on one page.
      const columns = Math.min(3, Math.ceil(choices.length / LIST_ROWS));
      const rows = Math.ceil(choices.length / columns);
      const columnWidth = (width + COLUMN_GAP_MM) / columns;
      const placed: ChoiceBox[] = new Array<ChoiceBox>(choices.length);
      for (let row = 0; row < rows; row += 1) {
        let end = y + box;
        for (let column = 0; column < columns; column += 1) {
          const i = column * rows + row;
          const choice = choices[i];
          if (choice === undefined) continue;
          const bx = x + column * columnWidth;
          placed[i] = { question: q.name, value: choice.value, multiple, xMm: bx, yMm: y, wMm: box, hMm: box };
          const labelX = bx + box + BOX_CLEARANCE_MM;
          end = Math.max(end, addText(block, labelsOf[i]!, 'regular', style.body, labelX, y + textOffset, bx + columnWidth - COLUMN_GAP_MM - labelX));
        }
        y = end + BOX_CLEARANCE_MM;
      }
      block.boxes.push(...placed); // in choice order, as the answers list them
      y -= BOX_CLEARANCE_MM;
    }
    const other = item.question as unknown as { showOtherItem?: boolean };
    if (other.showOtherItem === true) {
      y += BOX_CLEARANCE_MM;
      block.textAreas.push({ question: `${q.name}-Comment`, xMm: x, yMm: y, wMm: width, hMm: style.writingLine });
      y += style.writingLine;
    }
  }
  extend(block, y);

  if (jumps.size > 0) {
    y += BOX_CLEARANCE_MM;
    for (const [target, values] of [...jumps.entries()].sort((a, b) => (a[0] === 0 ? 1 : b[0] === 0 ? -1 : a[0] - b[0]))) {
      const texts = values.map((v) => choiceText(q, v, lang));
      const which = texts.length === 1 && !/\s|,/.test(texts[0]!) ? texts[0]! : listOf(texts.map(labels.quote), labels);
      const text = target === 0 ? labels.jumpEnd(which) : labels.jump(which, `${labels.question} ${target}`);
      y = addText(block, text, 'bold', style.note, x, y, width);
    }
  }
  return block;
}

function headingBlock(title: string, description: string, conditionText: string, style: Style): Block {
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

function introBlock(json: QuestionnaireJson, style: Style, labels: Labels, lang: PaperLang): Block {
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

// ---- pagination

interface MutablePage {
  boxes: ChoiceBox[];
  digitBoxes: DigitBox[];
  textAreas: TextArea[];
  texts: TextItem[];
}

const round = (v: number) => Math.round(v * 100) / 100;

function place<T extends { yMm: number; xMm: number; wMm: number; hMm: number }>(items: readonly T[], dy: number): T[] {
  return items.map((i) => ({ ...i, xMm: round(i.xMm), yMm: round(i.yMm + dy), wMm: round(i.wMm), hMm: round(i.hMm) }));
}

function paginate(blocks: Block[], style: Style, labels: Labels): PaperPage[] {
  const { topMm, bottomMm } = PAPER_GEOMETRY.content;
  const pages: MutablePage[] = [];
  let current: MutablePage | undefined;
  let y = Infinity;
  for (let i = 0; i < blocks.length; i += 1) {
    // A heading stays with the block after it.
    const group = [blocks[i]!];
    while (group[group.length - 1]!.keepWithNext && i + 1 < blocks.length) group.push(blocks[++i]!);
    const height = group.reduce((sum, b) => sum + b.height, 0) + (group.length - 1) * (style.blockGap / 2);
    if (height > bottomMm - topMm) {
      const names = group.flatMap((b) => [...b.boxes, ...b.digitBoxes, ...b.textAreas].map((x) => x.question));
      throw new AppError('unprocessable', 'paperform.unprintable', { question: names[0] ?? '?', reason: `${Math.round(height)} mm > ${bottomMm - topMm} mm` });
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
  const { widthMm, heightMm } = PAPER_GEOMETRY.page;
  return pages.map((p, index) => {
    const last = index === pages.length - 1;
    const headerSize = style.note;
    const pageText = toWinAnsi(labels.page(index + 1, pages.length), 'page');
    const footText = toWinAnsi(last ? labels.end : labels.next, 'footer');
    const lh = lineHeightMm(headerSize);
    const pageW = textWidthMm(pageText, 'bold', headerSize);
    const footW = textWidthMm(footText, 'italic', headerSize);
    const texts: TextItem[] = [
      { text: pageText, font: 'bold', sizePt: headerSize, xMm: 24, yMm: 10, wMm: round(pageW), hMm: round(lh) },
      ...p.texts,
      { text: footText, font: 'italic', sizePt: headerSize, xMm: round(widthMm / 2 - footW / 2), yMm: PAPER_GEOMETRY.footerYMm, wMm: round(footW), hMm: round(lh) },
    ];
    return { page: index + 1, widthMm, heightMm, boxes: p.boxes, digitBoxes: p.digitBoxes, textAreas: p.textAreas, texts };
  });
}

// ---- hash

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The layout hash of pages: first 8 hex digits of sha256 over their canonical JSON (keys sorted).
 * @example layoutHashOf([]) // → '4f53cda1'
 */
export function layoutHashOf(pages: readonly PaperPage[]): string {
  return createHash('sha256').update(canonical(pages)).digest('hex').slice(0, 8);
}

/** A text the standard fonts cannot print (toWinAnsi) as the error of the question or page it belongs to. */
function printable(element: string, build: () => Block): Block {
  try {
    return build();
  } catch (err) {
    if (err instanceof RangeError) throw new AppError('unprocessable', 'paperform.unprintable', { question: element, reason: err.message });
    throw err;
  }
}

export function paperLayout(json: QuestionnaireJson, options: PaperLayoutOptions): PaperLayout {
  const { questionnaire, lang, largePrint } = options;
  if (lang !== 'de' && lang !== 'en') throw new RangeError(`language '${String(lang)}' is neither de nor en`);
  const style = STYLES[largePrint ? 'large' : 'normal'];
  const labels = LABELS[lang];
  const sections = readSections(json, lang);
  const all = sections.flatMap((s) => s.questions);
  const byName = new Map(all.map((q) => [q.catalogue.name, q]));
  const blocks: Block[] = [printable('title', () => introBlock(json, style, labels, lang))];
  for (const section of sections) {
    if (section.questions.length === 0) continue;
    const condition = section.conditions.length > 0 ? labels.onlyPart + section.conditions.map((c) => describeCondition(c, byName, labels, lang)).join(labels.and) : '';
    if (section.title || section.description || condition) blocks.push(printable(section.name, () => headingBlock(section.title, section.description, condition, style)));
    for (const question of section.questions) blocks.push(printable(question.catalogue.name, () => questionBlock(question, jumpsOf(all.indexOf(question), all), byName, style, labels, lang)));
  }
  const pages = paginate(blocks, style, labels);
  return { questionnaire, lang, largePrint, layoutHash: layoutHashOf(pages), pages };
}
