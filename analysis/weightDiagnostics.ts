/**
 * Weight diagnostics, overall and per domain: Σ weights (against the population size when known), min, max,
 * coefficient of variation, Kish's design effect due to unequal weighting and the effective sample size.
 *
 *   CV = sd(w)/mean(w) with sd over n (so deff = 1 + CV²),
 *   deff_Kish = n·Σw² / (Σw)²,   n_eff = (Σw)² / Σw² = n / deff_Kish      (Kish 1965, §11.7; Kish 1992).
 *
 * Cost: O(n + D).
 * @throws AnalysisError when a weight is not finite, or domain codes and weights differ in length.
 * @example weightDiagnostics([1, 1, 2, 4]).overall // → { n: 4, sumWeights: 8, kishDeff: 1.375, effectiveN: 2.909…, … }
 */
import { AnalysisError } from './analysisError';

export interface WeightSummary {
  n: number;
  sumWeights: number;
  /** Known population size (N or N_d), when given. */
  population: number | null;
  /** Σw / population (1 = the weights reproduce the population size). */
  ratioToPopulation: number | null;
  min: number;
  max: number;
  mean: number;
  cv: number;
  kishDeff: number;
  effectiveN: number;
}

export interface WeightDiagnostics {
  overall: WeightSummary;
  domains: (WeightSummary & { domain: string })[];
}

export interface WeightDiagnosticsOptions {
  population?: number;
  /** Domain of each unit (−1 = none) and the domain labels, e.g. from domainIndex(design, 'district'). */
  domainOf?: Int32Array;
  labels?: readonly string[];
  /** Known population size per domain label. */
  domainPopulation?: Readonly<Record<string, number>>;
}

function summary(n: number, s1: number, s2: number, min: number, max: number, population: number | null): WeightSummary {
  const mean = s1 / n;
  const variance = Math.max(s2 / n - mean * mean, 0);
  const kishDeff = (n * s2) / (s1 * s1);
  return {
    n,
    sumWeights: s1,
    population,
    ratioToPopulation: population === null ? null : s1 / population,
    min: n > 0 ? min : NaN,
    max: n > 0 ? max : NaN,
    mean,
    cv: Math.sqrt(variance) / mean,
    kishDeff,
    effectiveN: n / kishDeff,
  };
}

export function weightDiagnostics(weights: ArrayLike<number>, options: WeightDiagnosticsOptions = {}): WeightDiagnostics {
  const n = weights.length;
  const labels = options.labels ?? [];
  const D = labels.length;
  if (options.domainOf && options.domainOf.length !== n) {
    throw new AnalysisError(`weight diagnostics got ${n} weights but ${options.domainOf.length} domain codes`);
  }
  const s1 = new Float64Array(D);
  const s2 = new Float64Array(D);
  const count = new Float64Array(D);
  const min = new Float64Array(D).fill(Infinity);
  const max = new Float64Array(D).fill(-Infinity);
  let t1 = 0;
  let t2 = 0;
  let tmin = Infinity;
  let tmax = -Infinity;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!Number.isFinite(w)) throw new AnalysisError(`weight of unit ${i + 1} is not a finite number: ${w}`);
    t1 += w;
    t2 += w * w;
    if (w < tmin) tmin = w;
    if (w > tmax) tmax = w;
    const d = options.domainOf ? options.domainOf[i] : -1;
    if (d >= 0) {
      s1[d] += w;
      s2[d] += w * w;
      count[d]++;
      if (w < min[d]) min[d] = w;
      if (w > max[d]) max[d] = w;
    }
  }
  return {
    overall: summary(n, t1, t2, tmin, tmax, options.population ?? null),
    domains: labels.map((domain, d) => ({
      domain,
      ...summary(count[d], s1[d], s2[d], min[d], max[d], options.domainPopulation?.[domain] ?? null),
    })),
  };
}
