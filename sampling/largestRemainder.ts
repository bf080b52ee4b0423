/**
 * Rounds exact stratum sizes to integers that sum exactly to the (integer) total, by the largest
 * remainder method (Hamilton's method): every stratum gets ⌊x_h⌋ and the units still missing go one
 * each to the strata with the largest fractional parts.
 *
 * Tie-breaking is deterministic: larger remainder first (remainders within 1e-9 count as equal), then
 * larger population size N_h (when given), then earlier stratum order. Values within 1e-9 of an integer
 * are treated as that integer, so floating-point noise such as 2.9999999999999996 never loses a unit.
 * Because each n_h ends up at ⌊x_h⌋ or ⌈x_h⌉, integer bounds met by x_h are met by n_h.
 * Source: Balinski & Young (2001), Fair Representation, ch. 2 (Hamilton's method).  Cost: O(H log H).
 * @throws RangeError when a value is negative or not finite, or the exact values do not sum to an integer.
 * @example largestRemainder([2.5, 2.5, 5]) // → [3, 2, 5]
 * @example largestRemainder([2.5, 2.5, 5], [10, 20, 30]) // → [2, 3, 5] (tie → larger N_h)
 */
export function largestRemainder(exact: readonly number[], sizes?: readonly number[]): number[] {
  const EPS = 1e-9;
  let sum = 0;
  exact.forEach((x, h) => {
    if (!Number.isFinite(x) || x < 0) throw new RangeError(`exact allocation of stratum #${h + 1} must be finite and ≥ 0, got ${x}`);
    sum += x;
  });
  const total = Math.round(sum);
  if (Math.abs(sum - total) > EPS * Math.max(1, exact.length)) {
    throw new RangeError(`exact allocations sum to ${sum}, which is not an integer total`);
  }
  const floors = exact.map((x) => (Math.abs(x - Math.round(x)) < EPS ? Math.round(x) : Math.floor(x)));
  const missing = total - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, h) => ({ h, remainder: x - floors[h] }))
    .sort((a, b) => {
      if (Math.abs(a.remainder - b.remainder) > EPS) return b.remainder - a.remainder;
      const bySize = sizes ? sizes[b.h] - sizes[a.h] : 0;
      return bySize !== 0 ? bySize : a.h - b.h;
    });
  const result = floors.slice();
  for (let i = 0; i < missing; i++) result[order[i].h] += 1;
  return result;
}
