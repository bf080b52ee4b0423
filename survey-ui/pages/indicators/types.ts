/** Shapes of the /api/analysis/indicator-definitions answers as the indicator editor reads them. */
import type { RuleJson } from './ruleForm';

export type Lang = 'de' | 'en';
export type Text = Record<Lang, string>;

export interface Definition {
  id: string;
  label: Text;
  denominatorLabel: Text;
  direction: 'need' | 'context';
  rule: RuleJson;
  denominator: RuleJson;
  questionnaire: { id: string; version: number };
}
/** One stored version of an indicator's definition. */
export interface Stored {
  indicatorId: string;
  version: number;
  definition: Definition;
  createdAt: string;
  createdBy: string | null;
  note: string | null;
}
/** A question of a questionnaire version that a condition can test. */
export interface Question {
  name: string;
  type: string;
  title: Text;
  choices?: { value: number | string; text: Text }[];
  inputType?: string;
  min?: number;
  max?: number;
  multiple: boolean;
}
/** What the server's check finds: the field (`rule.in[2]`, `label.en`) and why, in both languages. */
export interface Problem {
  field: string;
  reason: Text;
}
