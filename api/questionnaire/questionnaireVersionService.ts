/**
 * Questionnaire versions on the store: import (after the check), publish, retire, read, compare, and
 * tie a wave (a draw) to the version its residents, paper entry and printed forms use.
 *
 * A version is stored as a draft or as published; its JSON never changes afterwards (answers refer
 * to it). The status moves only forwards: draft → published → retired. A wave uses the version it
 * was bound to; a wave that was never bound uses the questionnaire the platform ships with
 * (QUESTIONNAIRES), so publishing a new version never changes a wave already in the field.
 */
import { INDICATORS } from '../../analysis/indicators';
import { recordAudit, type Actor } from '../audit/auditLog';
import { AppError } from '../errors/appError';
import { DuplicateKeyError, type QuestionnaireVersion, type QuestionnaireVersionStatus, type Store, type WaveQuestionnaire } from '../store/types';
import { checkQuestionnaire, problemLine, type CheckOptions, type IndicatorReference, type QuestionnaireCheck } from './checkQuestionnaire';
import { FAMILY_LIFE_QUALITY_ID, QUESTIONNAIRES } from './registry';
import { deepFreeze, type QuestionnaireJson } from './surveyModel';
import { diffVersions, type VersionDiffRow } from './versionDiff';

/** Questionnaire ids: letters, digits, `.`, `_` and `-`, starting with a letter or digit (they appear in file names and `ID@VERSION`). */
export const QUESTIONNAIRE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A stored version without its JSON, as listed. */
export interface QuestionnaireVersionSummary {
  readonly questionnaireId: string;
  readonly version: number;
  readonly status: QuestionnaireVersionStatus;
  /** Answerable questions. */
  readonly questions: number;
  readonly importedAt: string;
  readonly importedBy: string | null;
  readonly publishedAt: string | null;
  readonly retiredAt: string | null;
}

/** The questionnaire a wave is answered with (frozen JSON: validateAnswers caches models by identity). */
export interface WaveQuestionnaireVersion {
  readonly id: string;
  readonly version: number;
  readonly json: QuestionnaireJson;
  /** True when the wave was bound to this version; false for the default of an unbound wave. */
  readonly bound: boolean;
}

export interface ServiceOptions {
  /** Indicators the check and the diff consider; by default the stored ones (currentIndicators), without a store the built-in ones. */
  readonly indicators?: readonly IndicatorReference[];
}

const indicatorsOf = (options: ServiceOptions) => options.indicators ?? INDICATORS;

/**
 * The indicators a check or diff on the store considers: those given, else the newest stored
 * definition of each indicator (planners edit them, migration 011), else the built-in ones.
 */
export async function currentIndicators(store: Pick<Store, 'indicatorDefinitions'>, options: ServiceOptions = {}): Promise<readonly IndicatorReference[]> {
  if (options.indicators) return options.indicators;
  const stored = await store.indicatorDefinitions.current();
  return stored.length > 0 ? stored.map((s) => s.definition) : INDICATORS;
}

/**
 * Checks a questionnaire file (text, bytes or parsed JSON) without storing anything, against the
 * indicators given (pass currentIndicators(store) for the edited ones) or the built-in ones.
 * With `questionnaireId`, the indicators of that questionnaire must still find their questions and codes.
 */
export function checkQuestionnaireVersion(input: unknown, options: ServiceOptions & Pick<CheckOptions, 'questionnaireId'> = {}): QuestionnaireCheck {
  return checkQuestionnaire(input, { questionnaireId: options.questionnaireId, indicators: indicatorsOf(options) });
}

/**
 * Stores the next version of `questionnaireId` (1 for a new id) after the check, as a draft or,
 * with `publish`, published at once. Audited.
 * @throws AppError invalid `questionnaire.badId` for an id that is not a QUESTIONNAIRE_ID_PATTERN;
 *   unprocessable `questionnaire.rejected` with one detail per problem (path = JSON path, message = question: German / English).
 */
