/** A stratum of the frame and its number of units N_h. */
export interface StratumSize {
  stratum: string;
  size: number;
}

/** Allocation given as a record or map from stratum name to integer sample size. */
export type AllocationInput = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

/**
 * Matches an allocation to the frame's strata and checks it can be drawn: every frame stratum has an
 * allocation, every allocated stratum exists in the frame, and 0 ≤ n_h ≤ N_h is an integer.
 * An allocated stratum missing from the frame is an error unless its allocation is 0 (an empty stratum).
 * A frame stratum without allocation is an error (not a silent 0), so no district is left out by a typo;
 * give it 0 explicitly to exclude it.
 * Cost: O(H).
 * @throws RangeError naming the stratum and the problem.
 * @example checkAllocation([{ stratum: 'X', size: 2 }], { X: 1 }) // → Map { 'X' => 1 }
 */
export function checkAllocation(strata: readonly StratumSize[], allocation: AllocationInput, what = 'allocation'): Map<string, number> {
  const given = allocation instanceof Map ? new Map(allocation) : new Map(Object.entries(allocation as Record<string, number>));
  const known = new Set(strata.map((s) => s.stratum));
  for (const [stratum, n] of given) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} of stratum '${stratum}' must be a non-negative integer, got ${n}`);
    // A stratum with N_h = 0 in the allocation (allocated 0) has no units in the frame; nothing to draw.
    if (!known.has(stratum) && n > 0) throw new RangeError(`${what} has stratum '${stratum}', which does not occur in the frame`);
  }
  for (const s of strata) {
    const n = given.get(s.stratum);
    if (n === undefined) throw new RangeError(`frame stratum '${s.stratum}' (N = ${s.size}) has no ${what}; give 0 to leave it out`);
    if (n > s.size) throw new RangeError(`${what} of stratum '${s.stratum}' is ${n}, more than its N = ${s.size} units`);
  }
  return given;
}
