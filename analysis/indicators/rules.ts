/**
 * A small rule language for indicators over one questionnaire answer record, with three-valued logic
 * (true / false / NA) so that a skipped or unanswered question never silently counts as "no need".
 *
 *   leaf  { q: 'childcare_place_found', in: [2, 3] }   one answer compared with codes or bounds;
 *         operators: eq, in, lt, le, gt, ge (several in one leaf must all hold); a missing answer → NA;
 *         a multiple-choice answer (list of codes) satisfies `eq`/`in` when any chosen code matches.
 *   all   Kleene AND: false if any part is false, else NA if any part is NA, else true (`{ all: [] }` is true);
 *   any   Kleene OR:  true if any part is true, else NA if any part is NA, else false;
 *   not   NA stays NA.
 * This is R's `&`, `|`, `!` on logical vectors with NA, so the exported R script evaluates the same rules.
 */

export type AnswerCode = number | string;

export interface AnswerCondition {
  q: string;
  eq?: AnswerCode;
  in?: readonly AnswerCode[];
  lt?: number;
  le?: number;
  gt?: number;
  ge?: number;
}

export type Rule = AnswerCondition | { all: readonly Rule[] } | { any: readonly Rule[] } | { not: Rule };

/** Three-valued truth: null is NA (not known). */
export type Truth = boolean | null;

export type AnswerRecord = Readonly<Record<string, unknown>>;

const missing = (v: unknown) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v)) || (Array.isArray(v) && v.length === 0);

/** Codes compare by value, so a paper entry keyed as '3' matches the questionnaire code 3. */
const sameCode = (a: unknown, b: AnswerCode) => a === b || String(a) === String(b);

function numeric(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const x = Number(value.trim());
    return Number.isFinite(x) ? x : null;
  }
  return null;
}

function evaluateCondition(c: AnswerCondition, answers: AnswerRecord): Truth {
  const value = answers[c.q];
  if (missing(value)) return null;
  const codes = Array.isArray(value) ? value : [value];
  if (c.eq !== undefined && !codes.some((v) => sameCode(v, c.eq as AnswerCode))) return false;
  if (c.in !== undefined && !codes.some((v) => c.in!.some((code) => sameCode(v, code)))) return false;
  if (c.lt !== undefined || c.le !== undefined || c.gt !== undefined || c.ge !== undefined) {
    const x = Array.isArray(value) ? null : numeric(value);
    if (x === null) return null; // a bound on text cannot be decided
    if (c.lt !== undefined && !(x < c.lt)) return false;
    if (c.le !== undefined && !(x <= c.le)) return false;
    if (c.gt !== undefined && !(x > c.gt)) return false;
    if (c.ge !== undefined && !(x >= c.ge)) return false;
  }
  return true;
}

/**
 * Evaluates a rule on one answer record with Kleene logic (see the module comment).
 * Cost: O(size of the rule).
 * @example evaluateRule({ all: [{ q: 'youngest_child_age', lt: 6 }, { q: 'childcare_need', eq: 1 }] }, { youngest_child_age: 2, childcare_need: 1 }) // → true
 */
export function evaluateRule(rule: Rule, answers: AnswerRecord): Truth {
  if ('all' in rule) {
    let unknown = false;
    for (const part of rule.all) {
      const t = evaluateRule(part, answers);
      if (t === false) return false;
      if (t === null) unknown = true;
    }
    return unknown ? null : true;
  }
  if ('any' in rule) {
    let unknown = false;
    for (const part of rule.any) {
      const t = evaluateRule(part, answers);
      if (t === true) return true;
      if (t === null) unknown = true;
    }
    return unknown ? null : false;
  }
  if ('not' in rule) {
    const t = evaluateRule(rule.not, answers);
    return t === null ? null : !t;
  }
  return evaluateCondition(rule, answers);
}

/** Every answer condition of a rule, in order (for checks against the questionnaire and for the codebook). */
export function ruleConditions(rule: Rule): AnswerCondition[] {
  if ('all' in rule) return rule.all.flatMap(ruleConditions);
  if ('any' in rule) return rule.any.flatMap(ruleConditions);
  if ('not' in rule) return ruleConditions(rule.not);
  return [rule];
}
