import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';
import type { Stored } from './types';

interface IndicatorChoiceProps {
  indicators: Stored[];
  /** The indicator being edited (its newest version). */
  current: Stored;
  onSelect: (indicatorId: string) => void;
  /** The questionnaire version the draft is checked against, and the versions there are. */
  version: number;
  versions: number[];
  onVersionChange: (version: number) => void;
}

/**
 * The planner picks the indicator to edit and the questionnaire version its questions and codes are
 * checked against.
 */
export function IndicatorChoice({ indicators, current, onSelect, version, versions, onVersionChange }: IndicatorChoiceProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="indicator-editor__top">
      <div className="field">
        <label htmlFor="indicator-pick">{t('indicators.select')}</label>
        <select id="indicator-pick" value={current.indicatorId} onChange={(e) => onSelect(e.target.value)} aria-describedby="indicator-pick-hint">
          {indicators.map((i) => (
            <option key={i.indicatorId} value={i.indicatorId}>
              {i.definition.label[language]}
            </option>
          ))}
        </select>
        <p className="field__hint" id="indicator-pick-hint">
          <code>{current.indicatorId}</code> · {t('indicators.current', { version: current.version })}
        </p>
      </div>
      <div className="field">
        <label htmlFor="questionnaire-version">{t('indicators.questionnaire')}</label>
        <select id="questionnaire-version" value={version} onChange={(e) => onVersionChange(Number(e.target.value))} aria-describedby="questionnaire-version-hint">
          {versions.map((v) => (
            <option key={v} value={v}>
              {current.definition.questionnaire.id} v{v}
            </option>
          ))}
        </select>
        <p className="field__hint" id="questionnaire-version-hint">
          {t('indicators.questionnaireHint')}
        </p>
      </div>
    </div>
  );
}
