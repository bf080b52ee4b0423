import { distributeByWeight } from './distributeByWeight';
import { validateSizes, validateTotal } from './validateSizes';

/**
 * Proportional allocation: n_h = n · N_h / N.
 * Source: Cochran (1977), Sampling Techniques, 3rd ed., §5.5.  Cost: O(H).
 * Returns exact (unrounded) sizes without bounds; use allocate() for min/max and rounding.
 * @throws RangeError when n exceeds the population, n is not a non-negative integer, or a size is negative.
 * @example proportionalAllocation(10, [60, 40]) // → [6, 4]
 */
export function proportionalAllocation(n: number, sizes: readonly number[]): number[] {
  validateSizes(sizes);
  validateTotal(n, sizes);
  return distributeByWeight(n, sizes);
}
