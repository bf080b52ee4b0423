import { boundedAllocation } from './boundedAllocation';
import { grossUp } from './grossUp';
import { largestRemainder } from './largestRemainder';
import { validateSizes, validateTotal } from './validateSizes';

export type AllocationMethod = 'proportional' | 'equal' | 'neyman' | 'power';
export const ALLOCATION_METHODS: readonly AllocationMethod[] = ['proportional', 'equal', 'neyman', 'power'];

/** One stratum as the planner describes it. */
export interface StratumSpec {
  stratum: string;
  /** Population size N_h (households in the frame). */
  N: number;
  /** Standard deviation S_h of the key variable (Neyman: required; power: default 1). */
  S?: number;
  /** Minimum net sample size in the stratum (default 0). */
  min?: number;
  /** Maximum net sample size in the stratum (default N_h; never above N_h). */
  max?: number;
  /** Expected response rate in (0, 1]; when given, a gross sample is computed. */
  responseRate?: number;
}

export interface AllocateOptions {
  strata: readonly StratumSpec[];
  /** Total net sample size. */
  n: number;
  method: AllocationMethod;
  /** Exponent of power allocation (required for 'power'), in [0, 1]. */
  q?: number;
  /** Cap gross sizes at N_h instead of throwing when a response rate makes a stratum infeasible. */
  capGross?: boolean;
}

export interface StratumAllocation {
  stratum: string;
  N: number;
  /** Unrounded allocation (full double precision). */
  exact: number;
  /** Integer allocation; Σ allocation = n. */
  allocation: number;
  /** The bound the stratum was fixed at during reallocation, if any. */
  bound: 'min' | 'max' | null;
  /** Present when a response rate was given: gross sample to invite. */
  gross?: number;
  grossExact?: number;
  expectedNet?: number;
  grossCapped?: boolean;
}

export interface AllocationResult {
  method: AllocationMethod;
  n: number;
  q?: number;
  strata: StratumAllocation[];
}

/** Allocation weight a_h of each method: n_h ∝ a_h. */
function methodWeights(method: AllocationMethod, strata: readonly StratumSpec[], q: number | undefined): number[] {
  switch (method) {
    case 'proportional':
      return strata.map((s) => s.N);
    case 'equal':
      // Empty strata cannot take a unit, so they drop out of the equal split.
      return strata.map((s) => (s.N > 0 ? 1 : 0));
    case 'neyman':
      return strata.map((s) => {
        if (s.S === undefined) throw new RangeError(`Neyman allocation needs S for every stratum; stratum '${s.stratum}' has none`);
        return s.N * s.S;
      });
    case 'power':
      if (q === undefined) throw new RangeError('power allocation needs the exponent q in [0, 1]');
      if (!Number.isFinite(q) || q < 0 || q > 1) throw new RangeError(`power allocation exponent q must lie in [0, 1], got ${q}`);
      return strata.map((s) => (s.N === 0 ? 0 : (s.S ?? 1) * Math.pow(s.N, q)));
    default:
      throw new RangeError(`unknown allocation method '${String(method)}' (use ${ALLOCATION_METHODS.join(', ')})`);
  }
}

/**
 * Allocates a total net sample size n over strata by one method, under the constraints
 * min_h ≤ n_h ≤ min(max_h, N_h), and rounds to integers summing to n.
 *
 * Methods (n_h ∝ a_h): proportional a_h = N_h, equal a_h = 1, Neyman a_h = N_h·S_h, power
 * a_h = S_h·N_h^q (Cochran 1977, §5.5; Bankier 1988). Bounds by iterative reallocation
 * (boundedAllocation), integers by largestRemainder (ties: larger remainder, larger N_h, stratum order).
 * When response rates are given, a gross sample ⌈n_h / r_h⌉ is added per stratum (grossUp).
 * Cost: O(H²) worst case.
 *
 * @throws RangeError for: unknown method; duplicate or empty stratum names; negative or non-integer
 *   N_h, min or max; n not a non-negative integer; n > ΣN_h; Σmin_h > n; min_h > 0 in a stratum with
 *   N_h = 0 (or min_h > N_h); q missing or outside [0, 1] for power; S missing for Neyman or
 *   negative; n not reachable under the maximums; a gross sample larger than N_h (unless capGross).
 * @example allocate({ strata: [{ stratum: 'A', N: 600 }, { stratum: 'B', N: 400 }], n: 10, method: 'proportional' })
 *   // → strata: [{ stratum: 'A', exact: 6, allocation: 6, … }, { stratum: 'B', exact: 4, allocation: 4, … }]
 */
