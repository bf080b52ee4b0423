/**
 * Checks an indicator definition against one questionnaire version before it is saved, and lists every
 * problem with the field it is about and the reason in German and English (nothing is thrown):
 *  - labels: label and denominator label present in German and English;
 *  - direction `need` or `context`; id a syntactic name (it is a microdata column and an R name);
 *  - every condition of the rule and the denominator:
 *      the question exists in the version; it is not free text (nothing to count) and not multiple choice
 *      (the microdata export has no single column for it, so R could not reproduce the indicator);
 *      it has at least one operator; `eq`/`in` name codes the question has (choice and rating questions) or
 *      numbers inside its range (numeric questions), and `in` is not empty; `lt`/`le`/`gt`/`ge` are numbers
 *      and only on numeric questions or questions whose codes are all numbers (a rating, a coded scale).
 * Fields are paths into the definition, e.g. `rule.any[2].in` or `label.en`.
 * Cost: O(size of the rules · codes of a question).
 * @example checkIndicatorDefinition({ …, rule: { q: 'safety_night', in: [7] } }, questions)
 *   // → [{ field: 'rule.in', reason: { de: 'Code 7 gibt es bei Frage safety_night nicht …', en: 'question safety_night has no code 7 …' } }]
 */
import type { IndicatorDefinition } from './definitions';
import type { AnswerCondition, Rule } from './rules';

/** What the check needs to know of a question (a subset of the questionnaire catalogue's entry). */
export interface IndicatorQuestion {
  readonly name: string;
  /** SurveyJS type: radiogroup, dropdown, rating, boolean, text, comment, checkbox, tagbox … */
  readonly type: string;
  readonly choices?: readonly { readonly value: unknown }[];
  /** `number` for numeric text fields. */
  readonly inputType?: string;
  readonly min?: number;
  readonly max?: number;
  readonly multiple: boolean;
}

export interface IndicatorProblem {
  /** Path of the field in the definition, e.g. `rule.all[1].q`. */
  field: string;
  reason: { de: string; en: string };
}

/** The fields a planner edits; the id, theme and unit come with the indicator. */
export type CheckedDefinition = Pick<IndicatorDefinition, 'id' | 'label' | 'denominatorLabel' | 'direction' | 'rule' | 'denominator'>;

const ID = /^[a-z][a-z0-9_]*$/;
const OPERATORS = ['eq', 'in', 'lt', 'le', 'gt', 'ge'] as const;
const BOUNDS = ['lt', 'le', 'gt', 'ge'] as const;

