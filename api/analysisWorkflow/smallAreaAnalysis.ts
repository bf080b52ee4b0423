/**
 * Model-based district and sub-district values of one indicator (area-level Fay–Herriot on the arcsine scale,
 * analysis/smallArea), composed from what the weighting already produced: the direct estimates with their
 * calibration-aware SEs, the areas' covariates and their population sizes.
 *
 * Choices, each with its reason:
 * - Shares are modelled as asin(√p) with ψ* = 1/(4ñ) (variance-stabilising: shares of 0 or 1 and small
 *   samples need no direct variance); ñ is the area's own effective n, or n / pooled design effect where the
 *   direct variance is unusable (smoothDirectVariances).
 * - Disclosure: an area with fewer than MIN_RESPONDENTS respondents enters the model without its direct
 *   estimate, so the number shown for it is synthetic and never reveals the answers of a handful of households;
 *   a model value with CV > 30 % is flagged "use with care" like a direct one.
 * - MSE by parametric bootstrap (B replicates, seed fixed per indicator and level: the same data give the same
 *   figures on every request and in every export).
 * - Benchmarking: district values to the direct city value (population-weighted mean equal), sub-district values
 *   to their district's shown value, by ratio; the MSE is that of the unbenchmarked EBLUP.
 */
import {
  AnalysisError,
  arcsineShare,
  arcsineVariance,
  normalQuantile,
  selectCovariates,
  ratioBenchmark,
  smallAreaEstimates,
  smoothDirectVariances,
  type DisclosureFlag,
  type SmallAreaWarningCode,
} from '../../analysis';
import { createRng } from '../../sampling';
import { texts, type Localised } from '../errors/catalogue';

export type AreaLevel = 'district' | 'subdistrict';

/** One area of a level with its population size and covariate values. */
export interface ModelArea {
  area: string;
  /** The district the area lies in (itself at district level). */
  district: string;
  households: number;
  covariates: Record<string, number>;
}

/** The direct estimate of an area before disclosure control. */
export interface DirectAreaEstimate {
  n: number;
  estimate: number | null;
  se: number | null;
}

export interface ModelCell {
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  cv: number | null;
  /** Weight on the survey γ (0 for a synthetic value). */
  gamma: number;
  kind: 'model' | 'synthetic';
  /** Why a value is synthetic: the area has no respondents, or too few to use their answers. */
  reason: 'no-respondents' | 'few-respondents' | null;
  flag: DisclosureFlag;
}

export interface ModelCardTerm {
  name: string;
  beta: number;
  se: number;
  z: number;
  p: number;
}

export interface ModelCard {
  level: AreaLevel;
  method: 'reml';
  transform: 'arcsine';
  /** Covariates in the model (without the intercept). */
  covariates: string[];
  /** How they were chosen: by the planner, or selected by BIC from `candidates`. */
  selection: 'planner' | 'automatic';
  candidates: string[];
  terms: ModelCardTerm[];
  sigma2u: number;
  iterations: number;
  converged: boolean;
  loglik: number;
  aic: number;
  bic: number;
  areas: number;
  /** Areas whose direct estimate entered the model (≥ MIN_RESPONDENTS respondents). */
  modelledAreas: number;
  bootstrap: number;
  seed: number;
  pooledDesignEffect: number;
  /** Areas whose direct variance was replaced by the pooled design effect. */
  smoothedAreas: string[];
  benchmark: { to: 'city' | 'district'; ratios: { area: string; ratio: number }[] };
  wald: { statistic: number; df: number; pValue: number };
  warnings: { code: SmallAreaWarningCode | 'covariates-reduced'; message: string; covariate?: string }[];
}

/** What went into the model for one area: exported so the model can be refitted elsewhere (reproduce.R). */
export interface ModelInputRow {
  indicator: string;
  level: AreaLevel;
  area: string;
  district: string;
  households: number;
  n: number;
  direct: number | null;
  directSe: number | null;
  /** Whether the direct estimate entered the model (≥ MIN_RESPONDENTS respondents). */
  modelled: boolean;
  /** ñ used for ψ* = 1/(4ñ); null when not modelled. */
  effectiveN: number | null;
  /** The value its group was benchmarked to (city or district); null when not benchmarked. */
  benchmarkTarget: number | null;
  /** Every covariate known for the area (the model uses `used`). */
  covariates: Record<string, number>;
  /** The covariates of the model, in order. */
  used: string[];
}

export interface SmallAreaIndicatorResult {
  cells: Map<string, ModelCell>;
  inputs: ModelInputRow[];
  card: ModelCard | null;
  /** Why there is no model (too few areas, singular covariates …), in German and English; null when there is one. */
  failure: Localised | null;
}

