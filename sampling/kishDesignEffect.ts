/**
 * Kish's design effect due to unequal weighting: deff = n · Σ w_i² / (Σ w_i)², i.e. 1 + CV² of the
 * weights; the effective sample size is n / deff.
 * Source: Kish (1965), Survey Sampling, §11.7; Kish (1992), "Weighting for unequal P_i", Journal of
 * Official Statistics 8(2), 183–200.  Cost: O(n).
 * @throws RangeError when there are no weights or a weight is negative or not finite.
 * @example kishDesignEffect([1, 1, 4]) // → 3 · 18 / 36 = 1.5
 */
export function kishDesignEffect(weights: ArrayLike<number>): number {
  if (weights.length === 0) throw new RangeError('Kish design effect needs at least one weight');
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`weight #${i + 1} must be finite and ≥ 0, got ${w}`);
    sum += w;
    sumSquares += w * w;
  }
  if (sum === 0) throw new RangeError('Kish design effect needs a positive weight total');
  return (weights.length * sumSquares) / (sum * sum);
}
