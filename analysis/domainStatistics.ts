/**
 * Weighted means or totals of one variable in D domains, with linearisation SEs, in one pass over the data.
 *
 *   mean:  ȳ_d = Σ_{i∈d} w_i y_i / Σ_{i∈d} w_i,   influence u_i = w_i (y_i − ȳ_d) / Σ_{i∈d} w_i
 *   total: Ŷ_d = Σ_{i∈d} w_i y_i,                 influence u_i = w_i y_i
 *
 * Missing answers drop out like R's `na.rm = TRUE` (u_i = 0, but the unit's stratum keeps all n_h units).
 * Source: Lumley (2010) §2.2–2.3 and R `svymean.survey.design2`, `svytotal.survey.design2`, `svyby`.
 * Cost: O(n + D·(p² + K + H)) — see linearisationVariance.
 * @throws AnalysisError for a missing or non-numeric variable, or a lonely stratum under rule 'fail'.
 * @example domainStatistics(design, 'api00', 'mean', null, 1) // overall mean
 */
import { linearisationVariance } from './linearisationVariance';
import { numericColumn } from './surveyData';
import type { SurveyDesign } from './svyDesign';

export interface DomainStatistics {
  estimate: Float64Array;
  variance: Float64Array;
  n: Float64Array;
  sumWeights: Float64Array;
}

export function domainStatistics(
  design: SurveyDesign,
  variable: string,
  statistic: 'mean' | 'total',
  domainOf: Int32Array | null,
  domainCount: number,
): DomainStatistics {
  const y = numericColumn(design.data, variable);
  const w = design.weights;
  const n = design.size;
  const D = domainCount;
  const sumW = new Float64Array(D);
  const sumWY = new Float64Array(D);
  const count = new Float64Array(D);
  const member = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = domainOf ? domainOf[i] : 0;
    const yi = y[i];
    if (d < 0 || yi !== yi) {
      member[i] = -1;
      continue;
    }
    member[i] = d;
    sumW[d] += w[i];
    sumWY[d] += w[i] * yi;
    count[d]++;
  }
  const estimate = new Float64Array(D);
  for (let d = 0; d < D; d++) estimate[d] = statistic === 'mean' ? (count[d] > 0 ? sumWY[d] / sumW[d] : NaN) : sumWY[d];
  const influence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = member[i];
    if (d < 0) continue;
    influence[i] = statistic === 'mean' ? (w[i] * (y[i] - estimate[d])) / sumW[d] : w[i] * y[i];
  }
  const variance = linearisationVariance(design, influence, member, D);
  for (let d = 0; d < D; d++) if (count[d] === 0 && statistic === 'mean') variance[d] = NaN;
  return { estimate, variance, n: count, sumWeights: sumW };
}
