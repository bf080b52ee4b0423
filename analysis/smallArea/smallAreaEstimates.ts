/**
 * Model-based estimates for every area from direct estimates and area covariates — the one entry point the
 * service and the command line use. Fits the Fay–Herriot model (fayHerriot) on the areas with respondents,
 * either on the original scale (MSE analytic: fayHerriotMse) or, for shares, on the arcsine scale with a
 * bias-corrected back-transformation and a seeded parametric-bootstrap MSE; areas without respondents get the
 * synthetic estimate; optionally the estimates are ratio-benchmarked to a direct total. The model card carries
 * σ̂ᵤ², β̂ with SE/z/p, log-likelihood, AIC/BIC, a direct-vs-model Wald check, covariate VIFs and warnings
 * (few areas, σ̂ᵤ² = 0, no convergence, collinearity, model departing from the direct estimates).
 * Sources: Rao & Molina (2015), ch. 6; Molina & Marhuenda (2015); Schmid et al. (2017).
 * Cost: O(fit) without transformation, O(B · fit) with the bootstrap.
 * @throws AnalysisError naming the area and column for unusable input (a non-positive variance, a share outside
 *   [0, 1], a missing covariate), or when fewer areas have respondents than parameters + 1.
 */
import { AnalysisError } from '../analysisError';
import { arcsineBackTransform, arcsineShare, arcsineVariance } from './arcsineTransform';
import { designMatrix, INTERCEPT, rowDot, type DesignMatrix } from './designMatrix';
import { fayHerriot, type FayHerriotFit, type FayHerriotMethod } from './fayHerriot';
import { fayHerriotBootstrapMse } from './fayHerriotBootstrapMse';
import { fayHerriotMse } from './fayHerriotMse';
import { modelDirectWaldCheck } from './modelDirectWaldCheck';
import { ratioBenchmark } from './ratioBenchmark';
import { syntheticEstimate } from './syntheticEstimate';
import { varianceInflation } from './varianceInflation';

export type SmallAreaTransform = 'none' | 'arcsine';

export interface SmallAreaInputRow {
  area: string;
  /** Direct estimate (a share in [0, 1] for the arcsine); null when the area has no respondents. */
  estimate: number | null;
  /** Design variance of the direct estimate; null when the area has no respondents. */
  variance: number | null;
  /** Effective sample size ñ (arcsine only); derived as p(1 − p)/v when absent. */
  effectiveN?: number | null;
  /** Covariate values in the order of `covariateNames` (no intercept: it is added). */
  covariates: readonly (number | null | undefined)[];
}

export interface SmallAreaOptions {
  covariateNames: readonly string[];
  method?: FayHerriotMethod;
  transform?: SmallAreaTransform;
  /** Bootstrap replicates for the arcsine MSE; default 200. */
  bootstrap?: number;
  /** Seeded uniform generator on [0, 1) for the bootstrap (required with the arcsine). */
  random?: () => number;
  /** Ratio benchmarking to `value` with the areas' population shares (all areas, in input order). */
  benchmark?: { value: number; shares: readonly number[] } | null;
  tolerance?: number;
  maxIterations?: number;
  /** Column names used in messages; default 'estimate', 'variance', 'effective_n'. */
  columns?: { estimate?: string; variance?: string; effectiveN?: string };
}

export interface SmallAreaEstimate {
  area: string;
  direct: number | null;
  directSe: number | null;
  /** The model-based estimate shown: EBLUP (benchmarked when asked), synthetic for an area without respondents. */
  estimate: number;
  /** Before benchmarking. */
  unbenchmarked: number;
  mse: number;
  /** Weight on the survey γ = σ̂ᵤ²/(σ̂ᵤ² + ψ); 0 without respondents. */
  gamma: number;
  /** Regression-synthetic estimate x'β̂ (back-transformed for the arcsine). */
  synthetic: number;
  sampled: boolean;
  /** ψ used in the model (on the transformed scale for the arcsine); null without respondents. */
  modelVariance: number | null;
}

export type SmallAreaWarningCode = 'few-areas' | 'sigma2u-zero' | 'not-converged' | 'collinear' | 'model-departs' | 'benchmark-clamped';

export interface SmallAreaWarning {
  code: SmallAreaWarningCode;
  message: string;
  covariate?: string;
}

export interface SmallAreaModel {
  method: FayHerriotMethod;
  transform: SmallAreaTransform;
  /** '(Intercept)' then the covariates. */
  terms: string[];
  sigma2u: number;
  beta: number[];
  betaSe: number[];
  betaZ: number[];
  betaP: number[];
  iterations: number;
  converged: boolean;
  loglik: number;
  aic: number;
  bic: number;
  areas: number;
  sampledAreas: number;
  bootstrapReplicates: number | null;
  benchmark: { value: number; ratio: number } | null;
  /** Brown et al. (2001) W statistic of direct vs model, χ²(m) (on the model's scale). */
  wald: { statistic: number; df: number; pValue: number };
  varianceInflation: { covariate: string; vif: number }[];
  /** Standardised residuals of the sampled areas, in area order. */
  standardisedResiduals: { area: string; residual: number }[];
  warnings: SmallAreaWarning[];
}

