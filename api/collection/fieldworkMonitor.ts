import type { PaperEntry, RosterEntry, SurveyResponse } from '../store/types';
import { formulaSafeCell } from '../security/csvCell';

export interface DistrictProgress {
  district: string;
  wave: number;
  invited: number;
  /** Entered the code online, or a paper form was keyed. */
  started: number;
  completedOnline: number;
  completedPaper: number;
  /** Online break-offs that reached at least half of the pages (AAPOR "partial"). */
  partial: number;
  rr1: number;
  rr2: number;
}

export interface DailyProgress {
  date: string;
  online: number;
  paper: number;
  cumulative: number;
}

/** Share of the questionnaire's pages a draft must have reached to count as a partial interview. */
export const PARTIAL_PAGE_SHARE = 0.5;

/**
 * Fieldwork figures per district and wave from the roster (contacted households) and the responses.
 *
 * AAPOR (2023), Standard Definitions, 10th ed., response rates with I complete, P partial,
 * R refusal, NC non-contact, O other, UH/UO unknown eligibility:
 *   RR1 = I / ((I + P) + (R + NC + O) + (UH + UO))
 *   RR2 = (I + P) / ((I + P) + (R + NC + O) + (UH + UO))
 * Assumptions for a postal invitation with online/paper answers: every contacted household is
 * eligible or of unknown eligibility (no screening, undeliverable letters are not yet recorded), a
 * silent household is UH, nobody is recorded as R/NC/O — so the denominator is the number of
 * contacted households. Complete = a submitted online response or a reconciled paper form that
 * counts; partial = an online draft that reached ≥ 50 % of the pages and was not submitted.
 * Open-link responses are outside the sample and ignored.
 * Cost: O(households + responses).
 * @example monitor(roster, responses, paper, 10).districts[0] // → { district: '01', invited: 75, rr1: 0.31, … }
 */
export function fieldworkMonitor(
  roster: readonly RosterEntry[],
  responses: readonly SurveyResponse[],
  paper: readonly PaperEntry[],
  pageCount: number,
): { districts: DistrictProgress[]; total: DistrictProgress; daily: DailyProgress[] } {
  const byHousehold = new Map<string, SurveyResponse[]>();
  for (const r of responses) {
    if (r.householdId === null) continue;
    byHousehold.set(r.householdId, [...(byHousehold.get(r.householdId) ?? []), r]);
  }
  const paperBy = new Map(paper.map((p) => [p.householdId, p]));
  const groups = new Map<string, DistrictProgress>();
  const empty = (district: string, wave: number): DistrictProgress => ({ district, wave, invited: 0, started: 0, completedOnline: 0, completedPaper: 0, partial: 0, rr1: 0, rr2: 0 });
  const total = empty('all', 0);
  const days = new Map<string, { online: number; paper: number }>();
  for (const unit of roster) {
    const key = `${unit.wave}|${unit.district}`;
    const g = groups.get(key) ?? empty(unit.district, unit.wave);
    groups.set(key, g);
    const own = byHousehold.get(unit.householdId) ?? [];
    const submitted = own.find((r) => r.status === 'submitted');
    const draft = own.find((r) => r.status === 'draft' && r.mode === 'online');
    for (const target of [g, total]) {
      target.invited += 1;
      if (own.length > 0 || paperBy.has(unit.householdId)) target.started += 1;
      if (submitted?.mode === 'paper') target.completedPaper += 1;
      else if (submitted) target.completedOnline += 1;
      else if (draft && draft.currentPage + 1 >= Math.ceil(pageCount * PARTIAL_PAGE_SHARE)) target.partial += 1;
    }
    if (submitted?.submittedAt) {
      const day = days.get(submitted.submittedAt.slice(0, 10)) ?? { online: 0, paper: 0 };
      if (submitted.mode === 'paper') day.paper += 1;
      else day.online += 1;
      days.set(submitted.submittedAt.slice(0, 10), day);
    }
  }
  const rates = (g: DistrictProgress) => {
    const complete = g.completedOnline + g.completedPaper;
    g.rr1 = g.invited === 0 ? 0 : complete / g.invited;
    g.rr2 = g.invited === 0 ? 0 : (complete + g.partial) / g.invited;
    return g;
  };
  let cumulative = 0;
  const daily = [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, d]) => ({ date, ...d, cumulative: (cumulative += d.online + d.paper) }));
  const districts = [...groups.values()].map(rates).sort((a, b) => a.wave - b.wave || (a.district < b.district ? -1 : a.district > b.district ? 1 : 0));
  return { districts, total: rates(total), daily };
}

/** Neutralises spreadsheet formulas (OWASP CSV injection): the shared rule of api/security/csvCell.ts. */
export const csvSafe = formulaSafeCell;