export async function importQuestionnaireVersion(
  store: Store,
  input: { questionnaireId: string; file: unknown; publish?: boolean; actor: Actor },
  options: ServiceOptions = {},
): Promise<QuestionnaireVersionSummary & { check: QuestionnaireCheck }> {
  requireId(input.questionnaireId);
  const check = checkQuestionnaireVersion(input.file, { indicators: await currentIndicators(store, options), questionnaireId: input.questionnaireId });
  if (!check.ok) throw rejected(check);
  for (let attempt = 0; ; attempt++) {
    const versions = await store.questionnaireVersions.list(input.questionnaireId);
    const version = versions.reduce((max, v) => Math.max(max, v.version), 0) + 1;
    try {
      const stored = await store.questionnaireVersions.create({
        questionnaireId: input.questionnaireId,
        version,
        json: structuredClone(check.json) as Record<string, unknown>,
        status: input.publish === true ? 'published' : 'draft',
        importedBy: input.actor.id,
      });
      await recordAudit(store.audit, input.actor, {
        action: input.publish === true ? 'questionnaire.import_published' : 'questionnaire.import',
        entityType: 'questionnaire_version',
        entityId: `${input.questionnaireId}@${version}`,
        details: { questions: check.questions, languages: check.languages, warnings: check.warnings.length },
      });
      return { ...summary(stored), check };
    } catch (err) {
      // Two imports of the same id at once: the second takes the next number.
      if (!(err instanceof DuplicateKeyError) || attempt >= 3) throw err;
    }
  }
}

/**
 * Publishes a draft: from now on a wave can be bound to it. Audited.
 * @throws AppError notFound `questionnaire.versionNotFound`; conflict `questionnaire.notDraft` when it is published or retired already.
 */
export async function publishQuestionnaireVersion(store: Store, questionnaireId: string, version: number, actor: Actor): Promise<QuestionnaireVersionSummary> {
  return moveStatus(store, questionnaireId, version, 'draft', 'published', actor);
}

/**
 * Retires a published version: no wave can be bound to it any more; its answers stay as they are. Audited.
 * @throws AppError notFound `questionnaire.versionNotFound`; conflict `questionnaire.notPublished`.
 */
export async function retireQuestionnaireVersion(store: Store, questionnaireId: string, version: number, actor: Actor): Promise<QuestionnaireVersionSummary> {
  return moveStatus(store, questionnaireId, version, 'published', 'retired', actor);
}

/** Every stored version (of one questionnaire when given), by id and version. */
export async function listQuestionnaireVersions(store: Store, questionnaireId?: string): Promise<QuestionnaireVersionSummary[]> {
  return (await store.questionnaireVersions.list(questionnaireId)).map(summary);
}

/**
 * One stored version with its JSON.
 * @throws AppError notFound `questionnaire.versionNotFound`.
 */
export async function getQuestionnaireVersion(store: Store, questionnaireId: string, version: number): Promise<QuestionnaireVersionSummary & { json: QuestionnaireJson }> {
  const stored = await requireVersion(store, questionnaireId, version);
  return { ...summary(stored), json: deepFreeze(stored.json) };
}

/**
 * The differences from version `a` to `b` (also of two different ids), with trend breaks of the indicators
 * of `b`'s questionnaire. `renames` maps old question names to new ones.
 * @throws AppError notFound `questionnaire.versionNotFound`.
 */
export async function diffQuestionnaireVersions(
  store: Store,
  a: { questionnaireId: string; version: number },
  b: { questionnaireId: string; version: number },
  options: ServiceOptions & { renames?: Readonly<Record<string, string>> } = {},
): Promise<VersionDiffRow[]> {
  const [before, after] = await Promise.all([requireVersion(store, a.questionnaireId, a.version), requireVersion(store, b.questionnaireId, b.version)]);
  const indicators = (await currentIndicators(store, options)).filter((i) => i.questionnaire.id === b.questionnaireId || i.questionnaire.id === a.questionnaireId);
  return diffVersions(before.json, after.json, { indicators, ...(options.renames ? { renames: options.renames } : {}) });
}

