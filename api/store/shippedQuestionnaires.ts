/**
 * The questionnaire versions the platform ships with. Migration 008 stores them as published (SQLite's
 * data step in sqlite/migrate.ts, MongoDB's step 8), so an empty store knows them before anyone imports
 * a version. The JSON files live with the questionnaire code (api/questionnaire/*.json).
 */
import familyLifeQualityV1 from '../questionnaire/family-life-quality.v1.json';

export interface ShippedQuestionnaire {
  readonly questionnaireId: string;
  readonly version: number;
  readonly json: Record<string, unknown>;
}

export const SHIPPED_QUESTIONNAIRES: readonly ShippedQuestionnaire[] = [
  { questionnaireId: 'family-life-quality', version: 1, json: familyLifeQualityV1 as Record<string, unknown> },
];
