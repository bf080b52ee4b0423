import { AppError } from '../errors/appError';
import type { PaperEntry, PaperEntryChange, PaperResolution } from '../store/types';

/** The household's paper form as the first entry creates it (copied from the roster and the questionnaire). */
export type PaperForm = Pick<PaperEntry, 'householdId' | 'questionnaireId' | 'questionnaireVersion' | 'district' | 'wave' | 'drawId'>;

/** What happened to a paper form: someone keyed (or corrected) an entry, or the entries were reconciled. */
export type PaperEvent =
  | { type: 'key'; form: PaperForm; userId: string; answers: Record<string, unknown>; at: string }
  | {
      type: 'reconcile';
      /** The revision the reconciler looked at. */
      revision: number;
      answers: Record<string, unknown>;
      resolutions: PaperResolution[];
      reconcilerUserId: string;
      outcome: 'counted' | 'duplicate';
      at: string;
    };

/**
 * The next state: a new form (`create`), or the fields to set on the stored one when its
 * revision is still `expectedRevision` (`change`, written by compare-and-set). `entry` says which
 * entry was keyed (1 or 2); null for a reconciliation.
 */
export type PaperTransition =
  | { create: PaperEntry; entry: 1; expectedRevision: null }
  | { change: PaperEntryChange; entry: 1 | 2 | null; expectedRevision: number };

/** A form as its first entry creates it: entry 1 keyed, waiting for the second, revision 1. */
export function firstPaperEntry(form: PaperForm, userId: string, answers: Record<string, unknown>, at: string): PaperEntry {
  return {
    ...form,
    entry1UserId: userId,
    entry1Answers: answers,
    entry1At: at,
    entry2UserId: null,
    entry2Answers: null,
    entry2At: null,
    status: 'awaiting-second-entry',
    reconciledAnswers: null,
    resolutions: null,
    reconcilerUserId: null,
    reconciledAt: null,
    outcome: null,
    revision: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Which entry a user makes on a form: the first person to key it makes entry 1, a different
 * person entry 2, each may correct their own; null when both entries are someone else's.
 * @example paperEntryOf(null, 'anna') // → 1
 */
export function paperEntryOf(entry: PaperEntry | null, userId: string): 1 | 2 | null {
  if (!entry || entry.entry1UserId === userId) return 1;
  if (entry.entry2UserId === null || entry.entry2UserId === userId) return 2;
  return null;
}

/**
 * Refuses a reconciliation of `entry` by someone who looked at `revision`: the form must exist,
 * hold both entries and still be at that revision. A form already reconciled at the revision the
 * reconciler saw is reported as reconciled, at a later one as a conflict. Pure. Cost: O(1).
 * @throws AppError notFound householdUnknown, conflict paperReconciled | paperNotReady | paperConflict.
 * @example assertReconcilable({ …entry, status: 'awaiting-second-entry' }, 1) // throws paperNotReady
 */
export function assertReconcilable(entry: PaperEntry | null, revision: number): asserts entry is PaperEntry & { entry2Answers: Record<string, unknown> } {
  if (!entry) throw new AppError('notFound', 'collection.householdUnknown');
  if (entry.status === 'reconciled') throw new AppError('conflict', entry.revision === revision ? 'collection.paperReconciled' : 'collection.paperConflict');
  if (entry.status !== 'awaiting-reconciliation' || !entry.entry2Answers) throw new AppError('conflict', 'collection.paperNotReady');
  if (entry.revision !== revision) throw new AppError('conflict', 'collection.paperConflict');
}

/**
 * Blind double entry of a paper form as a state machine:
 *
 *   (none) ──key──▶ awaiting-second-entry ──key by another user──▶ awaiting-reconciliation ──reconcile──▶ reconciled
 *
 * Either person may correct their own entry until reconciliation (the state stays); a third
 * person is refused, and nothing changes a reconciled form. A reconciliation must name the
 * revision it looked at. Every change moves the revision on by one (the store's compare-and-set).
 * Pure: no store, no clock (`at` is given). Cost: O(1).
 * @throws AppError conflict paperReconciled | paperBothEntered | paperNotReady | paperConflict, notFound householdUnknown (reconciling a form never keyed).
 * @example paperEntryTransition(null, { type: 'key', form, userId: 'anna', answers: { a: 1 }, at })
 *   // → { create: { …form, entry1UserId: 'anna', status: 'awaiting-second-entry', revision: 1, … }, entry: 1, expectedRevision: null }
 */
export function paperEntryTransition(entry: PaperEntry | null, event: PaperEvent): PaperTransition {
  if (event.type === 'key') {
    if (entry?.status === 'reconciled') throw new AppError('conflict', 'collection.paperReconciled');
    const which = paperEntryOf(entry, event.userId);
    if (which === null) throw new AppError('conflict', 'collection.paperBothEntered');
    if (!entry) {
      return {
        create: firstPaperEntry(event.form, event.userId, event.answers, event.at),
        entry: 1,
        expectedRevision: null,
      };
    }
    const change: PaperEntryChange =
      which === 1
        ? { entry1UserId: event.userId, entry1Answers: event.answers, entry1At: event.at, updatedAt: event.at }
        : { entry2UserId: event.userId, entry2Answers: event.answers, entry2At: event.at, status: 'awaiting-reconciliation', updatedAt: event.at };
    return { change, entry: which, expectedRevision: entry.revision };
  }
  assertReconcilable(entry, event.revision);
  return {
    change: {
      status: 'reconciled',
      reconciledAnswers: event.answers,
      resolutions: event.resolutions,
      reconcilerUserId: event.reconcilerUserId,
      reconciledAt: event.at,
      outcome: event.outcome,
      updatedAt: event.at,
    },
    entry: null,
    expectedRevision: entry.revision,
  };
}