/**
 * Reads `ID@VERSION` (e.g. `family-life-quality@2`).
 * @throws AppError invalid `questionnaire.badReference`.
 */
export function parseVersionReference(text: string): { questionnaireId: string; version: number } {
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63})@([1-9][0-9]{0,5})$/.exec(text.trim());
  if (!match) throw new AppError('invalid', 'questionnaire.badReference', { text: text.slice(0, 80) });
  return { questionnaireId: match[1]!, version: Number(match[2]) };
}

/**
 * Ties a wave (a draw) to a published version; its residents, paper entry and printed forms use it.
 * A wave that already has answers keeps its version. Audited.
 * @throws AppError notFound `questionnaire.drawNotFound` | `questionnaire.versionNotFound`;
 *   conflict `questionnaire.notPublished` for a draft or retired version, `questionnaire.waveHasAnswers` when answers in another version exist.
 */
export async function bindWaveQuestionnaire(
  store: Store,
  input: { drawId: string; questionnaireId: string; version: number; actor: Actor },
): Promise<WaveQuestionnaire> {
  const draw = await store.draws.get(input.drawId);
  if (!draw) throw new AppError('notFound', 'questionnaire.drawNotFound', { drawId: input.drawId.slice(0, 80) });
  const stored = await requireVersion(store, input.questionnaireId, input.version);
  if (stored.status !== 'published') throw new AppError('conflict', 'questionnaire.notPublished', { id: stored.questionnaireId, version: stored.version, status: stored.status });
  const current = await waveQuestionnaire(store, input.drawId);
  if (current.id !== input.questionnaireId || current.version !== input.version) {
    const [responses, paper] = await Promise.all([store.responses.list({}), store.paperEntries.list()]);
    const answered = responses.some((r) => r.drawId === input.drawId) || paper.some((p) => p.drawId === input.drawId);
    if (answered) throw new AppError('conflict', 'questionnaire.waveHasAnswers', { wave: draw.wave, id: current.id, version: current.version });
  }
  const bound = await store.questionnaireVersions.bindWave({ drawId: input.drawId, questionnaireId: input.questionnaireId, questionnaireVersion: input.version, boundBy: input.actor.id });
  await recordAudit(store.audit, input.actor, {
    action: 'questionnaire.bind_wave',
    entityType: 'draw',
    entityId: input.drawId,
    details: { wave: draw.wave, questionnaire: `${input.questionnaireId}@${input.version}` },
  });
  return bound;
}

const waveCache = new Map<string, QuestionnaireJson>();

/**
 * The questionnaire a wave is answered with: the version the draw is bound to, or — for an unbound
 * draw, an open-link response (`drawId` null) — the highest version the platform ships with.
 */
export async function waveQuestionnaire(store: Store, drawId: string | null, id = FAMILY_LIFE_QUALITY_ID): Promise<WaveQuestionnaireVersion> {
  const binding = drawId === null ? null : await store.questionnaireVersions.waveBinding(drawId);
  if (binding === null) {
    const builtIn = QUESTIONNAIRES.filter((q) => q.id === id).sort((a, b) => b.version - a.version)[0];
    if (!builtIn) throw new AppError('notFound', 'questionnaire.versionNotFound', { id, version: 0 });
    return { id, version: builtIn.version, json: builtIn.json, bound: false };
  }
  const key = `${binding.questionnaireId}@${binding.questionnaireVersion}`;
  let json = waveCache.get(key);
  if (json === undefined) {
    json = deepFreeze((await requireVersion(store, binding.questionnaireId, binding.questionnaireVersion)).json);
    waveCache.set(key, json);
  }
  return { id: binding.questionnaireId, version: binding.questionnaireVersion, json, bound: true };
}

