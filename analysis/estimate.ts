/**
 * Result records shared by the estimators, and the normal confidence interval R's `confint()` gives for
 * `svymean`/`svytotal`: estimate ± z_{1−α/2}·SE with z from the normal distribution (Lumley 2010, §2.3).
 */
import { normalQuantile } from './normalQuantile';

export interface SurveyEstimate {
  variable: string;
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  /** Unweighted number of units with a non-missing answer (in the domain). */
  n: number;
  /** Σ weights of those units. */
  sumWeights: number;
}

export interface DomainEstimate extends SurveyEstimate {
  /** The `by` variable, e.g. 'district'. */
  domainVariable: string;
  /** The domain's value, e.g. 'Gera-Ost'. */
  domain: string;
}

export function normalInterval(estimate: number, se: number, level: number): [number, number] {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must lie in (0, 1), got ${level}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  return [estimate - z * se, estimate + z * se];
}
