/**
 * Test support: a folder of synthetic scans with its truth, and the scoring of what the scan import read
 * against that truth (confusion matrix per box state, wrong answers among those accepted automatically,
 * share of marked choice answers accepted automatically, misidentified pages). Used by the scan tests and
 * bench/scan.ts.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { createRng } from '../../../sampling/index';
import { loadQuestionnaire } from '../../questionnaire/registry';
import { paperFormsPdf } from '../paperFormPdf';
import { paperLayout, type PaperLayout } from '../paperLayout';
import type { BoxState } from '../scan/classifyBox';
import { renderPdf } from '../scan/loadScanPages';
import type { ScannedAnswer } from '../scan/questionRules';
import { planMarks, planSpecks, randomDistortion, renderSyntheticScan, type MarkTruth, type ScanDistortion, type SyntheticPageTruth } from './syntheticScans';

export interface SyntheticBatchOptions {
  readonly forms: number;
  readonly seed: number;
  /** Resolution of the scans (default 200). */
  readonly dpi?: number;
  /** Share of forms in English large print (default 0.25). */
  readonly largePrintShare?: number;
  /** Put every second form's pages into one multi-page PDF, as an office scanner does (default true). */
  readonly pdfs?: boolean;
  /** Scan only the first n pages of each form (default all): quicker tests, and missing pages. */
  readonly pagesPerForm?: number;
  /** The form references to print (default S<seed>-001, …); also sets the number of forms. */
  readonly formIds?: readonly string[];
  /** Write every page of every form into one PDF `batch.pdf`, as one upload (default false). */
  readonly singlePdf?: boolean;
  /** Save every page file in this format (default: drawn per page; pages inside PDFs stay JPEG). */
  readonly format?: ScanDistortion['format'];
}

export interface SyntheticBatch {
  readonly dir: string;
  readonly pages: number;
  /** Truth per `formId/page`. */
  readonly truth: ReadonlyMap<string, SyntheticPageTruth>;
  /** How each page was scanned (`formId/page` → distortion), to explain errors. */
  readonly scans: ReadonlyMap<string, ScanDistortion>;
}

const layouts = new Map<string, PaperLayout>();
function layoutFor(lang: 'de' | 'en', largePrint: boolean): PaperLayout {
  const key = `${lang}${largePrint}`;
  let l = layouts.get(key);
  if (l === undefined) {
    l = paperLayout(loadQuestionnaire(1), { questionnaire: 'family-life-quality@1', lang, largePrint });
    layouts.set(key, l);
  }
  return l;
}

/**
 * Writes `forms` synthetic scanned forms into `dir` (file names shuffled, pages of a PDF in scrambled
 * order) and returns their truth. Each form is printed with paperFormsPdf, rendered with pdftoppm at the
 * scan resolution, marked and distorted (syntheticScans.ts).
 */
export async function writeSyntheticBatch(dir: string, options: SyntheticBatchOptions): Promise<SyntheticBatch> {
  mkdirSync(dir, { recursive: true });
  const rng = createRng(options.seed);
  // Specks come from their own stream, so the marks and distortions of a seed stay what they were.
  const dust = createRng(options.seed + 1_000_003);
  const dpi = options.dpi ?? 200;
  const truth = new Map<string, SyntheticPageTruth>();
  const scans = new Map<string, ScanDistortion>();
  let pages = 0;
  const all: Buffer[] = [];
  const count = options.formIds?.length ?? options.forms;
  for (let f = 0; f < count; f++) {
    const formId = options.formIds?.[f] ?? `S${options.seed}-${String(f + 1).padStart(3, '0')}`;
    const large = rng.uniform() < (options.largePrintShare ?? 0.25);
    const layout = layoutFor(large ? 'en' : 'de', large);
    const pdfPath = join(dir, `.blank-${formId}.pdf`);
    writeFileSync(pdfPath, await paperFormsPdf(layout, [formId]));
    const blanks = await renderPdf(pdfPath, dpi);
    rmSync(pdfPath);
    const asPdf = options.singlePdf === true || ((options.pdfs ?? true) && f % 2 === 1);
    const jpegPages: Buffer[] = [];
    for (let p = 0; p < Math.min(layout.pages.length, options.pagesPerForm ?? Infinity); p++) {
      const plan = planMarks(layout.pages[p]!, rng);
      const drawn = randomDistortion(rng);
      const distortion: ScanDistortion = asPdf ? { ...drawn, format: 'jpeg' } : { ...drawn, format: options.format ?? drawn.format };
      scans.set(`${formId}/${p + 1}`, distortion);
      const { bytes, traceless } = await renderSyntheticScan(blanks[p]!, dpi, [...plan.strokes, ...planSpecks(layout.pages[p]!, dust)], distortion, rng);
      const boxes = plan.truth.boxes.map((b, i) => (traceless.includes(i) ? { ...b, traceless: true } : b));
      truth.set(`${formId}/${p + 1}`, { ...plan.truth, boxes });
      pages++;
      if (asPdf) jpegPages.push(bytes);
      else writeFileSync(join(dir, `scan-${rng.nextUint32().toString(36)}`), bytes);
    }
    if (options.singlePdf === true) {
      all.push(...jpegPages);
    } else if (asPdf) {
      // The sheets in the feeder in a scrambled order.
      for (let i = jpegPages.length - 1; i > 0; i--) {
        const j = rng.uniformInt(i + 1);
        [jpegPages[i], jpegPages[j]] = [jpegPages[j]!, jpegPages[i]!];
      }
      writeFileSync(join(dir, `batch-${rng.nextUint32().toString(36)}.pdf`), await jpegPdf(jpegPages));
    }
  }
  if (options.singlePdf === true) writeFileSync(join(dir, 'batch.pdf'), await jpegPdf(all));
  return { dir, pages, truth, scans };
}

