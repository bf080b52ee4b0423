import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { currentLanguage } from '../../i18n';
import { api, ApiError } from '../../lib/api';
import { Link, useRouter } from '../../lib/router';
import { formToRule, OPERATORS, problemTarget, ruleToForm, type ConditionForm, type Operator, type RuleForm, type RuleJson } from './ruleForm';
import './texts';
import './indicators.css';

type Lang = 'de' | 'en';
type Text = Record<Lang, string>;

interface Definition {
  id: string;
  label: Text;
  denominatorLabel: Text;
  direction: 'need' | 'context';
  rule: RuleJson;
  denominator: RuleJson;
  questionnaire: { id: string; version: number };
}
interface Stored {
  indicatorId: string;
  version: number;
  definition: Definition;
  createdAt: string;
  createdBy: string | null;
  note: string | null;
}
interface Question {
  name: string;
  type: string;
  title: Text;
  choices?: { value: number | string; text: Text }[];
  inputType?: string;
  min?: number;
  max?: number;
  multiple: boolean;
}
interface Problem {
  field: string;
  reason: Text;
}

/** One part of the definition (rule or base) as the form edits it; null form = nested rule, shown as JSON. */
interface PartState {
  form: RuleForm | null;
  raw: RuleJson;
}

interface Draft {
  label: Text;
  denominatorLabel: Text;
  direction: 'need' | 'context';
  rule: PartState;
  denominator: PartState;
  version: number;
}

const draftOf = (d: Definition): Draft => ({
  label: { ...d.label },
  denominatorLabel: { ...d.denominatorLabel },
  direction: d.direction,
  rule: { form: ruleToForm(d.rule), raw: d.rule },
  denominator: { form: ruleToForm(d.denominator), raw: d.denominator },
  version: d.questionnaire.version,
});
const ruleOf = (p: PartState): RuleJson => (p.form ? (p.form.conditions.length === 0 ? { all: [] } : formToRule(p.form)) : p.raw);
/** What a failed request shows: the API's message, else the fallback. */
const failureText = (caught: unknown, fallback: string): string => (caught instanceof ApiError && caught.message ? caught.message : fallback);

/**
 * Kennzahlen bearbeiten: pick an indicator, edit its labels (German, English), direction, rule and base as lists
 * of conditions (question, comparison, values) against a questionnaire version; "Prüfen" lists the problems the
 * server finds (field and reason), "Speichern" stores a new version (refused while there are problems). Below,
 * the indicator's versions. Planner and admin; everything goes through /api/analysis/indicator-definitions.
 */
