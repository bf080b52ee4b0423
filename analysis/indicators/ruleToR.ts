/**
 * Writes a rule as an R expression over the columns of the microdata export, so the exported R script
 * derives every indicator from the raw answers itself. R's `&`, `|` and `!` follow the same Kleene logic
 * with NA as evaluateRule; `%in%` is wrapped so a missing answer stays NA instead of FALSE.
 * Multiple-choice questions are exported as one 0/1 column per code (`name_code`); this writer refuses them.
 * Cost: O(size of the rule).
 * @throws Error for a condition on a multiple-choice question or a name that is not a syntactic R name.
 * @example ruleToR({ q: 'safety_night', in: [3, 4] }) // → 'in_codes(safety_night, c(3, 4))'
 */
import type { AnswerCode, Rule } from './rules';

const rName = /^[A-Za-z][A-Za-z0-9_]*$/;
const code = (c: AnswerCode) => (typeof c === 'number' ? String(c) : JSON.stringify(c));

export function ruleToR(rule: Rule, multiple: ReadonlySet<string> = new Set()): string {
  if ('all' in rule) return rule.all.length === 0 ? 'TRUE' : `(${rule.all.map((r) => ruleToR(r, multiple)).join(' & ')})`;
  if ('any' in rule) return rule.any.length === 0 ? 'FALSE' : `(${rule.any.map((r) => ruleToR(r, multiple)).join(' | ')})`;
  if ('not' in rule) return `(!${ruleToR(rule.not, multiple)})`;
  if (!rName.test(rule.q)) throw new Error(`question name '${rule.q}' is not a valid R column name`);
  if (multiple.has(rule.q)) throw new Error(`question '${rule.q}' is multiple choice; the R export has no single column for it`);
  const parts: string[] = [];
  if (rule.eq !== undefined) parts.push(`in_codes(${rule.q}, c(${code(rule.eq)}))`);
  if (rule.in !== undefined) parts.push(`in_codes(${rule.q}, c(${rule.in.map(code).join(', ')}))`);
  if (rule.lt !== undefined) parts.push(`(${rule.q} < ${rule.lt})`);
  if (rule.le !== undefined) parts.push(`(${rule.q} <= ${rule.le})`);
  if (rule.gt !== undefined) parts.push(`(${rule.q} > ${rule.gt})`);
  if (rule.ge !== undefined) parts.push(`(${rule.q} >= ${rule.ge})`);
  if (parts.length === 0) return `(!is.na(${rule.q}))`;
  return parts.length === 1 ? parts[0] : `(${parts.join(' & ')})`;
}
