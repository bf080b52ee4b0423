import { checkAllocation, type AllocationInput } from './checkAllocation';
import { groupFrameByStratum, sizesOf, type FrameRecord } from './groupFrameByStratum';
import type { SeededRng } from './seededRng';
import { partialShuffle } from './stratifiedSrswor';

/** A reserve unit, released in `rank` order within its stratum. */
export interface ReserveUnit<T> {
  row: T;
  rowIndex: number;
  stratum: string;
  /** 1 = released first; the ranks are a random order. */
  rank: number;
}

/** Sizes of one stratum in a reserve draw. */
export interface ReserveStratum {
  stratum: string;
  N: number;
  /** Main sample size n_h. */
  n: number;
  /** Reserve size r_h drawn. */
  reserve: number;
  /** Reserve units released so far. */
  released: number;
}

/** A stratified SRSWOR with a reserve: main units, ranked reserve units and per-stratum counts. */
export interface ReserveDraw<T> {
  strata: ReserveStratum[];
  main: { row: T; rowIndex: number; stratum: string }[];
  reserve: ReserveUnit<T>[];
}

export interface ReserveOptions {
  id: string;
  stratum: string;
  /** Main sample size per stratum. */
  allocation: AllocationInput;
  /** Reserve size per stratum (strata not listed get 0). */
  reserve: AllocationInput;
  rng: SeededRng;
}

/**
 * Stratified SRSWOR of n_h + r_h units per stratum, of which the first n_h are the main sample and the
 * remaining r_h a reserve in random order (ranks 1…r_h). Both come from one partial Fisher–Yates
 * shuffle, so main + the first k released reserve units are a simple random sample of size n_h + k:
 * after releasing k units the inclusion probability is π = (n_h + k) / N_h for all of them
 * (Särndal, Swensson & Wretman 1992, §3.3; Lohr 2022, Sampling: Design and Analysis, §8.5 on
 * replacement samples). Determinism as stratifiedSrswor (id order within strata, strata by name).
 * Cost: O(N log N).
 * @throws RangeError as stratifiedSrswor, or when n_h + r_h > N_h (naming the stratum).
 * @example drawWithReserve(frame, { id: 'household_id', stratum: 'district', allocation: { A: 10 }, reserve: { A: 5 }, rng })
 */
export function drawWithReserve<T extends FrameRecord>(frame: readonly T[], options: ReserveOptions): ReserveDraw<T> {
  const grouped = groupFrameByStratum(frame, { id: options.id, stratum: options.stratum });
  const allocation = checkAllocation(sizesOf(grouped), options.allocation);
  const reserveGiven = options.reserve instanceof Map ? options.reserve : new Map(Object.entries(options.reserve as Record<string, number>));
  const complete = new Map(grouped.map((s) => [s.stratum, reserveGiven.get(s.stratum) ?? 0]));
  for (const stratum of reserveGiven.keys()) if (!complete.has(stratum)) complete.set(stratum, reserveGiven.get(stratum) as number);
  const reserveSizes = checkAllocation(sizesOf(grouped), complete, 'reserve');
  const result: ReserveDraw<T> = { strata: [], main: [], reserve: [] };
  for (const { stratum, rows } of grouped) {
    const n = allocation.get(stratum) as number;
    const r = reserveSizes.get(stratum) as number;
    const N = rows.length;
    if (n + r > N) throw new RangeError(`stratum '${stratum}' has N = ${N} units, fewer than its sample ${n} plus reserve ${r}`);
    const positions = partialShuffle(N, n + r, options.rng);
    positions.forEach((position, k) => {
      const rowIndex = rows[position];
      if (k < n) result.main.push({ row: frame[rowIndex], rowIndex, stratum });
      else result.reserve.push({ row: frame[rowIndex], rowIndex, stratum, rank: k - n + 1 });
    });
    result.strata.push({ stratum, N, n, reserve: r, released: 0 });
  }
  result.main.sort((a, b) => a.rowIndex - b.rowIndex);
  return result;
}
