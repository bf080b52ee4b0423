/**
 * Access codes and invitation letters. A plain access code exists only in the memory of the
 * request that issues it and in the letters file that request returns; the store keeps the HMAC
 * hash. Issuing again therefore means re-issuing: old codes are revoked, new ones printed.
 */
import { generateAccessCode, issueAccessCodes, type IssuedAccessCode } from '../codes';
import { recordAudit, type Actor } from '../audit/auditLog';
import { AppError } from '../errors/appError';
import { defaultLetterTemplate, lettersCsv, lettersPdf, type LetterInput, type LetterTemplate } from '../letters';
import type { Store } from '../store/types';
import { requireDraw, requireFrame } from './drawService';

export interface LetterDefaults {
  cityName: string;
  surveyBaseUrl: string;
}

/** The default letter for a language, deadline four weeks from today; the UI edits its texts. */
export function defaultTemplate(language: 'de' | 'en', defaults: LetterDefaults): LetterTemplate {
  const deadline = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
  return defaultLetterTemplate(language, { cityName: defaults.cityName, surveyBaseUrl: defaults.surveyBaseUrl, deadline });
}

export interface IssueRequest {
  /** Replace every active code of the draw (the old ones stop working). */
  reissue: boolean;
}

export interface IssueResult {
  drawId: string;
  frameId: string;
  issued: IssuedAccessCode[];
  revoked: number;
}

/**
 * Issues one code per contacted household (invited or released) of the draw and stores only the
 * hashes, audited with counts (never codes). Without `reissue`, only households without an
 * active code get one (the first issue, or reserve households released since); with `reissue`,
 * every active code is revoked and all contacted households get new ones.
 * @throws AppError notFound unknown draw; conflict when contacts were purged, or when every household
 *   already has a code and `reissue` is not set.
 */
export async function issueCodes(store: Store, drawId: string, request: IssueRequest, secret: string, actor: Actor): Promise<IssueResult> {
  const draw = await requireDraw(store, drawId);
  const frame = await requireFrame(store, draw.frameId);
  if (frame.contactsPurgedAt) throw purgedError(frame.contactsPurgedAt);
  const units = (await store.sampleUnits.listByDraw(draw.id)).filter((u) => u.status !== 'reserve');
  const active = new Set((await store.accessCodes.listByDraw(draw.id)).filter((c) => c.revokedAt === null).map((c) => c.householdId));
  const targets = request.reissue ? units : units.filter((u) => !active.has(u.householdId));
  if (targets.length === 0) {
    throw new AppError('conflict', 'sampling.codesIssued', {}, { details: [{ path: 'reissue', message: 'confirm' }] });
  }
  const issued = issueAccessCodes(
    targets.map((u) => u.householdId),
    secret,
  );
  const at = new Date().toISOString();
  const revoked = await store.transaction(async (tx) => {
    const revokedNow = request.reissue ? await tx.accessCodes.revokeActiveForDraw(draw.id, at) : 0;
    await tx.accessCodes.insertMany(issued.map((c) => ({ drawId: draw.id, householdId: c.householdId, codeHash: c.codeHash, issuedAt: at })));
    await recordAudit(tx.audit, actor, {
      action: request.reissue ? 'codes.reissue' : 'codes.issue',
      entityType: 'draw',
      entityId: draw.id,
      details: { issued: issued.length, revoked: revokedNow },
    });
    return revokedNow;
  });
  return { drawId: draw.id, frameId: frame.id, issued, revoked };
}

function purgedError(at: string): AppError {
  return new AppError('conflict', 'sampling.contactsPurged', { date: at.slice(0, 10) });
}

export interface LettersRequest extends IssueRequest {
  format: 'pdf' | 'csv';
  template: LetterTemplate;
}

/**
 * Issues codes (see issueCodes) and returns the letters in the same step: a PDF with one page per
 * household or the mail-merge CSV. The audit records the export with its count, never the codes.
 * @throws AppError as issueCodes; invalid for an invalid template (e.g. unknown placeholder).
 */
export async function exportLetters(
  store: Store,
  drawId: string,
  request: LettersRequest,
  secret: string,
  actor: Actor,
): Promise<{ body: Buffer; contentType: string; fileName: string; count: number }> {
  // Check the template before any code is issued, so a typo does not revoke working codes.
  // A trial page with an invented household also catches a text too long for one page.
  try {
    await lettersPdf(
      [{ householdId: 'PROBE', name: 'Familie Probe', street: 'Probeweg', houseNumber: '1', postcode: '00000', city: 'Probe', accessCode: generateAccessCode() }],
      request.template,
    );
  } catch (err) {
    if (err instanceof RangeError) throw new AppError('invalid', 'sampling.letterTemplate', { reason: err.message }, { details: [{ path: 'template', message: err.message }] });
    throw err;
  }
  const result = await issueCodes(store, drawId, request, secret, actor);
  const contacts = await store.contacts.getMany(result.frameId, result.issued.map((c) => c.householdId));
  const byId = new Map(contacts.map((c) => [c.householdId, c]));
  const letters: LetterInput[] = result.issued.map((code) => {
    const contact = byId.get(code.householdId);
    if (!contact) throw new Error(`no contact data for household ${code.householdId}`);
    return { householdId: code.householdId, name: contact.name, street: contact.street, houseNumber: contact.houseNumber, postcode: contact.postcode, city: contact.city, accessCode: code.code };
  });
  const stamp = new Date().toISOString().slice(0, 10);
  const body =
    request.format === 'pdf'
      ? await lettersPdf(letters, request.template)
      : Buffer.from(lettersCsv(letters, request.template.surveyBaseUrl), 'utf8');
  await recordAudit(store.audit, actor, {
    action: 'letters.export',
    entityType: 'draw',
    entityId: drawId,
    details: { format: request.format, letters: letters.length, reissue: request.reissue, revoked: result.revoked },
  });
  return {
    body,
    contentType: request.format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
    fileName: `anschreiben-${stamp}.${request.format}`,
    count: letters.length,
  };
}

/**
 * Deletes every contact row of a frame after fieldwork, with the paper form references of its draws
 * and their scanned forms still waiting for verification, and records when, audited. Analysis data (households, sample units, code hashes) stay; letters and
 * printed forms become impossible.
 * @throws AppError notFound unknown frame.
 */
export async function purgeContacts(store: Store, frameId: string, actor: Actor): Promise<{ removed: number; purgedAt: string }> {
  await requireFrame(store, frameId);
  const at = new Date().toISOString();
  const removed = await store.transaction(async (tx) => {
    const count = await tx.contacts.purgeFrame(frameId);
    // The paper form references link printed forms to households: personal data like the contacts.
    // Scanned forms of those references still waiting for verification go with them (with their images).
    const formIds = (await Promise.all((await tx.draws.list(frameId)).map((d) => tx.paperForms.listByDraw(d.id)))).flat().map((r) => r.formId);
    const scannedForms = await tx.scannedForms.purgePending(formIds);
    const paperForms = await tx.paperForms.purgeFrame(frameId);
    await tx.frames.markContactsPurged(frameId, at);
    await recordAudit(tx.audit, actor, { action: 'frame.contacts.purge', entityType: 'frame', entityId: frameId, details: { removed: count, paperForms, scannedForms } });
    return count;
  });
  return { removed, purgedAt: at };
}
