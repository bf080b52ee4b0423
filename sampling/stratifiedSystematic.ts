import { checkAllocation, type AllocationInput } from './checkAllocation';
import { frameUnitsFromRecords, groupUnitsByStratum, sizesOf, type FrameRecord, type FrameUnits } from './groupFrameByStratum';
import type { DrawnUnit, SampledUnit } from './sampledUnit';
import type { SeededRng } from './seededRng';

export interface SystematicOptions {
  id: string;
  stratum: string;
  /** Column(s) defining the implicit stratification within each stratum, e.g. 'postcode' or ['postcode', 'street']. */
  sortKey: string | readonly string[];
  allocation: AllocationInput;
  rng: SeededRng;
}

/**
 * Stratified systematic sampling with a fractional interval (implicit stratification): within each
 * stratum the units are sorted by the sort key(s), then by id; with interval k = N_h / n_h and a random
 * start u uniform in [0, k), the units at positions ⌊u + j·k⌋, j = 0…n_h−1, are selected. Exactly n_h
 * units are drawn, spread evenly over the sort order (e.g. over postcodes and streets). Every unit has
 * π = n_h / N_h: position i is selected iff u + j·k ∈ [i, i + 1) for some j; since k ≥ 1 that set of
 * starts has length 1 inside [0, k), so P = 1/k.
 * Source: Cochran (1977), Sampling Techniques, ch. 8 (§8.1, §8.6 on implicit stratification);
 * Särndal, Swensson & Wretman (1992), §3.4 (fractional interval). Numbers compare numerically, other
 * values by UTF-16 code units (so '07545' < '07549'; house numbers as text sort '10' before '9').
 * Cost: O(N log N) for sorting, one random number per stratum (strata in name order).
 * @throws RangeError as stratifiedSrswor, plus a missing sort column.
 * @example stratifiedSystematic(rows, { id: 'household_id', stratum: 'district', sortKey: 'postcode', allocation: { Stadtmitte: 10 }, rng })
 */
export function stratifiedSystematic<T extends FrameRecord>(frame: readonly T[], options: SystematicOptions): SampledUnit<T>[] {
  const sortKeys = typeof options.sortKey === 'string' ? [options.sortKey] : [...options.sortKey];
  if (sortKeys.length === 0) throw new RangeError('systematic sampling needs at least one sort key');
  const units = frameUnitsFromRecords(frame, { id: options.id, stratum: options.stratum, sortKeys });
  return stratifiedSystematicOfUnits(units, options).map((u) => ({ row: frame[u.rowIndex], ...u }));
}

/**
 * Stratified systematic sampling with a fractional interval on FrameUnits (see stratifiedSystematic):
 * units sorted by units.compareSortKeys, then by id; start u uniform in [0, N_h/n_h); positions
 * ⌊u + j·N_h/n_h⌋. Source: Cochran (1977), ch. 8; Särndal, Swensson & Wretman (1992), §3.4.
 * Cost: O(N log N) for sorting, one random number per stratum (strata in name order).
 * @throws RangeError when the units have no sort-key comparator, or as stratifiedSrsworOfUnits.
 * @example stratifiedSystematicOfUnits(units, { allocation: { Stadtmitte: 10 }, rng: createRng(42) })
 */
export function stratifiedSystematicOfUnits(units: FrameUnits, options: Pick<SystematicOptions, 'allocation' | 'rng'>): DrawnUnit[] {
  if (!units.compareSortKeys) throw new RangeError('systematic sampling needs at least one sort key');
  const strata = groupUnitsByStratum(units, true);
  const allocation = checkAllocation(sizesOf(strata), options.allocation);
  const sample: DrawnUnit[] = [];
  for (const { stratum, rows } of strata) {
    const n = allocation.get(stratum) as number;
    if (n === 0) continue;
    const N = rows.length;
    const interval = N / n;
    const start = options.rng.uniform() * interval;
    for (let j = 0; j < n; j++) {
      // min() guards against u + j·k rounding up to N in floating point.
      const rowIndex = rows[Math.min(N - 1, Math.floor(start + j * interval))];
      sample.push({ rowIndex, stratum, inclusionProbability: n / N, designWeight: N / n });
    }
  }
  return sample.sort((a, b) => a.rowIndex - b.rowIndex);
}
