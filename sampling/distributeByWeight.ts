/**
 * Distributes n over strata in proportion to non-negative weights: n_h = n · a_h / Σ_k a_k.
 * Every allocation method here is this rule with its own weight a_h (proportional: N_h, equal: 1,
 * Neyman: N_h·S_h, power: S_h·N_h^q).
 * Cost: O(H).
 * @throws RangeError when a weight is negative or not finite, or all weights are 0 while n > 0.
 * @example distributeByWeight(10, [3, 1, 1]) // → [6, 2, 2]
 */
export function distributeByWeight(n: number, weights: readonly number[]): number[] {
  let total = 0;
  weights.forEach((a, h) => {
    if (!Number.isFinite(a) || a < 0) throw new RangeError(`allocation weight of stratum #${h + 1} must be finite and ≥ 0, got ${a}`);
    total += a;
  });
  if (total === 0) {
    if (n === 0) return weights.map(() => 0);
    throw new RangeError(`cannot distribute n = ${n}: every stratum has allocation weight 0`);
  }
  return weights.map((a) => (n * a) / total);
}
