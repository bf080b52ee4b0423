/**
 * The weighting and estimation workflow of one draw:
 *   1. respondents = submitted probability-sample responses (online + reconciled paper) of contacted units;
 *      open-link answers are not part of the probability sample and are left out;
 *   2. households found no longer eligible in fieldwork (and without a questionnaire) leave the sample: they are
 *      neither respondents nor nonrespondents, and the frame counts are reduced by their Horvitz–Thompson
 *      estimate Σ d_i (Valliant, Dever & Kreuter 2013, Practical Tools for Designing and Weighting Survey
 *      Samples, §13.3–13.4: drop known ineligibles before the nonresponse adjustment); households of unknown
 *      eligibility (undeliverable, silent) count as eligible nonrespondents;
 *   3. nonresponse adjustment by weighting classes district × household type with the library's collapsing rule;
 *   4. raking to the frame's margins (households per district, per household type), less the ineligibles;
 *   5. every indicator per district and overall: share, linearisation SE (calibration-aware), logit CI
 *      (svyciprop), n, CV, district vs rest of the city, then disclosure control (n < 10 suppressed,
 *      n < 30 or CV > 30 % flagged) — applied here, so no view or export can see a suppressed value.
 * The SEs treat the nonresponse-adjusted weights as fixed inputs to the raking (as R does when the design is
 * built on those weights); the adjustment's own variance contribution is not included.
 */
import {
  AnalysisError,
  calibrate,
  changeBetweenWaves,
  compareDomains,
  disclosureControl,
  domainIndex,
  nonresponseAdjustment,
  svyBy,
  svyCiProp,
  svyDesign,
  weightDiagnostics,
  type DisclosureFlag,
  type NonresponseCell,
  type NonresponseMerge,
  type PopulationMargin,
  type SurveyDesign,
  type WaveChange,
  type WeightSummary,
} from '../../analysis';
import { evaluateIndicator, INDICATORS, type IndicatorDefinition } from '../../analysis/indicators';
import { AppError } from '../errors/appError';
import type { Localised } from '../errors/catalogue';
import type { AnalysisInput, AnalysisSampleUnit } from './analysisInput';
import type { AreaCovariateTable } from './areaCovariates';
import type { TrendBreak } from './trendBreaks';
import { DEFAULT_BOOTSTRAP, defaultCovariates, smallAreaIndicator, type AreaLevel, type DirectAreaEstimate, type ModelArea, type ModelCard, type ModelCell, type ModelInputRow, type SmallAreaIndicatorInput } from './smallAreaAnalysis';

export interface IndicatorCell {
  /** null for the whole city. */
  district: string | null;
  n: number;
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  cv: number | null;
  flag: DisclosureFlag;
  reason: string;
  /** District minus rest of the city (null overall, when suppressed or not estimable). */
  vsRest: { difference: number; se: number; pValue: number; ciLow: number; ciHigh: number } | null;
  /** Change since the previous wave (independent samples), when that wave was analysed and both cells are published. */
  change?: (WaveChange & { previousWave: number; trendBreak: boolean }) | null;
  /** Model-based (Fay–Herriot) value of the area; null for the whole city or when no model could be fitted. */
  model?: ModelCell | null;
}

/** A sub-district's cell: the direct estimate (disclosure-controlled) and the model value. */
export type SubdistrictCell = IndicatorCell & { parent: string };

export interface IndicatorResult {
  id: string;
  label: { de: string; en: string };
  denominatorLabel: { de: string; en: string };
  theme: string;
  direction: 'need' | 'context';
  /** Stored version of the definition used (absent for inputs built by hand). */
  version?: number;
  /** Set when the change since the previous wave crosses a questionnaire change in a question this indicator reads. */
  trendBreak?: TrendBreak | null;
  overall: IndicatorCell;
  districts: IndicatorCell[];
  /** Empty when the frame has no sub-districts. */
  subdistricts: SubdistrictCell[];
  /** Model cards per level; null with the reason in `modelFailures` when the model could not be fitted. */
  models: Record<AreaLevel, ModelCard | null>;
  modelFailures: Partial<Record<AreaLevel, Localised>>;
}