export function allocate(options: AllocateOptions): AllocationResult {
  const { strata, n, method, q } = options;
  if (!ALLOCATION_METHODS.includes(method)) {
    throw new RangeError(`unknown allocation method '${String(method)}' (use ${ALLOCATION_METHODS.join(', ')})`);
  }
  if (strata.length === 0) throw new RangeError('allocation needs at least one stratum');
  const names = strata.map((s) => s.stratum);
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || name === '') throw new RangeError('every stratum needs a non-empty name');
    if (seen.has(name)) throw new RangeError(`stratum '${name}' appears more than once`);
    seen.add(name);
  }
  const sizes = strata.map((s) => s.N);
  validateSizes(sizes, names);
  validateTotal(n, sizes);

  const lower = strata.map((s) => {
    const min = s.min ?? 0;
    if (!Number.isInteger(min) || min < 0) throw new RangeError(`stratum '${s.stratum}' has minimum ${min}; minimums must be non-negative integers`);
    if (min > s.N) {
      throw new RangeError(
        s.N === 0 ? `stratum '${s.stratum}' has N = 0 but a minimum of ${min} units` : `stratum '${s.stratum}' has minimum ${min} but only N = ${s.N} units`,
      );
    }
    return min;
  });
  const upper = strata.map((s) => {
    if (s.max === undefined) return s.N;
    if (!Number.isInteger(s.max) || s.max < 0) throw new RangeError(`stratum '${s.stratum}' has maximum ${s.max}; maximums must be non-negative integers`);
    return Math.min(s.max, s.N);
  });
  strata.forEach((s) => {
    if (s.S !== undefined && (!Number.isFinite(s.S) || s.S < 0)) {
      throw new RangeError(`stratum '${s.stratum}' has standard deviation S = ${s.S}; S must be finite and ≥ 0`);
    }
  });
  const lowerTotal = lower.reduce((a, b) => a + b, 0);
  if (lowerTotal > n) throw new RangeError(`the per-stratum minimums add up to ${lowerTotal}, more than the sample size n = ${n}`);

  const weights = methodWeights(method, strata, q);
  const { exact, bound } = boundedAllocation(n, weights, lower, upper, names);
  const integer = largestRemainder(exact, sizes);

  const result: AllocationResult = {
    method,
    n,
    ...(method === 'power' ? { q } : {}),
    strata: strata.map((s, h) => ({ stratum: s.stratum, N: s.N, exact: exact[h], allocation: integer[h], bound: bound[h] })),
  };

  const withRates = strata.filter((s) => s.responseRate !== undefined).length;
  if (withRates > 0) {
    if (withRates < strata.length) throw new RangeError('give a response rate for every stratum or for none');
    const rates = strata.map((s) => s.responseRate as number);
    const gross = grossUp(integer, rates, sizes, { cap: options.capGross, names });
    const grossExact = grossUp(exact, rates, sizes, { cap: true, names });
    result.strata.forEach((s, h) => {
      s.gross = gross.gross[h];
      s.grossExact = grossExact.exact[h];
      s.expectedNet = gross.expectedNet[h];
      s.grossCapped = gross.capped[h];
    });
  }
  return result;
}