export interface SmallAreaResult {
  estimates: SmallAreaEstimate[];
  model: SmallAreaModel;
}

/** Fewer areas than this make σ̂ᵤ² unreliable (Rao & Molina 2015 use m ≥ 15–20 in their simulations). */
export const FEW_AREAS = 15;
export const HIGH_VIF = 10;

function sampledRowsOf(rows: readonly SmallAreaInputRow[], transform: SmallAreaTransform, columns: Required<NonNullable<SmallAreaOptions['columns']>>) {
  const sampled: number[] = [];
  const y: number[] = [];
  const psi: number[] = [];
  for (const [i, row] of rows.entries()) {
    const label = `area '${row.area}'`;
    if (row.estimate === null || row.estimate === undefined) continue;
    if (!Number.isFinite(row.estimate)) throw new AnalysisError(`${label}: column '${columns.estimate}' is not a number`);
    if (transform === 'none') {
      if (row.variance === null || row.variance === undefined || !Number.isFinite(row.variance)) {
        throw new AnalysisError(`${label}: column '${columns.variance}' is missing although '${columns.estimate}' is given`);
      }
      if (!(row.variance > 0)) throw new AnalysisError(`${label}: column '${columns.variance}' must be positive, got ${row.variance}`);
      y.push(row.estimate);
      psi.push(row.variance);
    } else {
      if (row.estimate < 0 || row.estimate > 1) throw new AnalysisError(`${label}: column '${columns.estimate}' must be a share between 0 and 1 for the arcsine, got ${row.estimate}`);
      let n = row.effectiveN;
      if (n === null || n === undefined) {
        const v = row.variance;
        if (v === null || v === undefined || !(v > 0) || row.estimate === 0 || row.estimate === 1) {
          throw new AnalysisError(`${label}: column '${columns.effectiveN}' is needed (the share ${row.estimate} with variance ${v} gives no effective sample size)`);
        }
        n = (row.estimate * (1 - row.estimate)) / v;
      }
      if (!(n > 0) || !Number.isFinite(n)) throw new AnalysisError(`${label}: column '${columns.effectiveN}' must be positive, got ${n}`);
      y.push(arcsineShare(row.estimate));
      psi.push(arcsineVariance(n));
    }
    sampled.push(i);
  }
  return { sampled, y, psi };
}

function subMatrix(x: DesignMatrix, rows: readonly number[]): DesignMatrix {
  const p = x.columns;
  const values = new Float64Array(rows.length * p);
  rows.forEach((r, k) => values.set(x.values.subarray(r * p, r * p + p), k * p));
  return { values, rows: rows.length, columns: p, names: x.names };
}

