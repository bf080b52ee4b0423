/**
 * Nonresponse adjustment by weighting classes (Kalton & Flores-Cervantes 2003, §2; Särndal & Lundström 2005, §7):
 *
 *   factor_c = Σ_{i∈s_c} d_i / Σ_{i∈r_c} d_i      (design weights of all sampled units / of the respondents in cell c)
 *   adjusted weight of respondent i in cell c = d_i · factor_c
 *
 * Cells are the combinations of the cell variables (e.g. district × household type). A cell with fewer than
 * `minRespondents` respondents (default 20) or a factor above `maxFactor` (default 3) is collapsed by this
 * deterministic rule, repeated until no cell fails:
 *   1. among the failing cells that are not yet the whole group (the first cell variable, e.g. the district),
 *      take the one with the fewest respondents (ties: smallest label in code-point order);
 *   2. merge it with the cell of the same group whose weighted response rate Σ_r d / Σ_s d is closest to its own
 *      (ties within 1e-12: smallest label) — repeated merging ends, at worst, in the whole group.
 * A cell that is the whole group is kept even if it still fails (flagged `belowThreshold`), unless it has no respondent.
 * Labels are the member cells' keys (values joined by ' | ') sorted and joined by ' + '.
 * fixtures/r/analysis/reference.R implements the same rule in R.
 * Cost: O(n + M·C) for C initial cells and M merges.
 * @throws AnalysisError for non-positive design weights, a response flag other than 0/1, a missing cell value, or a
 *   group without any respondent.
 * @example
 * nonresponseAdjustment({ cells: [['Ost', 'couple'], …], designWeights: [12.5, …], responded: [1, 0, …] })
 * // → { factor: Float64Array [1.8, …], cells: [{ cell: 'Ost | couple', factor: 1.8, … }], merges: [] }
 */
import { AnalysisError } from './analysisError';

export interface NonresponseOptions {
  /** Per sampled unit, the values of the cell variables; the first one is the collapsing group. */
  cells: readonly (readonly (string | null | undefined)[])[];
  designWeights: ArrayLike<number>;
  /** 1/true = responded, 0/false = did not. */
  responded: ArrayLike<number | boolean>;
  minRespondents?: number;
  maxFactor?: number;
}

export interface NonresponseCell {
  /** Label of the final cell, e.g. 'Gera-Ost | other + Gera-Ost | single_parent'. */
  cell: string;
  group: string;
  members: string[];
  sampled: number;
  respondents: number;
  sumSampledWeights: number;
  sumRespondentWeights: number;
  factor: number;
  collapsed: boolean;
  /** Still below the respondent minimum or above the factor maximum, but already the whole group. */
  belowThreshold: boolean;
}

export interface NonresponseMerge {
  cell: string;
  into: string;
  respondents: number;
  factor: number;
}

export interface NonresponseResult {
  /** Factor of each sampled unit's final cell (respondents' weights are multiplied by it). */
  factor: Float64Array;
  cells: NonresponseCell[];
  merges: NonresponseMerge[];
}

const codePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function nonresponseAdjustment(options: NonresponseOptions): NonresponseResult {
  const minRespondents = options.minRespondents ?? 20;
  const maxFactor = options.maxFactor ?? 3;
  const n = options.cells.length;
  if (n === 0) throw new AnalysisError('the sample for the nonresponse adjustment is empty');
  if (options.designWeights.length !== n || options.responded.length !== n) {
    throw new AnalysisError(`nonresponse adjustment needs one weight and one response flag per sampled unit (${n} units)`);
  }
  const keyIndex = new Map<string, number>();
  const unitKey = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const values = options.cells[i];
    const missing = values.findIndex((v) => v === null || v === undefined || String(v).trim() === '');
    if (missing >= 0) throw new AnalysisError(`sampled unit ${i + 1} has no value for nonresponse cell variable ${missing + 1}`);
    const w = Number(options.designWeights[i]);
    if (!(w > 0)) throw new AnalysisError(`sampled unit ${i + 1} has a non-positive or missing design weight ${options.designWeights[i]}`);
    const r = options.responded[i];
    if (!(r === 0 || r === 1 || r === true || r === false)) {
      throw new AnalysisError(`sampled unit ${i + 1} has response flag '${String(r)}', expected 0 or 1`);
    }
    unitKey[i] = values.map((v) => String(v).trim()).join(' | ');
    if (!keyIndex.has(unitKey[i])) keyIndex.set(unitKey[i], 0);
  }
  const keys = [...keyIndex.keys()].sort(codePoint);
  keys.forEach((k, c) => keyIndex.set(k, c));
  const C = keys.length;
  const members = keys.map((k) => [k]);
  const group = new Array<string>(C);
  const S = new Float64Array(C);
  const R = new Float64Array(C);
  const sampled = new Float64Array(C);
  const resp = new Float64Array(C);
  const cellOfUnit = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = keyIndex.get(unitKey[i]) as number;
    cellOfUnit[i] = c;
    group[c] = String(options.cells[i][0]).trim();
    const w = Number(options.designWeights[i]);
    S[c] += w;
    sampled[c]++;
    if (options.responded[i] === 1 || options.responded[i] === true) {
      R[c] += w;
      resp[c]++;
    }
  }
  const active = new Uint8Array(C).fill(1);
  const label = keys.slice();
  const absorbedInto = Int32Array.from({ length: C }, (_, c) => c);
  const factorOf = (c: number) => (R[c] > 0 ? S[c] / R[c] : Infinity);
  const merges: NonresponseMerge[] = [];
  const fails = (c: number) => resp[c] < minRespondents || factorOf(c) > maxFactor * (1 + 1e-12);

  for (;;) {
    const groupSize = new Map<string, number>();
    for (let c = 0; c < C; c++) if (active[c]) groupSize.set(group[c], (groupSize.get(group[c]) ?? 0) + 1);
    let pick = -1;
    for (let c = 0; c < C; c++) {
      if (!active[c] || groupSize.get(group[c]) === 1 || !fails(c)) continue;
      if (pick < 0 || resp[c] < resp[pick] || (resp[c] === resp[pick] && codePoint(label[c], label[pick]) < 0)) pick = c;
    }
    if (pick < 0) break;
    const rate = R[pick] / S[pick];
    const candidates = [];
    for (let c = 0; c < C; c++) if (active[c] && c !== pick && group[c] === group[pick]) candidates.push(c);
    candidates.sort((a, b) => codePoint(label[a], label[b]));
    const distance = candidates.map((c) => Math.abs(R[c] / S[c] - rate));
    const best = Math.min(...distance);
    const partner = candidates[distance.findIndex((d) => d <= best + 1e-12)];
    merges.push({ cell: label[pick], into: label[partner], respondents: resp[pick], factor: factorOf(pick) });
    members[pick] = [...members[pick], ...members[partner]].sort(codePoint);
    label[pick] = members[pick].join(' + ');
    S[pick] += S[partner];
    R[pick] += R[partner];
    sampled[pick] += sampled[partner];
    resp[pick] += resp[partner];
    active[partner] = 0;
    absorbedInto[partner] = pick;
  }
  const finalCell = (c: number): number => {
    while (absorbedInto[c] !== c) c = absorbedInto[c];
    return c;
  };
  const cells: NonresponseCell[] = [];
  for (let c = 0; c < C; c++) {
    if (!active[c]) continue;
    if (resp[c] === 0) {
      throw new AnalysisError(`nonresponse cell '${label[c]}' (group '${group[c]}') has ${sampled[c]} sampled units but no respondent; its weight cannot be carried by anyone`);
    }
    cells.push({
      cell: label[c],
      group: group[c],
      members: members[c],
      sampled: sampled[c],
      respondents: resp[c],
      sumSampledWeights: S[c],
      sumRespondentWeights: R[c],
      factor: S[c] / R[c],
      collapsed: members[c].length > 1,
      belowThreshold: fails(c),
    });
  }
  cells.sort((a, b) => codePoint(a.cell, b.cell));
  const factor = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = finalCell(cellOfUnit[i]);
    factor[i] = S[c] / R[c];
  }
  return { factor, cells, merges };
}
