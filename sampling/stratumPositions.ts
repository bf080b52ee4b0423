import { compareValues, type FrameUnits } from './groupFrameByStratum';
import type { StratumSize } from './checkAllocation';

/** A stratum of a frame in id order, by its code in FrameUnits.strata. */
export interface CodedStratumSize extends StratumSize {
  code: number;
}

/**
 * The strata of a frame whose ids ascend in row order, in name order (the order in which draws consume
 * random numbers), with their sizes N_h — counted, without listing any stratum's rows. In such a frame
 * the k-th unit of a stratum in id order is simply its k-th row, so a draw needs no sorted row lists.
 * Cost: O(N) time, O(H) memory.
 * @throws RangeError when the ids are not known to ascend (use groupUnitsByStratum).
 * @example stratumSizesInIdOrder(frameUnitsFromRecords([{ id: 'a', s: 'Y' }, { id: 'b', s: 'X' }, { id: 'c', s: 'Y' }], { id: 'id', stratum: 's' }))
 *   // → [{ stratum: 'X', code: 1, size: 1 }, { stratum: 'Y', code: 0, size: 2 }]
 */
export function stratumSizesInIdOrder(units: FrameUnits): CodedStratumSize[] {
  if (!units.idsAscending) throw new RangeError('stratumSizesInIdOrder needs a frame whose ids ascend in row order');
  const sizes = new Array<number>(units.strata.length).fill(0);
  const { stratumOfRow, size } = units;
  for (let i = 0; i < size; i++) sizes[stratumOfRow[i]]++;
  return units.strata.map((stratum, code) => ({ stratum, code, size: sizes[code] })).sort((a, b) => compareValues(a.stratum, b.stratum));
}

/**
 * The frame rows at given positions (0-based, in id order) of each stratum, for a frame whose ids
 * ascend in row order: `positions[code]` lists distinct positions in stratum `code`, in any order.
 * Returns the rows ascending (frame row order) — one pass over the rows with a counter per stratum.
 * Cost: O(N + m log m) time for m positions in all, O(H + m) memory.
 * @throws RangeError when the ids are not known to ascend, or a position is not in 0…N_h − 1 or
 *   is given twice (naming the stratum).
 * @example rowsAtStratumPositions(units, [Int32Array.of(1, 0)]) // in a one-stratum frame → Int32Array [0, 1]
 */
export function rowsAtStratumPositions(units: FrameUnits, positions: readonly (ArrayLike<number> | undefined)[]): Int32Array {
  if (!units.idsAscending) throw new RangeError('rowsAtStratumPositions needs a frame whose ids ascend in row order');
  const H = units.strata.length;
  // All wanted positions, stratum after stratum, each stratum's ascending.
  const end = new Int32Array(H);
  let total = 0;
  for (let h = 0; h < H; h++) end[h] = total += positions[h]?.length ?? 0;
  const wanted = new Int32Array(total);
  for (let h = 0; h < H; h++) {
    const given = positions[h];
    if (!given) continue;
    const start = end[h] - given.length;
    const segment = wanted.subarray(start, end[h]);
    for (let k = 0; k < given.length; k++) segment[k] = given[k];
    segment.sort();
    for (let k = 1; k < segment.length; k++) {
      if (segment[k] === segment[k - 1]) throw new RangeError(`position ${segment[k]} is given twice for stratum '${units.strata[h]}'`);
    }
  }
  /** Index into wanted of each stratum's next wanted position. */
  const next = new Int32Array(H);
  /** Each stratum's next wanted position, −1 when none is left. */
  const nextPosition = new Int32Array(H).fill(-1);
  for (let h = 0; h < H; h++) {
    next[h] = h === 0 ? 0 : end[h - 1];
    if (next[h] < end[h]) nextPosition[h] = wanted[next[h]];
  }
  const seen = new Int32Array(H);
  const rows = new Int32Array(total);
  let found = 0;
  const { stratumOfRow, size } = units;
  for (let i = 0; i < size; i++) {
    const h = stratumOfRow[i];
    if (seen[h]++ === nextPosition[h]) {
      rows[found++] = i;
      const k = ++next[h];
      nextPosition[h] = k < end[h] ? wanted[k] : -1;
    }
  }
  if (found !== total) {
    const h = nextPosition.findIndex((p) => p !== -1);
    throw new RangeError(`position ${nextPosition[h]} is not in stratum '${units.strata[h]}' (N = ${seen[h]})`);
  }
  return rows;
}
