/**
 * Proportion with a logit confidence interval — R `svyciprop(~y, design, method = "logit")`.
 *
 *   p̂ = weighted mean of the 0/1 variable,  SE(logit p̂) = SE(p̂) / (p̂(1 − p̂))  (delta method; R fits
 *   `svyglm(y ~ 1, family = quasibinomial)` whose sandwich SE is exactly this),
 *   CI = expit(logit p̂ ± t_{1−α/2, df} · SE(logit p̂)),  df = degf(design) = #units − #strata
 *   of the (domain) design, counting units with a missing answer as R does (Lumley 2010, §2.3.1; Korn & Graubard 1999).
 *
 * The interval stays inside [0, 1]; p̂ = 0 or 1 gives the degenerate interval [p̂, p̂].
 * Missing answers drop out (na.rm). Cost: O(n + p²).
 * @throws AnalysisError when the variable has values other than 0/1, a missing column, or a lonely stratum under 'fail'.
 * @example svyCiProp(design, 'sch_wide_yes') // → { estimate: 0.8278…, ciLow: 0.7640…, ciHigh: 0.8773…, df: 197, … }
 */
import { AnalysisError } from './analysisError';
import { domainIndex } from './domainIndex';
import { domainStatistics } from './domainStatistics';
import type { SurveyEstimate } from './estimate';
import { studentQuantile } from './studentQuantile';
import { numericColumn } from './surveyData';
import type { SurveyDesign } from './svyDesign';

export interface ProportionEstimate extends SurveyEstimate {
  /** Degrees of freedom of the t quantile. */
  df: number;
  /** SE on the logit scale. */
  seLogit: number;
}

export interface SvyCiPropOptions {
  level?: number;
  /** Restrict to one domain (subpopulation), as `svyciprop(~y, subset(design, by == value))`. */
  domain?: { by: string; value: string };
}

export function svyCiProp(design: SurveyDesign, variable: string, options: SvyCiPropOptions = {}): ProportionEstimate {
  const level = options.level ?? 0.95;
  const y = numericColumn(design.data, variable);
  for (let i = 0; i < y.length; i++) {
    if (y[i] === y[i] && y[i] !== 0 && y[i] !== 1) {
      throw new AnalysisError(`variable '${variable}' in data row ${i + 1} is ${y[i]}, a proportion needs 0/1 answers`);
    }
  }
  let domainOf: Int32Array | null = null;
  if (options.domain) {
    const index = domainIndex(design, options.domain.by);
    const target = index.labels.indexOf(options.domain.value);
    if (target < 0) throw new AnalysisError(`domain '${options.domain.by}' has no value '${options.domain.value}'`);
    domainOf = index.domainOf.map((d) => (d === target ? 0 : -1));
  }
  const s = domainStatistics(design, variable, 'mean', domainOf, 1);
  // degf(): units in the (domain) design with non-zero weight, minus the strata they fall in.
  const strataSeen = new Uint8Array(design.strata.length);
  let units = 0;
  for (let i = 0; i < design.size; i++) {
    if ((domainOf && domainOf[i] < 0) || design.weights[i] === 0) continue;
    units++;
    strataSeen[design.stratumOf[i]] = 1;
  }
  const df = units - strataSeen.reduce((a, b) => a + b, 0);
  const p = s.estimate[0];
  const se = Math.sqrt(s.variance[0]);
  const seLogit = se / (p * (1 - p));
  let ciLow = p;
  let ciHigh = p;
  if (p > 0 && p < 1) {
    if (df <= 0) {
      ciLow = NaN;
      ciHigh = NaN;
    } else {
      const t = studentQuantile(1 - (1 - level) / 2, df);
      const logit = Math.log(p / (1 - p));
      ciLow = 1 / (1 + Math.exp(-(logit - t * seLogit)));
      ciHigh = 1 / (1 + Math.exp(-(logit + t * seLogit)));
    }
  }
  return { variable, estimate: p, se, ciLow, ciHigh, n: s.n[0], sumWeights: s.sumWeights[0], df, seLogit };
}
