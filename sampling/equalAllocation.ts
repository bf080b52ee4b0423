import { validateSizes, validateTotal } from './validateSizes';

/**
 * Equal allocation: n_h = n / H, the same sample size in every stratum — the natural choice when
 * every district estimate should be equally precise (Cochran 1977, §5A.13 on domain estimates).
 * Cost: O(H). Returns exact sizes without the cap n_h ≤ N_h; allocate() applies it.
 * @throws RangeError when there are no strata, or n is invalid or exceeds the population.
 * @example equalAllocation(9, [100, 50, 20]) // → [3, 3, 3]
 */
export function equalAllocation(n: number, sizes: readonly number[]): number[] {
  if (sizes.length === 0) throw new RangeError('equal allocation needs at least one stratum');
  validateSizes(sizes);
  validateTotal(n, sizes);
  return sizes.map(() => n / sizes.length);
}
