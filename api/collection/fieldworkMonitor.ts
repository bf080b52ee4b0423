import type { HouseholdDisposition, PaperEntry, RosterEntry, SurveyResponse } from '../store/types';

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
  /** Recorded refusals without questionnaire (AAPOR R: eligible non-interview). */
  refused: number;
  /** Letters returned undeliverable (AAPOR UH: unknown whether an eligible household lives there). */
  unreachable: number;
  /** No longer eligible, e.g. no child under 18 any more (AAPOR NE: left out of the denominator). */
  notEligible: number;
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
 * Fieldwork figures per district and wave from the roster (contacted households), the responses and
 * the recorded dispositions (returns without questionnaire).
 *
 * AAPOR (2023), Standard Definitions, 10th ed., response rates with I complete, P partial,
 * R refusal and break-off, NC non-contact, O other, UH/UO unknown eligibility, NE not eligible:
 *   RR1 = I / ((I + P) + (R + NC + O) + (UH + UO))
 *   RR2 = (I + P) / ((I + P) + (R + NC + O) + (UH + UO))
 * NE cases are in neither rate. Mapping for a postal invitation with online/paper answers:
 *   I  = a submitted online response or a reconciled paper form that counts;
 *   P  = an online draft that reached ≥ 50 % of the pages and was not submitted;
 *   R  = recorded disposition 'refused' (the household said no by phone, letter or empty form);
 *   UH = recorded disposition 'unreachable' (letter returned undeliverable: in AAPOR's codes for mail
 *        surveys of specifically named persons "the mailing could not be delivered", 3.30, is
 *        unknown eligibility) and every silent household ("nothing ever returned", 3.19);
 *   NE = recorded disposition 'not_eligible' (no child under 18 any more; AAPOR 4.x, out of sample).
 * Nothing is recorded as NC or O. Hence, with n contacted and e_NE not eligible,
 *   RR1 = I / (n − e_NE),   RR2 = (I + P) / (n − e_NE).
 * Precedence: an interview outcome wins over a recorded disposition (I before P before the
 * disposition), so a household that refused on the phone and then answered counts as I, and the
 * disposition counts (refused / unreachable / notEligible) include only households without I or P.
 * Open-link responses are outside the sample and ignored. A district whose contacted households
 * are all not eligible has RR1 = RR2 = 0 (no denominator).
 * Cost: O(households + responses + dispositions).
 * @example fieldworkMonitor(roster, responses, paper, 10, dispositions).districts[0] // → { district: '01', invited: 75, refused: 3, rr1: 0.31, … }
 */
export function fieldworkMonitor(
  roster: readonly RosterEntry[],
  responses: readonly SurveyResponse[],
  paper: readonly PaperEntry[],
  pageCount: number,
  dispositions: readonly HouseholdDisposition[] = [],
): { districts: DistrictProgress[]; total: DistrictProgress; daily: DailyProgress[] } {
  const byHousehold = new Map<string, SurveyResponse[]>();
  for (const r of responses) {
    if (r.householdId === null) continue;
    byHousehold.set(r.householdId, [...(byHousehold.get(r.householdId) ?? []), r]);
  }
  const paperBy = new Map(paper.map((p) => [p.householdId, p]));
  // A disposition belongs to a sample unit: the same household id in another draw is another unit.
  const dispositionOf = new Map(dispositions.map((d) => [`${d.drawId}|${d.householdId}`, d.disposition]));
  const groups = new Map<string, DistrictProgress>();
  const empty = (district: string, wave: number): DistrictProgress => ({ district, wave, invited: 0, started: 0, completedOnline: 0, completedPaper: 0, partial: 0, refused: 0, unreachable: 0, notEligible: 0, rr1: 0, rr2: 0 });
  const total = empty('all', 0);
  const days = new Map<string, { online: number; paper: number }>();
  for (const unit of roster) {
    const key = `${unit.wave}|${unit.district}`;
    const g = groups.get(key) ?? empty(unit.district, unit.wave);
    groups.set(key, g);
    const own = byHousehold.get(unit.householdId) ?? [];
    const submitted = own.find((r) => r.status === 'submitted');
    const draft = own.find((r) => r.status === 'draft' && r.mode === 'online');
    const disposition = dispositionOf.get(`${unit.drawId}|${unit.householdId}`);
    for (const target of [g, total]) {
      target.invited += 1;
      if (own.length > 0 || paperBy.has(unit.householdId)) target.started += 1;
      if (submitted?.mode === 'paper' || submitted?.mode === 'paper-scan') target.completedPaper += 1;
      else if (submitted) target.completedOnline += 1;
      else if (draft && draft.currentPage + 1 >= Math.ceil(pageCount * PARTIAL_PAGE_SHARE)) target.partial += 1;
      else if (disposition === 'refused') target.refused += 1;
      else if (disposition === 'unreachable') target.unreachable += 1;
      else if (disposition === 'not_eligible') target.notEligible += 1;
    }
    if (submitted?.submittedAt) {
      const day = days.get(submitted.submittedAt.slice(0, 10)) ?? { online: 0, paper: 0 };
      if (submitted.mode === 'paper' || submitted.mode === 'paper-scan') day.paper += 1;
      else day.online += 1;
      days.set(submitted.submittedAt.slice(0, 10), day);
    }
  }
  const rates = (g: DistrictProgress) => {
    const complete = g.completedOnline + g.completedPaper;
    const eligibleOrUnknown = g.invited - g.notEligible;
    g.rr1 = eligibleOrUnknown === 0 ? 0 : complete / eligibleOrUnknown;
    g.rr2 = eligibleOrUnknown === 0 ? 0 : (complete + g.partial) / eligibleOrUnknown;
    return g;
  };
  let cumulative = 0;
  const daily = [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, d]) => ({ date, ...d, cumulative: (cumulative += d.online + d.paper) }));
  const districts = [...groups.values()].map(rates).sort((a, b) => a.wave - b.wave || (a.district < b.district ? -1 : a.district > b.district ? 1 : 0));
  return { districts, total: rates(total), daily };
}