/** The small-area part of a run: which levels, which covariates, and what the models gained. */
export interface SmallAreaSummary {
  levels: AreaLevel[];
  subdistricts: { area: string; district: string; households: number }[];
  covariates: AreaCovariateTable['covariates'];
  /** Candidates per level from which covariates are selected by BIC when the planner chose none for an indicator. */
  defaults: Record<AreaLevel, string[]>;
  bootstrap: number;
  /** Median CV of the district values over all indicators: direct vs model, over the cells that have both (shares > 0). */
  medianCv: { direct: number | null; model: number | null };
}

export interface AnalysisResult {
  drawId: string;
  wave: number;
  dataVersion: string;
  questionnaire: { id: string; versions: number[] };
  computedAt: string;
  durationMs: number;
  sampled: number;
  /** Contacted households found no longer eligible (without a questionnaire): left out of the weighting. */
  notEligible: number;
  respondents: number;
  excludedOpenResponses: number;
  districts: string[];
  weighting: {
    overall: WeightSummary;
    districts: (WeightSummary & { domain: string; sampled: number })[];
    nonresponse: { cellVariables: string[]; cells: NonresponseCell[]; merges: NonresponseMerge[] };
    calibration: { calfun: 'raking'; variables: string[]; iterations: number; maxMisfit: number; margins: PopulationMargin[]; note: string | null };
  };
  indicators: IndicatorResult[];
  smallArea: SmallAreaSummary;
  /** The wave the changes are measured from, when one was analysed. */
  previousWave?: { wave: number; drawId: string; questionnaireVersions: number[] };
}

/** One respondent row of the microdata export (no household id: a running number). */
export type MicrodataRow = Record<string, string | number | null>;

export interface AnalysisRun {
  result: AnalysisResult;
  microdata: MicrodataRow[];
  /** Answers of each respondent, aligned with `microdata`. */
  answers: Record<string, unknown>[];
  /** Per indicator and level, what entered each small-area model (for the exports and reproduce.R). */
  modelInputs: ModelInputRow[];
  /** The indicator definitions this run estimated (the codebook and reproduce.R write their rules). */
  indicators: readonly IndicatorDefinition[];
  /** The questionnaire versions of the respondents, when the input brought them (else the exports use the shipped ones). */
  questionnaires?: AnalysisInput['questionnaires'];
}

export interface ComputeOptions {
  now?: () => Date;
  indicators?: readonly IndicatorDefinition[];
  /** Bootstrap replicates of the model MSE (default DEFAULT_BOOTSTRAP). */
  bootstrap?: number;
}

const codePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const finite = (x: number) => (Number.isFinite(x) ? x : null);

