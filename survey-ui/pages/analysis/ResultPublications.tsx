import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { api, ApiError } from '../../lib/api';

interface Publication {
  id: string;
  wave: number;
  publishedAt: string;
  unpublishedAt: string | null;
}

const when = (iso: string) => new Intl.DateTimeFormat(currentLanguage() === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** Publish the shown wave's district results for the public page, withdraw a publication, see what was published when. */
export function ResultPublications({ wave }: { wave: number }) {
  const { t } = useTranslation();
  const [publications, setPublications] = useState<Publication[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setPublications((await api.get<{ publications: Publication[] }>('/api/geography/publications')).publications);
  }, []);
  useEffect(() => {
    load().catch(() => setPublications([]));
  }, [load]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      await load();
      setMessage({ kind: 'ok', text: done });
    } catch (err) {
      setMessage({ kind: 'error', text: t('analysis.publish.failed', { message: err instanceof ApiError ? err.message : String(err) }) });
    } finally {
      setBusy(false);
    }
  };
  const live = publications?.find((p) => p.wave === wave && p.unpublishedAt === null) ?? null;

  return (
    <section className="card" aria-labelledby="publish-title">
      <h2 id="publish-title">{t('analysis.publish.title')}</h2>
      <p>{t('analysis.publish.intro')}</p>
      <div className="analysis-publish-actions">
        <button type="button" className="button" disabled={busy} onClick={() => act(() => api.post('/api/geography/publications', { wave }), t('analysis.publish.done', { wave }))}>
          {t(live ? 'analysis.publish.republish' : 'analysis.publish.publish', { wave })}
        </button>
        {live && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => act(() => api.post(`/api/geography/publications/${encodeURIComponent(live.id)}/unpublish`), t('analysis.publish.undone', { wave }))}>
            {t('analysis.publish.unpublish', { wave })}
          </button>
        )}
        <a href="/ergebnisse">{t('analysis.publish.publicLink')}</a>
      </div>
      <div role="status" aria-live="polite">
        {message && <p className={message.kind === 'ok' ? 'message message--success' : 'message message--error'}>{message.text}</p>}
      </div>
      <h3>{t('analysis.publish.listTitle')}</h3>
      {publications && publications.length === 0 && <p>{t('analysis.publish.none')}</p>}
      {publications && publications.length > 0 && (
        <ul className="analysis-publications">
          {publications.map((p) => (
            <li key={p.id}>{p.unpublishedAt ? t('analysis.publish.withdrawn', { wave: p.wave, at: when(p.publishedAt), until: when(p.unpublishedAt) }) : t('analysis.publish.live', { wave: p.wave, at: when(p.publishedAt) })}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