/** Fewer respondents than this: the area's direct estimate stays out of the model (disclosure, see above). */
export const MIN_RESPONDENTS = 10;
/** Model values with a larger CV are flagged 'caution'. */
export const MAX_MODEL_CV = 0.3;
export const DEFAULT_BOOTSTRAP = 200;
/** Modelled areas beyond parameters + 1 kept before covariates are left out (σᵤ² needs some areas to go on). */
const MIN_AREAS_PER_PARAMETER_SLACK = 2;

/** The reason a model could not be fitted, for planners in both languages (the library's sentence is English). */
function failureText(message: string, modelled: number, areas: number): Localised {
  if (/too few/.test(message)) {
    return texts('analysis.modelTooFewAreas', { min: MIN_RESPONDENTS, modelled, areas });
  }
  if (/singular/.test(message)) {
    return texts('analysis.modelSingular', { covariate: /covariate '([^']*)'/.exec(message)?.[1] ?? null });
  }
  return texts('analysis.noModel', { reason: message });
}

/** A seed from the indicator id and level (FNV-1a), so every indicator has its own reproducible bootstrap. */
export function modelSeed(indicatorId: string, level: AreaLevel): number {
  let h = 0x811c9dc5;
  for (const ch of `${indicatorId}\u0000${level}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export interface SmallAreaIndicatorInput {
  indicatorId: string;
  level: AreaLevel;
  areas: readonly ModelArea[];
  direct: ReadonlyMap<string, DirectAreaEstimate>;
  /** The planner's covariates, or the candidates to select from by BIC (selectCovariates) when none were chosen. */
  covariates: readonly string[] | { select: readonly string[] };
  /** District level: the direct city-wide value. Sub-district level: each district's shown value. */
  benchmark: { city: number } | { districts: ReadonlyMap<string, number> };
  /** City-wide share for the variance smoothing. */
  overallShare: number;
  bootstrap?: number;
}

export function smallAreaIndicator(input: SmallAreaIndicatorInput): SmallAreaIndicatorResult {
  const { areas, direct, level } = input;
  const bootstrap = input.bootstrap ?? DEFAULT_BOOTSTRAP;
  const seed = modelSeed(input.indicatorId, level);
  const modelledDirect = areas.map((a) => {
    const d = direct.get(a.area);
    return d !== undefined && d.n >= MIN_RESPONDENTS && d.estimate !== null && Number.isFinite(d.estimate) ? d : null;
  });
  const smoothing = smoothDirectVariances(
    modelledDirect.filter((d) => d !== null).map((d) => ({ share: d.estimate!, variance: d.se === null ? null : d.se * d.se, n: d.n })),
    input.overallShare,
  );
  let k = 0;
  const smoothedAreas: string[] = [];
  const rows = areas.map((a, i) => {
    const d = modelledDirect[i];
    let effectiveN: number | null = null;
    if (d) {
      effectiveN = smoothing.effectiveN[k];
      if (smoothing.smoothed[k]) smoothedAreas.push(a.area);
      k++;
    }
    return {
      area: a.area,
      estimate: d ? d.estimate : null,
      variance: d && d.se !== null ? d.se * d.se : null,
      effectiveN,
      covariates: [] as (number | null)[],
    };
  });
  // Without a planner's choice the covariates are selected per indicator and level by BIC (ML fits on the
  // arcsine scale), from every candidate known for all areas.
  const automatic = !Array.isArray(input.covariates);
  const covariates: readonly string[] = Array.isArray(input.covariates)
    ? input.covariates
    : (() => {
        const pool = (input.covariates as { select: readonly string[] }).select;
        const sampled = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.estimate !== null);
        if (sampled.length < 3) return [];
        return selectCovariates({
          y: sampled.map(({ r }) => arcsineShare(r.estimate!)),
          psi: sampled.map(({ r }) => arcsineVariance(r.effectiveN!)),
          candidates: Object.fromEntries(pool.map((c) => [c, sampled.map(({ i }) => areas[i].covariates[c])])),
          areaNames: sampled.map(({ r }) => r.area),
        });
      })();
  // With too few modelled areas for every covariate (an indicator about few households, sub-districts with
  // fewer than MIN_RESPONDENTS answers each), the last covariates are left out until the model can be fitted,
  // down to the intercept alone; the model card says so.
  const used = [...covariates];
  const modelled = rows.filter((r) => r.estimate !== null).length;
  const dropped: string[] = [];
  while (used.length > 0 && modelled < used.length + 1 + MIN_AREAS_PER_PARAMETER_SLACK) dropped.unshift(used.pop()!);
  const fitted = (names: string[]) => {
    const rng = createRng(seed);
    return smallAreaEstimates(
      rows.map((r, i) => ({ ...r, covariates: names.map((c) => areas[i].covariates[c] ?? null) })),
      { covariateNames: names, method: 'reml', transform: 'arcsine', bootstrap, random: () => rng.uniform() },
    );
  };
  let result;
  try {
    result = fitted(used);
  } catch (error) {
    if (error instanceof AnalysisError || error instanceof RangeError) return { cells: new Map(), inputs: [], card: null, failure: failureText(error.message, modelled, areas.length) };
    throw error;
  }

  // Benchmarking (ratio), per group: the whole city at district level, each district at sub-district level.
  const shown = result.estimates.map((e) => e.estimate);
  const ratios: { area: string; ratio: number }[] = [];
  const targets = new Map<string, number>();
  const groups = new Map<string, number[]>();
  areas.forEach((a, i) => {
    const key = 'city' in input.benchmark ? '' : a.district;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const [group, members] of groups) {
    const target = 'city' in input.benchmark ? input.benchmark.city : input.benchmark.districts.get(group);
    if (target === undefined || !Number.isFinite(target)) continue;
    const weights = members.map((i) => areas[i].households);
    if (!(weights.reduce((s, w) => s + w, 0) > 0)) continue;
    try {
      const { benchmarked, ratio } = ratioBenchmark(members.map((i) => shown[i]), weights, target);
      members.forEach((i, j) => {
        shown[i] = Math.min(1, Math.max(0, benchmarked[j]));
        targets.set(areas[i].area, target);
      });
      ratios.push({ area: group || 'city', ratio });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error; // all values 0: nothing to scale
    }
  }

  const z = normalQuantile(0.975);
  const cells = new Map<string, ModelCell>();
  result.estimates.forEach((e, i) => {
    const se = Math.sqrt(e.mse);
    const estimate = shown[i];
    const cv = estimate > 0 ? se / estimate : null;
    const n = direct.get(e.area)?.n ?? 0;
    cells.set(e.area, {
      estimate,
      se,
      ciLow: Math.max(0, estimate - z * se),
      ciHigh: Math.min(1, estimate + z * se),
      cv,
      gamma: e.gamma,
      kind: e.sampled ? 'model' : 'synthetic',
      reason: e.sampled ? null : n === 0 ? 'no-respondents' : 'few-respondents',
      flag: cv === null || cv > MAX_MODEL_CV ? 'caution' : 'ok',
    });
  });
  const m = result.model;
  const inputs: ModelInputRow[] = areas.map((a, i) => {
    const d = direct.get(a.area);
    return {
      indicator: input.indicatorId,
      level,
      area: a.area,
      district: a.district,
      households: a.households,
      n: d?.n ?? 0,
      direct: d?.estimate ?? null,
      directSe: d?.se ?? null,
      modelled: modelledDirect[i] !== null,
      effectiveN: rows[i].effectiveN,
      benchmarkTarget: targets.get(a.area) ?? null,
      covariates: { ...a.covariates },
      used: [...used],
    };
  });
  return {
    cells,
    inputs,
    failure: null,
    card: {
      level,
      method: 'reml',
      transform: 'arcsine',
      covariates: [...used],
      selection: automatic ? 'automatic' : 'planner',
      candidates: automatic ? [...(input.covariates as { select: readonly string[] }).select] : [...used],
      terms: m.terms.map((name, j) => ({ name, beta: m.beta[j], se: m.betaSe[j], z: m.betaZ[j], p: m.betaP[j] })),
      sigma2u: m.sigma2u,
      iterations: m.iterations,
      converged: m.converged,
      loglik: m.loglik,
      aic: m.aic,
      bic: m.bic,
      areas: m.areas,
      modelledAreas: m.sampledAreas,
      bootstrap,
      seed,
      pooledDesignEffect: smoothing.pooledDesignEffect,
      smoothedAreas,
      benchmark: { to: 'city' in input.benchmark ? 'city' : 'district', ratios },
      wald: m.wald,
      warnings: [
        ...(dropped.length > 0
          ? [{ code: 'covariates-reduced' as const, message: `only ${modelled} areas have enough respondents for the model: left out ${dropped.join(', ')}` }]
          : []),
        ...m.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.covariate ? { covariate: w.covariate } : {}) })),
      ],
    },
  };
}

/**
 * Candidate covariates of a level for the automatic selection: every covariate known for all its areas and not
 * constant, except that of a set of shares that add up to 1 (every household type) the last is left out — with
 * the intercept they would be collinear.
 */
export function defaultCovariates(areas: readonly ModelArea[], available: readonly string[]): string[] {
  const varies = (c: string) => areas.some((a) => a.covariates[c] !== areas[0].covariates[c]);
  const complete = available.filter((c) => areas.every((a) => Number.isFinite(a.covariates[c])) && varies(c));
  const typeShares = complete.filter((c) => c.startsWith('share_') && ['share_couple', 'share_single_parent', 'share_other'].includes(c));
  if (typeShares.length >= 2) {
    const sumsToOne = areas.every((a) => Math.abs(typeShares.reduce((s, c) => s + a.covariates[c], 0) - 1) < 1e-9);
    if (sumsToOne) return complete.filter((c) => c !== typeShares[typeShares.length - 1]);
  }
  return complete;
}
