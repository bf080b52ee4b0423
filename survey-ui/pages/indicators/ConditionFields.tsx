import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';
import { OPERATORS, type ConditionForm, type Operator } from './ruleForm';
import type { Problem, Question } from './types';

interface ConditionFieldsProps {
  /** Element id prefix, `rule-0`; also the `data-condition` the tests and styles use. */
  id: string;
  /** Position in the part, from 0. */
  index: number;
  condition: ConditionForm;
  /** The questions the condition can test; `question` is the one it tests, if the version has it. */
  questions: Question[];
  question: Question | undefined;
  /** The last check's problems with this condition. */
  problems: Problem[];
  onChange: (change: Partial<ConditionForm>) => void;
  onRemove: () => void;
}

/**
 * One condition of a rule or base: the planner picks the question, the comparison and the values (with
 * the question's codes or range as a hint), sees what the check found wrong with it, or removes it.
 */
export function ConditionFields({ id, index, condition: c, questions, question: q, problems: own, onChange, onRemove }: ConditionFieldsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const invalid = own.length > 0 ? true : undefined;
  const hint =
    q?.choices && q.choices.length > 0
      ? t('indicators.codes', { codes: q.choices.map((ch) => `${String(ch.value)} = ${ch.text[language]}`).join('; ') })
      : q?.inputType === 'number'
        ? t('indicators.range', { min: q.min ?? '…', max: q.max ?? '…' })
        : '';
  return (
    <fieldset className={own.length > 0 ? 'indicator-condition indicator-condition--invalid' : 'indicator-condition'} data-condition={id}>
      <legend>{t('indicators.condition', { n: index + 1 })}</legend>
      {own.length > 0 && (
        <ul className="field__error" id={`${id}-problems`}>
          {own.map((p) => (
            <li key={p.field}>{p.reason[language]}</li>
          ))}
        </ul>
      )}
      <div className="indicator-condition__fields">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('indicators.question')}</label>
          <select id={`${id}-q`} value={c.q} onChange={(e) => onChange({ q: e.target.value })} aria-invalid={invalid} aria-describedby={invalid ? `${id}-problems` : undefined}>
            {!q && <option value={c.q}>{c.q}</option>}
            {questions.map((question) => (
              <option key={question.name} value={question.name}>
                {question.name} – {question.title[language]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-op`}>{t('indicators.operator')}</label>
          <select id={`${id}-op`} value={c.op} onChange={(e) => onChange({ op: e.target.value as Operator })}>
            {OPERATORS.map((op) => (
              <option key={op} value={op}>
                {t(`indicators.op.${op}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-values`}>{t('indicators.values')}</label>
          <p className="field__hint" id={`${id}-values-hint`}>
            {t(c.op === 'in' ? 'indicators.valuesHintIn' : 'indicators.valuesHintOne')} {hint}
          </p>
          <input id={`${id}-values`} value={c.values} onChange={(e) => onChange({ values: e.target.value })} aria-describedby={`${id}-values-hint`} aria-invalid={invalid} />
        </div>
      </div>
      <button type="button" className="button button--secondary" onClick={onRemove}>
        {t('indicators.remove', { n: index + 1 })}
      </button>
    </fieldset>
  );
}
