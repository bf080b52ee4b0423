/**
 * Weighted (Horvitz–Thompson / calibrated) total with Taylor-linearisation SE and a normal confidence interval —
 * R `svytotal(~y, design, na.rm = TRUE)` and `confint()` (Horvitz & Thompson 1952; Lumley 2010, §2.3).
 *
 *   Ŷ = Σ w_i y_i,  V̂(Ŷ) = Σ_h (1 − n_h/N_h) n_h/(n_h − 1) Σ_{i∈h} (w_i y_i − mean_h)²  (residualised after calibration).
 *
 * Missing answers count as not observed (they add nothing), as R does with `na.rm = TRUE`.
 * Cost: O(n + p²).
 * @throws AnalysisError for a missing/non-numeric variable or a lonely stratum under rule 'fail'.
 * @example svyTotal(design, 'enroll') // → { estimate: 3687177.53…, se: 114641.71…, … }
 */
import { domainStatistics } from './domainStatistics';
import { normalInterval, type SurveyEstimate } from './estimate';
import type { SurveyDesign } from './svyDesign';

export function svyTotal(design: SurveyDesign, variable: string, options: { level?: number } = {}): SurveyEstimate {
  const s = domainStatistics(design, variable, 'total', null, 1);
  const se = Math.sqrt(s.variance[0]);
  const [ciLow, ciHigh] = normalInterval(s.estimate[0], se, options.level ?? 0.95);
  return { variable, estimate: s.estimate[0], se, ciLow, ciHigh, n: s.n[0], sumWeights: s.sumWeights[0] };
}