/** A multi-page A4 PDF with one full-page JPEG per page, as an office scanner writes it. */
function jpegPdf(jpegs: readonly Buffer[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const j of jpegs) {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.image(j, 0, 0, { width: doc.page.width, height: doc.page.height });
  }
  doc.end();
  return done;
}

/** What is scored of one read page. */
export interface ReadPageForScore {
  readonly formId: string;
  readonly page: number;
  readonly boxes: readonly { question: string; value: string; state: BoxState }[];
  readonly answers: readonly ScannedAnswer[];
}

export const TRUTH_STATES: readonly MarkTruth[] = ['empty', 'crossed', 'filled', 'beside'];
export const READ_STATES: readonly BoxState[] = ['empty', 'crossed', 'filled', 'uncertain'];

export interface ScanScore {
  /** confusion[truth][read] box counts. */
  readonly confusion: Record<MarkTruth, Record<BoxState, number>>;
  /** Choice questions that came out without a review row and with at least one mark in truth or reading. */
  readonly autoQuestions: number;
  /** Of those, questions whose automatic answer is not the truth (a wrong value, a lost or an invented mark). */
  readonly wrongAuto: number;
  /** Each wrong automatic answer: page, question, the truth and what was read. */
  readonly wrongDetails: readonly { page: string; question: string; truth: string; read: string; faint: boolean; traceless: boolean }[];
  /** Of the wrong automatic answers, those whose question has a mark that left no pixel on its 1-bit page. */
  readonly wrongTraceless: number;
  /** Choice questions with an unambiguous mark in truth. */
  readonly markedClear: number;
  /** Of those, accepted automatically (correct or not). */
  readonly markedClearAuto: number;
  /** Pages whose QR identity is not the page's truth, or read twice. */
  readonly misidentified: number;
  /** Pages in the truth that were not read (refused or unidentified). */
  readonly notRead: number;
  /** Items a person verifies: review rows. */
  readonly reviewItems: number;
  /** Answered digit questions in truth (handwriting, always verified). */
  readonly digitQuestions: number;
}

/** Scores readings against the truth of a synthetic batch. */
export function scoreScan(truth: ReadonlyMap<string, SyntheticPageTruth>, read: readonly ReadPageForScore[]): ScanScore {
  const confusion = Object.fromEntries(TRUTH_STATES.map((t) => [t, Object.fromEntries(READ_STATES.map((r) => [r, 0]))])) as Record<MarkTruth, Record<BoxState, number>>;
  let autoQuestions = 0;
  let wrongAuto = 0;
  const wrongDetails: { page: string; question: string; truth: string; read: string; faint: boolean; traceless: boolean }[] = [];
  let wrongTraceless = 0;
  let markedClear = 0;
  let markedClearAuto = 0;
  let misidentified = 0;
  let reviewItems = 0;
  let digitQuestions = 0;
  const seen = new Set<string>();
  for (const page of read) {
    const key = `${page.formId}/${page.page}`;
    const t = truth.get(key);
    if (t === undefined || seen.has(key)) {
      misidentified++;
      continue;
    }
    seen.add(key);
    for (const b of page.boxes) {
      const tb = t.boxes.find((x) => x.question === b.question && x.value === b.value);
      if (tb === undefined) {
        misidentified++;
        break;
      }
      confusion[tb.truth][b.state]++;
    }
    reviewItems += page.answers.filter((a) => a.status === 'review').length;
    for (const q of t.questions) {
      const rows = page.answers.filter((a) => a.question === q.question);
      if (q.kind === 'digits') {
        if (q.values.length > 0) digitQuestions++;
        continue;
      }
      const review = rows.some((a) => a.status === 'review');
      const marked = q.kind === 'ambiguous' || q.values.length > 0;
      if (q.kind === 'clear' && q.values.length > 0) {
        markedClear++;
        if (!review) markedClearAuto++;
      }
      if (review || (!marked && rows.length === 0)) continue;
      autoQuestions++;
      const got = rows.map((a) => a.value).sort().join('|');
      const want = q.kind === 'ambiguous' ? '\u0000' : [...q.values].sort().join('|');
      if (got !== want) {
        wrongAuto++;
        const traceless = t.boxes.some((b) => b.question === q.question && b.traceless === true);
        if (traceless) wrongTraceless++;
        wrongDetails.push({ page: key, question: q.question, truth: q.kind === 'ambiguous' ? `ambiguous (${t.boxes.filter((b) => b.question === q.question && b.truth !== 'empty').map((b) => `${b.value}:${b.truth}`).join(' ')})` : want || '(unanswered)', read: got || '(unanswered)', faint: t.boxes.some((b) => b.question === q.question && b.faint), traceless });
      }
    }
  }
  return { confusion, autoQuestions, wrongAuto, wrongDetails, wrongTraceless, markedClear, markedClearAuto, misidentified, notRead: truth.size - seen.size, reviewItems, digitQuestions };
}
