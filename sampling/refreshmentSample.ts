import type { AllocationInput } from './checkAllocation';
import { cell, type FrameRecord } from './groupFrameByStratum';
import type { SampledUnit } from './sampledUnit';
import type { SeededRng } from './seededRng';
import { stratifiedSrswor } from './stratifiedSrswor';

export interface RefreshmentOptions {
  id: string;
  stratum: string;
  /** Refreshment sample size per stratum (every stratum of the new frame needs one; 0 allowed). */
  allocation: AllocationInput;
  /** Ids of households drawn in any earlier wave (sample and reserve); they cannot be drawn again. */
  exclude: Iterable<string>;
  rng: SeededRng;
}

/**
 * Refreshment sample for a later panel wave: a stratified SRSWOR from the new frame among the
 * households not drawn before. With E_h excluded households in stratum h of the new frame and
 * N'_h = N_h − E_h eligible ones, π = m_h / N'_h and design weight N'_h / m_h: the refreshment
 * represents the not-previously-drawn part of the population (including newcomers), while panel
 * stayers keep their wave-1 weight (see reinvitePanel for the weighting of a wave).
 * Source: Lynn (2009), Methodology of Longitudinal Surveys, ch. 1 and 15; Särndal et al. (1992), §3.3.
 * Cost: O(N log N).
 * @throws RangeError as stratifiedSrswor; "more than its N" then refers to the eligible households.
 * @example refreshmentSample(newFrame, { id: 'household_id', stratum: 'district', allocation: { A: 20 }, exclude: wave1Ids, rng })
 */
export function refreshmentSample<T extends FrameRecord>(frame: readonly T[], options: RefreshmentOptions): SampledUnit<T>[] {
  const excluded = new Set(options.exclude);
  const eligibleIndex: number[] = [];
  frame.forEach((row, i) => {
    if (!excluded.has(String(cell(row, options.id)))) eligibleIndex.push(i);
  });
  const eligible = eligibleIndex.map((i) => frame[i]);
  const sample = stratifiedSrswor(eligible, { id: options.id, stratum: options.stratum, allocation: options.allocation, rng: options.rng });
  return sample.map((u) => ({ ...u, rowIndex: eligibleIndex[u.rowIndex] }));
}
