import type { Comparison } from './conditionTerms';

/**
 * Whether an answer equals a stored value as SurveyJS compares them in conditions: `1` and `'1'` are
 * the same answer.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return String(a) === String(b);
}

/**
 * Whether a comparison holds for one answer (undefined = not answered). An unknown operator counts as
 * holding, so it never makes the form tell someone to skip a question they may have to answer.
 * Cost: O(values).
 * @example holds({ variable: 'kids', op: 'greaterorequal', values: [1] }, undefined) // → false
 */
export function holds(c: Comparison, answer: unknown): boolean {
  const empty = answer === undefined;
  switch (c.op) {
    case 'empty':
      return empty;
    case 'notempty':
      return !empty;
    case 'equal':
    case 'anyof':
      return !empty && c.values.some((v) => sameValue(v, answer));
    case 'notequal':
    case 'noneof':
      return empty || !c.values.some((v) => sameValue(v, answer));
    case 'less':
    case 'lessorequal':
    case 'greater':
    case 'greaterorequal': {
      if (empty) return false;
      const a = Number(answer);
      const b = Number(c.values[0]);
      if (c.op === 'less') return a < b;
      if (c.op === 'lessorequal') return a <= b;
      if (c.op === 'greater') return a > b;
      return a >= b;
    }
    default:
      return true; // unknown operator: never assume it hides anything
  }
}
