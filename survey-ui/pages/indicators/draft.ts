/** The definition as the editor holds it while it is changed, and the draft the API checks and stores. */
import { formToRule, ruleToForm, type RuleForm, type RuleJson } from './ruleForm';
import type { Definition, Text } from './types';

/** One part of the definition (rule or base) as the form edits it; null form = nested rule, shown as JSON. */
export interface PartState {
  form: RuleForm | null;
  raw: RuleJson;
}

export type Part = 'rule' | 'denominator';

export interface Draft {
  label: Text;
  denominatorLabel: Text;
  direction: 'need' | 'context';
  rule: PartState;
  denominator: PartState;
  /** The questionnaire version the definition is checked against. */
  version: number;
}

export const draftOf = (d: Definition): Draft => ({
  label: { ...d.label },
  denominatorLabel: { ...d.denominatorLabel },
  direction: d.direction,
  rule: { form: ruleToForm(d.rule), raw: d.rule },
  denominator: { form: ruleToForm(d.denominator), raw: d.denominator },
  version: d.questionnaire.version,
});

const ruleOf = (p: PartState): RuleJson => (p.form ? (p.form.conditions.length === 0 ? { all: [] } : formToRule(p.form)) : p.raw);

/** The definition a draft stands for, on the questionnaire `questionnaireId`. */
export const definitionOf = (draft: Draft, questionnaireId: string): Omit<Definition, 'id'> => ({
  label: draft.label,
  denominatorLabel: draft.denominatorLabel,
  direction: draft.direction,
  rule: ruleOf(draft.rule),
  denominator: ruleOf(draft.denominator),
  questionnaire: { id: questionnaireId, version: draft.version },
});
