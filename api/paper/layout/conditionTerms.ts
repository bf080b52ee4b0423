import { ConditionsParser } from 'survey-core';

/**
 * A SurveyJS `visibleIf` condition read into the terms the printed form can put into words and derive
 * jumps from. survey-core's parser gives an operand tree; only the parts used here are typed.
 */

/** The parts of a survey-core operand node the printed form reads. */
export interface Operand {
  getType(): string;
  operatorName?: string;
  leftOperand?: Operand;
  rightOperand?: Operand;
  expression?: Operand;
  variable?: string;
  value?: unknown;
  values?: Operand[];
  toString(): string;
}

/** A comparison of one variable with constants: the only conditions jumps are derived from. */
export interface Comparison {
  readonly variable: string;
  /** survey-core's operator name: equal, anyof, notempty, greaterorequal, … */
  readonly op: string;
  readonly values: unknown[];
}

/**
 * The operand tree of a condition, or undefined when survey-core cannot parse it (the form then prints
 * no note for it rather than refusing the questionnaire).
 */
export function parseCondition(expression: string): Operand | undefined {
  try {
    return new ConditionsParser().parseExpression(expression) as unknown as Operand | undefined;
  } catch {
    return undefined;
  }
}

/**
 * The top-level `and` terms of a condition: each must hold, so each can be stated, compared and
 * deduplicated on its own. `or` terms stay whole.
 * @example conjuncts(parseCondition('{a} = 1 and ({b} = 2 or {c} = 3)')).map(String)
 * // → ['({a} == 1)', '(({b} == 2) or ({c} == 3))']
 */
export function conjuncts(op: Operand | undefined): Operand[] {
  if (op === undefined) return [];
  if (op.getType() === 'binary' && op.operatorName === 'and') return [...conjuncts(op.leftOperand), ...conjuncts(op.rightOperand)];
  return [op];
}

/** A constant's value; survey-core keeps quoted strings with their quotes. */
function constantOf(op: Operand): unknown {
  const value = op.value;
  if (typeof value === 'string' && /^'.*'$|^".*"$/.test(value)) return value.slice(1, -1);
  return value;
}

/**
 * The term as "variable op constants" (`{a} = 1`, `{a} anyof [1, 2]`, `{a} notempty`), or undefined
 * for anything else (functions, two variables, nested logic).
 * @example asComparison(parseCondition('{kids} >= 1')!) // → { variable: 'kids', op: 'greaterorequal', values: [1] }
 */
export function asComparison(op: Operand): Comparison | undefined {
  if (op.getType() === 'unary' && (op.operatorName === 'empty' || op.operatorName === 'notempty') && op.expression?.getType() === 'variable') {
    return { variable: op.expression.variable!, op: op.operatorName, values: [] };
  }
  if (op.getType() !== 'binary' || op.leftOperand?.getType() !== 'variable' || op.rightOperand === undefined) return undefined;
  const right = op.rightOperand;
  const values = right.getType() === 'array' ? (right.values ?? []).map(constantOf) : right.getType() === 'const' ? [constantOf(right)] : undefined;
  if (values === undefined) return undefined;
  return { variable: op.leftOperand.variable!, op: op.operatorName!, values };
}
