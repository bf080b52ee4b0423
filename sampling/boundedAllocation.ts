import { distributeByWeight } from './distributeByWeight';

/** Result of boundedAllocation: exact sizes and which bound, if any, each stratum was fixed at. */
export interface BoundedAllocation {
  exact: number[];
  bound: ('min' | 'max' | null)[];
}

/**
 * Allocation n_h ∝ a_h subject to lower_h ≤ n_h ≤ upper_h, by iterative reallocation: strata that
 * violate a bound are fixed at it and the remainder is redistributed over the free strata by the same
 * weights, until no free stratum violates a bound.
 *
 * Which side is fixed first matters when both occur: with λ = remainder / Σ_free a_h, the total upper
 * excess E⁺ = Σ (λa_h − upper_h)⁺ and lower shortfall E⁻ = Σ (lower_h − λa_h)⁺ tell on which side the
 * final λ* lies (E⁺ > E⁻ ⇒ λ* > λ, so those upper violators stay at their bound). Fixing only that side
 * makes every step final, and the result is n_h = clamp(λ* a_h, lower_h, upper_h) with Σ n_h = n — the
 * box-constrained optimum for Neyman weights (Gabler, Ganninger & Münnich 2012, Statistical Papers 53,
 * 263–279; Cochran 1977, §5.9 for the upper bound N_h). Strata with a_h = 0 stay at their lower bound.
 * Cost: O(H²) worst case (at most H rounds of O(H)).
 * @throws RangeError when a lower bound exceeds its upper bound, Σ lower_h > n, or n cannot be reached
 *   because the strata that may still grow are all at their upper bound.
 * @example boundedAllocation(10, [1, 1, 8], [0, 0, 0], [100, 100, 4]).exact // → [3, 3, 4]
 */
export function boundedAllocation(
  n: number,
  weights: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  names?: readonly string[],
): BoundedAllocation {
  const H = weights.length;
  const label = (h: number) => (names ? `'${names[h]}'` : `#${h + 1}`);
  let lowerTotal = 0;
  let reachable = 0;
  for (let h = 0; h < H; h++) {
    if (lower[h] > upper[h]) throw new RangeError(`stratum ${label(h)} has minimum ${lower[h]} above its maximum ${upper[h]}`);
    lowerTotal += lower[h];
    reachable += weights[h] > 0 ? upper[h] : lower[h];
  }
  if (lowerTotal > n) throw new RangeError(`the per-stratum minimums add up to ${lowerTotal}, more than the sample size n = ${n}`);
  if (reachable < n) {
    const zero = weights.filter((a) => a === 0).length;
    throw new RangeError(
      `sample size n = ${n} cannot be reached: the maximums (n_h ≤ N_h and max) allow at most ${reachable} units` +
        (zero > 0 ? ` (${zero} strata have allocation weight 0, e.g. S_h = 0, and stay at their minimum)` : ''),
    );
  }

  const exact = new Array<number>(H).fill(0);
  const bound = new Array<'min' | 'max' | null>(H).fill(null);
  const free = new Set<number>();
  let remainder = n;
  for (let h = 0; h < H; h++) {
    if (weights[h] > 0) free.add(h);
    else {
      exact[h] = lower[h];
      bound[h] = 'min';
      remainder -= lower[h];
    }
  }
  while (free.size > 0) {
    const ids = [...free];
    const share = distributeByWeight(remainder, ids.map((h) => weights[h]));
    let excess = 0;
    let shortfall = 0;
    ids.forEach((h, i) => {
      if (share[i] > upper[h]) excess += share[i] - upper[h];
      else if (share[i] < lower[h]) shortfall += lower[h] - share[i];
    });
    if (excess === 0 && shortfall === 0) {
      ids.forEach((h, i) => (exact[h] = share[i]));
      break;
    }
    ids.forEach((h, i) => {
      const fixUpper = share[i] > upper[h] && excess >= shortfall;
      const fixLower = share[i] < lower[h] && shortfall >= excess;
      if (fixUpper || fixLower) {
        exact[h] = fixUpper ? upper[h] : lower[h];
        bound[h] = fixUpper ? 'max' : 'min';
        remainder -= exact[h];
        free.delete(h);
      }
    });
  }
  return { exact, bound };
}
