import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { request } from '../../lib/api';
import { useDay } from './format';
import { ref, type Run, type VersionSummary, type WaveRow } from './types';

interface WaveBindingsProps {
  waves: WaveRow[];
  /** The published versions: a wave can be tied to one of these. */
  published: VersionSummary[];
  busy: boolean;
  run: Run;
  /** Says what was done, in the page's message line. */
  onDone: (text: string) => void;
  /** Fetches the versions and waves again after a change. */
  reload: () => Promise<unknown>;
}

/**
 * Wellen und ihr Fragebogen: the planner sees which questionnaire version each wave (draw) is asked with — the standard one
 * unless tied — and ties a wave to a published version.
 */
export function WaveBindings({ waves, published, busy, run, onDone, reload }: WaveBindingsProps) {
  const { t } = useTranslation();
  const day = useDay();
  // The version chosen per draw, until it is tied.
  const [assign, setAssign] = useState<Record<string, string>>({});

  const bind = (w: WaveRow) =>
    run(async () => {
      const target = assign[w.drawId] ?? ref(w);
      const [id, version] = target.split('@');
      await request('PUT', `/api/questionnaires/waves/${encodeURIComponent(w.drawId)}`, { questionnaireId: id, version: Number(version) });
      onDone(t('questionnaires.bound', { wave: w.wave, id, version }));
      await reload();
    });

  return (
    <section className="card" aria-labelledby="waves-title">
      <h2 id="waves-title">{t('questionnaires.wavesTitle')}</h2>
      <p>{t('questionnaires.wavesHint')}</p>
      {waves.length === 0 ? (
        <p className="message message--empty">{t('questionnaires.noWaves')}</p>
      ) : (
        <DataTable
          captionId="waves-caption"
          caption={t('questionnaires.wavesCaption')}
          columns={[t('questionnaires.wave'), t('questionnaires.draw'), t('questionnaires.drawnAt'), t('questionnaires.uses'), t('questionnaires.actions')]}
        >
          {waves.map((w) => (
            <tr key={w.drawId}>
              <th scope="row">{w.wave}</th>
              <td className="questionnaire-path">{w.drawId}</td>
              <td>{day(w.createdAt)}</td>
              <td>
                {ref(w)} {w.bound ? '' : t('questionnaires.standard')}
              </td>
              <td>
                <div className="row-actions">
                  <label className="visually-hidden" htmlFor={`assign-${w.drawId}`}>
                    {t('questionnaires.assign', { wave: w.wave, draw: w.drawId })}
                  </label>
                  <select id={`assign-${w.drawId}`} value={assign[w.drawId] ?? ref(w)} onChange={(e) => setAssign((a) => ({ ...a, [w.drawId]: e.target.value }))}>
                    {[...new Set([ref(w), ...published.map(ref)])].map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="button button--small button--secondary" disabled={busy || (assign[w.drawId] ?? ref(w)) === ref(w)} onClick={() => void bind(w)}>
                    {t('questionnaires.bind')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