export function computeAnalysis(input: AnalysisInput, options: ComputeOptions = {}): AnalysisRun {
  const started = performance.now();
  const indicators = options.indicators ?? input.indicators ?? INDICATORS;
  const contacted = input.sampleUnits;
  if (contacted.length === 0) throw new AppError('conflict', 'analysis.noContacted');
  const sizeOf = new Map(input.districts.map((d) => [d.district, d.households]));
  for (const u of contacted) {
    if (!sizeOf.has(u.district)) throw new AppError('conflict', 'analysis.districtNotInFrame', { district: u.district });
  }
  const byHousehold = new Map<string, AnalysisInput['responses'][number]>();
  let excludedOpen = 0;
  for (const r of input.responses) {
    if (r.mode === 'open' || !r.probabilitySample) {
      excludedOpen++;
      continue;
    }
    if (!byHousehold.has(r.householdId)) byHousehold.set(r.householdId, r);
  }
  // A returned questionnaire outweighs a fieldwork note that the household is no longer eligible.
  const isIneligible = (u: AnalysisSampleUnit) => u.notEligible === true && !byHousehold.has(u.householdId);
  const ineligible = contacted.filter(isIneligible);
  const units = contacted.filter((u) => !isIneligible(u));
  const responded = units.map((u) => (byHousehold.has(u.householdId) ? 1 : 0));
  const respondentCount = responded.reduce<number>((a, b) => a + b, 0);
  if (respondentCount === 0) throw new AppError('conflict', 'analysis.noResponses');

  const useType = input.householdTypes.length > 0 && units.every((u) => u.householdType !== null);
  const cellVariables = useType ? ['district', 'household_type'] : ['district'];
  let nonresponse;
  try {
    nonresponse = nonresponseAdjustment({
      cells: units.map((u) => (useType ? [u.district, u.householdType] : [u.district])),
      designWeights: units.map((u) => u.designWeight),
      responded,
    });
  } catch (error) {
    if (error instanceof AnalysisError) {
      throw new AppError('conflict', 'analysis.weightingNotPossible', { reason: error.message });
    }
    throw error;
  }

  // Sub-district estimates need every respondent's sub-district (a frame with the column).
  const withSubdistricts = units.length > 0 && units.every((u) => typeof u.subdistrict === 'string' && u.subdistrict !== '');
  // Respondent rows in a stable order (district, then household id), numbered 1…n.
  const order = units.map((_, i) => i).filter((i) => responded[i] === 1);
  order.sort((a, b) => codePoint(units[a].district, units[b].district) || codePoint(units[a].householdId, units[b].householdId));
  const rows: MicrodataRow[] = order.map((i, k) => {
    const u = units[i];
    const answers = byHousehold.get(u.householdId)!.answers;
    const row: MicrodataRow = {
      respondent: k + 1,
      district: u.district,
      ...(withSubdistricts ? { subdistrict: u.subdistrict ?? null } : {}),
      household_type: useType ? u.householdType : null,
      N_h: sizeOf.get(u.district)!,
      design_weight: u.designWeight,
      nr_weight: u.designWeight * nonresponse.factor[i],
    };
    for (const ind of indicators) row[ind.id] = evaluateIndicator(ind, answers);
    return row;
  });
  const versions = [...new Set(order.map((i) => byHousehold.get(units[i].householdId)!.questionnaireVersion))].sort((a, b) => a - b);

  // Eligible households per margin category: frame count less the estimated ineligible ones (Σ d_i).
  const ineligibleIn = (categoryOf: (u: AnalysisSampleUnit) => string | null) => {
    const sums = new Map<string, number>();
    for (const u of ineligible) {
      const category = categoryOf(u);
      if (category !== null) sums.set(category, (sums.get(category) ?? 0) + u.designWeight);
    }
    return sums;
  };
  const eligibleTotal = (variable: string, category: string, frameCount: number, estimate = 0) => {
    const total = frameCount - estimate;
    if (estimate > 0 && total <= 0) {
      throw new AppError('conflict', 'analysis.ineligibleAboveFrame', { variable, category, estimate: estimate.toFixed(1), frameCount });
    }
    return total;
  };
  const ineligibleByDistrict = ineligibleIn((u) => u.district);
  const ineligibleByType = ineligibleIn((u) => u.householdType);
  const margins: PopulationMargin[] = input.districts
    .filter((d) => rows.some((r) => r.district === d.district) || d.households > 0)
    .map((d) => ({ variable: 'district', category: d.district, total: eligibleTotal('district', d.district, d.households, ineligibleByDistrict.get(d.district)) }));
  const typeMargins: PopulationMargin[] = input.householdTypes.map((h) => ({
    variable: 'household_type',
    category: h.householdType,
    total: eligibleTotal('household_type', h.householdType, h.households, ineligibleByType.get(h.householdType)),
  }));
  const ineligibleEstimate = ineligible.reduce((s, u) => s + u.designWeight, 0);
  let note: string | null =
    ineligible.length > 0
      ? `frame counts reduced by ${ineligibleEstimate.toFixed(1)} households estimated no longer eligible (${ineligible.length} found in the sample)`
      : null;
  const respondentTypes = new Set(rows.map((r) => r.household_type));
  let calibrationMargins = margins;
  if (useType) {
    const missingType = typeMargins.find((m) => m.total > 0 && !respondentTypes.has(m.category));
    if (missingType) note = [note, `household type '${missingType.category}' has no respondent; raked to districts only`].filter(Boolean).join('; ');
    else calibrationMargins = [...margins, ...typeMargins];
  }
  const missingDistrict = margins.find((m) => m.total > 0 && !rows.some((r) => r.district === m.category));
  if (missingDistrict) {
    throw new AppError('conflict', 'analysis.districtWithoutResponse', { district: missingDistrict.category });
  }

  let design: SurveyDesign;
  try {
    const base = svyDesign({ data: rows, strata: 'district', weights: 'nr_weight', fpc: 'N_h', lonelyStratum: 'adjust' });
    design = calibrate(base, { margins: calibrationMargins, calfun: 'raking', tolerance: 1e-12, maxIterations: 100 });
  } catch (error) {
    if (error instanceof AnalysisError) throw new AppError('conflict', 'analysis.calibrationNotPossible', { reason: error.message });
    throw error;
  }
  const step = design.calibrations[0];
  for (let i = 0; i < rows.length; i++) rows[i].final_weight = design.weights[i];

  const districtIndex = domainIndex(design, 'district');
  const districts = districtIndex.labels;
  const diagnostics = weightDiagnostics(design.weights, {
    population: margins.reduce((s, m) => s + m.total, 0),
    domainOf: districtIndex.domainOf,
    labels: districts,
    domainPopulation: Object.fromEntries(margins.map((m) => [m.category, m.total])),
  });
  const sampledIn = new Map<string, number>();
  for (const u of contacted) sampledIn.set(u.district, (sampledIn.get(u.district) ?? 0) + 1);

  // Areas of the small-area models: every district of the frame, and its sub-districts when the respondents have them.
  const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const areaTable: AreaCovariateTable = input.areas ?? { areas: [], covariates: [], version: '' };
  const toModelArea = (a: AreaCovariateTable['areas'][number]): ModelArea => ({ area: a.area, district: a.district, households: a.households, covariates: a.covariates });
  const districtAreas = areaTable.areas.filter((a) => a.level === 'district').map(toModelArea);
  const subdistrictAreas = withSubdistricts ? areaTable.areas.filter((a) => a.level === 'subdistrict').map(toModelArea) : [];
  const subdistrictIndex = withSubdistricts && subdistrictAreas.length > 0 ? domainIndex(design, 'subdistrict') : null;
  const covariateNames = (level: AreaLevel) => areaTable.covariates.filter((c) => c.level === level).map((c) => c.name);
  // Candidates of the automatic selection (frame and imported covariates alike).
  const defaults: Record<AreaLevel, string[]> = {
    district: defaultCovariates(districtAreas, covariateNames('district')),
    subdistrict: defaultCovariates(subdistrictAreas, covariateNames('subdistrict')),
  };
  const known = (level: AreaLevel) => new Set(covariateNames(level));
  /** The planner's covariates for an indicator and level when they all still exist, otherwise a selection by BIC. */
  const covariatesFor = (indicatorId: string, level: AreaLevel): string[] | { select: string[] } => {
    const chosen = input.modelSettings?.[indicatorId]?.[level];
    return chosen && chosen.length > 0 && chosen.every((c) => known(level).has(c)) ? [...chosen] : { select: defaults[level] };
  };

  const modelInputs: ModelInputRow[] = [];
  const results: IndicatorResult[] = indicators.map((ind) => {
    const overallCi = proportion(design, ind.id, null);
    const byDistrict = svyBy(design, ind.id, 'district', { domains: districtIndex });
    const raw = byDistrict.map((e) => {
      if (e.n === 0) return { district: e.domain, n: 0, estimate: null, se: null, ciLow: null, ciHigh: null, vsRest: null };
      const ci = proportion(design, ind.id, e.domain);
      let vsRest: IndicatorCell['vsRest'] = null;
      try {
        const c = compareDomains(design, ind.id, 'district', e.domain, { domains: districtIndex });
        vsRest = { difference: c.difference, se: c.se, pValue: c.pValue, ciLow: c.ciLow, ciHigh: c.ciHigh };
      } catch (error) {
        if (!(error instanceof AnalysisError)) throw error; // the rest of the city has no answer: no comparison
      }
      return { district: e.domain, n: e.n, estimate: e.estimate, se: ci.se, ciLow: finite(ci.ciLow), ciHigh: finite(ci.ciHigh), vsRest };
    });
    const overallRaw = {
      district: null,
      n: overallCi.n,
      estimate: overallCi.n > 0 ? overallCi.estimate : null,
      se: overallCi.n > 0 ? overallCi.se : null,
      ciLow: finite(overallCi.ciLow),
      ciHigh: finite(overallCi.ciHigh),
      vsRest: null,
    };
    const [overall, ...cells] = disclosureControl([overallRaw, ...raw]).map((c) => ({ ...c, vsRest: c.flag === 'suppressed' ? null : c.vsRest }) as IndicatorCell);

    // Sub-district direct estimates (domains nested in the district strata), disclosure-controlled like the districts.
    const subRaw = subdistrictIndex
      ? svyBy(design, ind.id, 'subdistrict', { domains: subdistrictIndex }).map((e) => {
          if (e.n === 0) return { district: e.domain, n: 0, estimate: null, se: null, ciLow: null, ciHigh: null, vsRest: null };
          const ci = proportion(design, ind.id, e.domain, 'subdistrict');
          return { district: e.domain, n: e.n, estimate: e.estimate, se: ci.se, ciLow: finite(ci.ciLow), ciHigh: finite(ci.ciHigh), vsRest: null };
        })
      : [];
    // Every sub-district of the frame gets a row, also one without any respondent (its model value is synthetic).
    const subByName = new Map(subRaw.map((c) => [c.district, c]));
    const subAll = subdistrictAreas.map((a) => subByName.get(a.area) ?? { district: a.area, n: 0, estimate: null, se: null, ciLow: null, ciHigh: null, vsRest: null });
    const subCells = disclosureControl(subAll) as IndicatorCell[];

    // Model-based values: districts benchmarked to the city, sub-districts to their district's shown value.
    const models: Record<AreaLevel, ModelCard | null> = { district: null, subdistrict: null };
    const modelFailures: Partial<Record<AreaLevel, Localised>> = {};
    const fitLevel = (level: AreaLevel, areas: ModelArea[], direct: readonly (DirectAreaEstimate & { district: string | null })[], benchmark: SmallAreaIndicatorInput['benchmark']) => {
      if (areas.length === 0 || overallRaw.estimate === null) return null;
      const fitted = smallAreaIndicator({
        indicatorId: ind.id,
        level,
        areas,
        direct: new Map(direct.map((c) => [c.district as string, c])),
        covariates: covariatesFor(ind.id, level),
        benchmark,
        overallShare: overallRaw.estimate,
        bootstrap,
      });
      modelInputs.push(...fitted.inputs);
      if (fitted.card) models[level] = fitted.card;
      else if (fitted.failure) modelFailures[level] = fitted.failure;
      return fitted;
    };
    const districtModel = overallRaw.estimate === null ? null : fitLevel('district', districtAreas, raw, { city: overallRaw.estimate });
    for (const c of cells) c.model = districtModel?.cells.get(c.district as string) ?? null;
    // Sub-districts add up to the value shown for their district: the model value, else a published direct one.
    const shownDistrict = new Map<string, number>();
    for (const c of cells) {
      const value = c.model?.estimate ?? c.estimate;
      if (value !== null) shownDistrict.set(c.district as string, value);
    }
    const subdistrictModel = fitLevel('subdistrict', subdistrictAreas, subAll, { districts: shownDistrict });
    const parentOf = new Map(subdistrictAreas.map((a) => [a.area, a.district]));
    const subdistricts: SubdistrictCell[] = subCells.map((c) => ({
      ...c,
      parent: parentOf.get(c.district as string) ?? '',
      model: subdistrictModel?.cells.get(c.district as string) ?? null,
    }));
    return {
      id: ind.id,
      label: { ...ind.label },
      denominatorLabel: { ...ind.denominatorLabel },
      theme: ind.theme,
      direction: ind.direction,
      ...(input.indicatorVersions?.[ind.id] !== undefined ? { version: input.indicatorVersions[ind.id] } : {}),
      overall: { ...overall, model: null },
      districts: cells,
      subdistricts,
      models,
      modelFailures,
    };
  });
  const median = (values: number[]) => {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  // The same cells on both sides: published direct values (share > 0) that also have a model value.
  const compared = results.flatMap((r) => r.districts).filter((c) => c.cv !== null && (c.estimate ?? 0) > 0 && typeof c.model?.cv === 'number');
  const medianCv = {
    direct: median(compared.map((c) => c.cv as number)),
    model: median(compared.map((c) => c.model!.cv as number)),
  };

  const now = options.now ?? (() => new Date());
  return {
    result: {
      drawId: input.drawId,
      wave: input.wave,
      dataVersion: input.dataVersion,
      questionnaire: { id: input.questionnaireId, versions },
      computedAt: now().toISOString(),
      durationMs: Math.round(performance.now() - started),
      sampled: contacted.length,
      notEligible: ineligible.length,
      respondents: rows.length,
      excludedOpenResponses: excludedOpen,
      districts,
      weighting: {
        overall: diagnostics.overall,
        districts: diagnostics.domains.map((d) => ({ ...d, sampled: sampledIn.get(d.domain) ?? 0 })),
        nonresponse: { cellVariables, cells: nonresponse.cells, merges: nonresponse.merges },
        calibration: {
          calfun: 'raking',
          variables: [...new Set(calibrationMargins.map((m) => m.variable))],
          iterations: step.iterations,
          maxMisfit: step.maxMisfit,
          margins: calibrationMargins,
          note,
        },
      },
      indicators: results,
      smallArea: {
        levels: subdistrictAreas.length > 0 ? ['district', 'subdistrict'] : districtAreas.length > 0 ? ['district'] : [],
        subdistricts: subdistrictAreas.map((a) => ({ area: a.area, district: a.district, households: a.households })),
        covariates: areaTable.covariates,
        defaults,
        bootstrap,
        medianCv,
      },
    },
    microdata: rows,
    answers: order.map((i) => byHousehold.get(units[i].householdId)!.answers),
    modelInputs,
    indicators,
    ...(input.questionnaires ? { questionnaires: input.questionnaires } : {}),
  };
}

/** svyciprop for the whole city (domain null) or one domain of `by`; n = 0 gives NaNs instead of an error. */
function proportion(design: SurveyDesign, variable: string, domain: string | null, by = 'district') {
  try {
    return svyCiProp(design, variable, domain === null ? {} : { domain: { by, value: domain } });
  } catch (error) {
    if (error instanceof AnalysisError && /no answer|no value/.test(error.message)) return { n: 0, estimate: NaN, se: NaN, ciLow: NaN, ciHigh: NaN };
    throw error;
  }
}

/**
 * Adds the change since the previous wave to every published cell of `current` (same indicator and district,
 * both cells not suppressed), with SE √(SE₁² + SE₂²) and its CI — the waves are treated as independent samples;
 * the covariance from a panel overlap is ignored (see changeBetweenWaves). An indicator in `breaks` (its
 * questions differ between the two waves' questionnaire versions, see trendBreaks) gets the break on the
 * indicator and `trendBreak: true` on each change. Returns a new result; inputs stay unchanged.
 */
export function withWaveChanges(current: AnalysisResult, previous: AnalysisResult, breaks: ReadonlyMap<string, TrendBreak> = new Map()): AnalysisResult {
  const before = new Map<string, IndicatorCell>();
  for (const ind of previous.indicators) for (const c of [ind.overall, ...ind.districts]) before.set(`${ind.id}\u0000${c.district ?? ''}`, c);
  const withChange = (id: string, c: IndicatorCell): IndicatorCell => {
    const p = before.get(`${id}\u0000${c.district ?? ''}`);
    if (!p || p.estimate === null || p.se === null || c.estimate === null || c.se === null) return { ...c, change: null };
    return { ...c, change: { ...changeBetweenWaves({ estimate: p.estimate, se: p.se }, { estimate: c.estimate, se: c.se }), previousWave: previous.wave, trendBreak: breaks.has(id) } };
  };
  return {
    ...current,
    previousWave: { wave: previous.wave, drawId: previous.drawId, questionnaireVersions: [...previous.questionnaire.versions] },
    indicators: current.indicators.map((ind) => ({
      ...ind,
      trendBreak: breaks.get(ind.id) ?? null,
      overall: withChange(ind.id, ind.overall),
      districts: ind.districts.map((c) => withChange(ind.id, c)),
    })),
  };
}
