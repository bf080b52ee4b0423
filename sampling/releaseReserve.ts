import type { AllocationInput } from './checkAllocation';
import type { ReserveDraw } from './drawWithReserve';

/**
 * Releases a batch of reserve units per stratum (the next ones in rank order) and returns the updated
 * draw; the input is not changed. Releasing in rank order keeps main + released a simple random sample.
 * Cost: O(H).
 * @throws RangeError when a stratum is unknown, a batch size is not a non-negative integer, or the batch
 *   exceeds the reserve still held back in that stratum.
 * @example releaseReserve(draw, { A: 2 }).strata[0].released // → 2
 */
export function releaseReserve<T>(draw: ReserveDraw<T>, batch: AllocationInput): ReserveDraw<T> {
  const sizes = batch instanceof Map ? batch : new Map(Object.entries(batch as Record<string, number>));
  const known = new Set(draw.strata.map((s) => s.stratum));
  for (const [stratum, k] of sizes) {
    if (!known.has(stratum)) throw new RangeError(`cannot release reserve in stratum '${stratum}': it is not part of the draw`);
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`reserve release for stratum '${stratum}' must be a non-negative integer, got ${k}`);
  }
  return {
    ...draw,
    strata: draw.strata.map((s) => {
      const k = sizes.get(s.stratum) ?? 0;
      if (s.released + k > s.reserve) {
        throw new RangeError(`stratum '${s.stratum}' has only ${s.reserve - s.released} reserve units left, cannot release ${k}`);
      }
      return { ...s, released: s.released + k };
    }),
  };
}
