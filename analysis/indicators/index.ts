// District needs indicators: declarative definitions and their evaluation on answer records.
export { INDICATORS, type IndicatorDefinition, type IndicatorTheme } from './definitions';
export { evaluateRule, ruleConditions, type AnswerCode, type AnswerCondition, type AnswerRecord, type Rule, type Truth } from './rules';
export { evaluateIndicator } from './evaluateIndicator';
export { ruleToR } from './ruleToR';
export { checkIndicatorDefinition, type CheckedDefinition, type IndicatorProblem, type IndicatorQuestion } from './checkIndicatorDefinition';
