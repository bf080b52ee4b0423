import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { api } from '../../lib/api';
import { useDay } from './format';
import { ref, type Run, type VersionSummary } from './types';

interface VersionListProps {
  versions: VersionSummary[];
  busy: boolean;
  run: Run;
  /** Shows a version in the preview below. */
  onPreview: (target: string) => void;
  /** Says what was done, in the page's message line. */
  onDone: (text: string) => void;
  /** Fetches the versions and waves again after a change. */
  reload: () => Promise<unknown>;
}

/**
 * Gespeicherte Versionen: the planner sees every stored version with its state, number of questions and
 * dates, opens one in the preview, publishes a draft or retires a published version.
 */
export function VersionList({ versions, busy, run, onPreview, onDone, reload }: VersionListProps) {
  const { t } = useTranslation();
  const day = useDay();

  const move = (v: VersionSummary, action: 'publish' | 'retire') =>
    run(async () => {
      await api.post(`/api/questionnaires/${encodeURIComponent(v.questionnaireId)}/versions/${v.version}/${action}`);
      onDone(t(action === 'publish' ? 'questionnaires.publishedDone' : 'questionnaires.retiredDone', { id: v.questionnaireId, version: v.version }));
      await reload();
    });

  const columns = [
    t('questionnaires.id'),
    t('questionnaires.version'),
    t('questionnaires.status'),
    t('questionnaires.questions'),
    t('questionnaires.imported'),
    t('questionnaires.published'),
    t('questionnaires.actions'),
  ];
  return (
    <section className="card" aria-labelledby="versions-title">
      <h2 id="versions-title">{t('questionnaires.versionsTitle')}</h2>
      <DataTable captionId="versions-caption" caption={t('questionnaires.versionsCaption')} columns={columns}>
        {versions.map((v) => (
          <tr key={ref(v)}>
            <th scope="row">{v.questionnaireId}</th>
            <td>{v.version}</td>
            <td>{t(`questionnaires.state.${v.status}`)}</td>
            <td>{v.questions}</td>
            <td>{day(v.importedAt)}</td>
            <td>{day(v.publishedAt)}</td>
            <td>
              <div className="row-actions">
                <button type="button" className="button button--small button--quiet" disabled={busy} onClick={() => onPreview(ref(v))}>
                  {t('questionnaires.previewVersion', { version: v.version })}
                </button>
                {v.status === 'draft' && (
                  <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void move(v, 'publish')}>
                    {t('questionnaires.publish', { version: v.version })}
                  </button>
                )}
                {v.status === 'published' && (
                  <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void move(v, 'retire')}>
                    {t('questionnaires.retire', { version: v.version })}
                  </button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
