import { createHmac } from 'node:crypto';
import { isWellFormedAccessCode, canonicalAccessCode } from '../codes';
import { answerValidatorFor, type AnswerError, type Locale } from '../questionnaire';
import { recordAudit, SYSTEM_ACTOR } from '../audit/auditLog';
import { DuplicateKeyError, type RosterEntry, type Session, type Store, type SurveyResponse, type ThrottlePolicy, type ThrottleState } from '../store/types';
import { AppError } from '../errors/appError';
import { currentQuestionnaire, questionnaireForDraw, questionnaireVersion } from './questionnaires';

/** Limits on access-code attempts, counted in the store's throttle table (shared by all processes). */
export interface CodeAttemptPolicy {
  perClient: ThrottlePolicy;
  /** All clients together: slows down a distributed guessing attack at the price of a short global pause. */
  global: ThrottlePolicy;
}

export const DEFAULT_CODE_POLICY: CodeAttemptPolicy = {
  perClient: { windowMs: 15 * 60_000, maxFailures: 10, lockMs: 15 * 60_000 },
  global: { windowMs: 10 * 60_000, maxFailures: 2_000, lockMs: 5 * 60_000 },
};

/** Resolves a typed access code to the contacted household; null for unknown, revoked or malformed codes. */
export interface CodeResolver {
  resolve(code: string): Promise<RosterEntry | null>;
}

/** Never matches a stored hash (stored hashes are HMACs of well-formed codes): keeps malformed codes on the same path. */
const NO_CODE = 'malformed-access-code';

/**
 * The store-backed resolver: HMAC of the canonical code, one indexed lookup. A malformed code
 * costs the same HMAC and lookup as a well-formed one, so timing does not tell them apart.
 */
export function storeCodeResolver(store: Store, secret: () => string): CodeResolver {
  return {
    async resolve(code) {
      const canonical = canonicalAccessCode(code);
      const wellFormed = canonical !== null && isWellFormedAccessCode(canonical);
      const hash = createHmac('sha256', secret()).update(wellFormed ? canonical : NO_CODE, 'utf8').digest('hex');
      const entry = await store.roster.findByCodeHash(hash);
      return wellFormed ? entry : null;
    },
  };
}

/** What the resident page needs to show: the survey (with answers so far) or the thank-you page. */
export type SurveyState =
  | { status: 'submitted' }
  | {
      status: 'draft';
      mode: SurveyResponse['mode'];
      questionnaire: { id: string; version: number; json: unknown };
      answers: Record<string, unknown>;
      currentPage: number;
      revision: number;
    };

export async function stateOf(store: Store, response: SurveyResponse): Promise<SurveyState> {
  if (response.status === 'submitted') return { status: 'submitted' };
  const q = await questionnaireVersion(store, response.questionnaireId, response.questionnaireVersion);
  return {
    status: 'draft',
    mode: response.mode,
    questionnaire: { id: q.id, version: q.version, json: q.json },
    answers: response.answers,
    currentPage: response.currentPage,
    revision: response.revision,
  };
}

const isLocked = (s: ThrottleState | null, now: Date) => s?.lockedUntil != null && Date.parse(s.lockedUntil) > now.getTime();
const lockedError = (until: string, now: Date) => {
  const seconds = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
  return new AppError('locked', 'collection.codeLocked', { minutes: Math.ceil(seconds / 60) }, { retryAfterSeconds: seconds });
};

/**
 * Opens the survey for a typed code. Order: refuse while the client or everybody is locked out →
 * resolve → on failure count one failure per client and one globally (a lockout is audited
 * once, without the client address) → on success bind the session to the household's online
 * response (created as a draft on first entry), or to its submitted response (thank-you page),
 * after replacing the session by `renewedSession` when given.
 * Unknown and malformed codes end in the same AppError.
 * @throws AppError notFound codeNotAccepted, locked codeLocked.
 */
export async function enterWithCode(
  store: Store,
  resolver: CodeResolver,
  policy: CodeAttemptPolicy,
  input: {
    code: string;
    clientIp: string;
    sessionIdHash: string;
    /** The caller's session under a new id, stored in place of the old one when the code is accepted (session fixation defence). */
    renewedSession?: Session;
  },
  now = new Date(),
): Promise<SurveyState> {
  const clientKey = `survey-code:ip:${input.clientIp}`;
  const globalKey = 'survey-code:global';
  const [client, global] = await Promise.all([store.throttle.get(clientKey), store.throttle.get(globalKey)]);
  if (isLocked(client, now)) throw lockedError(client!.lockedUntil!, now);
  if (isLocked(global, now)) throw lockedError(global!.lockedUntil!, now);

  const household = await resolver.resolve(input.code);
  if (!household) {
    const locked = await store.transaction(async (tx) => {
      const byClient = await tx.throttle.recordFailure(clientKey, now, policy.perClient);
      const byAll = await tx.throttle.recordFailure(globalKey, now, policy.global);
      for (const [scope, result] of [['client-address', byClient], ['all-clients', byAll]] as const) {
        if (!result.newlyLocked) continue;
        await recordAudit(tx.audit, SYSTEM_ACTOR, {
          action: 'survey.code_lockout',
          entityType: 'client',
          details: { scope, failures: result.state.failures, lockedUntil: result.state.lockedUntil },
        });
      }
      return byClient.newlyLocked ? byClient.state.lockedUntil : byAll.newlyLocked ? byAll.state.lockedUntil : null;
    });
    if (locked) throw lockedError(locked, now);
    throw new AppError('notFound', 'collection.codeNotAccepted');
  }

  const questionnaire = await questionnaireForDraw(store, household.drawId);
  const sessionIdHash = input.renewedSession?.idHash ?? input.sessionIdHash;
  // One transaction (one commit): the draft, the renewed session and the link appear together or not at all.
  const response = await store.transaction(async (tx) => {
    const existing =
      (await tx.responses.submittedForHousehold(household.householdId)) ??
      (await tx.responses.openDraft({
        householdId: household.householdId,
        mode: 'online',
        questionnaireId: questionnaire.id,
        questionnaireVersion: questionnaire.version,
        district: household.district,
        wave: household.wave,
        drawId: household.drawId,
      }));
    if (input.renewedSession) {
      await tx.sessions.create(input.renewedSession);
      // Ends the old id (and, by cascade, any link it had): whoever knew it has nothing now.
      await tx.sessions.delete(input.sessionIdHash);
    }
    await tx.surveyLinks.bind({ sessionIdHash, householdId: household.householdId, responseId: existing.id });
    return existing;
  });
  return stateOf(store, response);
}

