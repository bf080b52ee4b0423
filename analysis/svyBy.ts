/**
 * Domain estimates: an estimator applied to each subpopulation defined by one variable — R
 * `svyby(~y, ~district, design, svymean, na.rm = TRUE)`. Domains are subpopulations, not strata: every stratum
 * keeps its n_h units in the variance, units outside the domain contribute zero (Lumley 2010, §2.4; Cochran 1977, §2.13).
 * The data are grouped once (domainIndex), and all domains are estimated in one pass per variable.
 * Cost: O(n + D·(p² + K + H)) per variable — not O(D·n).
 * @throws AnalysisError for a missing/non-numeric variable, a missing domain column, or a lonely stratum under rule 'fail'.
 * @example svyBy(design, 'api00', 'stype') // → [{ domain: 'E', estimate: 674.43, se: 12.38…, … }, { domain: 'H', … }, …]
 */
import { domainIndex, type DomainIndex } from './domainIndex';
import { domainStatistics } from './domainStatistics';
import { normalInterval, type DomainEstimate } from './estimate';
import type { SurveyDesign } from './svyDesign';

export interface SvyByOptions {
  statistic?: 'mean' | 'total';
  level?: number;
  /** A domain index built earlier with domainIndex(), to group only once for many variables. */
  domains?: DomainIndex;
}

export function svyBy(design: SurveyDesign, variable: string, by: string, options: SvyByOptions = {}): DomainEstimate[] {
  const domains = options.domains ?? domainIndex(design, by);
  const s = domainStatistics(design, variable, options.statistic ?? 'mean', domains.domainOf, domains.labels.length);
  return domains.labels.map((domain, d) => {
    const se = Math.sqrt(s.variance[d]);
    const [ciLow, ciHigh] = normalInterval(s.estimate[d], se, options.level ?? 0.95);
    return { domainVariable: by, domain, variable, estimate: s.estimate[d], se, ciLow, ciHigh, n: s.n[d], sumWeights: s.sumWeights[d] };
  });
}
