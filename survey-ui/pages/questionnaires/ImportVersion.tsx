import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { CheckReport } from './CheckReport';
import type { Run, Verdict, VersionSummary } from './types';

const DEFAULT_ID = 'family-life-quality';

interface ImportVersionProps {
  busy: boolean;
  run: Run;
  /** After a save: fetch the list again and select the new version for diff and preview. */
  onSaved: (version: VersionSummary) => Promise<void>;
}

/**
 * Neue Version hochladen: the planner names the questionnaire, chooses a JSON file, has it checked
 * (every problem with question and JSON path) and saves an accepted file as a new draft version.
 */
export function ImportVersion({ busy, run, onSaved }: ImportVersionProps) {
  const { t } = useTranslation();
  const [questionnaireId, setQuestionnaireId] = useState(DEFAULT_ID);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const showError = (text: string) => setMessage({ kind: 'error', text });

  const onFile = async (chosen: File | undefined) => {
    setVerdict(null);
    setMessage(null);
    if (!chosen) {
      setFile(null);
      return;
    }
    try {
      // Fatal decoding: a Windows-1252 file is refused instead of being read with replacement characters.
      setFile({ name: chosen.name, text: new TextDecoder('utf-8', { fatal: true }).decode(await chosen.arrayBuffer()) });
    } catch {
      setFile(null);
      showError(t('questionnaires.notUtf8', { file: chosen.name }));
    }
  };

  const onCheck = () =>
    run(async () => {
      setMessage(null);
      if (!file) {
        showError(t('questionnaires.noFile'));
        return;
      }
      setVerdict(await api.post<Verdict>('/api/questionnaires/check', { text: file.text, questionnaireId: questionnaireId.trim() }));
    }, showError);

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      if (!file) return;
      const result = await api.post<{ version: VersionSummary }>(`/api/questionnaires/${encodeURIComponent(questionnaireId.trim())}/versions`, { text: file.text });
      setMessage({ kind: 'success', text: t('questionnaires.saved', { id: result.version.questionnaireId, version: result.version.version }) });
      setVerdict(null);
      await onSaved(result.version);
    }, showError);
  };

  return (
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
        {message && <p className={`message message--${message.kind}`}>{message.text}</p>}
        {verdict?.ok && <p className="message message--success">{t('questionnaires.accepted', { questions: verdict.questions, languages: verdict.languages.join(', ') })}</p>}
        {verdict && !verdict.ok && <p className="message message--error">{t('questionnaires.problemsTitle', { count: verdict.problems.length })}</p>}
      </div>
      {verdict && <CheckReport verdict={verdict} fileName={file?.name ?? ''} />}
    </section>
  );
}
