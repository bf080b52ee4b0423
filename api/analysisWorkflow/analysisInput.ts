/**
 * What the analysis needs from the survey, in one small record: the frame's district sizes and household-type
 * counts (population margins), the contacted sample units with their design weights, and the submitted
 * probability-sample responses. Pseudonymous household ids only — never names, addresses or access codes.
 * `loadAnalysisInput` builds it from the store; tests can build it directly.
 */
import { createHash } from 'node:crypto';
import type { IndicatorDefinition } from '../../analysis/indicators';
import { AppError } from '../errors/appError';
import type { QuestionnaireVersion } from '../store/collectionTypes';
import type { ResponseMode, Store } from '../store/types';
import { loadAreaCovariates, type AreaCovariateTable } from './areaCovariates';
import { answersUnderCurrentNames, questionRenames, type QuestionnaireJson } from '../questionnaire';
import { currentIndicators, questionnaireJson } from './indicatorDefinitions';
import { loadModelSettings, type ModelSettings } from './modelSettings';

export interface AnalysisSampleUnit {
  householdId: string;
  district: string;
  /** From the frame; null when the frame has no household type column. */
  householdType: string | null;
  /** Statistical sub-district from the frame; null when the frame has none. */
  subdistrict: string | null;
  designWeight: number;
  /** Recorded in fieldwork as no longer eligible (no child any more); a submitted questionnaire overrides it. */
  notEligible?: boolean;
}

export interface AnalysisResponse {
  householdId: string;
  mode: ResponseMode;
  probabilitySample: boolean;
  questionnaireVersion: number;
  answers: Record<string, unknown>;
}

export interface AnalysisInput {
  drawId: string;
  wave: number;
  questionnaireId: string;
  /** Households N_h per district in the frame. */
  districts: { district: string; households: number }[];
  /** Households per type in the frame; empty when the frame has no (complete) household type column. */
  householdTypes: { householdType: string; households: number }[];
  /** Contacted units (invited or released reserve); not-released reserve units were never asked. */
  sampleUnits: AnalysisSampleUnit[];
  responses: AnalysisResponse[];
  /** Areas (districts, sub-districts) with their covariates, for small-area models. */
  areas: AreaCovariateTable;
  /** The indicators to estimate: the newest stored version of each (absent only in inputs built by hand: the shipped ones). */
  indicators?: readonly IndicatorDefinition[];
  /** Stored version of each indicator in `indicators`, by id. */
  indicatorVersions?: Readonly<Record<string, number>>;
  /** The questionnaire versions the responses were given in, by version number (for the microdata and codebook). */
  questionnaires?: Readonly<Record<number, QuestionnaireJson>>;
  /** The planner's covariates per indicator and level (absent: the defaults everywhere). */
  modelSettings?: ModelSettings;
  /** Changes whenever a response, a weight, the set of contacted units or a covariate changes (cache key). */
  dataVersion: string;
}

/**
 * Reads the analysis input of one draw (default: the newest draw) from the store.
 * @throws AppError notFound when there is no draw (or the given one is unknown).
 */
