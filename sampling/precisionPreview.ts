import { proportionStandardError } from './proportionStandardError';

/** Normal quantile z_{0.975} = qnorm(0.975) in R, for 95 % intervals. */
export const Z_95 = 1.959963984540054;

/** Planned sizes of one stratum. */
export interface PreviewStratum {
  stratum: string;
  /** Population size N_h. */
  N: number;
  /** Expected net sample size (responses); may be fractional (gross · response rate). */
  n: number;
  /** Expected proportion in this stratum (default: the preview's p). */
  p?: number;
}

export interface StratumPrecision {
  stratum: string;
  N: number;
  n: number;
  p: number;
  /** SE of the stratum proportion, see proportionStandardError. */
  se: number;
  /** Half-width of the 95 % interval, z · SE. */
  halfWidth: number;
}

export interface PrecisionPreview {
  strata: StratumPrecision[];
  overall: {
    N: number;
    n: number;
    /** Stratified estimate Σ W_h p_h, W_h = N_h / N. */
    p: number;
    se: number;
    halfWidth: number;
    /** Kish design effect of the design weights N_h / n_h. */
    deffKish: number;
    /** n / deffKish. */
    effectiveN: number;
  };
}

/**
 * Precision preview of a stratified SRSWOR plan for a proportion, per stratum and overall.
 * Stratum: SE_h = sqrt((1 − n_h/N_h) p_h(1 − p_h)/(n_h − 1)) (Cochran 1977, eq. 3.8).
 * Overall (stratified estimator, Cochran 1977, §5.3, eq. 5.7 with s_h² = n_h p_h q_h/(n_h − 1)):
 *   SE = sqrt(Σ W_h² (1 − f_h) p_h(1 − p_h)/(n_h − 1)), W_h = N_h/N,
 * equal to survey::svymean on a design with strata and fpc (checked in fixtures/r/sampling/precision.R).
 * Kish design effect of the weights w_h = N_h/n_h on n_h units each: deff = n Σ_h N_h²/n_h / N²
 * (Kish 1965, §11.7). 95 % half-width = 1.959964 · SE. Strata with N_h = 0 are left out of the overall
 * figures; a stratum with N_h > 0 but n_h = 0 makes the overall SE and deff Infinity.
 * Cost: O(H).
 * @throws RangeError for a proportion outside [0, 1], negative sizes, or n_h > N_h.
 * @example precisionPreview([{ stratum: 'A', N: 1000, n: 100 }]).strata[0].halfWidth // → 1.96 · 0.04767 ≈ 0.0934
 */
export function precisionPreview(strata: readonly PreviewStratum[], options: { p?: number } = {}): PrecisionPreview {
  const defaultP = options.p ?? 0.5;
  const N = strata.reduce((s, h) => s + h.N, 0);
  let variance = 0;
  let estimate = 0;
  let n = 0;
  let sumSquaresOverN = 0;
  let missing = false;
  const rows = strata.map((h) => {
    const p = h.p ?? defaultP;
    if (h.n > h.N) throw new RangeError(`stratum '${h.stratum}' has expected n = ${h.n} above its N = ${h.N}`);
    const se = proportionStandardError(h.n, h.N, p);
    if (h.N > 0) {
      const W = h.N / N;
      variance += W * W * se * se;
      estimate += W * p;
      n += h.n;
      if (h.n > 0) sumSquaresOverN += (h.N * h.N) / h.n;
      else missing = true;
    }
    return { stratum: h.stratum, N: h.N, n: h.n, p, se, halfWidth: Z_95 * se };
  });
  const se = missing ? Infinity : Math.sqrt(variance);
  const deffKish = missing || N === 0 ? Infinity : (n * sumSquaresOverN) / (N * N);
  return {
    strata: rows,
    overall: { N, n, p: estimate, se, halfWidth: Z_95 * se, deffKish, effectiveN: n / deffKish },
  };
}
