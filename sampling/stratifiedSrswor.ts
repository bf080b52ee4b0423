import { checkAllocation, type AllocationInput } from './checkAllocation';
import { groupFrameByStratum, type FrameRecord } from './groupFrameByStratum';
import type { SampledUnit } from './sampledUnit';
import type { SeededRng } from './seededRng';

export interface SrsworOptions {
  /** Unique id column (e.g. household_id). */
  id: string;
  /** Stratum column (e.g. district). */
  stratum: string;
  /** Integer sample size per stratum. */
  allocation: AllocationInput;
  rng: SeededRng;
}

/**
 * Draws the first m positions of a uniformly random permutation of 0…N−1 by a partial Fisher–Yates
 * shuffle (Knuth 1997, TAOCP vol. 2, §3.4.2, Algorithm P): every ordered m-subset is equally likely,
 * so the first k ≤ m positions are always a simple random sample without replacement of size k.
 * Cost: O(N) memory for the index array, O(m) random draws.
 */
export function partialShuffle(N: number, m: number, rng: SeededRng): Int32Array {
  const positions = new Int32Array(N);
  for (let i = 0; i < N; i++) positions[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + rng.uniformInt(N - i);
    const t = positions[i];
    positions[i] = positions[j];
    positions[j] = t;
  }
  return positions.subarray(0, m);
}

/**
 * Stratified simple random sampling without replacement: in each stratum h, n_h of the N_h units are
 * drawn with equal probability, π = n_h / N_h, design weight N_h / n_h.
 * Source: Cochran (1977), Sampling Techniques, §5.1–5.3; Särndal, Swensson & Wretman (1992), §3.3.
 *
 * Determinism: units are sorted by id (UTF-16 code-unit order) within each stratum and strata are
 * processed in name order, so the sample depends only on the frame's content, the allocation and the
 * seed — never on the input row order. The draw per stratum is a partial Fisher–Yates shuffle.
 * Result: selected units in frame row order.
 * Cost: O(N log N) for sorting, O(n) random draws.
 * @throws RangeError for a duplicate or empty id, an empty stratum, a stratum in the allocation that
 *   is not in the frame (or vice versa), or n_h not an integer in [0, N_h].
 * @example stratifiedSrswor(rows, { id: 'household_id', stratum: 'district', allocation: { Stadtmitte: 2 }, rng: createRng(42) })
 */
export function stratifiedSrswor<T extends FrameRecord>(frame: readonly T[], options: SrsworOptions): SampledUnit<T>[] {
  const strata = groupFrameByStratum(frame, { id: options.id, stratum: options.stratum });
  const allocation = checkAllocation(strata, options.allocation);
  const sample: SampledUnit<T>[] = [];
  for (const { stratum, rows } of strata) {
    const n = allocation.get(stratum) as number;
    const N = rows.length;
    const inclusionProbability = n / N;
    for (const position of partialShuffle(N, n, options.rng)) {
      const rowIndex = rows[position];
      sample.push({ row: frame[rowIndex], rowIndex, stratum, inclusionProbability, designWeight: N / n });
    }
  }
  return sample.sort((a, b) => a.rowIndex - b.rowIndex);
}