/** Starts an open-link response (no code, outside the probability sample) for this session. */
export async function enterOpenLink(store: Store, sessionIdHash: string): Promise<SurveyState> {
  const q = await currentQuestionnaire(store);
  const response = await store.responses.createOpenDraft({ questionnaireId: q.id, questionnaireVersion: q.version });
  await store.surveyLinks.bind({ sessionIdHash, householdId: null, responseId: response.id });
  return stateOf(store, response);
}

async function linkedResponse(store: Store, sessionIdHash: string): Promise<SurveyResponse> {
  const link = await store.surveyLinks.get(sessionIdHash);
  const response = link ? await store.responses.get(link.responseId) : null;
  if (!response) throw new AppError('notFound', 'collection.noSurvey');
  // The household may have been completed on paper meanwhile: then only the thank-you page remains.
  if (response.status === 'draft' && response.householdId && (await store.responses.submittedForHousehold(response.householdId))) {
    return { ...response, status: 'submitted' };
  }
  return response;
}

export async function currentState(store: Store, sessionIdHash: string): Promise<SurveyState> {
  return stateOf(store, await linkedResponse(store, sessionIdHash));
}

const toDetails = (errors: readonly AnswerError[]) => errors.map((e) => ({ path: e.question, message: e.message }));

/**
 * Autosave of a page: merges the sent answers into the draft (a null value clears an answer),
 * checks the result with validateAnswers(partial) and stores it with the page. The merge runs
 * inside one transaction, so concurrent saves of different pages never lose each other's answers.
 * @throws AppError notFound noSurvey, unprocessable answersInvalid listing the questions.
 */
export async function saveDraft(
  store: Store,
  sessionIdHash: string,
  input: { answers: Record<string, unknown>; page: number },
  locale: Locale,
): Promise<{ status: 'draft' | 'submitted'; revision?: number; savedAt?: string }> {
  const link = await store.surveyLinks.get(sessionIdHash);
  if (!link) throw new AppError('notFound', 'collection.noSurvey');
  const first = await store.responses.get(link.responseId);
  if (!first) throw new AppError('notFound', 'collection.noSurvey');
  const q = await questionnaireVersion(store, first.questionnaireId, first.questionnaireVersion);
  return store.transaction(async (tx) => {
    const response = await tx.responses.get(link.responseId);
    if (!response || response.status === 'submitted') return { status: 'submitted' as const };
    const merged: Record<string, unknown> = { ...response.answers };
    for (const [name, value] of Object.entries(input.answers)) {
      if (value === null) delete merged[name];
      else merged[name] = value;
    }
    const checked = answerValidatorFor(q.json)(merged, { partial: true, locale });
    if (!checked.ok) throw new AppError('unprocessable', 'collection.answersInvalid', {}, { details: toDetails(checked.errors) });
    const saved = await tx.responses.saveDraft(response.id, checked.data, input.page);
    return saved ? { status: 'draft' as const, revision: saved.revision, savedAt: saved.updatedAt } : { status: 'submitted' as const };
  });
}

/**
 * Final submission: full validation (unprocessable, naming each question), then draft → submitted in one
 * transaction. Stored exactly once: a second submit (same or another device, or a household
 * already completed on paper) finds no draft or hits the unique index and gets the thank-you state.
 * @throws AppError notFound noSurvey, unprocessable answersInvalid.
 */
export async function submitSurvey(store: Store, sessionIdHash: string, answers: Record<string, unknown>, locale: Locale): Promise<SurveyState> {
  const response = await linkedResponse(store, sessionIdHash);
  if (response.status === 'submitted') return { status: 'submitted' };
  const q = await questionnaireVersion(store, response.questionnaireId, response.questionnaireVersion);
  // The compiled validator: same verdicts and messages as survey-core (see compileAnswerValidator.test.ts), ~50× cheaper.
  const checked = answerValidatorFor(q.json)(answers, { locale });
  if (!checked.ok) throw new AppError('unprocessable', 'collection.answersInvalid', {}, { details: toDetails(checked.errors) });
  try {
    await store.responses.submit(response.id, checked.data);
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
  return { status: 'submitted' };
}
