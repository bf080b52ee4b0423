import { distributeByWeight } from './distributeByWeight';
import { validateSizes, validateTotal } from './validateSizes';

/**
 * Neyman (optimum for equal costs) allocation: n_h = n · N_h S_h / Σ_k N_k S_k.
 * Source: Neyman (1934); Cochran (1977), Sampling Techniques, §5.5, eq. (5.26).  Cost: O(H).
 * Returns exact sizes without bounds; allocate() enforces n_h ≤ N_h by iterative reallocation.
 * @throws RangeError when sizes and standard deviations differ in length, an S_h is negative or not
 *   finite, all N_h·S_h are 0, or n is invalid.
 * @example neymanAllocation(10, [100, 100], [1, 4]) // → [2, 8]
 */
export function neymanAllocation(n: number, sizes: readonly number[], sds: readonly number[]): number[] {
  if (sds.length !== sizes.length) throw new RangeError(`got ${sizes.length} stratum sizes but ${sds.length} standard deviations`);
  validateSizes(sizes);
  validateTotal(n, sizes);
  sds.forEach((S, h) => {
    if (!Number.isFinite(S) || S < 0) throw new RangeError(`standard deviation S of stratum #${h + 1} must be finite and ≥ 0, got ${S}`);
  });
  return distributeByWeight(n, sizes.map((N, h) => N * sds[h]));
}