export function checkIndicatorDefinition(definition: CheckedDefinition, questions: readonly IndicatorQuestion[], questionnaire = 'the questionnaire'): IndicatorProblem[] {
  const problems: IndicatorProblem[] = [];
  const add = (field: string, de: string, en: string) => problems.push({ field, reason: { de, en } });
  const byName = new Map(questions.map((q) => [q.name, q]));

  if (typeof definition.id !== 'string' || !ID.test(definition.id)) add('id', 'Die Kennung besteht aus Kleinbuchstaben, Ziffern und _ und beginnt mit einem Buchstaben.', 'The id consists of lower-case letters, digits and _ and starts with a letter.');
  for (const [field, text] of [['label', definition.label], ['denominatorLabel', definition.denominatorLabel]] as const) {
    for (const lang of ['de', 'en'] as const) {
      const value = text?.[lang];
      if (typeof value !== 'string' || value.trim() === '') {
        add(`${field}.${lang}`, `Die ${lang === 'de' ? 'deutsche' : 'englische'} Bezeichnung fehlt.`, `The ${lang === 'de' ? 'German' : 'English'} label is missing.`);
      }
    }
  }
  if (definition.direction !== 'need' && definition.direction !== 'context') add('direction', 'Richtung ist „Bedarf“ (need) oder „Kontext“ (context).', "Direction is 'need' or 'context'.");

  const checkCondition = (c: AnswerCondition, path: string) => {
    if (typeof c.q !== 'string' || c.q === '') return add(`${path}.q`, 'Keine Frage gewählt.', 'No question chosen.');
    const q = byName.get(c.q);
    if (!q) return add(`${path}.q`, `Frage ${c.q} gibt es in ${questionnaire} nicht.`, `Question ${c.q} does not exist in ${questionnaire}.`);
    const used = OPERATORS.filter((op) => c[op] !== undefined);
    if (used.length === 0) return add(path, `Für Frage ${c.q} ist kein Vergleich angegeben.`, `No comparison given for question ${c.q}.`);
    const numericField = q.type === 'text' && q.inputType === 'number';
    if ((q.type === 'text' && !numericField) || q.type === 'comment') {
      return add(`${path}.q`, `Frage ${c.q} ist Freitext; daraus lässt sich kein Anteil zählen.`, `Question ${c.q} is free text; no share can be counted from it.`);
    }
    if (q.multiple) {
      return add(`${path}.q`, `Frage ${c.q} erlaubt mehrere Antworten; der Mikrodaten-Export hat dafür keine einzelne Spalte (R könnte den Indikator nicht nachrechnen).`, `Question ${c.q} allows several answers; the microdata export has no single column for it (R could not reproduce the indicator).`);
    }
    const codes = (q.choices ?? []).map((choice) => choice.value);
    const codeText = codes.map((v) => String(v)).join(', ');
    const checkValue = (value: unknown, field: string) => {
      if (numericField) {
        if (typeof value !== 'number' || !Number.isFinite(value)) return add(field, `Frage ${c.q} ist eine Zahl; ${JSON.stringify(value)} ist keine.`, `Question ${c.q} is a number; ${JSON.stringify(value)} is not.`);
        if ((q.min !== undefined && value < q.min) || (q.max !== undefined && value > q.max)) {
          add(field, `${value} liegt außerhalb des Bereichs ${q.min ?? '−∞'}…${q.max ?? '∞'} von Frage ${c.q}.`, `${value} is outside the range ${q.min ?? '−∞'}…${q.max ?? '∞'} of question ${c.q}.`);
        }
        return;
      }
      if (!codes.some((code) => code === value || String(code) === String(value))) {
        add(field, `Code ${JSON.stringify(value)} gibt es bei Frage ${c.q} nicht (vorhanden: ${codeText}).`, `Question ${c.q} has no code ${JSON.stringify(value)} (it has: ${codeText}).`);
      }
    };
    if (c.eq !== undefined) checkValue(c.eq, `${path}.eq`);
    if (c.in !== undefined) {
      if (!Array.isArray(c.in) || c.in.length === 0) add(`${path}.in`, `Für Frage ${c.q} ist kein Wert gewählt.`, `No value chosen for question ${c.q}.`);
      else c.in.forEach((value, i) => checkValue(value, `${path}.in[${i}]`));
    }
    const ordered = numericField || (codes.length > 0 && codes.every((code) => typeof code === 'number'));
    for (const op of BOUNDS) {
      const bound = c[op];
      if (bound === undefined) continue;
      if (typeof bound !== 'number' || !Number.isFinite(bound)) add(`${path}.${op}`, `Die Grenze muss eine Zahl sein, nicht ${JSON.stringify(bound)}.`, `The bound must be a number, not ${JSON.stringify(bound)}.`);
      else if (!ordered) add(`${path}.${op}`, `Frage ${c.q} hat keine geordneten Zahlencodes; „kleiner/größer“ passt nicht (gleich oder einer von verwenden).`, `Question ${c.q} has no ordered numeric codes; less/greater does not fit (use equals or one of).`);
    }
  };

  const walk = (rule: Rule | undefined, path: string) => {
    if (rule === null || typeof rule !== 'object') return add(path, 'Regel fehlt.', 'The rule is missing.');
    if ('all' in rule) return Array.isArray(rule.all) ? rule.all.forEach((part, i) => walk(part, `${path}.all[${i}]`)) : add(path, '„all“ braucht eine Liste.', "'all' needs a list.");
    if ('any' in rule) {
      if (!Array.isArray(rule.any) || rule.any.length === 0) return add(path, '„any“ braucht mindestens eine Bedingung.', "'any' needs at least one condition.");
      return rule.any.forEach((part, i) => walk(part, `${path}.any[${i}]`));
    }
    if ('not' in rule) return walk(rule.not, `${path}.not`);
    return checkCondition(rule, path);
  };
  walk(definition.rule, 'rule');
  walk(definition.denominator, 'denominator');
  if (definition.rule && typeof definition.rule === 'object' && 'all' in definition.rule && definition.rule.all.length === 0) {
    add('rule', 'Die Regel braucht mindestens eine Bedingung (sonst ist der Anteil immer 100 %).', 'The rule needs at least one condition (otherwise the share is always 100 %).');
  }
  return problems;
}
