/**
 * Estimated standard error of a sample proportion under simple random sampling without replacement,
 * with finite population correction: SE(p̂) = sqrt((1 − n/N) · p(1 − p) / (n − 1)).
 * This is the unbiased variance estimator v(p̂) = (1 − f) p̂ q̂ / (n − 1) of Cochran (1977), Sampling
 * Techniques, §3.3, eq. (3.8) — the value R's survey::svymean reports for a 0/1 variable in a stratum
 * with fpc (Lumley 2010, Complex Surveys, §2.2), since s² = n p̂ q̂ / (n − 1).
 * Edge cases: a census (n ≥ N) has SE 0; n ≤ 1 below a census has no variance estimate → Infinity.
 * Non-integer n (expected net sizes) is allowed for planning. Cost: O(1).
 * @throws RangeError when p is outside [0, 1], n < 0 or N < 0.
 * @example proportionStandardError(100, 1000, 0.5) // → sqrt(0.9 · 0.25 / 99) ≈ 0.04767
 */
export function proportionStandardError(n: number, N: number, p = 0.5): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`proportion p must lie in [0, 1], got ${p}`);
  if (!(n >= 0) || !(N >= 0)) throw new RangeError(`sample size n = ${n} and population size N = ${N} must be ≥ 0`);
  if (n >= N) return 0;
  if (n <= 1) return Infinity;
  return Math.sqrt(((1 - n / N) * p * (1 - p)) / (n - 1));
}
