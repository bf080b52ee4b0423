/**
 * The verification queue of scanned paper forms: an uploaded scan file (PDF, TIFF, PNG, JPEG) is read
 * like `cli scan` does; each form waits in the store with the machine's answers and an image crop of
 * every question a person must look at (uncertain marks, two marks on a single choice, handwritten
 * digits, rescans that read differently). Staff verify a form item by item; the verified form becomes a
 * response of the channel `paper-scan`, validated like paper entry, and the first complete response of a
 * household counts (a household that answered online first keeps that response). Crops are deleted when
 * the form is verified: scanned images never outlive verification and never leave in an export.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import sharp from 'sharp';
import { actorOf, recordAudit } from '../audit/auditLog';
import { AppError } from '../errors/appError';
import { questionCatalogue, validateAnswers, type CatalogueQuestion, type Locale } from '../questionnaire';
import { questionnaireVersion } from '../collection/questionnaires';
import { DuplicateKeyError, type Repositories, type ScanCrop, type ScannedAnswerRow, type ScannedFormRecord, type Store, type User } from '../store/types';
import type { GreyImage } from './scan/greyImage';
import { cropRect, type PageReading } from './scan/readPage';
import { scanFolder } from './scan/scanFolder';

/** A question a person must decide, with what the machine saw. */
export interface ScanReviewItem {
  item: number;
  question: string;
  page: number;
  title: string;
  kind: 'single' | 'multiple' | 'number';
  /** Choices in printed order (key 1 = first); empty for numbers. */
  choices: { value: string; label: string }[];
  /** The machine's best guess (values; for numbers empty). */
  machine: string[];
  reason: string;
  hasCrop: boolean;
}

export interface ScannedFormView {
  formId: string;
  householdKnown: boolean;
  revision: number;
  pagesRead: number[];
  pagesMissing: number[];
  /** Answers accepted without a person, by question. */
  accepted: { question: string; title: string; page: number; values: string[] }[];
  items: ScanReviewItem[];
}

export interface ScanImportSummary {
  pages: number;
  pagesRead: number;
  /** Pages read that were scanned in black and white (1 bit): a light pen may have vanished in the scanner. */
  blackAndWhitePages: number;
  forms: { formId: string; reviewItems: number; pagesMissing: number[]; stored: boolean }[];
  /** One line per page that could not be used (file and page, why). */
  problems: string[];
}

/** Questions of a form that need a person, in answer order: every question with a review row. */
export function reviewQuestions(answers: readonly ScannedAnswerRow[]): string[] {
  const out: string[] = [];
  for (const a of answers) if (a.status === 'review' && !out.includes(a.question)) out.push(a.question);
  return out;
}

async function cropPng(image: GreyImage, rect: { x: number; y: number; w: number; h: number }): Promise<Uint8Array> {
  const width = Math.min(rect.w, 720);
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { raw: { width: image.width, height: image.height, channels: 1 } })
    .extract({ left: rect.x, top: rect.y, width: rect.w, height: rect.h })
    .resize({ width, withoutEnlargement: true })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/** Crops of the given questions of a read page: the question's boxes with 4 mm around them. */
