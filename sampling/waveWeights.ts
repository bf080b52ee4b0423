/** Counts of one district (stratum) in a later panel wave k+1. */
export interface WaveStratumCounts {
  stratum: string;
  /** N_h: households of the district in the wave's frame. */
  N: number;
  /** N'_h: households of the wave's frame not drawn in any earlier wave (the refreshment's universe). */
  eligible: number;
  /** p_h: panel households re-invited, counted in their district of the wave's frame. */
  panel: number;
  /** m_h: refreshment households contacted (main sample plus released reserve). */
  refreshment: number;
  /** c_h: households contacted in the previous wave in this district (0 for a new district). */
  previousContacted: number;
  /** s_h: of those, households re-invited now (the panel stayers, counted by their previous district). */
  retained: number;
  /** w_{k,h}: the previous wave's design weight in this district; null when nobody was contacted there. */
  previousWeight: number | null;
}

/** Weights of one district in wave k+1: the two parts' own weights and the combined weight stored per household. */
export interface WaveStratumWeights {
  stratum: string;
  N: number;
  panel: number;
  refreshment: number;
  /** ρ_h = s_h / c_h; null when nobody was contacted in the previous wave. */
  retention: number | null;
  /** Panel part on its own: w_P = w_{k,h} / ρ_h; null without stayers. */
  panelWeight: number | null;
  /** Refreshment part on its own: w_R = 1/π_R = N'_h / m_h; null without refreshment. */
  refreshmentWeight: number | null;
  /** Share of the panel part, λ_h = p_h / (p_h + m_h); null when the district has nobody to contact. */
  lambda: number | null;
  /** Combined π_h = (p_h + m_h) / N_h; null when nobody is contacted. */
  inclusionProbability: number | null;
  /** Combined design weight w_h = N_h / (p_h + m_h), the same for stayers and refreshment; null when nobody is contacted. */
  designWeight: number | null;
}

const nonNegativeInteger = (value: number) => Number.isInteger(value) && value >= 0;

/**
 * Design weights of a panel wave k+1 that combines re-invited panel households with a refreshment
 * sample drawn among the households not drawn before.
 *
 * Each part on its own estimates a different population: the stayers, with the previous weight
 * divided by the observed retention, w_P = w_{k,h} / ρ_h with ρ_h = s_h / c_h (a weighting-class
 * attrition adjustment, Lynn 2009, Methodology of Longitudinal Surveys, ch. 15), represent the
 * households that were already there; the refreshment, with w_R = N'_h / m_h (SRSWOR among the
 * N'_h eligible households, Särndal et al. 1992 §3.3), represents the households never drawn,
 * newcomers included. Both overlap (a household never drawn can be reached by either part), so
 * their weights may not simply be pooled. Following the composite estimator of overlapping samples
 * (Hartley 1962, "Multiple frame surveys"; Lohr 2009, "Multiple-frame surveys", Handbook of
 * Statistics 29A), each part is first scaled to the wave's district total N_h (it then estimates
 * the whole district) and the two are mixed with λ_h = p_h / (p_h + m_h), the parts' share of the
 * sample:
 *   stayer:       λ_h · N_h / p_h       = N_h / (p_h + m_h)
 *   refreshment:  (1 − λ_h) · N_h / m_h = N_h / (p_h + m_h)
 * so every household contacted in the district carries w_h = N_h / (p_h + m_h), π_h = 1 / w_h.
 * Releasing r reserve households later gives N_h / (p_h + m_h + r) in the same way.
 * Limitation: households present since wave 1 had two chances to enter (panel or refreshment),
 * newcomers one; the combined weight ignores that difference, which the later nonresponse
 * adjustment and calibration to the wave's frame margins (Deville & Särndal 1992) must absorb
 * (Watson 2014, Survey Research Methods 8(3), compares weight-share alternatives that need the
 * wave-1 frame membership of every newcomer).
 * Cost: O(H).
 * @throws RangeError when a count is not a non-negative integer, p_h + m_h > N_h, m_h > N'_h,
 *   N'_h > N_h, s_h > c_h, or a previous weight is missing or below 1 where c_h > 0.
 * @example waveWeights([{ stratum: 'A', N: 1000, eligible: 900, panel: 40, refreshment: 60, previousContacted: 100, retained: 40, previousWeight: 10 }])[0]
 *   // → { retention: 0.4, panelWeight: 25, refreshmentWeight: 15, lambda: 0.4, designWeight: 10, inclusionProbability: 0.1, … }
 */
export function waveWeights(strata: readonly WaveStratumCounts[]): WaveStratumWeights[] {
  return strata.map((s) => {
    for (const key of ['N', 'eligible', 'panel', 'refreshment', 'previousContacted', 'retained'] as const) {
      if (!nonNegativeInteger(s[key])) throw new RangeError(`district '${s.stratum}': ${key} must be a non-negative integer, got ${s[key]}`);
    }
    const contacted = s.panel + s.refreshment;
    if (s.eligible > s.N) throw new RangeError(`district '${s.stratum}' has ${s.eligible} eligible households, more than its N = ${s.N}`);
    if (s.refreshment > s.eligible) throw new RangeError(`district '${s.stratum}' has a refreshment of ${s.refreshment}, more than its ${s.eligible} eligible households`);
    if (contacted > s.N) throw new RangeError(`district '${s.stratum}' contacts ${contacted} households (panel ${s.panel} + refreshment ${s.refreshment}), more than its N = ${s.N}`);
    if (s.retained > s.previousContacted) throw new RangeError(`district '${s.stratum}' retains ${s.retained} households of only ${s.previousContacted} contacted before`);
    if (s.previousContacted > 0 && (s.previousWeight === null || !(s.previousWeight >= 1))) {
      throw new RangeError(`district '${s.stratum}' had ${s.previousContacted} households contacted before but previous weight ${s.previousWeight}; a design weight is at least 1`);
    }
    const retention = s.previousContacted > 0 ? s.retained / s.previousContacted : null;
    return {
      stratum: s.stratum,
      N: s.N,
      panel: s.panel,
      refreshment: s.refreshment,
      retention,
      panelWeight: retention && s.previousWeight !== null ? s.previousWeight / retention : null,
      refreshmentWeight: s.refreshment > 0 ? s.eligible / s.refreshment : null,
      lambda: contacted > 0 ? s.panel / contacted : null,
      inclusionProbability: contacted > 0 ? contacted / s.N : null,
      designWeight: contacted > 0 ? s.N / contacted : null,
    };
  });
}
