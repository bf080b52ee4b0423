import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';
import type { Lang, Problem, Text } from './types';

type LabelField = 'label' | 'denominatorLabel';

interface LabelFieldsProps {
  label: Text;
  denominatorLabel: Text;
  /** The last check's problems; those of a label are shown at its field. */
  problems: Problem[];
  onChange: (field: LabelField, lang: Lang, text: string) => void;
}

/** The planner words the indicator and its base, in German and English. */
export function LabelFields({ label, denominatorLabel, problems, onChange }: LabelFieldsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const values = { label, denominatorLabel };

  const field = (name: LabelField, lang: Lang) => {
    const id = `${name}-${lang}`;
    const own = problems.filter((p) => p.field === `${name}.${lang}`);
    return (
      <div className={own.length > 0 ? 'field field--invalid' : 'field'}>
        <label htmlFor={id}>
          {t(`indicators.${name}`)} ({t(lang === 'de' ? 'indicators.german' : 'indicators.english')})
        </label>
        {own.length > 0 && (
          <p className="field__error" id={`${id}-error`}>
            {own[0]!.reason[language]}
          </p>
        )}
        <input
          id={id}
          lang={lang}
          value={values[name][lang]}
          onChange={(e) => onChange(name, lang, e.target.value)}
          aria-invalid={own.length > 0 ? true : undefined}
          aria-describedby={own.length > 0 ? `${id}-error` : undefined}
        />
      </div>
    );
  };

  return (
    <div className="indicator-editor__labels">
      {field('label', 'de')}
      {field('label', 'en')}
      {field('denominatorLabel', 'de')}
      {field('denominatorLabel', 'en')}
    </div>
  );
}
