import { lazy, Suspense, useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { currentLanguage } from '../../i18n';
import { api, ApiError, request } from '../../lib/api';
import './texts';
import './questionnaires.css';

// SurveyJS is loaded only when a preview is shown.
const QuestionnairePreview = lazy(() => import('./QuestionnairePreview'));

type Lang = 'de' | 'en';
type Text = Record<Lang, string>;
type Status = 'draft' | 'published' | 'retired';

interface VersionSummary {
  questionnaireId: string;
  version: number;
  status: Status;
  questions: number;
  importedAt: string;
  importedBy: string | null;
  publishedAt: string | null;
}
interface WaveRow {
  drawId: string;
  wave: number;
  createdAt: string;
  questionnaireId: string;
  version: number;
  bound: boolean;
}
interface CheckProblem {
  question: string | null;
  path: string;
  message: Text;
}
interface Verdict {
  ok: boolean;
  problems: CheckProblem[];
  warnings: CheckProblem[];
  languages: string[];
  questions: number;
}
interface DiffRow {
  change: 'added' | 'removed' | 'changed' | 'choices-changed';
  question: string;
  details: Text[];
  trendBreaks: string[];
}

const ref = (v: { questionnaireId: string; version: number }) => `${v.questionnaireId}@${v.version}`;
/** What a failed request shows: the API's message, else the fallback. */
const failureText = (caught: unknown, fallback: string): string => (caught instanceof ApiError && caught.message ? caught.message : fallback);
const DEFAULT_ID = 'family-life-quality';

/**
 * Fragebogen: the stored questionnaire versions (publish, retire), upload and check of a new version
 * (every problem with question and JSON path), the diff of two versions with trend breaks of the
 * indicators, a preview at phone size in German or English, and which version each wave (draw) uses.
 * Planner and admin; everything goes through /api/questionnaires.
 */
export default function QuestionnairesPage() {
  const { t, i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? currentLanguage()) as Lang;
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [waves, setWaves] = useState<WaveRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const [questionnaireId, setQuestionnaireId] = useState(DEFAULT_ID);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [uploadMessage, setUploadMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [diff, setDiff] = useState<{ from: string; to: string; rows: DiffRow[] } | null>(null);

  const [previewRef, setPreviewRef] = useState('');
  const [previewLanguage, setPreviewLanguage] = useState<Lang>('de');
  const [preview, setPreview] = useState<{ ref: string; json: Record<string, unknown> } | null>(null);

  const [assign, setAssign] = useState<Record<string, string>>({});

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

  const run = async (work: () => Promise<void>, onError: (text: string) => void) => {
    setBusy(true);
    try {
      await work();
    } catch (caught) {
      onError(failureText(caught, t('questionnaires.actionFailed')));
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (chosen: File | undefined) => {
    setVerdict(null);
    setUploadMessage(null);
    if (!chosen) {
      setFile(null);
      return;
    }
    try {
      // Fatal decoding: a Windows-1252 file is refused instead of being read with replacement characters.
      setFile({ name: chosen.name, text: new TextDecoder('utf-8', { fatal: true }).decode(await chosen.arrayBuffer()) });
    } catch {
      setFile(null);
      setUploadMessage({ kind: 'error', text: t('questionnaires.notUtf8', { file: chosen.name }) });
    }
  };

  const onCheck = () =>
    run(async () => {
      setUploadMessage(null);
      if (!file) {
        setUploadMessage({ kind: 'error', text: t('questionnaires.noFile') });
        return;
      }
      setVerdict(await api.post<Verdict>('/api/questionnaires/check', { text: file.text, questionnaireId: questionnaireId.trim() }));
    }, (text) => setUploadMessage({ kind: 'error', text }));

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      if (!file) return;
      const result = await api.post<{ version: VersionSummary }>(`/api/questionnaires/${encodeURIComponent(questionnaireId.trim())}/versions`, { text: file.text });
      const saved = ref(result.version);
      setUploadMessage({ kind: 'success', text: t('questionnaires.saved', { id: result.version.questionnaireId, version: result.version.version }) });
      setVerdict(null);
      await load();
      setTo(saved);
      setPreviewRef(saved);
    }, (text) => setUploadMessage({ kind: 'error', text }));
  };

  const onCompare = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const body = await api.get<{ from: string; to: string; rows: DiffRow[] }>(`/api/questionnaires/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      setDiff(body);
    }, (text) => setMessage({ kind: 'error', text }));
  };

  const showPreview = (target: string) =>
    run(async () => {
      const [id, version] = target.split('@');
      const body = await api.get<{ version: { json: Record<string, unknown> } }>(`/api/questionnaires/${encodeURIComponent(id!)}/versions/${version}`);
      setPreviewRef(target);
      setPreview({ ref: target, json: body.version.json });
    }, (text) => setMessage({ kind: 'error', text }));

  const move = (v: VersionSummary, action: 'publish' | 'retire') =>
    run(async () => {
      await api.post(`/api/questionnaires/${encodeURIComponent(v.questionnaireId)}/versions/${v.version}/${action}`);
      setMessage({ kind: 'success', text: t(action === 'publish' ? 'questionnaires.publishedDone' : 'questionnaires.retiredDone', { id: v.questionnaireId, version: v.version }) });
      await load();
    }, (text) => setMessage({ kind: 'error', text }));

  const bind = (w: WaveRow) =>
    run(async () => {
      const target = assign[w.drawId] ?? ref(w);
      const [id, version] = target.split('@');
      await request('PUT', `/api/questionnaires/waves/${encodeURIComponent(w.drawId)}`, { questionnaireId: id, version: Number(version) });
      setMessage({ kind: 'success', text: t('questionnaires.bound', { wave: w.wave, id, version }) });
      await load();
    }, (text) => setMessage({ kind: 'error', text }));

  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB') : t('questionnaires.none'));
  const published = (versions ?? []).filter((v) => v.status === 'published');
  const allRefs = (versions ?? []).map(ref);
  const problemRows = (problems: CheckProblem[]) =>
    problems.map((p, i) => (
      <tr key={`${p.path}-${i}`}>
        <td>{p.question ?? t('questionnaires.wholeQuestionnaire')}</td>
        <td className="questionnaire-path">{p.path}</td>
        <td>{p.message[language]}</td>
      </tr>
    ));

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

      {versions && (
        <section className="card" aria-labelledby="versions-title">
          <h2 id="versions-title">{t('questionnaires.versionsTitle')}</h2>
          <TableScroll labelledBy="versions-caption">
            <table className="table table--compact">
              <caption id="versions-caption">{t('questionnaires.versionsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('questionnaires.id')}</th>
                  <th scope="col">{t('questionnaires.version')}</th>
                  <th scope="col">{t('questionnaires.status')}</th>
                  <th scope="col">{t('questionnaires.questions')}</th>
                  <th scope="col">{t('questionnaires.imported')}</th>
                  <th scope="col">{t('questionnaires.published')}</th>
                  <th scope="col">{t('questionnaires.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={ref(v)}>
                    <th scope="row">{v.questionnaireId}</th>
                    <td>{v.version}</td>
                    <td>{t(`questionnaires.state.${v.status}`)}</td>
                    <td>{v.questions}</td>
                    <td>{date(v.importedAt)}</td>
                    <td>{date(v.publishedAt)}</td>
                    <td>
                      <div className="row-actions">
                        <button type="button" className="button button--small button--quiet" disabled={busy} onClick={() => void showPreview(ref(v))}>
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
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}

      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title">{t('questionnaires.uploadTitle')}</h2>
        <p>{t('questionnaires.uploadHint')}</p>
        <form className="questionnaire-upload" onSubmit={onSave}>
          <div className="field">
            <label htmlFor="questionnaire-id">{t('questionnaires.questionnaireId')}</label>
            <input id="questionnaire-id" type="text" value={questionnaireId} aria-describedby="questionnaire-id-hint" onChange={(e) => setQuestionnaireId(e.target.value)} autoComplete="off" spellCheck={false} />
            <p className="field__hint" id="questionnaire-id-hint">
              {t('questionnaires.questionnaireIdHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="questionnaire-file">{t('questionnaires.file')}</label>
            <input id="questionnaire-file" type="file" accept=".json,application/json" onChange={(e) => void onFile(e.target.files?.[0])} />
          </div>
          <div className="form__actions">
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void onCheck()}>
              {busy ? t('questionnaires.checking') : t('questionnaires.check')}
            </button>
            <button type="submit" className="button button--primary" disabled={busy || !verdict?.ok}>
              {t('questionnaires.save')}
            </button>
          </div>
        </form>
        <div role="status" aria-live="polite">
          {uploadMessage && <p className={`message message--${uploadMessage.kind}`}>{uploadMessage.text}</p>}
          {verdict?.ok && <p className="message message--success">{t('questionnaires.accepted', { questions: verdict.questions, languages: verdict.languages.join(', ') })}</p>}
          {verdict && !verdict.ok && <p className="message message--error">{t('questionnaires.problemsTitle', { count: verdict.problems.length })}</p>}
        </div>
        {verdict && !verdict.ok && (
          <TableScroll labelledBy="problems-caption">
            <table className="table table--compact">
              <caption id="problems-caption">{t('questionnaires.problemsCaption', { file: file?.name ?? '' })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('questionnaires.question')}</th>
                  <th scope="col">{t('questionnaires.path')}</th>
                  <th scope="col">{t('questionnaires.problem')}</th>
                </tr>
              </thead>
              <tbody>{problemRows(verdict.problems)}</tbody>
            </table>
          </TableScroll>
        )}
        {verdict && verdict.warnings.length > 0 && (
          <>
            <h3>{t('questionnaires.warningsTitle')}</h3>
            <ul>
              {verdict.warnings.map((w, i) => (
                <li key={i}>
                  {w.question ?? t('questionnaires.wholeQuestionnaire')}: {w.message[language]}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {versions && versions.length > 0 && (
        <section className="card" aria-labelledby="diff-title">
          <h2 id="diff-title">{t('questionnaires.diffTitle')}</h2>
          <form className="diff-form" onSubmit={onCompare}>
            <div className="field">
              <label htmlFor="diff-from">{t('questionnaires.from')}</label>
              <select id="diff-from" value={from} onChange={(e) => setFrom(e.target.value)}>
                {allRefs.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="diff-to">{t('questionnaires.to')}</label>
              <select id="diff-to" value={to} onChange={(e) => setTo(e.target.value)}>
                {allRefs.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary" disabled={busy || !from || !to}>
              {t('questionnaires.compare')}
            </button>
          </form>
          {diff && diff.rows.length === 0 && <p className="message message--empty">{t('questionnaires.noDifferences')}</p>}
          {diff && diff.rows.length > 0 && (
            <TableScroll labelledBy="diff-caption">
              <table className="table table--compact">
                <caption id="diff-caption">{t('questionnaires.diffCaption', { from: diff.from, to: diff.to })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('questionnaires.question')}</th>
                    <th scope="col">{t('questionnaires.change')}</th>
                    <th scope="col">{t('questionnaires.detail')}</th>
                    <th scope="col">{t('questionnaires.trendBreak')}</th>
                  </tr>
                </thead>
                <tbody>
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
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      )}

      {versions && versions.length > 0 && (
        <section className="card" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('questionnaires.previewTitle')}</h2>
          <p>{t('questionnaires.previewHint')}</p>
          <form
            className="preview-form"
            onSubmit={(event) => {
              event.preventDefault();
              void showPreview(previewRef);
            }}
          >
            <div className="field">
              <label htmlFor="preview-version">{t('questionnaires.previewOf')}</label>
              <select id="preview-version" value={previewRef} onChange={(e) => setPreviewRef(e.target.value)}>
                {allRefs.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </div>
            <fieldset>
              <legend>{t('questionnaires.previewLanguage')}</legend>
              {(['de', 'en'] as const).map((l) => (
                <label key={l}>
                  <input type="radio" name="preview-language" value={l} checked={previewLanguage === l} onChange={() => setPreviewLanguage(l)} /> {t(l === 'de' ? 'questionnaires.german' : 'questionnaires.english')}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="button button--secondary" disabled={busy || !previewRef}>
              {t('questionnaires.previewVersion', { version: previewRef.split('@')[1] ?? '' })}
            </button>
          </form>
          {preview && (
            <Suspense fallback={<p className="loading">{t('questionnaires.previewLoading')}</p>}>
              <QuestionnairePreview
                key={preview.ref}
                json={preview.json}
                language={previewLanguage}
                label={t('questionnaires.phoneFrame', {
                  id: preview.ref.split('@')[0],
                  version: preview.ref.split('@')[1],
                  language: t(previewLanguage === 'de' ? 'questionnaires.german' : 'questionnaires.english'),
                })}
              />
            </Suspense>
          )}
        </section>
      )}

      {versions && (
        <section className="card" aria-labelledby="waves-title">
          <h2 id="waves-title">{t('questionnaires.wavesTitle')}</h2>
          <p>{t('questionnaires.wavesHint')}</p>
          {waves.length === 0 ? (
            <p className="message message--empty">{t('questionnaires.noWaves')}</p>
          ) : (
            <TableScroll labelledBy="waves-caption">
              <table className="table table--compact">
                <caption id="waves-caption">{t('questionnaires.wavesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('questionnaires.wave')}</th>
                    <th scope="col">{t('questionnaires.draw')}</th>
                    <th scope="col">{t('questionnaires.drawnAt')}</th>
                    <th scope="col">{t('questionnaires.uses')}</th>
                    <th scope="col">{t('questionnaires.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {waves.map((w) => (
                    <tr key={w.drawId}>
                      <th scope="row">{w.wave}</th>
                      <td className="questionnaire-path">{w.drawId}</td>
                      <td>{date(w.createdAt)}</td>
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
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      )}
    </>
  );
}
