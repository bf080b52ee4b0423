import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { api } from '../../lib/api';
import { useLanguage } from '../../i18n';
import type { DiffRow, Run } from './types';

interface VersionDiffProps {
  /** Every stored version (`id@version`), to choose from. */
  refs: string[];
  from: string;
  to: string;
  onFromChange: (ref: string) => void;
  onToChange: (ref: string) => void;
  busy: boolean;
  run: Run;
}

/**
 * Unterschiede zwischen zwei Versionen: the planner picks two versions and reads what changed per question (added,
 * removed, changed, answer values changed) and which indicators get a trend break from it.
 */
export function VersionDiff({ refs, from, to, onFromChange, onToChange, busy, run }: VersionDiffProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [diff, setDiff] = useState<{ from: string; to: string; rows: DiffRow[] } | null>(null);

  const onCompare = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setDiff(await api.get<{ from: string; to: string; rows: DiffRow[] }>(`/api/questionnaires/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`));
    });
  };

  const options = refs.map((r) => (
    <option key={r} value={r}>
      {r}
    </option>
  ));
  return (
    <section className="card" aria-labelledby="diff-title">
      <h2 id="diff-title">{t('questionnaires.diffTitle')}</h2>
      <form className="diff-form" onSubmit={onCompare}>
        <div className="field">
          <label htmlFor="diff-from">{t('questionnaires.from')}</label>
          <select id="diff-from" value={from} onChange={(e) => onFromChange(e.target.value)}>
            {options}
          </select>
        </div>
        <div className="field">
          <label htmlFor="diff-to">{t('questionnaires.to')}</label>
          <select id="diff-to" value={to} onChange={(e) => onToChange(e.target.value)}>
            {options}
          </select>
        </div>
        <button type="submit" className="button button--secondary" disabled={busy || !from || !to}>
          {t('questionnaires.compare')}
        </button>
      </form>
      {diff && diff.rows.length === 0 && <p className="message message--empty">{t('questionnaires.noDifferences')}</p>}
      {diff && diff.rows.length > 0 && (
        <DataTable
          captionId="diff-caption"
          caption={t('questionnaires.diffCaption', { from: diff.from, to: diff.to })}
          columns={[t('questionnaires.question'), t('questionnaires.change'), t('questionnaires.detail'), t('questionnaires.trendBreak')]}
        >
          {diff.rows.map((row) => (
            <tr key={`${row.change}-${row.question}`}>
              <th scope="row">{row.question}</th>
              <td>{t(`questionnaires.changes.${row.change}`)}</td>
              <td>
                <ul className="change-list">
                  {row.details.map((d, i) => (
                    <li key={i}>{d[language]}</li>
                  ))}
                </ul>
              </td>
              <td>{row.trendBreaks.length > 0 ? <span className="trend-break">{t('questionnaires.trendBreakFor', { indicators: row.trendBreaks.join(', ') })}</span> : t('questionnaires.none')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
