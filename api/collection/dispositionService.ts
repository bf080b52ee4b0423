/**
 * Returns without questionnaire (Rücklauf ohne Fragebogen): fieldwork staff record that a contacted
 * household refused, that its letter came back undeliverable, or that it is no longer eligible.
 *
 * Rules
 *  - One disposition per sample unit (draw, household). Recording again replaces it, clearing
 *    removes it; both are audited with before/after (`fieldwork.disposition_set` / `_cleared`).
 *  - A completed questionnaire wins: a household that answered counts as answered wherever outcomes
 *    are counted (monitor, panel attrition), even when a disposition was recorded earlier (it
 *    refused on the phone and then answered after all). Recording a disposition for a household
 *    whose questionnaire is already in is refused (a conflict): it is almost always the wrong code.
 *  - The note is short free text for colleagues ("Brief: unbekannt verzogen"). It must not carry
 *    names or contact data; e-mail addresses and phone-like digit runs are refused, and the note is
 *    kept out of the append-only audit (which retention cannot thin out) — the audit says only
 *    whether there was a note.
 */
import { actorOf, recordAudit } from '../audit/auditLog';
import type { Disposition, HouseholdDisposition, Repositories, RosterEntry, Store, User } from '../store/types';
import { AppError } from '../errors/appError';
import type { CodeResolver } from './residentService';

/** E-mail addresses and runs of 5+ digits (phone numbers, also with spaces, dashes or slashes between the digits). */
const CONTACT_DATA = /@|\d(?:[\s/-]?\d){4,}/;

/** The note as stored: trimmed, whitespace collapsed, null when empty. @throws AppError unprocessable noteContact. */
export function cleanNote(note: string | null | undefined): string | null {
  const text = (note ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  if (CONTACT_DATA.test(text)) throw new AppError('unprocessable', 'collection.noteContact', {}, { details: [{ path: 'note', message: 'contact data' }] });
  return text;
}

/** What audit records say about a disposition: the outcome, never the note's text. */
export const dispositionSummary = (d: HouseholdDisposition | null) => (d ? `${d.disposition}${d.note ? ' · with note' : ''}` : null);

export interface DispositionView extends HouseholdDisposition {
  district: string | null;
  wave: number | null;
}

export interface RecordDispositionInput {
  code?: string;
  householdId?: string;
  disposition: Disposition;
  note?: string | null;
}

async function contactedHousehold(store: Store, resolver: CodeResolver, input: { code?: string; householdId?: string }): Promise<RosterEntry> {
  if ((input.code === undefined) === (input.householdId === undefined)) throw new AppError('invalid', 'collection.codeOrHousehold');
  if (input.code !== undefined) {
    const found = await resolver.resolve(input.code);
    if (!found) throw new AppError('notFound', 'collection.householdUnknown');
    return found;
  }
  const found = await store.roster.get(input.householdId!);
  if (!found) throw new AppError('notFound', 'collection.householdIdUnknown', { id: input.householdId! });
  return found;
}

/**
 * Writes the disposition of one contacted household and its audit record (before/after, never the
 * note's text), inside the caller's transaction.
 */
export async function setDisposition(
  repos: Pick<Repositories, 'dispositions' | 'audit'>,
  user: User,
  unit: { drawId: string; householdId: string; district: string; wave: number },
  disposition: Disposition,
  note: string | null,
  via: string,
): Promise<{ before: HouseholdDisposition | null; after: HouseholdDisposition }> {
  const written = await repos.dispositions.set({
    drawId: unit.drawId,
    householdId: unit.householdId,
    disposition,
    note,
    recordedByUserId: user.id,
    recordedByUsername: user.username,
  });
  await recordAudit(repos.audit, actorOf(user), {
    action: 'fieldwork.disposition_set',
    entityType: 'household_disposition',
    entityId: `${unit.drawId}/${unit.householdId}`,
    beforeSummary: dispositionSummary(written.before),
    afterSummary: dispositionSummary(written.after),
    details: { wave: unit.wave, district: unit.district, via },
  });
  return written;
}

/**
 * Records (or corrects) the disposition of the household found by its printed access code or its
 * pseudonymous id (latest draw that contacted it).
 * @throws AppError invalid codeOrHousehold, notFound householdUnknown | householdIdUnknown, conflict alreadyAnswered, unprocessable noteContact.
 */
export async function recordDisposition(store: Store, resolver: CodeResolver, user: User, input: RecordDispositionInput): Promise<{ disposition: DispositionView; before: HouseholdDisposition | null }> {
  const note = cleanNote(input.note);
  const unit = await contactedHousehold(store, resolver, input);
  return store.transaction(async (tx) => {
    if (await tx.responses.submittedForHousehold(unit.householdId)) throw new AppError('conflict', 'collection.alreadyAnswered');
    const { before, after } = await setDisposition(tx, user, unit, input.disposition, note, input.code !== undefined ? 'code' : 'household');
    return { disposition: { ...after, district: unit.district, wave: unit.wave }, before };
  });
}

/**
 * Removes a recorded disposition (undo of a mistake), audited with what was removed.
 * @throws AppError notFound notRecorded when the sample unit has none.
 */
export async function clearDisposition(store: Store, user: User, drawId: string, householdId: string): Promise<HouseholdDisposition> {
  return store.transaction(async (tx) => {
    const removed = await tx.dispositions.clear(drawId, householdId);
    if (!removed) throw new AppError('notFound', 'collection.notRecorded');
    await recordAudit(tx.audit, actorOf(user), {
      action: 'fieldwork.disposition_cleared',
      entityType: 'household_disposition',
      entityId: `${drawId}/${householdId}`,
      beforeSummary: dispositionSummary(removed),
      afterSummary: null,
    });
    return removed;
  });
}

/** The latest recorded dispositions with district and wave, newest first (the undo list). */
export async function recentDispositions(store: Store, limit: number): Promise<DispositionView[]> {
  const recent = await store.dispositions.recent(limit);
  const units = new Map<string, { district: string; wave: number }>();
  for (const drawId of new Set(recent.map((d) => d.drawId))) {
    for (const u of await store.sampleUnits.listByDraw(drawId)) units.set(`${drawId}|${u.householdId}`, u);
  }
  return recent.map((d) => {
    const u = units.get(`${d.drawId}|${d.householdId}`);
    return { ...d, district: u?.district ?? null, wave: u?.wave ?? null };
  });
}
