import { FAMILY_LIFE_QUALITY_ID, QUESTIONNAIRES, type QuestionnaireJson } from '../questionnaire';
import { waveQuestionnaire } from '../questionnaire/questionnaireVersionService';
import { AppError } from '../errors/appError';
import { DuplicateKeyError, type Store } from '../store/types';

export interface ActiveQuestionnaire {
  id: string;
  version: number;
  /** Frozen: validateAnswers() caches its survey-core model by object identity. */
  json: QuestionnaireJson;
}

const cache = new Map<string, ActiveQuestionnaire>();
const key = (id: string, version: number) => `${id}@${version}`;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The questionnaire new responses use: the highest built-in version of the family questionnaire,
 * published into the store on first use (responses refer to the stored, immutable version).
 */
export async function currentQuestionnaire(store: Store, id = FAMILY_LIFE_QUALITY_ID): Promise<ActiveQuestionnaire> {
  const builtIn = QUESTIONNAIRES.filter((q) => q.id === id).sort((a, b) => b.version - a.version)[0];
  if (!builtIn) throw new Error(`no built-in questionnaire '${id}'`);
  const cached = cache.get(key(id, builtIn.version));
  if (cached) return cached;
  if (!(await store.questionnaireVersions.get(id, builtIn.version))) {
    await store.questionnaireVersions.publish({ questionnaireId: id, version: builtIn.version, json: builtIn.json as Record<string, unknown> }).catch((err: unknown) => {
      if (!(err instanceof DuplicateKeyError)) throw err; // published by a parallel request
    });
  }
  const active = { id, version: builtIn.version, json: builtIn.json };
  cache.set(key(id, builtIn.version), active);
  return active;
}

/**
 * The questionnaire a household of this draw (wave) answers, online or on paper: the version the
 * wave is tied to (Fragebogen page, `questionnaire` service), otherwise the current built-in one.
 */
export async function questionnaireForDraw(store: Store, drawId: string | null): Promise<ActiveQuestionnaire> {
  const wave = await waveQuestionnaire(store, drawId);
  return wave.bound ? { id: wave.id, version: wave.version, json: wave.json } : currentQuestionnaire(store, wave.id);
}

/**
 * The questionnaire a household's paper form is keyed in: the version of an entry already made, else its wave's.
 * @throws AppError notFound `collection.householdUnknown` for a household that was not contacted.
 */
export async function paperQuestionnaire(store: Store, householdId: string): Promise<ActiveQuestionnaire> {
  const entry = await store.paperEntries.get(householdId);
  if (entry) return questionnaireVersion(store, entry.questionnaireId, entry.questionnaireVersion);
  const household = await store.roster.get(householdId);
  if (!household) throw new AppError('notFound', 'collection.householdUnknown');
  return questionnaireForDraw(store, household.drawId);
}

/** The questionnaire version a stored response was started with. */
export async function questionnaireVersion(store: Store, id: string, version: number): Promise<ActiveQuestionnaire> {
  const cached = cache.get(key(id, version));
  if (cached) return cached;
  const builtIn = QUESTIONNAIRES.find((q) => q.id === id && q.version === version);
  const json = builtIn?.json ?? deepFreeze((await store.questionnaireVersions.get(id, version))?.json);
  if (!json) throw new Error(`questionnaire ${id} version ${version} is not published`);
  const active = { id, version, json };
  cache.set(key(id, version), active);
  return active;
}
