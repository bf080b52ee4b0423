import { useTranslation } from 'react-i18next';
import './trendTexts';
import type { Indicator } from './types';

/**
 * Below the indicator table: how the change since the previous wave is computed, and — when the questionnaire
 * changed between the waves in a question this indicator reads — the trend break with each changed question.
 * The table's "Trendbruch" marks link here (`#trend-break-note`).
 */
export function TrendBreakNote({ indicator, wave }: { indicator: Indicator; wave: number }) {
  const { t } = useTranslation();
  const change = [indicator.overall, ...indicator.districts].find((c) => c.change)?.change;
  if (!change) return null;
  const brk = indicator.trendBreak;
  return (
    <>
      <p>{t('analysis.trend.footnote')}</p>
      {brk && (
        <div id="trend-break-note" className="trend-break-note" tabIndex={-1}>
          <p>
            <strong>
              <span aria-hidden="true">⚠ </span>
              {t('analysis.trend.breakTitle')}
            </strong>
            {': '}
            {t('analysis.trend.breakText', { from: change.previousWave, to: wave, fromVersions: brk.fromVersions.join(', '), toVersions: brk.toVersions.join(', ') })}
          </p>
          <ul>
            {brk.questions.map((q) => (
              <li key={q.name}>
                <code>{q.name}</code>: {q.changes.join('; ')}
              </li>
            ))}
          </ul>
          <p>{t('analysis.trend.breakConsequence')}</p>
        </div>
      )}
    </>
  );
}
