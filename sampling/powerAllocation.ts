import { distributeByWeight } from './distributeByWeight';
import { validateSizes, validateTotal } from './validateSizes';

/**
 * Power allocation: n_h ∝ S_h · N_h^q with 0 ≤ q ≤ 1 (S_h = 1 when not given).
 * q = 1 gives proportional (or Neyman) allocation, q = 0 equal allocation for equal S_h;
 * q ≈ 0.5 balances precision of the national estimate and of the stratum estimates.
 * Source: Bankier, M. D. (1988), "Power allocations: determining sample sizes for subnational
 * areas", The American Statistician 42(3), 174–177.  Cost: O(H).
 * Strata with N_h = 0 get weight 0 (also for q = 0, where 0^0 would otherwise be 1).
 * @throws RangeError when q is outside [0, 1], an S_h is negative, or n is invalid.
 * @example powerAllocation(10, [400, 100], 0.5) // → [6.666…, 3.333…]
 */
export function powerAllocation(n: number, sizes: readonly number[], q: number, sds?: readonly number[]): number[] {
  if (!Number.isFinite(q) || q < 0 || q > 1) throw new RangeError(`power allocation exponent q must lie in [0, 1], got ${q}`);
  if (sds && sds.length !== sizes.length) throw new RangeError(`got ${sizes.length} stratum sizes but ${sds.length} standard deviations`);
  validateSizes(sizes);
  validateTotal(n, sizes);
  sds?.forEach((S, h) => {
    if (!Number.isFinite(S) || S < 0) throw new RangeError(`standard deviation S of stratum #${h + 1} must be finite and ≥ 0, got ${S}`);
  });
  return distributeByWeight(n, sizes.map((N, h) => (N === 0 ? 0 : (sds ? sds[h] : 1) * Math.pow(N, q))));
}
