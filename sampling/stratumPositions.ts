import type { FrameUnits } from './groupFrameByStratum';
import type { StratumSize } from './checkAllocation';

/** A stratum of a frame in id order, by its code in FrameUnits.strata. */
export interface CodedStratumSize extends StratumSize {
  code: number;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
  return units.strata.map((stratum, code) => ({ stratum, code, size: sizes[code] })).sort((a, b) => byName(a.stratum, b.stratum));
}

/**
 * The frame rows at given positions (0-based, in id order) of each stratum, for a frame whose ids
 * ascend in row order: `positions[code]` lists positions in stratum `code` (distinct, any order) and
 * the result lists their rows in the same order. One pass over the rows with a counter per stratum.
 * Cost: O(N + m log m) for m positions in all.
 * @throws RangeError when the ids are not known to ascend, or a position is not in 0…N_h − 1.
 * @example rowsAtStratumPositions(units, [Int32Array.of(1, 0)]) // in a one-stratum frame → Int32Array [1, 0]
 */
export function rowsAtStratumPositions(units: FrameUnits, positions: readonly (Int32Array | undefined)[]): Int32Array[] {
  if (!units.idsAscending) throw new RangeError('rowsAtStratumPositions needs a frame whose ids ascend in row order');
  const H = units.strata.length;
  const result: Int32Array[] = [];
  // Per stratum: the wanted positions ascending, and for each the slot it came from.
  const wanted: Int32Array[] = [];
  const slots: Int32Array[] = [];
  for (let h = 0; h < H; h++) {
    const given = positions[h] ?? new Int32Array(0);
    const order = Int32Array.from(given.keys()).sort((a, b) => given[a] - given[b]);
    wanted.push(Int32Array.from(order, (k) => given[k]));
    slots.push(order);
    result.push(new Int32Array(given.length).fill(-1));
  }
  const seen = new Int32Array(H);
  const next = new Int32Array(H);
  const { stratumOfRow, size } = units;
  for (let i = 0; i < size; i++) {
    const h = stratumOfRow[i];
    const position = seen[h]++;
    const k = next[h];
    if (k < wanted[h].length && wanted[h][k] === position) {
      result[h][slots[h][k]] = i;
      next[h] = k + 1;
    }
  }
  for (let h = 0; h < H; h++) {
    if (next[h] !== wanted[h].length) {
      const bad = wanted[h][next[h]];
      throw new RangeError(`position ${bad} is not in stratum '${units.strata[h]}' (N = ${seen[h]}), or is given twice`);
    }
  }
  return result;
}
