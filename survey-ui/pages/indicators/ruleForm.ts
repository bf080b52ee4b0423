/**
 * The editor's form model of a rule: a list of conditions (question, operator, values) joined by
 * "all" (and) or "any" (or). Every shipped indicator is such a list; a rule nested deeper is shown
 * read-only (its JSON) and can only be replaced as a whole. No conditions = every household (`{ all: [] }`).
 */
export type Operator = 'eq' | 'in' | 'lt' | 'le' | 'gt' | 'ge';
export const OPERATORS: readonly Operator[] = ['in', 'eq', 'lt', 'le', 'gt', 'ge'];

export interface ConditionForm {
  q: string;
  op: Operator;
  /** Codes or a number as typed: "3, 4" for `in`, one value otherwise. */
  values: string;
}

export interface RuleForm {
  combine: 'all' | 'any';
  conditions: ConditionForm[];
}

type Code = number | string;
export type RuleJson = { q: string; eq?: Code; in?: Code[]; lt?: number; le?: number; gt?: number; ge?: number } | { all: RuleJson[] } | { any: RuleJson[] } | { not: RuleJson };

const isLeaf = (r: RuleJson): r is Extract<RuleJson, { q: string }> => 'q' in r;

/** A typed value: a number when it reads as one ("3" → 3), otherwise the trimmed text. */
function parseValue(text: string): Code {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

/** The conditions of one leaf, one per operator it uses (a leaf with two bounds gives two conditions). */
function leafConditions(leaf: Extract<RuleJson, { q: string }>): ConditionForm[] {
  const out: ConditionForm[] = [];
  if (leaf.in !== undefined) out.push({ q: leaf.q, op: 'in', values: leaf.in.join(', ') });
  if (leaf.eq !== undefined) out.push({ q: leaf.q, op: 'eq', values: String(leaf.eq) });
  for (const op of ['lt', 'le', 'gt', 'ge'] as const) if (leaf[op] !== undefined) out.push({ q: leaf.q, op, values: String(leaf[op]) });
  return out;
}

/** The form of a rule, or null when it nests deeper than a list of conditions. */
export function ruleToForm(rule: RuleJson): RuleForm | null {
  if (isLeaf(rule)) return { combine: 'all', conditions: leafConditions(rule) };
  if ('not' in rule) return null;
  const combine = 'all' in rule ? 'all' : 'any';
  const parts = 'all' in rule ? rule.all : rule.any;
  if (!parts.every(isLeaf)) return null;
  const conditions = parts.flatMap((p) => leafConditions(p as Extract<RuleJson, { q: string }>));
  // Under "any", a leaf with two operators would become two alternatives: not the same rule.
  if (combine === 'any' && conditions.length !== parts.length) return null;
  return { combine, conditions };
}

/** The rule of a form (values parsed: numbers where they read as numbers). */
export function formToRule(form: RuleForm): RuleJson {
  const leaves = form.conditions.map((c): RuleJson => {
    if (c.op === 'in') return { q: c.q, in: c.values.split(/[,;]/).filter((v) => v.trim() !== '').map(parseValue) };
    const value = parseValue(c.values);
    return c.op === 'eq' ? { q: c.q, eq: value } : ({ q: c.q, [c.op]: value } as RuleJson);
  });
  if (leaves.length === 1) return leaves[0]!;
  return form.combine === 'all' ? { all: leaves } : { any: leaves };
}

/**
 * Which part of the form a problem's field names: 'rule' or 'denominator', and the condition's index when
 * the path points into one (`rule.any[2].in[0]` → { part: 'rule', index: 2 }; `rule.eq` → index 0).
 */
export function problemTarget(field: string): { part: 'rule' | 'denominator' | null; index: number | null } {
  const m = /^(rule|denominator)(?:\.(?:all|any)\[(\d+)\])?(\.|$)/.exec(field);
  if (!m) return { part: null, index: null };
  const part = m[1] as 'rule' | 'denominator';
  if (m[2] !== undefined) return { part, index: Number(m[2]) };
  return { part, index: /^(rule|denominator)\.(q|eq|in|lt|le|gt|ge)/.test(field) ? 0 : null };
}
