import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ConditionFields } from './ConditionFields';
import type { Part, PartState } from './draft';
import { problemTarget, type ConditionForm, type RuleForm } from './ruleForm';
import type { Problem, Question } from './types';

interface RuleEditorProps {
  /** The rule (who counts) or the base (who is counted at all). */
  part: Part;
  state: PartState;
  /** The questions of the chosen questionnaire version a condition can test. */
  questions: Question[];
  /** The last check's problems; each condition shows its own. */
  problems: Problem[];
  onChange: (form: RuleForm) => void;
}

/**
 * Regel or Basis: the planner edits the list of conditions (add, change, remove) and how they combine
 * (all or any). A rule nested deeper than one list is shown as JSON only.
 */
export function RuleEditor({ part, state, questions, problems, onChange }: RuleEditorProps) {
  const { t } = useTranslation();
  const byName = useMemo(() => new Map(questions.map((q) => [q.name, q])), [questions]);
  const legend = t(`indicators.${part}`);
  if (!state.form) {
    return (
      <fieldset className="indicator-part">
        <legend>{legend}</legend>
        <p>{t('indicators.nested', { json: JSON.stringify(state.raw) })}</p>
      </fieldset>
    );
  }
  const form = state.form;
  const update = (i: number, change: Partial<ConditionForm>) => onChange({ ...form, conditions: form.conditions.map((c, k) => (k === i ? { ...c, ...change } : c)) });
  const problemsOf = (index: number) =>
    problems.filter((p) => {
      const target = problemTarget(p.field);
      return target.part === part && target.index === index;
    });
  return (
    <fieldset className="indicator-part">
      <legend>{legend}</legend>
      {form.conditions.length === 0 && <p className="field__hint">{t('indicators.denominatorAll')}</p>}
      {form.conditions.length > 1 && (
        <div className="field">
          <label htmlFor={`${part}-combine`}>{t('indicators.combine')}</label>
          <select id={`${part}-combine`} value={form.combine} onChange={(e) => onChange({ ...form, combine: e.target.value as 'all' | 'any' })}>
            <option value="all">{t('indicators.combineAll')}</option>
            <option value="any">{t('indicators.combineAny')}</option>
          </select>
        </div>
      )}
      {form.conditions.map((c, i) => (
        <ConditionFields
          key={`${part}-${i}`}
          id={`${part}-${i}`}
          index={i}
          condition={c}
          questions={questions}
          question={byName.get(c.q)}
          problems={problemsOf(i)}
          onChange={(change) => update(i, change)}
          onRemove={() => onChange({ ...form, conditions: form.conditions.filter((_, k) => k !== i) })}
        />
      ))}
      <button type="button" className="button button--secondary" onClick={() => onChange({ ...form, conditions: [...form.conditions, { q: questions[0]?.name ?? '', op: 'in', values: '' }] })}>
        {t('indicators.add')}
      </button>
    </fieldset>
  );
}
