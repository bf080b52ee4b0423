/**
 * Weighted mean (Hájek estimator) with Taylor-linearisation SE and a normal confidence interval —
 * R `svymean(~y, design, na.rm = TRUE)` and `confint()` (Lumley 2010, §2.3; Särndal et al. 1992, §5.7).
 *
 *   ȳ = Σ w_i y_i / Σ w_i,  V̂(ȳ) from the influence values w_i (y_i − ȳ)/Σ w_i; calibration-aware after calibrate().
 *
 * Cost: O(n + p²).
 * @throws AnalysisError for a missing/non-numeric variable or a lonely stratum under rule 'fail'.
 * @example svyMean(design, 'api00') // → { estimate: 662.287…, se: 9.4089…, ciLow: 643.84…, ciHigh: 680.72…, n: 200, … }
 */
import { domainStatistics } from './domainStatistics';
import { normalInterval, type SurveyEstimate } from './estimate';
import type { SurveyDesign } from './svyDesign';

export function svyMean(design: SurveyDesign, variable: string, options: { level?: number } = {}): SurveyEstimate {
  const s = domainStatistics(design, variable, 'mean', null, 1);
  const se = Math.sqrt(s.variance[0]);
  const [ciLow, ciHigh] = normalInterval(s.estimate[0], se, options.level ?? 0.95);
  return { variable, estimate: s.estimate[0], se, ciLow, ciHigh, n: s.n[0], sumWeights: s.sumWeights[0] };
}