/** Every draw with the version it uses (bound or default), newest wave first. */
export async function listWaveQuestionnaires(store: Store): Promise<{ drawId: string; wave: number; createdAt: string; questionnaireId: string; version: number; bound: boolean }[]> {
  const [draws, bindings] = await Promise.all([store.draws.list(), store.questionnaireVersions.waveBindings()]);
  const byDraw = new Map(bindings.map((b) => [b.drawId, b]));
  const fallback = QUESTIONNAIRES.filter((q) => q.id === FAMILY_LIFE_QUALITY_ID).sort((a, b) => b.version - a.version)[0]!;
  return draws
    .map((d) => {
      const b = byDraw.get(d.id);
      return { drawId: d.id, wave: d.wave, createdAt: d.createdAt, questionnaireId: b?.questionnaireId ?? fallback.id, version: b?.questionnaireVersion ?? fallback.version, bound: b !== undefined };
    })
    .sort((a, b) => b.wave - a.wave || b.createdAt.localeCompare(a.createdAt));
}

/** The problems of a rejected check as one line each (question, JSON path, German / English). */
export function problemLines(check: QuestionnaireCheck): string[] {
  return check.problems.map(problemLine);
}

async function moveStatus(
  store: Store,
  questionnaireId: string,
  version: number,
  from: QuestionnaireVersionStatus,
  to: QuestionnaireVersionStatus,
  actor: Actor,
): Promise<QuestionnaireVersionSummary> {
  const moved = await store.questionnaireVersions.setStatus(questionnaireId, version, from, to);
  if (moved === null) {
    const stored = await requireVersion(store, questionnaireId, version);
    throw new AppError('conflict', from === 'draft' ? 'questionnaire.notDraft' : 'questionnaire.notPublished', { id: questionnaireId, version, status: stored.status });
  }
  await recordAudit(store.audit, actor, { action: `questionnaire.${to === 'published' ? 'publish' : 'retire'}`, entityType: 'questionnaire_version', entityId: `${questionnaireId}@${version}` });
  return summary(moved);
}

async function requireVersion(store: Store, questionnaireId: string, version: number): Promise<QuestionnaireVersion> {
  const stored = QUESTIONNAIRE_ID_PATTERN.test(questionnaireId) && Number.isInteger(version) && version >= 1 ? await store.questionnaireVersions.get(questionnaireId, version) : null;
  if (!stored) throw new AppError('notFound', 'questionnaire.versionNotFound', { id: questionnaireId.slice(0, 80), version });
  return stored;
}

function requireId(questionnaireId: string): void {
  if (!QUESTIONNAIRE_ID_PATTERN.test(questionnaireId)) throw new AppError('invalid', 'questionnaire.badId', { id: questionnaireId.slice(0, 80) });
}

function rejected(check: QuestionnaireCheck): AppError {
  return new AppError('unprocessable', 'questionnaire.rejected', { count: check.problems.length }, {
    details: check.problems.map((p) => ({ path: p.path, message: `${p.question ?? '-'}: ${p.message.de} / ${p.message.en}` })),
  });
}

function summary(v: QuestionnaireVersion): QuestionnaireVersionSummary {
  let questions = 0;
  const count = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const e of elements as Record<string, unknown>[]) {
      const type = typeof e?.type === 'string' ? e.type.toLowerCase() : '';
      if (type === 'panel') count(e.elements);
      else if (type !== 'html' && type !== 'image') questions++;
    }
  };
  for (const page of Array.isArray(v.json.pages) ? (v.json.pages as Record<string, unknown>[]) : []) count(page?.elements);
  return {
    questionnaireId: v.questionnaireId,
    version: v.version,
    status: v.status,
    questions,
    importedAt: v.importedAt,
    importedBy: v.importedBy,
    publishedAt: v.publishedAt,
    retiredAt: v.retiredAt,
  };
}
