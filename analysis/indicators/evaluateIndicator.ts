/**
 * Value of one indicator for one household:
 *   1  the denominator holds and the rule holds;
 *   0  the denominator holds and the rule does not;
 *   NA the denominator does not hold or is unknown, or an answer the rule needs is missing.
 * The weighted mean of these values over the households with a value is the indicator share (Hájek estimator).
 * Cost: O(size of the rules).
 * @example evaluateIndicator(INDICATORS[0], { youngest_child_age: 2, childcare_need: 1, childcare_place_found: 3 }) // → 1
 */
import type { IndicatorDefinition } from './definitions';
import { evaluateRule, type AnswerRecord } from './rules';

export function evaluateIndicator(indicator: Pick<IndicatorDefinition, 'rule' | 'denominator'>, answers: AnswerRecord): 0 | 1 | null {
  if (evaluateRule(indicator.denominator, answers) !== true) return null;
  const holds = evaluateRule(indicator.rule, answers);
  return holds === null ? null : holds ? 1 : 0;
}