async function questionCrops(reading: Extract<PageReading, { kind: 'read' }>, questions: ReadonlySet<string> | 'all'): Promise<Map<string, Uint8Array>> {
  const regions = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
  for (const b of [...reading.boxes, ...reading.digitBoxes]) {
    if (questions !== 'all' && !questions.has(b.question)) continue;
    const r = regions.get(b.question) ?? { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    regions.set(b.question, { x0: Math.min(r.x0, b.xMm), y0: Math.min(r.y0, b.yMm), x1: Math.max(r.x1, b.xMm + b.wMm), y1: Math.max(r.y1, b.yMm + b.hMm) });
  }
  const out = new Map<string, Uint8Array>();
  for (const [q, r] of regions) {
    const rect = cropRect(reading.image, reading.homography, { xMm: r.x0, yMm: r.y0, wMm: r.x1 - r.x0, hMm: r.y1 - r.y0 }, 4);
    out.set(q, await cropPng(reading.image, rect));
  }
  return out;
}

/**
 * Reads a scan file and puts every form it holds into the queue (replacing a pending form of the same
 * reference; a verified form is left alone and reported). Audited as `paper.scan_upload` (by the system
 * when `user` is null: the demo's batch).
 * @throws AppError unprocessable paperscan.notAScan / paperscan.nothingRead when not one page could be read.
 */
export async function importScanFile(
  store: Pick<Repositories, 'paperForms' | 'scannedForms' | 'audit' | 'questionnaireVersions'>,
  user: User | null,
  path: string,
  onProgress?: (pagesDone: number) => void,
): Promise<ScanImportSummary> {
  const crops = new Map<string, Map<string, { page: number; png: Uint8Array }>>();
  const pageOf = new Map<string, number>();
  let done = 0;
  const result = await scanFolder(path, {
    store,
    onPage: async (_page, reading, outcome) => {
      done++;
      onProgress?.(done);
      if (reading.kind !== 'read' || outcome === 'duplicate') return;
      const formId = reading.identity.formId;
      for (const b of [...reading.boxes, ...reading.digitBoxes]) pageOf.set(`${formId}|${b.question}`, reading.identity.page);
      // A rescan may disagree with the first scan on any question: crop them all; otherwise only the review ones.
      const wanted = outcome === 'rescan' ? 'all' : new Set(reading.answers.filter((a) => a.status === 'review').map((a) => a.question));
      if (wanted !== 'all' && wanted.size === 0) return;
      const byQuestion = crops.get(formId) ?? new Map();
      crops.set(formId, byQuestion);
      for (const [q, png] of await questionCrops(reading, wanted)) if (!byQuestion.has(q)) byQuestion.set(q, { page: reading.identity.page, png });
    },
  });
  const { report } = result;
  const problems = [
    ...result.skipped.map(() => 'not a PDF, TIFF, PNG or JPEG file'),
    ...result.unreadable.map((u) => `page ${u.pageInFile ?? '?'}: unreadable: ${u.reason}`),
    ...report.unidentified.map((u) => `page ${u.source.pageInFile}: not identified: ${u.reason}`),
    ...report.refused.map((r) => `page ${r.source.pageInFile}: form ${r.formId} page ${r.page} refused: ${r.reason}`),
    ...report.duplicates.map((d) => `page ${d.source.pageInFile}: form ${d.formId} page ${d.page} twice in the file`),
  ];
  if (report.pagesRead === 0) {
    if (result.pages === 0 && result.unreadable.length === 0) throw new AppError('unprocessable', 'paperscan.notAScan');
    throw new AppError('unprocessable', 'paperscan.nothingRead', { pages: result.pages, problems: problems.slice(0, 5).join('; ') });
  }
  const summary: ScanImportSummary = { pages: result.pages, pagesRead: report.pagesRead, blackAndWhitePages: report.blackAndWhitePages, forms: [], problems };
  const now = new Date().toISOString();
  for (const f of report.forms) {
    const answers: ScannedAnswerRow[] = f.answers.map((a) => ({ question: a.question, value: a.value, status: a.status, reason: a.reason, page: pageOf.get(`${f.formId}|${a.question}`) ?? 1 }));
    const review = reviewQuestions(answers);
    const formCrops: ScanCrop[] = [];
    review.forEach((q, item) => {
      const c = crops.get(f.formId)?.get(q);
      if (c) formCrops.push({ item, page: c.page, png: c.png });
    });
    const ref = await store.paperForms.get(f.formId);
    const saved = await store.scannedForms.putPending(
      {
        formId: f.formId,
        householdId: ref?.householdId ?? null,
        questionnaireId: f.identity.questionnaireId,
        questionnaireVersion: f.identity.version,
        pagesRead: f.pages.map((p) => p.page),
        pagesMissing: [...f.missingPages],
        answers,
        uploadedBy: user?.id ?? 'system',
        uploadedAt: now,
      },
      formCrops,
    );
    summary.forms.push({ formId: f.formId, reviewItems: review.length, pagesMissing: [...f.missingPages], stored: saved !== null });
    if (saved === null) summary.problems.push(`form ${f.formId} is already verified; this scan was not stored`);
  }
  await recordAudit(store.audit, actorOf(user), {
    action: 'paper.scan_upload',
    entityType: 'paper_scan',
    afterSummary: `${summary.pagesRead} of ${summary.pages} pages · ${summary.forms.length} forms`,
    details: { forms: summary.forms.map((f) => f.formId), problems: summary.problems.length },
  });
  return summary;
}

/** Pending forms for the queue list. */
export async function scanQueue(store: Store) {
  return (await store.scannedForms.listPending()).map((f) => ({
    formId: f.formId,
    householdKnown: f.householdId !== null,
    uploadedAt: f.uploadedAt,
    pagesRead: f.pagesRead.length,
    pagesMissing: f.pagesMissing,
    reviewItems: reviewQuestions(f.answers).length,
    acceptedAnswers: f.answers.filter((a) => a.status === 'auto').length,
  }));
}

function catalogueOf(json: Parameters<typeof questionCatalogue>[0]): Map<string, CatalogueQuestion> {
  return new Map(questionCatalogue(json).map((q) => [q.name, q]));
}

async function pending(store: Store, formId: string): Promise<ScannedFormRecord> {
  const form = await store.scannedForms.get(formId);
  if (!form || form.status !== 'pending') throw new AppError('notFound', 'paperscan.formUnknown', { formId });
  return form;
}

/** One pending form as the verification screen shows it. */
export async function scannedFormView(store: Store, formId: string, locale: Locale): Promise<ScannedFormView> {
  const form = await pending(store, formId);
  const q = await questionnaireVersion(store, form.questionnaireId, form.questionnaireVersion);
  const questions = catalogueOf(q.json);
  const review = reviewQuestions(form.answers);
  const items: ScanReviewItem[] = [];
  for (const [item, name] of review.entries()) {
    const cq = questions.get(name);
    const rows = form.answers.filter((a) => a.question === name);
    const crop = await store.scannedForms.crop(formId, item);
    items.push({
      item,
      question: name,
      page: rows[0]!.page,
      title: cq ? cq.title[locale] : name,
      kind: cq?.choices ? (cq.multiple ? 'multiple' : 'single') : 'number',
      choices: (cq?.choices ?? []).map((c) => ({ value: String(c.value), label: c.text[locale] })),
      machine: rows.filter((a) => a.value !== '').map((a) => a.value),
      reason: rows.find((a) => a.status === 'review')!.reason,
      hasCrop: crop !== null,
    });
  }
  const accepted = new Map<string, { question: string; title: string; page: number; values: string[] }>();
  for (const a of form.answers) {
    if (a.status !== 'auto' || review.includes(a.question)) continue;
    const e = accepted.get(a.question) ?? { question: a.question, title: questions.get(a.question)?.title[locale] ?? a.question, page: a.page, values: [] };
    e.values.push(a.value);
    accepted.set(a.question, e);
  }
  return { formId, householdKnown: form.householdId !== null, revision: form.revision, pagesRead: form.pagesRead, pagesMissing: form.pagesMissing, accepted: [...accepted.values()], items };
}

/** The crop of one item (PNG), while the form waits for verification. */
export async function scanCrop(store: Store, formId: string, item: number): Promise<Uint8Array> {
  const crop = await store.scannedForms.crop(formId, item);
  if (!crop) throw new AppError('notFound', 'paperscan.formUnknown', { formId });
  return crop.png;
}

/** An answer value in the questionnaire's own type: the choice whose text form matches, a number for number questions. */
function typedValue(cq: CatalogueQuestion | undefined, text: string): unknown {
  const choice = cq?.choices?.find((c) => String(c.value) === text);
  if (choice) return choice.value;
  if (cq?.inputType === 'number' && /^-?\d+([.,]\d+)?$/.test(text.trim())) return Number(text.trim().replace(',', '.'));
  return text;
}

/**
 * Verifies a pending form: every review item needs a decision (values chosen; [] = no answer; for a
 * number question the number as text). The machine's automatic answers and the decisions become the
 * form's answers, validated like paper entry (partial: respondents skip questions on paper). The form
 * becomes a response of channel `paper-scan` unless the household already has a submitted response
 * (outcome `duplicate`, as for typed paper entry). Crops are deleted. Audited as `paper.scan_verify`.
 * @throws AppError notFound paperscan.formUnknown, unprocessable paperscan.decisionMissing | collection.answersInvalid | paperscan.noHousehold, conflict paperscan.changed.
 */
export async function verifyScannedForm(
  store: Store,
  user: User,
  formId: string,
  input: { revision: number; decisions: Record<string, string[]> },
  locale: Locale,
): Promise<{ outcome: 'counted' | 'duplicate'; responseId: string | null }> {
  const form = await pending(store, formId);
  if (form.revision !== input.revision) throw new AppError('conflict', 'paperscan.changed');
  if (form.householdId === null) throw new AppError('unprocessable', 'paperscan.noHousehold', { formId });
  const review = reviewQuestions(form.answers);
  const missing = review.filter((_, i) => !Array.isArray(input.decisions[String(i)]));
  if (missing.length > 0) throw new AppError('unprocessable', 'paperscan.decisionMissing', {}, { details: missing.map((q) => ({ path: q, message: 'decide: a choice, several choices for a multiple choice, the number, or none' })) });
  const q = await questionnaireVersion(store, form.questionnaireId, form.questionnaireVersion);
  const questions = catalogueOf(q.json);
  const answers: Record<string, unknown> = {};
  const finalRows: ScannedAnswerRow[] = [];
  const put = (name: string, values: string[], page: number, status: 'auto' | 'review') => {
    const cq = questions.get(name);
    const clean = values.map((v) => v.trim()).filter((v) => v !== '');
    for (const v of clean) finalRows.push({ question: name, value: v, status, reason: status === 'review' ? 'verified' : '', page });
    if (clean.length === 0) return;
    answers[name] = cq?.multiple ? clean.map((v) => typedValue(cq, v)) : typedValue(cq, clean[0]!);
  };
  const autoBy = new Map<string, ScannedAnswerRow[]>();
  for (const a of form.answers) if (a.status === 'auto' && !review.includes(a.question)) autoBy.set(a.question, [...(autoBy.get(a.question) ?? []), a]);
  for (const [name, rows] of autoBy) put(name, rows.map((r) => r.value), rows[0]!.page, 'auto');
  review.forEach((name, i) => put(name, input.decisions[String(i)]!, form.answers.find((a) => a.question === name)!.page, 'review'));
  const checked = validateAnswers(q.json, answers, { partial: true, locale });
  if (!checked.ok) throw new AppError('unprocessable', 'collection.answersInvalid', {}, { details: checked.errors.map((e) => ({ path: e.question, message: e.message })) });
  const household = await store.roster.get(form.householdId);
  if (!household) throw new AppError('unprocessable', 'paperscan.noHousehold', { formId });

  return store.transaction(async (tx) => {
    let responseId: string | null = null;
    let outcome: 'counted' | 'duplicate' = 'duplicate';
    if (!(await tx.responses.submittedForHousehold(household.householdId))) {
      try {
        const r = await tx.responses.createSubmitted({
          householdId: household.householdId,
          questionnaireId: form.questionnaireId,
          questionnaireVersion: form.questionnaireVersion,
          mode: 'paper-scan',
          district: household.district,
          wave: household.wave,
          drawId: household.drawId,
          answers: checked.data,
        });
        responseId = r.id;
        outcome = 'counted';
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    }
    const done = await tx.scannedForms.markVerified(formId, input.revision, { verifiedBy: user.id, verifiedAt: new Date().toISOString(), responseId, answers: finalRows });
    if (!done) throw new AppError('conflict', 'paperscan.changed');
    await recordAudit(tx.audit, actorOf(user), {
      action: 'paper.scan_verify',
      entityType: 'paper_form',
      entityId: formId,
      afterSummary: `verified · ${review.length} items decided · ${outcome}`,
      details: { outcome, items: review.map((question, i) => ({ question, machine: form.answers.filter((a) => a.question === question).map((a) => a.value), decided: input.decisions[String(i)] })) },
    });
    return { outcome, responseId };
  });
}

/** Scan imports running in this process, so the upload page can show progress. */
export class ScanImports {
  private readonly jobs = new Map<string, { userId: string; status: 'running' | 'done' | 'failed'; pagesDone: number; summary: ScanImportSummary | null; error: AppError | null; startedAt: number }>();

  start(store: Store, user: User, path: string): string {
    const id = randomBytes(16).toString('hex');
    const job = { userId: user.id, status: 'running' as 'running' | 'done' | 'failed', pagesDone: 0, summary: null as ScanImportSummary | null, error: null as AppError | null, startedAt: Date.now() };
    this.jobs.set(id, job);
    for (const [k, j] of this.jobs) if (j.status !== 'running' && Date.now() - j.startedAt > 3_600_000) this.jobs.delete(k);
    importScanFile(store, user, path, (n) => (job.pagesDone = n))
      .then((summary) => {
        job.summary = summary;
        job.status = 'done';
      })
      .catch((err: unknown) => {
        job.error = err instanceof AppError ? err : new AppError('unprocessable', 'paperscan.notAScan');
        job.status = 'failed';
      })
      .finally(() => rmSync(path, { force: true }));
    return id;
  }

  get(id: string, userId: string) {
    const job = this.jobs.get(id);
    if (!job || job.userId !== userId) throw new AppError('notFound', 'paperscan.jobUnknown');
    return job;
  }
}
