import { actorOf, recordAudit } from '../audit/auditLog';
import { validateAnswers, type Locale } from '../questionnaire';
import { DuplicateKeyError, type PaperEntry, type PaperResolution, type Repositories, type Store, type User } from '../store/types';
import { AppError } from '../errors/appError';
import { assertReconcilable, paperEntryOf, paperEntryTransition, type PaperTransition } from './paperEntryTransition';
import { currentQuestionnaire, questionnaireForDraw, questionnaireVersion } from './questionnaires';
import type { CodeResolver } from './residentService';

/** What staff see after typing the code printed on a returned paper form (never the other entry's answers). */
export interface PaperLookup {
  householdId: string;
  district: string;
  wave: number;
  paperStatus: PaperEntry['status'] | 'not-entered';
  /** Which entry this user made or will make (1 or 2); null when both are made by others. */
  yourEntry: 1 | 2 | null;
  /** This user's own earlier entry, to continue or correct it. */
  yourAnswers: Record<string, unknown> | null;
  revision: number | null;
  /** Channel of the household's counted response, if any. */
  completedBy: 'online' | 'paper' | null;
  /** The questionnaire version this form is keyed in: the one already entered, else the wave's. */
  questionnaire: { id: string; version: number };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Question names on which the two entries differ, in questionnaire order of appearance. */
export function differingQuestions(entry1: Record<string, unknown>, entry2: Record<string, unknown>): string[] {
  const names = [...new Set([...Object.keys(entry1), ...Object.keys(entry2)])];
  return names.filter((name) => !same(entry1[name], entry2[name]));
}

export async function lookupPaperForm(store: Store, resolver: CodeResolver, code: string, user: User): Promise<PaperLookup> {
  const household = await resolver.resolve(code);
  if (!household) throw new AppError('notFound', 'collection.householdUnknown');
  const [entry, submitted] = await Promise.all([store.paperEntries.get(household.householdId), store.responses.submittedForHousehold(household.householdId)]);
  const yours = paperEntryOf(entry, user.id);
  const q = entry ? { id: entry.questionnaireId, version: entry.questionnaireVersion } : await questionnaireForDraw(store, household.drawId);
  return {
    householdId: household.householdId,
    district: household.district,
    wave: household.wave,
    paperStatus: entry?.status ?? 'not-entered',
    yourEntry: entry?.status === 'reconciled' ? null : yours,
    yourAnswers: !entry || yours === null ? null : yours === 1 && entry.entry1UserId === user.id ? entry.entry1Answers : entry.entry2UserId === user.id ? entry.entry2Answers : null,
    revision: entry?.revision ?? null,
    completedBy: submitted ? (submitted.mode === 'paper' || submitted.mode === 'paper-scan' ? 'paper' : 'online') : null,
    questionnaire: { id: q.id, version: q.version },
  };
}

/**
 * Stores one keyed entry of a paper form. The first person to key a form makes entry 1, a
 * different person entry 2 (blind: neither sees the other's values); each may correct their own
 * entry until reconciliation. Paper answers are checked like an autosave (types and allowed
 * values; unanswered required questions are allowed, respondents skip questions on paper).
 * When entry 2 equals entry 1 exactly, the form is reconciled at once (nothing to decide).
 * Every write is audited with before/after snapshot ids (the snapshots hold the answers, the audit does not).
 * @throws AppError notFound householdUnknown, unprocessable answersInvalid, conflict paperBothEntered | paperReconciled | paperConflict.
 */
export async function savePaperEntry(store: Store, user: User, householdId: string, answers: Record<string, unknown>, locale: Locale): Promise<PaperEntry> {
  const household = await store.roster.get(householdId);
  if (!household) throw new AppError('notFound', 'collection.householdUnknown');
  const existing = await store.paperEntries.get(householdId);
  const q = existing ? await questionnaireVersion(store, existing.questionnaireId, existing.questionnaireVersion) : await questionnaireForDraw(store, household.drawId);
  const checked = validateAnswers(q.json, answers, { partial: true, locale });
  if (!checked.ok) throw new AppError('unprocessable', 'collection.answersInvalid', {}, { details: checked.errors.map((e) => ({ path: e.question, message: e.message })) });

  return store.transaction(async (tx) => {
    const entry = await tx.paperEntries.get(householdId);
    const step = paperEntryTransition(entry, {
      type: 'key',
      form: { householdId, questionnaireId: q.id, questionnaireVersion: q.version, district: household.district, wave: household.wave, drawId: household.drawId },
      userId: user.id,
      answers: checked.data,
      at: new Date().toISOString(),
    });
    const which = step.entry!;
    const history = entry ? await tx.paperEntries.history(householdId) : [];
    const before = [...history].reverse().find((h) => h.kind === `entry${which}`) ?? null;
    const saved = await writePaperStep(tx, householdId, step);
    const after = await tx.paperEntries.recordHistory({ householdId, kind: `entry${which}`, answers: checked.data, userId: user.id });
    await recordAudit(tx.audit, actorOf(user), {
      action: before ? 'paper.entry_correct' : 'paper.entry',
      entityType: 'paper_form',
      entityId: householdId,
      beforeId: before?.id ?? null,
      afterId: after.id,
      afterSummary: `entry ${which} · ${Object.keys(checked.data).length} answers`,
      details: { entry: which, changedQuestions: before ? differingQuestions(before.answers, checked.data) : Object.keys(checked.data) },
    });
    if (which === 2 && saved.entry2Answers && differingQuestions(saved.entry1Answers, saved.entry2Answers).length === 0) {
      return finishReconciliation(tx, saved, saved.entry1Answers, [], null);
    }
    return saved;
  });
}

/**
 * Writes the state the transition decided: a new form, or a compare-and-set on the revision the
 * decision was made from. A form created or written by someone else in between is a conflict.
 * @throws AppError conflict paperConflict.
 */
export async function writePaperStep(tx: Repositories, householdId: string, step: PaperTransition): Promise<PaperEntry> {
  if ('create' in step) {
    try {
      return await tx.paperEntries.create(step.create);
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new AppError('conflict', 'collection.paperConflict');
      throw err;
    }
  }
  const saved = await tx.paperEntries.compareAndSet(householdId, step.expectedRevision, step.change);
  if (!saved) throw new AppError('conflict', 'collection.paperConflict');
  return saved;
}

/** The reconciler's view: both entries side by side and the questions on which they differ. */
export async function reconciliationView(store: Store, householdId: string) {
  const entry = await store.paperEntries.get(householdId);
  if (!entry) throw new AppError('notFound', 'collection.householdUnknown');
  if (entry.status === 'awaiting-second-entry') throw new AppError('conflict', 'collection.paperNotReady');
  return {
    householdId,
    status: entry.status,
    revision: entry.revision,
    entry1: entry.entry1Answers,
    entry2: entry.entry2Answers,
    differences: entry.entry2Answers ? differingQuestions(entry.entry1Answers, entry.entry2Answers) : [],
    reconciled: entry.reconciledAnswers,
    outcome: entry.outcome,
  };
}

/**
 * Rule for a household answered in both channels: the first complete response counts. An online
 * response submitted before reconciliation stays; the reconciled paper form is kept with outcome
 * 'duplicate' and listed for staff. A form reconciled first becomes the household's response, and
 * a later online submit of that household gets the thank-you page (its draft stays uncounted).
 */
async function finishReconciliation(
  tx: Repositories,
  entry: PaperEntry,
  answers: Record<string, unknown>,
  resolutions: PaperResolution[],
  reconciler: User | null,
): Promise<PaperEntry> {
  const online = await tx.responses.submittedForHousehold(entry.householdId);
  const outcome = online ? 'duplicate' : 'counted';
  const step = paperEntryTransition(entry, {
    type: 'reconcile',
    revision: entry.revision,
    answers,
    resolutions,
    reconcilerUserId: reconciler?.id ?? 'system',
    outcome,
    at: new Date().toISOString(),
  });
  const done = await writePaperStep(tx, entry.householdId, step);
  if (outcome === 'counted') {
    await tx.responses.createSubmitted({
      householdId: entry.householdId,
      questionnaireId: entry.questionnaireId,
      questionnaireVersion: entry.questionnaireVersion,
      mode: 'paper',
      district: entry.district,
      wave: entry.wave,
      drawId: entry.drawId,
      answers,
    });
  }
  const history = await tx.paperEntries.history(entry.householdId);
  const after = await tx.paperEntries.recordHistory({ householdId: entry.householdId, kind: 'reconciled', answers, userId: reconciler?.id ?? null });
  await recordAudit(tx.audit, actorOf(reconciler), {
    action: 'paper.reconcile',
    entityType: 'paper_form',
    entityId: entry.householdId,
    beforeId: [...history].reverse().find((h) => h.kind === 'entry2')?.id ?? null,
    afterId: after.id,
    afterSummary: `reconciled · ${resolutions.length} differences · ${outcome}`,
    details: {
      outcome,
      entry1Snapshot: [...history].reverse().find((h) => h.kind === 'entry1')?.id ?? null,
      resolved: resolutions.map((r) => ({ question: r.question, choice: r.choice })),
    },
  });
  return done;
}

/**
 * Settles every difference of a double-entered form. `revision` is the version the reconciler
 * looked at: when another reconciler (or a correction) came first, conflict paperConflict.
 * @throws AppError notFound householdUnknown, conflict paperNotReady | paperReconciled | paperConflict, unprocessable resolutionsIncomplete | answersInvalid.
 */
export async function reconcilePaperForm(
  store: Store,
  user: User,
  householdId: string,
  input: { revision: number; resolutions: Record<string, { choice: 'entry1' | 'entry2' | 'corrected'; value?: unknown }> },
  locale: Locale,
): Promise<PaperEntry> {
  const entry = await store.paperEntries.get(householdId);
  assertReconcilable(entry, input.revision);
  const differences = differingQuestions(entry.entry1Answers, entry.entry2Answers);
  const missing = differences.filter((q) => !input.resolutions[q]);
  if (missing.length > 0) throw new AppError('unprocessable', 'collection.resolutionsIncomplete', {}, { details: missing.map((q) => ({ path: q, message: 'choose entry 1, entry 2 or a corrected value' })) });
  const answers: Record<string, unknown> = { ...entry.entry1Answers };
  const resolutions: PaperResolution[] = differences.map((question) => {
    const r = input.resolutions[question]!;
    const value = r.choice === 'entry1' ? entry.entry1Answers[question] : r.choice === 'entry2' ? entry.entry2Answers![question] : r.value;
    if (value === undefined || value === null || value === '') delete answers[question];
    else answers[question] = value;
    return { question, entry1: entry.entry1Answers[question] ?? null, entry2: entry.entry2Answers![question] ?? null, choice: r.choice, value: value ?? null };
  });
  const q = await questionnaireVersion(store, entry.questionnaireId, entry.questionnaireVersion);
  const checked = validateAnswers(q.json, answers, { partial: true, locale });
  if (!checked.ok) throw new AppError('unprocessable', 'collection.answersInvalid', {}, { details: checked.errors.map((e) => ({ path: e.question, message: e.message })) });
  return store.transaction(async (tx) => {
    const current = await tx.paperEntries.get(householdId);
    if (!current || current.revision !== input.revision) throw new AppError('conflict', 'collection.paperConflict');
    return finishReconciliation(tx, current, checked.data, resolutions, user);
  });
}

/** Households answered in both channels, for staff to review (see the rule at finishReconciliation). */
export async function bothChannelCases(store: Store) {
  const [paper, online] = await Promise.all([store.paperEntries.list(), store.responses.list({ mode: 'online' })]);
  const onlineBy = new Map(online.map((r) => [r.householdId, r]));
  return paper
    .filter((p) => onlineBy.has(p.householdId))
    .map((p) => {
      const o = onlineBy.get(p.householdId)!;
      const kept = o.status === 'submitted' ? 'online' : p.status === 'reconciled' ? 'paper' : 'undecided';
      return { householdId: p.householdId, district: p.district, onlineStatus: o.status, onlineSubmittedAt: o.submittedAt, paperStatus: p.status, paperReconciledAt: p.reconciledAt, kept };
    });
}
