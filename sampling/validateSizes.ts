/**
 * Checks that stratum sizes are non-negative integers; shared by the allocation functions.
 * Cost: O(H).
 * @throws RangeError naming the first stratum (by position or name) with an invalid size.
 * @example validateSizes([10, 20]) // passes
 */
export function validateSizes(sizes: readonly number[], names?: readonly string[]): void {
  sizes.forEach((N, h) => {
    if (!Number.isInteger(N) || N < 0) {
      const label = names ? `'${names[h]}'` : `#${h + 1}`;
      throw new RangeError(`stratum ${label} has size N = ${N}; sizes must be non-negative integers`);
    }
  });
}

/**
 * Checks the total sample size against the population: 0 ≤ n ≤ ΣN_h, n an integer.
 * @throws RangeError when n is negative, not an integer, or exceeds the population.
 * @example validateTotal(5, [10, 20]) // passes
 */
export function validateTotal(n: number, sizes: readonly number[]): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sample size n must be a non-negative integer, got ${n}`);
  const N = sizes.reduce((a, b) => a + b, 0);
  if (n > N) throw new RangeError(`sample size n = ${n} exceeds the population (ΣN_h = ${N})`);
}
