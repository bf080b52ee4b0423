/**
 * Groups read pages into forms: which pages of each form arrived, which are missing, which came twice
 * (the same file again → ignored; a rescan whose readings differ → a conflict whose differing questions go
 * to review), and which pages could not be identified or registered. The answers of a form are the
 * answers of its pages in page order.
 */
import type { PageIdentity } from '../pageIdentity';
import type { ScannedAnswer } from './questionRules';
import type { PageReading } from './readPage';

/** Where a page came from. */
export interface PageSource {
  readonly file: string;
  readonly pageInFile: number;
  readonly fileHash: string;
}

export interface ScannedFormPage {
  readonly page: number;
  readonly source: PageSource;
  readonly answers: readonly ScannedAnswer[];
  /** Other scans of the same page (a rescan), in arrival order. */
  readonly rescans: readonly { source: PageSource; answers: readonly ScannedAnswer[] }[];
}

export interface ScannedForm {
  readonly formId: string;
  /** The identity of the first page that arrived (questionnaire, language, print size, page count). */
  readonly identity: PageIdentity;
  readonly pages: readonly ScannedFormPage[];
  readonly missingPages: readonly number[];
  /** Pages scanned more than once with different readings. */
  readonly conflictPages: readonly number[];
  readonly answers: readonly ScannedAnswer[];
}

export interface ScanBatchReport {
  readonly forms: readonly ScannedForm[];
  readonly unidentified: readonly { source: PageSource; reason: string }[];
  readonly refused: readonly { source: PageSource; formId: string; page: number; reason: string }[];
  readonly duplicates: readonly { source: PageSource; formId: string; page: number; sameAs: PageSource }[];
  /** Pages that were read (identified and registered), duplicates included. */
  readonly pagesRead: number;
  /** Of those, pages scanned in black and white (1 bit), where a light pen may have vanished in the scanner. */
  readonly blackAndWhitePages: number;
}

/** Collects page readings one by one (images are not kept) and reports the batch. */
export function createScanBatch() {
  const forms = new Map<string, { identity: PageIdentity; pages: Map<number, { source: PageSource; answers: ScannedAnswer[]; rescans: { source: PageSource; answers: ScannedAnswer[] }[] }> }>();
  const unidentified: { source: PageSource; reason: string }[] = [];
  const refused: { source: PageSource; formId: string; page: number; reason: string }[] = [];
  const duplicates: { source: PageSource; formId: string; page: number; sameAs: PageSource }[] = [];
  let pagesRead = 0;
  let blackAndWhitePages = 0;

  return {
    /**
     * Adds one page. Returns what became of it: `new` (first reading of this page), `duplicate` (same
     * file again, ignored), `rescan` (another scan of a page already read), or `unidentified` / `refused`.
     */
    add(source: PageSource, reading: PageReading): 'new' | 'duplicate' | 'rescan' | 'unidentified' | 'refused' {
      if (reading.kind === 'unidentified') {
        unidentified.push({ source, reason: reading.reason });
        return 'unidentified';
      }
      if (reading.kind === 'refused') {
        refused.push({ source, formId: reading.identity.formId, page: reading.identity.page, reason: reading.reason });
        return 'refused';
      }
      pagesRead++;
      if (reading.blackAndWhite) blackAndWhitePages++;
      const { identity } = reading;
      let form = forms.get(identity.formId);
      if (form === undefined) {
        form = { identity, pages: new Map() };
        forms.set(identity.formId, form);
      }
      const existing = form.pages.get(identity.page);
      const answers = [...reading.answers];
      if (existing === undefined) {
        form.pages.set(identity.page, { source, answers, rescans: [] });
        return 'new';
      }
      const same = [existing.source, ...existing.rescans.map((r) => r.source)].find((s) => s.fileHash === source.fileHash && s.pageInFile === source.pageInFile);
      if (same !== undefined) {
        duplicates.push({ source, formId: identity.formId, page: identity.page, sameAs: same });
        return 'duplicate';
      }
      existing.rescans.push({ source, answers });
      return 'rescan';
    },

    report(): ScanBatchReport {
      const out: ScannedForm[] = [];
      for (const [formId, form] of [...forms.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
        const pages = [...form.pages.entries()].sort((a, b) => a[0] - b[0]);
        const missingPages: number[] = [];
        for (let p = 1; p <= form.identity.pages; p++) if (!form.pages.has(p)) missingPages.push(p);
        const conflictPages: number[] = [];
        const answers: ScannedAnswer[] = [];
        for (const [page, record] of pages) {
          const readings = [record.answers, ...record.rescans.map((r) => r.answers)];
          const differing = differingQuestions(readings);
          if (differing.size > 0) conflictPages.push(page);
          for (const a of record.answers) {
            if (!differing.has(a.question)) answers.push(a);
          }
          // A question the scans disagree on: one review row per question, without a guess.
          for (const q of orderedQuestions(readings)) if (differing.has(q)) answers.push({ question: q, value: '', status: 'review', reason: 'uncertainMark' });
        }
        out.push({
          formId,
          identity: form.identity,
          pages: pages.map(([page, r]) => ({ page, source: r.source, answers: r.answers, rescans: r.rescans })),
          missingPages,
          conflictPages,
          answers,
        });
      }
      return { forms: out, unidentified, refused, duplicates, pagesRead, blackAndWhitePages };
    },
  };
}

function key(a: ScannedAnswer): string {
  return `${a.value}\u0000${a.status}`;
}

/** Questions whose rows differ between the readings of one page. */
function differingQuestions(readings: readonly (readonly ScannedAnswer[])[]): Set<string> {
  const differing = new Set<string>();
  if (readings.length < 2) return differing;
  const byQuestion = readings.map((answers) => {
    const m = new Map<string, string[]>();
    for (const a of answers) m.set(a.question, [...(m.get(a.question) ?? []), key(a)]);
    return m;
  });
  const questions = new Set(byQuestion.flatMap((m) => [...m.keys()]));
  for (const q of questions) {
    const first = (byQuestion[0]!.get(q) ?? []).slice().sort().join('|');
    if (byQuestion.some((m) => (m.get(q) ?? []).slice().sort().join('|') !== first)) differing.add(q);
  }
  return differing;
}

function orderedQuestions(readings: readonly (readonly ScannedAnswer[])[]): string[] {
  const seen: string[] = [];
  for (const answers of readings) for (const a of answers) if (!seen.includes(a.question)) seen.push(a.question);
  return seen;
}
