import { AppError } from '../errors/appError';
import { QUESTIONNAIRES } from '../questionnaire/registry';
import type { QuestionnaireJson } from '../questionnaire/surveyModel';
import type { Store } from '../store/types';
import { parseQuestionnaireRef } from './pageIdentity';

/** A questionnaire version to print or to read back from paper. */
export interface ResolvedQuestionnaire {
  readonly id: string;
  readonly version: number;
  /** `id@version`. */
  readonly ref: string;
  readonly json: QuestionnaireJson;
  /** Where the definition came from. */
  readonly source: 'store' | 'registry';
}

/** Only what is needed from a store: the stored questionnaire versions. */
export type QuestionnaireSource = Pick<Store, 'questionnaireVersions'>;

/**
 * The JSON of a questionnaire version `id@version`: from the store when one is given and holds that
 * version, otherwise from the versions the platform ships (api/questionnaire/registry.ts), so printing
 * and scanning the shipped versions work without a store.
 * @throws AppError invalid (`paperform.badQuestionnaireRef`) for a reference not of the form id@version,
 *   notFound (`paperform.unknownQuestionnaire`) when neither the store nor the registry has it.
 * @example (await resolveQuestionnaire('family-life-quality@1')).source // → 'registry'
 */
export async function resolveQuestionnaire(ref: string, store?: QuestionnaireSource): Promise<ResolvedQuestionnaire> {
  const { id, version } = parseQuestionnaireRef(ref);
  const canonicalRef = `${id}@${version}`;
  if (store !== undefined) {
    const stored = await store.questionnaireVersions.get(id, version);
    if (stored) return { id, version, ref: canonicalRef, json: stored.json, source: 'store' };
  }
  const shipped = QUESTIONNAIRES.find((q) => q.id === id && q.version === version);
  if (shipped) return { id, version, ref: canonicalRef, json: shipped.json, source: 'registry' };
  const stored = store ? (await store.questionnaireVersions.list()).map((q) => `${q.questionnaireId}@${q.version}`) : [];
  const known = [...new Set([...QUESTIONNAIRES.map((q) => `${q.id}@${q.version}`), ...stored])].join(', ');
  throw new AppError('notFound', 'paperform.unknownQuestionnaire', { ref: canonicalRef, known });
}
