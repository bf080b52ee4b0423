/**
 * Statistical disclosure control and precision flags for published cells:
 *   n < minN (default 10)                   → value suppressed (estimate, SE, CI set to null), flag 'suppressed';
 *   n < cautionN (30) or CV > maxCv (30 %)  → flag 'caution' ("interpret with caution");
 *   otherwise                                → flag 'ok'.
 * CV = SE / |estimate| (0 when both are 0). Thresholds follow common official-statistics practice
 * (e.g. Eurostat/Destatis publication rules; Hundepool et al. 2012, Statistical Disclosure Control, §4).
 * Cost: O(cells).
 * @throws AnalysisError when the thresholds are not ordered (minN ≤ cautionN) or not positive.
 * @example disclosureControl([{ n: 8, estimate: 0.4, se: 0.1 }])[0] // → { n: 8, estimate: null, se: null, flag: 'suppressed', … }
 */
import { AnalysisError } from './analysisError';

export type DisclosureFlag = 'ok' | 'caution' | 'suppressed';

export interface DisclosureInput {
  n: number;
  estimate: number | null;
  se: number | null;
  ciLow?: number | null;
  ciHigh?: number | null;
}

export interface DisclosureOptions {
  minN?: number;
  cautionN?: number;
  maxCv?: number;
}

export type Disclosed<T> = Omit<T, 'estimate' | 'se' | 'ciLow' | 'ciHigh'> & {
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  cv: number | null;
  flag: DisclosureFlag;
  reason: string;
};

export function disclosureControl<T extends DisclosureInput>(cells: readonly T[], options: DisclosureOptions = {}): Disclosed<T>[] {
  const minN = options.minN ?? 10;
  const cautionN = options.cautionN ?? 30;
  const maxCv = options.maxCv ?? 0.3;
  if (!(minN > 0 && cautionN >= minN && maxCv > 0)) {
    throw new AnalysisError(`disclosure thresholds must satisfy 0 < minN ≤ cautionN and maxCv > 0, got minN ${minN}, cautionN ${cautionN}, maxCv ${maxCv}`);
  }
  return cells.map((cell) => {
    const estimate = cell.estimate;
    const se = cell.se;
    const cv = estimate === null || se === null ? null : se === 0 ? 0 : estimate === 0 ? Infinity : se / Math.abs(estimate);
    if (cell.n < minN) {
      return { ...cell, estimate: null, se: null, ciLow: null, ciHigh: null, cv: null, flag: 'suppressed', reason: `fewer than ${minN} answers (n = ${cell.n})` };
    }
    const reasons: string[] = [];
    if (cell.n < cautionN) reasons.push(`fewer than ${cautionN} answers (n = ${cell.n})`);
    if (cv !== null && cv > maxCv) reasons.push(`coefficient of variation ${(cv * 100).toFixed(1)} % above ${maxCv * 100} %`);
    return {
      ...cell,
      estimate,
      se,
      ciLow: cell.ciLow ?? null,
      ciHigh: cell.ciHigh ?? null,
      cv,
      flag: reasons.length > 0 ? 'caution' : 'ok',
      reason: reasons.join('; '),
    };
  });
}