export async function loadAnalysisInput(store: Store, drawId?: string, questionnaireId = 'family-life-quality'): Promise<AnalysisInput> {
  const draw = drawId ? await store.draws.get(drawId) : (await store.draws.list())[0] ?? null;
  if (!draw) {
    throw drawId ? new AppError('notFound', 'analysis.drawNotFound', { drawId }) : new AppError('notFound', 'analysis.noDraw');
  }
  const frame = await store.frames.get(draw.frameId);
  if (!frame) throw new AppError('notFound', 'analysis.drawFrameMissing');
  const households = await store.households.listByFrame(frame.id);
  const typeOf = new Map<string, string | null>();
  const subdistrictOf = new Map<string, string | null>();
  const typeCounts = new Map<string, number>();
  let typed = true;
  for (const h of households) {
    typeOf.set(h.householdId, h.householdType);
    subdistrictOf.set(h.householdId, h.subdistrict);
    if (h.householdType === null || h.householdType.trim() === '') typed = false;
    else typeCounts.set(h.householdType, (typeCounts.get(h.householdType) ?? 0) + 1);
  }
  const units = (await store.sampleUnits.listByDraw(draw.id)).filter((u) => u.status !== 'reserve');
  const inSample = new Set(units.map((u) => u.householdId));
  const submitted = await store.responses.list({ status: 'submitted' });
  const responses = submitted.filter((r) => r.householdId !== null && inSample.has(r.householdId) && r.questionnaireId === questionnaireId);
  const storedVersions = await store.questionnaireVersions.list(questionnaireId);
  const renames = renamesByVersion(storedVersions);
  const notEligible = new Set((await store.dispositions.list({ drawId: draw.id })).filter((d) => d.disposition === 'not_eligible').map((d) => d.householdId));
  const areas = await loadAreaCovariates(store, frame.id, households);
  const hash = createHash('sha256');
  hash.update(`areas\u0000${areas.version}\n`);
  const modelSettings = await loadModelSettings(store);
  hash.update(`model settings\u0000${JSON.stringify(modelSettings)}\n`);
  const indicators = await currentIndicators(store);
  hash.update(`indicators\u0000${JSON.stringify(indicators.versions)}\n`);
  for (const u of units) hash.update(`${u.householdId}\u0000${u.designWeight}\u0000${u.status}\u0000${notEligible.has(u.householdId)}\n`);
  for (const r of [...responses].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(`${r.id}\u0000${r.revision}\u0000${r.updatedAt}\n`);
  // The change since the previous wave is part of the run: a late answer of that wave must change the cache key too.
  const previousWave = submitted.filter((r) => draw.wave > 1 && r.wave === draw.wave - 1).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const r of previousWave) hash.update(`previous\u0000${r.id}\u0000${r.revision}\u0000${r.updatedAt}\n`);
  return {
    drawId: draw.id,
    wave: draw.wave,
    questionnaireId,
    districts: frame.districts.map((d) => ({ district: d.district, households: d.households })),
    householdTypes: typed ? [...typeCounts.entries()].map(([householdType, n]) => ({ householdType, households: n })) : [],
    sampleUnits: units.map((u) => ({
      householdId: u.householdId,
      district: u.district,
      householdType: typed ? (typeOf.get(u.householdId) ?? null) : null,
      subdistrict: subdistrictOf.get(u.householdId) ?? null,
      designWeight: u.designWeight,
      ...(notEligible.has(u.householdId) ? { notEligible: true } : {}),
    })),
    responses: responses.map((r) => ({
      householdId: r.householdId as string,
      mode: r.mode,
      probabilitySample: r.probabilitySample,
      questionnaireVersion: r.questionnaireVersion,
      answers: answersUnderCurrentNames(r.answers, r.questionnaireVersion, renames),
    })),
    areas,
    indicators: indicators.definitions,
    indicatorVersions: indicators.versions,
    questionnaires: await questionnairesOf(store, storedVersions, questionnaireId, responses.map((r) => r.questionnaireVersion)),
    modelSettings,
    dataVersion: hash.digest('hex').slice(0, 16),
  };
}

/**
 * The renames (`renamedFrom`) each fielded version of the questionnaire declares: published and retired ones
 * (a draft was never answered, so its renames do not apply yet). Versions without renames are left out.
 */
function renamesByVersion(stored: readonly QuestionnaireVersion[]): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>();
  for (const v of stored) {
    if (v.status === 'draft') continue;
    const renames = questionRenames(v.json as QuestionnaireJson);
    if (Object.keys(renames).length > 0) out.set(v.version, renames);
  }
  return out;
}

/**
 * The JSON of every version among `versions`: from the stored versions already read, else as the platform
 * ships it (unknown ones are left out).
 */
async function questionnairesOf(store: Store, stored: readonly QuestionnaireVersion[], id: string, versions: readonly number[]): Promise<Record<number, QuestionnaireJson>> {
  const out: Record<number, QuestionnaireJson> = {};
  for (const v of new Set(versions)) {
    const json = (stored.find((s) => s.version === v)?.json as QuestionnaireJson | undefined) ?? (await questionnaireJson(store, id, v).catch(() => null));
    if (json) out[v] = json;
  }
  return out;
}
