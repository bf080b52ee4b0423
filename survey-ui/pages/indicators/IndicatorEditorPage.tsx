import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { api, ApiError } from '../../lib/api';
import { Link, useRouter } from '../../lib/router';
import { CheckResult, type Outcome } from './CheckResult';
import { DirectionChoice } from './DirectionChoice';
import { definitionOf, draftOf, type Draft, type Part } from './draft';
import { IndicatorChoice } from './IndicatorChoice';
import { LabelFields } from './LabelFields';
import { useLanguage } from '../../i18n';
import { RuleEditor } from './RuleEditor';
import type { RuleForm } from './ruleForm';
import type { Problem, Question, Stored } from './types';
import { VersionHistory } from './VersionHistory';
import './texts';
import './indicators.css';

/** What a failed request shows: the API's message, else the fallback. */
const failureText = (caught: unknown, fallback: string): string => (caught instanceof ApiError && caught.message ? caught.message : fallback);

/**
 * Kennzahlen bearbeiten: pick an indicator, edit its labels (German, English), direction, rule and base as lists
 * of conditions (question, comparison, values) against a questionnaire version; "Prüfen" lists the problems the
 * server finds (field and reason), "Speichern" stores a new version (refused while there are problems). Below,
 * the indicator's versions. Planner and admin; everything goes through /api/analysis/indicator-definitions.
 * The page holds the draft and the last check; its parts edit one piece each.
 */
export default function IndicatorEditorPage() {
  const { t } = useTranslation();
  const { search } = useRouter();
  const language = useLanguage();
  const [list, setList] = useState<Stored[] | null>(null);
  const [versions, setVersions] = useState<number[]>([1]);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string>(() => new URLSearchParams(search).get('indicator') ?? '');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [questions, setQuestions] = useState<Question[]>([]);
  const [history, setHistory] = useState<Stored[]>([]);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const body = await api.get<{ indicators: Stored[]; questionnaires: { id: string; versions: number[] }[] }>('/api/analysis/indicator-definitions');
    setList(body.indicators);
    setVersions(body.questionnaires[0]?.versions ?? [1]);
    return body.indicators;
  }, []);

  useEffect(() => {
    load()
      .then((indicators) => setSelected((id) => (indicators.some((i) => i.indicatorId === id) ? id : (indicators[0]?.indicatorId ?? ''))))
      .catch((caught: unknown) => setError(failureText(caught, t('indicators.loadFailed'))));
  }, [load, t]);

  const current = list?.find((i) => i.indicatorId === selected) ?? null;
  // Another indicator (or a newly saved version): start from its stored definition.
  useEffect(() => {
    if (!current) return;
    setDraft(draftOf(current.definition));
    setProblems(null);
    setNote('');
    api
      .get<{ versions: Stored[] }>(`/api/analysis/indicator-definitions/${encodeURIComponent(current.indicatorId)}/versions`)
      .then((b) => setHistory(b.versions))
      .catch(() => setHistory([]));
  }, [current]);

  const questionnaireVersion = draft?.version;
  useEffect(() => {
    if (questionnaireVersion === undefined) return;
    api
      .get<{ questions: Question[] }>(`/api/analysis/indicator-definitions/questions?version=${questionnaireVersion}`)
      .then((b) => setQuestions(b.questions.filter((q) => q.type !== 'comment' && !(q.type === 'text' && q.inputType !== 'number'))))
      .catch((caught: unknown) => setError(failureText(caught, t('indicators.loadFailed'))));
  }, [questionnaireVersion, t]);

  const body = () => (draft && current ? definitionOf(draft, current.definition.questionnaire.id) : null);

  const check = async (): Promise<Problem[] | null> => {
    const d = body();
    if (!d || !current) return null;
    const result = await api.post<{ problems: Problem[] }>(`/api/analysis/indicator-definitions/${encodeURIComponent(current.indicatorId)}/check`, { draft: d });
    setProblems(result.problems);
    return result.problems;
  };

  const onCheck = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      await check();
    } catch (caught) {
      setOutcome({ kind: 'error', text: failureText(caught, t('indicators.saveFailed')) });
    } finally {
      setBusy(false);
    }
  };

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    const d = body();
    if (!d || !current) return;
    setBusy(true);
    setOutcome(null);
    try {
      const found = await check();
      if (found && found.length > 0) return;
      const saved = await api.post<{ version: Stored }>(`/api/analysis/indicator-definitions/${encodeURIComponent(current.indicatorId)}/versions`, {
        draft: d,
        basedOnVersion: current.version,
        note: note.trim() === '' ? null : note.trim(),
      });
      setOutcome({ kind: 'success', text: t('indicators.saved', { version: saved.version.version }), saved: true });
      await load();
    } catch (caught) {
      setOutcome({ kind: 'error', text: failureText(caught, t('indicators.saveFailed')) });
    } finally {
      setBusy(false);
    }
  };

  const change = (update: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...update } : d));
  const changeRule = (part: Part, form: RuleForm) => setDraft((d) => (d ? { ...d, [part]: { ...d[part], form } } : d));

  return (
    <>
      <PageTitle>{t('indicators.title')}</PageTitle>
      <p className="lead">{t('indicators.intro')}</p>
      <p>
        <Link to="/auswertung">{t('indicators.back')}</Link>
      </p>
      {error && (
        <div role="alert" className="message message--error">
          <p>{error}</p>
        </div>
      )}
      {!error && !list && (
        <p role="status" className="loading">
          {t('indicators.loading')}
        </p>
      )}
      {list && current && draft && (
        <>
          <form className="card indicator-editor" onSubmit={onSave} aria-labelledby="indicator-editor-title" noValidate>
            <h2 id="indicator-editor-title">{current.definition.label[language]}</h2>
            <IndicatorChoice
              indicators={list}
              current={current}
              onSelect={(id) => {
                setOutcome(null);
                setSelected(id);
              }}
              version={draft.version}
              versions={versions}
              onVersionChange={(version) => change({ version })}
            />
            <LabelFields
              label={draft.label}
              denominatorLabel={draft.denominatorLabel}
              problems={problems ?? []}
              onChange={(field, lang, text) => change({ [field]: { ...draft[field], [lang]: text } })}
            />
            <DirectionChoice value={draft.direction} onChange={(direction) => change({ direction })} />
            {(['rule', 'denominator'] as const).map((part) => (
              <RuleEditor key={part} part={part} state={draft[part]} questions={questions} problems={problems ?? []} onChange={(form) => changeRule(part, form)} />
            ))}
            <div className="field">
              <label htmlFor="indicator-note">{t('indicators.note')}</label>
              <input id="indicator-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </div>
            <CheckResult problems={problems} version={draft.version} outcome={outcome} />
            <div className="indicator-editor__actions">
              <button type="button" className="button button--secondary" onClick={() => void onCheck()} disabled={busy}>
                {busy ? t('indicators.checking') : t('indicators.check')}
              </button>
              <button type="submit" className="button" disabled={busy}>
                {t('indicators.save')}
              </button>
            </div>
          </form>
          <VersionHistory versions={history} label={current.definition.label[language]} />
        </>
      )}
    </>
  );
}
