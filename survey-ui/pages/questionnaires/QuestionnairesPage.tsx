import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { api, ApiError } from '../../lib/api';
import { ImportVersion } from './ImportVersion';
import { ref, type Run, type VersionSummary, type WaveRow } from './types';
import { VersionDiff } from './VersionDiff';
import { VersionList } from './VersionList';
import { VersionPreview } from './VersionPreview';
import { WaveBindings } from './WaveBindings';
import './texts';
import './questionnaires.css';

/** What a failed request shows: the API's message, else the fallback. */
const failureText = (caught: unknown, fallback: string): string => (caught instanceof ApiError && caught.message ? caught.message : fallback);

/**
 * Fragebogen: the stored questionnaire versions (publish, retire), upload and check of a new version
 * (every problem with question and JSON path), the diff of two versions with trend breaks of the
 * indicators, a preview at phone size in German or English, and which version each wave (draw) uses.
 * Planner and admin; everything goes through /api/questionnaires. The page holds what its parts share:
 * the list of versions and waves, the one request running at a time, the message line, and the versions
 * chosen for diff and preview (a saved version is selected in both).
 */
export default function QuestionnairesPage() {
  const { t } = useTranslation();
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [waves, setWaves] = useState<WaveRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [previewRef, setPreviewRef] = useState('');
  const [preview, setPreview] = useState<{ ref: string; json: Record<string, unknown> } | null>(null);

  const load = useCallback(async () => {
    const body = await api.get<{ versions: VersionSummary[]; waves: WaveRow[] }>('/api/questionnaires');
    setVersions(body.versions);
    setWaves(body.waves);
    return body;
  }, []);

  useEffect(() => {
    load()
      .then((body) => {
        const ids = body.versions.map(ref);
        setFrom((f) => f || ids[ids.length - 2] || ids[0] || '');
        setTo((v) => v || ids[ids.length - 1] || '');
        setPreviewRef((p) => p || ids[ids.length - 1] || '');
      })
      .catch((caught: unknown) => setError(failureText(caught, t('questionnaires.loadFailed'))));
  }, [load, t]);

  const run: Run = async (work, onError = (text) => setMessage({ kind: 'error', text })) => {
    setBusy(true);
    try {
      await work();
    } catch (caught) {
      onError(failureText(caught, t('questionnaires.actionFailed')));
    } finally {
      setBusy(false);
    }
  };
  const done = (text: string) => setMessage({ kind: 'success', text });

  const showPreview = (target: string) =>
    void run(async () => {
      const [id, version] = target.split('@');
      const body = await api.get<{ version: { json: Record<string, unknown> } }>(`/api/questionnaires/${encodeURIComponent(id!)}/versions/${version}`);
      setPreviewRef(target);
      setPreview({ ref: target, json: body.version.json });
    });

  const onSaved = async (version: VersionSummary) => {
    await load();
    setTo(ref(version));
    setPreviewRef(ref(version));
  };

  const refs = (versions ?? []).map(ref);
  return (
    <>
      <PageTitle>{t('questionnaires.title')}</PageTitle>
      <p className="lead">{t('questionnaires.intro')}</p>
      {error && (
        <p className="message message--error" role="alert">
          {error}
        </p>
      )}
      {versions === null && !error && (
        <p className="loading" role="status">
          {t('questionnaires.loading')}
        </p>
      )}
      <div role="status" aria-live="polite">
        {message && <p className={`message message--${message.kind}`}>{message.text}</p>}
      </div>
      {versions && <VersionList versions={versions} busy={busy} run={run} onPreview={showPreview} onDone={done} reload={load} />}
      <ImportVersion busy={busy} run={run} onSaved={onSaved} />
      {versions && versions.length > 0 && <VersionDiff refs={refs} from={from} to={to} onFromChange={setFrom} onToChange={setTo} busy={busy} run={run} />}
      {versions && versions.length > 0 && <VersionPreview refs={refs} selected={previewRef} onSelect={setPreviewRef} shown={preview} onShow={showPreview} busy={busy} />}
      {versions && <WaveBindings waves={waves} published={versions.filter((v) => v.status === 'published')} busy={busy} run={run} onDone={done} reload={load} />}
    </>
  );
}