export function smallAreaEstimates(rows: readonly SmallAreaInputRow[], options: SmallAreaOptions): SmallAreaResult {
  const method = options.method ?? 'reml';
  const transform = options.transform ?? 'none';
  const columns = { estimate: 'estimate', variance: 'variance', effectiveN: 'effective_n', ...options.columns };
  const names = rows.map((r) => r.area);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new AnalysisError(`area '${name}' appears twice`);
    seen.add(name);
  }
  const xAll = designMatrix(rows.map((r) => r.covariates), names, options.covariateNames);
  const { sampled, y, psi } = sampledRowsOf(rows, transform, columns);
  const p = xAll.columns;
  if (sampled.length < p + 1) {
    throw new AnalysisError(
      `${sampled.length} areas have a direct estimate, too few for ${p} model parameters (${xAll.names.join(', ')}) and σᵤ²: at least ${p + 1} are needed — use fewer covariates`,
    );
  }
  const xSampled = subMatrix(xAll, sampled);
  const sampledNames = sampled.map((i) => names[i]);
  const fitOn = (values: ArrayLike<number>, start?: number): FayHerriotFit =>
    fayHerriot({ y: values, psi, x: xSampled, method, tolerance: options.tolerance, maxIterations: options.maxIterations, areaNames: sampledNames, start });
  const fit = fitOn(y);
  const analytic = fayHerriotMse(fit);
  const positionOf = new Map(sampled.map((row, k) => [row, k]));

  /** Estimates of every area on the original scale from one fit (used again by every bootstrap replicate). */
  const estimatesFrom = (f: FayHerriotFit): Float64Array => {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const k = positionOf.get(i);
      if (transform === 'none') out[i] = k === undefined ? rowDot(xAll.values, p, i, f.beta) : f.eblup[k];
      else out[i] = k === undefined ? arcsineBackTransform(rowDot(xAll.values, p, i, f.beta), f.sigma2u) : arcsineBackTransform(f.eblup[k], f.gamma[k] * f.psi[k]);
    }
    return out;
  };
  const point = estimatesFrom(fit);
  let mse: number[];
  let bootstrapReplicates: number | null = null;
  if (transform === 'none') {
    const synthetic = syntheticEstimate(fit, xAll);
    mse = rows.map((_, i) => {
      const k = positionOf.get(i);
      return k === undefined ? synthetic[i].mse : analytic.mse[k];
    });
  } else {
    const replicates = options.bootstrap ?? 200;
    if (!Number.isInteger(replicates) || replicates < 1) throw new AnalysisError(`the bootstrap needs a whole number of replicates ≥ 1, got ${replicates}`);
    if (!options.random) throw new AnalysisError('the arcsine bootstrap needs a seeded random generator');
    const boot = fayHerriotBootstrapMse({
      fit,
      x: xAll,
      sampledRows: sampled,
      replicates,
      random: options.random,
      truth: (t) => arcsineBackTransform(t, 0),
      // Each replicate starts Fisher scoring from σ̂ᵤ² (same maximum, fewer steps than from median ψ).
      estimate: (yStar) => estimatesFrom(fitOn(yStar, fit.sigma2u)),
    });
    mse = boot.mse;
    bootstrapReplicates = replicates;
  }

  const warnings: SmallAreaWarning[] = [];
  let benchmark: SmallAreaModel['benchmark'] = null;
  let shown = Array.from(point);
  if (options.benchmark) {
    const { benchmarked, ratio } = ratioBenchmark(shown, options.benchmark.shares, options.benchmark.value);
    benchmark = { value: options.benchmark.value, ratio };
    shown = benchmarked;
    if (transform === 'arcsine' && shown.some((v) => v > 1)) {
      shown = shown.map((v) => Math.min(v, 1));
      warnings.push({ code: 'benchmark-clamped', message: 'benchmarking pushed a share above 1; it was set to 1' });
    }
  }

  if (sampled.length < FEW_AREAS) {
    warnings.push({ code: 'few-areas', message: `only ${sampled.length} areas have respondents: σ̂ᵤ² is uncertain with fewer than ${FEW_AREAS} areas` });
  }
  if (!fit.converged) {
    warnings.push({ code: 'not-converged', message: `Fisher scoring for σᵤ² did not converge within ${fit.iterations} iterations (last value ${fit.sigma2uUntruncated})` });
  }
  if (fit.sigma2u === 0) {
    warnings.push({ code: 'sigma2u-zero', message: 'σ̂ᵤ² = 0: the covariates explain all differences between areas, so every area gets its synthetic estimate (γ = 0)' });
  }
  const vif = varianceInflation(sampled.map((i) => rows[i].covariates as number[]), options.covariateNames);
  for (const v of vif) {
    if (v.vif > HIGH_VIF) warnings.push({ code: 'collinear', covariate: v.covariate, message: `covariate '${v.covariate}' is nearly collinear with the others (VIF ${Number.isFinite(v.vif) ? v.vif.toFixed(1) : '∞'})` });
  }
  const wald = modelDirectWaldCheck(fit.y, fit.eblup, fit.psi, analytic.mse);
  if (wald.pValue < 0.05) {
    warnings.push({ code: 'model-departs', message: `model and direct estimates differ more than their uncertainty explains (W = ${wald.statistic.toFixed(2)}, df = ${wald.df}, p = ${wald.pValue.toPrecision(2)}): a covariate may be missing` });
  }

  const synthetic = rows.map((_, i) => {
    const mean = rowDot(xAll.values, p, i, fit.beta);
    return transform === 'none' ? mean : arcsineBackTransform(mean, fit.sigma2u);
  });
  const estimates: SmallAreaEstimate[] = rows.map((row, i) => {
    const k = positionOf.get(i);
    const hasDirect = k !== undefined;
    return {
      area: row.area,
      direct: hasDirect ? row.estimate : null,
      directSe: hasDirect && row.variance !== null && row.variance !== undefined && row.variance >= 0 ? Math.sqrt(row.variance) : null,
      estimate: shown[i],
      unbenchmarked: point[i],
      mse: mse[i],
      gamma: hasDirect ? fit.gamma[k] : 0,
      synthetic: synthetic[i],
      sampled: hasDirect,
      modelVariance: hasDirect ? fit.psi[k] : null,
    };
  });
  return {
    estimates,
    model: {
      method,
      transform,
      terms: [INTERCEPT, ...options.covariateNames],
      sigma2u: fit.sigma2u,
      beta: fit.beta,
      betaSe: fit.betaSe,
      betaZ: fit.betaZ,
      betaP: fit.betaP,
      iterations: fit.iterations,
      converged: fit.converged,
      loglik: fit.loglik,
      aic: fit.aic,
      bic: fit.bic,
      areas: rows.length,
      sampledAreas: sampled.length,
      bootstrapReplicates,
      benchmark,
      wald,
      varianceInflation: vif,
      standardisedResiduals: sampled.map((i, k) => ({ area: names[i], residual: fit.standardisedResiduals[k] })),
      warnings,
    },
  };
}
