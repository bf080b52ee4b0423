import familyLifeQualityV1 from './family-life-quality.v1.json';
import { AppError } from '../errors/appError';
import { problemDetails } from './questionnaireProblems';
import { deepFreeze, type QuestionnaireJson } from './surveyModel';

export const FAMILY_LIFE_QUALITY_ID = 'family-life-quality';

/** A questionnaire version the platform ships with. */
export interface QuestionnaireDefinition {
  readonly id: string;
  readonly version: number;
  /** Frozen SurveyJS JSON; copy it (structuredClone) before editing. */
  readonly json: QuestionnaireJson;
}

/** Built-in questionnaires. Question names are analysis variables and stay stable across versions. */
export const QUESTIONNAIRES: readonly QuestionnaireDefinition[] = deepFreeze([
  { id: FAMILY_LIFE_QUALITY_ID, version: 1, json: familyLifeQualityV1 as QuestionnaireJson },
]);

/**
 * Returns the JSON of a built-in questionnaire version (frozen, shared).
 * @throws AppError invalid (`questionnaire.unknownVersion`) when the id/version is not in QUESTIONNAIRES.
 * @example loadQuestionnaire(1).pages // → the 10 pages of the family life-quality questionnaire
 */
export function loadQuestionnaire(version: number, id: string = FAMILY_LIFE_QUALITY_ID): QuestionnaireJson {
  const found = QUESTIONNAIRES.find((q) => q.id === id && q.version === version);
  if (found === undefined) {
    const known = QUESTIONNAIRES.map((q) => `${q.id} v${q.version}`).join(', ');
    throw new AppError('invalid', 'questionnaire.unknownVersion', { id, version }, { details: problemDetails([{ element: 'questionnaire', problem: `available: ${known}` }]) });
  }
  return found.json;
}
