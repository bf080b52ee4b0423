import { useTranslation } from 'react-i18next';
import { Link } from '../../lib/router';
import { useLanguage } from '../../i18n';
import { problemTarget } from './ruleForm';
import type { Problem } from './types';

export interface Outcome {
  kind: 'success' | 'error';
  text: string;
  /** A new version was stored: offer the way to the analysis that now uses it. */
  saved?: boolean;
}

interface CheckResultProps {
  /** The last check's problems; null before the first check. */
  problems: Problem[] | null;
  /** The questionnaire version checked against. */
  version: number;
  outcome: Outcome | null;
}

/**
 * What "Prüfen" and "Speichern" answered, read out as it arrives: the planner reads every problem with
 * the field it concerns and why, or that there is none, and whether the new version was saved.
 */
export function CheckResult({ problems, version, outcome }: CheckResultProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const fieldLabel = (field: string) => {
    const target = problemTarget(field);
    if (target.part && target.index !== null) return t('indicators.inCondition', { part: t(`indicators.field.${target.part}`), n: target.index + 1 });
    const head = field.split(/[.[]/)[0] ?? field;
    const lang = /\.(de|en)$/.exec(field)?.[1];
    const name = t(`indicators.field.${head}`, { defaultValue: head });
    return lang ? `${name} (${t(lang === 'de' ? 'indicators.german' : 'indicators.english')})` : name;
  };
  return (
    <div role="status" aria-live="polite" className="indicator-problems">
      {problems && problems.length === 0 && <p className="message message--success">{t('indicators.noProblems', { version })}</p>}
      {problems && problems.length > 0 && (
        <div className="message message--error">
          <p>{t('indicators.problemsTitle', { count: problems.length, version })}</p>
          <ul>
            {problems.map((p) => (
              <li key={p.field}>
                <strong>{fieldLabel(p.field)}</strong> (<code>{p.field}</code>): {p.reason[language]}
              </li>
            ))}
          </ul>
        </div>
      )}
      {outcome && (
        <div className={outcome.kind === 'success' ? 'message message--success' : 'message message--error'}>
          <p>{outcome.text}</p>
          {outcome.saved && (
            <p>
              <Link to="/auswertung">{t('indicators.toAnalysis')}</Link>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
