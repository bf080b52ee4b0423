import { checkAllocation, type AllocationInput } from './checkAllocation';
import { frameUnitsFromRecords, groupUnitsByStratum, sizesOf, type FrameRecord, type FrameUnits } from './groupFrameByStratum';
import { rowsAtStratumPositions, stratumSizesInIdOrder } from './stratumPositions';
import type { DrawnUnit, SampledUnit } from './sampledUnit';
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
 * For m much smaller than N the permutation is kept sparse (only the swapped entries, in a small hash
 * table): the same swaps, so the same positions for the same random numbers, without an array of N entries.
 * Cost: O(min(N, m·4)) memory, O(m) random draws.
 */
export function partialShuffle(N: number, m: number, rng: SeededRng): Int32Array {
  if (m * 4 < N) return sparsePartialShuffle(N, m, rng);
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
 * partialShuffle with the permutation kept as its changed entries only: position → value in an
 * open-addressing table (linear probing, Fibonacci hashing), at most one entry per swap, load ≤ ¼.
 */
function sparsePartialShuffle(N: number, m: number, rng: SeededRng): Int32Array {
  let bits = 4;
  while (1 << bits < m * 4) bits++;
  const mask = (1 << bits) - 1;
  const keys = new Int32Array(1 << bits).fill(-1);
  const values = new Int32Array(1 << bits);
  /** The slot holding `key`, or the empty slot where it would go. */
  const slotOf = (key: number) => {
    let slot = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
    while (keys[slot] !== -1 && keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  };
  const result = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const j = i + rng.uniformInt(N - i);
    const slotI = slotOf(i);
    const atI = keys[slotI] === i ? values[slotI] : i;
    const slotJ = slotOf(j);
    result[i] = keys[slotJ] === j ? values[slotJ] : j;
    // Position i is never read again; position j now holds what was at i.
    keys[slotJ] = j;
    values[slotJ] = atI;
  }
  return result;
}

/**
 * Stratified simple random sampling without replacement: in each stratum h, n_h of the N_h units are
 * drawn with equal probability, π = n_h / N_h, design weight N_h / n_h.
 * Source: Cochran (1977), Sampling Techniques, §5.1–5.3; Särndal, Swensson & Wretman (1992), §3.3.
 *
 * Works on FrameUnits (ids, strata as codes), so a large frame read straight from a file needs no
 * object per row. Determinism: units are sorted by id (UTF-16 code-unit order) within each stratum and
 * strata are processed in name order, so the sample depends only on the frame's content, the
 * allocation and the seed — never on the input row order. The draw per stratum is a partial
 * Fisher–Yates shuffle; sort columns of the units, if any, play no part. Result: selected units in
 * frame row order.
 * Cost: O(N) for a frame in id order, else O(N log N) for sorting; O(n) random draws.
 * @throws RangeError for a duplicate id, a stratum in the allocation that is not in the frame (or vice
 *   versa), or n_h not an integer in [0, N_h].
 * @example stratifiedSrsworOfUnits(frameUnitsFromRecords(rows, { id: 'household_id', stratum: 'district' }), { allocation: { Stadtmitte: 2 }, rng: createRng(42) })
 */
export function stratifiedSrsworOfUnits(units: FrameUnits, options: Pick<SrsworOptions, 'allocation' | 'rng'>): DrawnUnit[] {
  const sample: DrawnUnit[] = [];
  if (units.idsAscending) {
    // Frame in id order: the k-th unit of a stratum is its k-th row, so no row lists are built.
    const strata = stratumSizesInIdOrder(units);
    const allocation = checkAllocation(strata, options.allocation);
    const positions: Int32Array[] = [];
    for (const { stratum, code, size } of strata) positions[code] = partialShuffle(size, allocation.get(stratum) as number, options.rng);
    const sizeOf = new Int32Array(units.strata.length);
    for (const { code, size } of strata) sizeOf[code] = size;
    // Already in frame row order.
    for (const rowIndex of rowsAtStratumPositions(units, positions)) {
      const code = units.stratumOfRow[rowIndex];
      const n = positions[code].length;
      const N = sizeOf[code];
      sample.push({ rowIndex, stratum: units.strata[code], inclusionProbability: n / N, designWeight: N / n });
    }
    return sample;
  } else {
    const strata = groupUnitsByStratum(units, false);
    const allocation = checkAllocation(sizesOf(strata), options.allocation);
    for (const { stratum, rows } of strata) {
      const n = allocation.get(stratum) as number;
      const N = rows.length;
      const inclusionProbability = n / N;
      const designWeight = N / n;
      for (const position of partialShuffle(N, n, options.rng)) {
        sample.push({ rowIndex: rows[position], stratum, inclusionProbability, designWeight });
      }
    }
  }
  return sample.sort((a, b) => a.rowIndex - b.rowIndex);
}

/**
 * Stratified simple random sampling without replacement of frame records: stratifiedSrsworOfUnits on
 * the id and stratum columns, with each selected unit's row attached.
 * Source: Cochran (1977), Sampling Techniques, §5.1–5.3; Särndal, Swensson & Wretman (1992), §3.3.
 * Result: selected units in frame row order, π = n_h / N_h, design weight N_h / n_h.
 * Cost: O(N log N) for sorting (O(N) when the rows are in id order), O(n) random draws.
 * @throws RangeError for a duplicate or empty id, an empty stratum, a stratum in the allocation that
 *   is not in the frame (or vice versa), or n_h not an integer in [0, N_h].
 * @example stratifiedSrswor(rows, { id: 'household_id', stratum: 'district', allocation: { Stadtmitte: 2 }, rng: createRng(42) })
 */
export function stratifiedSrswor<T extends FrameRecord>(frame: readonly T[], options: SrsworOptions): SampledUnit<T>[] {
  const units = frameUnitsFromRecords(frame, { id: options.id, stratum: options.stratum });
  return stratifiedSrsworOfUnits(units, options).map((u) => ({ row: frame[u.rowIndex], ...u }));
}