export default function IndicatorEditorPage() {
  const { t, i18n } = useTranslation();
  const { search } = useRouter();
  const language = (i18n.resolvedLanguage ?? currentLanguage()) as Lang;
  const [list, setList] = useState<Stored[] | null>(null);
  const [versions, setVersions] = useState<number[]>([1]);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string>(() => new URLSearchParams(search).get('indicator') ?? '');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [questions, setQuestions] = useState<Question[]>([]);
  const [history, setHistory] = useState<Stored[]>([]);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'success' | 'error'; text: string; saved?: boolean } | null>(null);
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

  const byName = useMemo(() => new Map(questions.map((q) => [q.name, q])), [questions]);

  const body = () =>
    draft && current
      ? {
          label: draft.label,
          denominatorLabel: draft.denominatorLabel,
          direction: draft.direction,
          rule: ruleOf(draft.rule),
          denominator: ruleOf(draft.denominator),
          questionnaire: { id: current.definition.questionnaire.id, version: draft.version },
        }
      : null;

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

  const problemsFor = (part: 'rule' | 'denominator', index: number) =>
    (problems ?? []).filter((p) => {
      const target = problemTarget(p.field);
      return target.part === part && target.index === index;
    });
  const fieldLabel = (field: string) => {
    const target = problemTarget(field);
    if (target.part && target.index !== null) return t('indicators.inCondition', { part: t(`indicators.field.${target.part}`), n: target.index + 1 });
    const head = field.split(/[.[]/)[0] ?? field;
    const lang = /\.(de|en)$/.exec(field)?.[1];
    const name = t(`indicators.field.${head}`, { defaultValue: head });
    return lang ? `${name} (${t(lang === 'de' ? 'indicators.german' : 'indicators.english')})` : name;
  };

  const setPart = (part: 'rule' | 'denominator', form: RuleForm) => setDraft((d) => (d ? { ...d, [part]: { ...d[part], form } } : d));

  const partEditor = (part: 'rule' | 'denominator') => {
    if (!draft) return null;
    const state = draft[part];
    const legend = t(`indicators.${part}`);
    if (!state.form) {
      return (
        <fieldset className="indicator-part">
          <legend>{legend}</legend>
          <p>{t('indicators.nested', { json: JSON.stringify(state.raw) })}</p>
        </fieldset>
      );
    }
    const form = state.form;
    const update = (i: number, change: Partial<ConditionForm>) => setPart(part, { ...form, conditions: form.conditions.map((c, k) => (k === i ? { ...c, ...change } : c)) });
    return (
      <fieldset className="indicator-part">
        <legend>{legend}</legend>
        {form.conditions.length === 0 && <p className="field__hint">{t('indicators.denominatorAll')}</p>}
        {form.conditions.length > 1 && (
          <div className="field">
            <label htmlFor={`${part}-combine`}>{t('indicators.combine')}</label>
            <select id={`${part}-combine`} value={form.combine} onChange={(e) => setPart(part, { ...form, combine: e.target.value as 'all' | 'any' })}>
              <option value="all">{t('indicators.combineAll')}</option>
              <option value="any">{t('indicators.combineAny')}</option>
            </select>
          </div>
        )}
        {form.conditions.map((c, i) => {
          const id = `${part}-${i}`;
          const q = byName.get(c.q);
          const own = problemsFor(part, i);
          const hint =
            q?.choices && q.choices.length > 0
              ? t('indicators.codes', { codes: q.choices.map((ch) => `${String(ch.value)} = ${ch.text[language]}`).join('; ') })
              : q?.inputType === 'number'
                ? t('indicators.range', { min: q.min ?? '…', max: q.max ?? '…' })
                : '';
          return (
            <fieldset key={id} className={own.length > 0 ? 'indicator-condition indicator-condition--invalid' : 'indicator-condition'} data-condition={id}>
              <legend>{t('indicators.condition', { n: i + 1 })}</legend>
              {own.length > 0 && (
                <ul className="field__error" id={`${id}-problems`}>
                  {own.map((p) => (
                    <li key={p.field}>{p.reason[language]}</li>
                  ))}
                </ul>
              )}
              <div className="indicator-condition__fields">
                <div className="field">
                  <label htmlFor={`${id}-q`}>{t('indicators.question')}</label>
                  <select id={`${id}-q`} value={c.q} onChange={(e) => update(i, { q: e.target.value })} aria-invalid={own.length > 0 ? true : undefined} aria-describedby={own.length > 0 ? `${id}-problems` : undefined}>
                    {!byName.has(c.q) && <option value={c.q}>{c.q}</option>}
                    {questions.map((question) => (
                      <option key={question.name} value={question.name}>
                        {question.name} – {question.title[language]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-op`}>{t('indicators.operator')}</label>
                  <select id={`${id}-op`} value={c.op} onChange={(e) => update(i, { op: e.target.value as Operator })}>
                    {OPERATORS.map((op) => (
                      <option key={op} value={op}>
                        {t(`indicators.op.${op}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-values`}>{t('indicators.values')}</label>
                  <p className="field__hint" id={`${id}-values-hint`}>
                    {t(c.op === 'in' ? 'indicators.valuesHintIn' : 'indicators.valuesHintOne')} {hint}
                  </p>
                  <input id={`${id}-values`} value={c.values} onChange={(e) => update(i, { values: e.target.value })} aria-describedby={`${id}-values-hint`} aria-invalid={own.length > 0 ? true : undefined} />
                </div>
              </div>
              <button type="button" className="button button--secondary" onClick={() => setPart(part, { ...form, conditions: form.conditions.filter((_, k) => k !== i) })}>
                {t('indicators.remove', { n: i + 1 })}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setPart(part, { ...form, conditions: [...form.conditions, { q: questions[0]?.name ?? '', op: 'in', values: '' }] })}
        >
          {t('indicators.add')}
        </button>
      </fieldset>
    );
  };

  const text = (field: 'label' | 'denominatorLabel', lang: Lang) => {
    if (!draft) return null;
    const id = `${field}-${lang}`;
    const own = (problems ?? []).filter((p) => p.field === `${field}.${lang}`);
    return (
      <div className={own.length > 0 ? 'field field--invalid' : 'field'}>
        <label htmlFor={id}>
          {t(`indicators.${field}`)} ({t(lang === 'de' ? 'indicators.german' : 'indicators.english')})
        </label>
        {own.length > 0 && (
          <p className="field__error" id={`${id}-error`}>
            {own[0]!.reason[language]}
          </p>
        )}
        <input
          id={id}
          lang={lang}
          value={draft[field][lang]}
          onChange={(e) => setDraft({ ...draft, [field]: { ...draft[field], [lang]: e.target.value } })}
          aria-invalid={own.length > 0 ? true : undefined}
          aria-describedby={own.length > 0 ? `${id}-error` : undefined}
        />
      </div>
    );
  };

  const dateTime = (iso: string) => new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

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
            <div className="indicator-editor__top">
              <div className="field">
                <label htmlFor="indicator-pick">{t('indicators.select')}</label>
                <select
                  id="indicator-pick"
                  value={selected}
                  onChange={(e) => {
                    setOutcome(null);
                    setSelected(e.target.value);
                  }}
                  aria-describedby="indicator-pick-hint"
                >
                  {list.map((i) => (
                    <option key={i.indicatorId} value={i.indicatorId}>
                      {i.definition.label[language]}
                    </option>
                  ))}
                </select>
                <p className="field__hint" id="indicator-pick-hint">
                  <code>{current.indicatorId}</code> · {t('indicators.current', { version: current.version })}
                </p>
              </div>
              <div className="field">
                <label htmlFor="questionnaire-version">{t('indicators.questionnaire')}</label>
                <select id="questionnaire-version" value={draft.version} onChange={(e) => setDraft({ ...draft, version: Number(e.target.value) })} aria-describedby="questionnaire-version-hint">
                  {versions.map((v) => (
                    <option key={v} value={v}>
                      {current.definition.questionnaire.id} v{v}
                    </option>
                  ))}
                </select>
                <p className="field__hint" id="questionnaire-version-hint">
                  {t('indicators.questionnaireHint')}
                </p>
              </div>
            </div>
            <div className="indicator-editor__labels">
              {text('label', 'de')}
              {text('label', 'en')}
              {text('denominatorLabel', 'de')}
              {text('denominatorLabel', 'en')}
            </div>
            <fieldset className="indicator-part">
              <legend>{t('indicators.direction')}</legend>
              {(['need', 'context'] as const).map((d) => (
                <div className="indicator-choice" key={d}>
                  <input type="radio" id={`direction-${d}`} name="direction" value={d} checked={draft.direction === d} onChange={() => setDraft({ ...draft, direction: d })} />
                  <label htmlFor={`direction-${d}`}>{t(`indicators.${d}`)}</label>
                </div>
              ))}
            </fieldset>
            {partEditor('rule')}
            {partEditor('denominator')}
            <div className="field">
              <label htmlFor="indicator-note">{t('indicators.note')}</label>
              <input id="indicator-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </div>
            <div role="status" aria-live="polite" className="indicator-problems">
              {problems && problems.length === 0 && <p className="message message--success">{t('indicators.noProblems', { version: draft.version })}</p>}
              {problems && problems.length > 0 && (
                <div className="message message--error">
                  <p>{t('indicators.problemsTitle', { count: problems.length, version: draft.version })}</p>
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
            <div className="indicator-editor__actions">
              <button type="button" className="button button--secondary" onClick={() => void onCheck()} disabled={busy}>
                {busy ? t('indicators.checking') : t('indicators.check')}
              </button>
              <button type="submit" className="button" disabled={busy}>
                {t('indicators.save')}
              </button>
            </div>
          </form>
          <section className="card" aria-labelledby="indicator-versions-title">
            <h2 id="indicator-versions-title">{t('indicators.versionsTitle')}</h2>
            <TableScroll labelledBy="indicator-versions-caption">
              <table className="table table--compact">
                <caption id="indicator-versions-caption">{t('indicators.versionsCaption', { label: current.definition.label[language] })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('indicators.version')}</th>
                    <th scope="col">{t('indicators.savedAt')}</th>
                    <th scope="col">{t('indicators.savedBy')}</th>
                    <th scope="col">{t('indicators.label')}</th>
                    <th scope="col">{t('indicators.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((v) => (
                    <tr key={v.version}>
                      <th scope="row">{v.version}</th>
                      <td>{dateTime(v.createdAt)}</td>
                      <td>{v.createdBy ?? t('indicators.system')}</td>
                      <td>{v.definition.label[language]}</td>
                      <td>{v.version === 1 && v.createdBy === null ? t('indicators.shipped') : (v.note ?? '–')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      )}
    </>
  );
}
