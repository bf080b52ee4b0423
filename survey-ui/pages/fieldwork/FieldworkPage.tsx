import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';
import { useSession } from '../../app/session';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { ApiError, api, request } from '../../lib/api';
import { Link } from '../../lib/router';
import { MAX_KEYED_CHOICES, keyedChoice } from './keyedChoice';
import { Dispositions } from './Dispositions';
import { Reconciliation } from './Reconciliation';
import './texts';
import './scanTexts';
import { FlashMessage, type Flash } from './FlashMessage';
import type { DistrictProgress, fieldworkMonitor } from '../../../api/collection/fieldworkMonitor';
import type { PaperLookup } from '../../../api/collection/paperService';
import type { CatalogueQuestion } from '../../../api/questionnaire/questionCatalogue';

// The answers' shapes come from the API modules that produce them (`import type` is erased by the bundler).
/** GET /api/fieldwork/monitor (api/collection/fieldworkMonitor.ts). */
type Monitor = ReturnType<typeof fieldworkMonitor>;
/** POST /api/paper/lookup */
type Lookup = PaperLookup;

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Accessible progress chart: an SVG with a title and description, the same numbers as a table below. */
function DailyChart({ daily }: { daily: Monitor['daily'] }) {
  const { t } = useTranslation();
  if (daily.length === 0) return <p className="muted">{t('fieldworkTools.noReturns')}</p>;
  const max = Math.max(...daily.map((d) => d.cumulative), 1);
  const width = 600;
  const height = 160;
  const step = width / daily.length;
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-labelledby="chart-title chart-desc" className="progress-chart">
        <title id="chart-title">{t('fieldworkTools.chartTitle')}</title>
        <desc id="chart-desc">{t('fieldworkTools.chartDesc', { total: daily[daily.length - 1]!.cumulative, days: daily.length })}</desc>
        {daily.map((d, i) => {
          const h = (d.cumulative / max) * height;
          return <rect key={d.date} x={i * step + 2} y={height - h} width={Math.max(1, step - 4)} height={h} fill="#0b4f8a" />;
        })}
      </svg>
      <table className="table">
        <caption>{t('fieldworkTools.chartTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fieldworkTools.date')}</th>
            <th scope="col">{t('fieldworkTools.online')}</th>
            <th scope="col">{t('fieldworkTools.paper')}</th>
            <th scope="col">{t('fieldworkTools.cumulative')}</th>
          </tr>
        </thead>
        <tbody>
          {daily.map((d) => (
            <tr key={d.date}>
              <th scope="row">{d.date}</th>
              <td>{d.online}</td>
              <td>{d.paper}</td>
              <td>{d.cumulative}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/**
 * Compact keyboard-first paper entry: all questions on one screen; number keys 1–9 pick the n-th
 * choice (switch it on/off for multiple choice), Enter and Tab move to the next question.
 */
function PaperEntry() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [code, setCode] = useState('');
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [questions, setQuestions] = useState<CatalogueQuestion[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Flash | null>(null);

  useEffect(() => {
    // A failed load leaves the catalogue empty; an ended session is handled by the session provider.
    api.get<{ questions: CatalogueQuestion[] }>('/api/paper/questionnaire').then((q) => setQuestions(q.questions), () => undefined);
  }, []);

  const find = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const found = await api.post<Lookup>('/api/paper/lookup', { code });
      // The form is keyed in the questionnaire version of the household's wave.
      const form = await api.get<{ questions: CatalogueQuestion[] }>(`/api/paper/questionnaire?householdId=${encodeURIComponent(found.householdId)}`);
      setQuestions(form.questions);
      setLookup(found);
      setValues(Object.fromEntries(Object.entries(found.yourAnswers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)])));
    } catch (err) {
      setLookup(null);
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('errors.network') });
    }
  };

  const formRef = useRef<HTMLFormElement>(null);

  /** Number keys pick choices; Enter goes to the next question (on the last one: the save button). */
  const onAnswerKey = (event: KeyboardEvent<HTMLInputElement>, q: CatalogueQuestion, index: number) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      const next = questions[index + 1];
      const target = next ? document.getElementById(`pq-${next.name}`) : formRef.current?.querySelector<HTMLElement>('button[type="submit"]');
      target?.focus();
      if (target instanceof HTMLInputElement) target.select();
      return;
    }
    if (!/^[1-9]$/.test(event.key)) return;
    const value = keyedChoice(q, values[q.name] ?? '', Number(event.key));
    if (value === null) return;
    event.preventDefault();
    setValues({ ...values, [q.name]: value });
  };

  const chosenTexts = (q: CatalogueQuestion) => {
    const chosen = new Set((values[q.name] ?? '').split(/[,\s]+/).filter(Boolean));
    return (q.choices ?? []).filter((c) => chosen.has(String(c.value))).map((c) => c.text[lang]);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!lookup) return;
    const answers: Record<string, unknown> = {};
    for (const q of questions) {
      const raw = values[q.name]?.trim();
      if (!raw) continue;
      const asNumber = (s: string) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);
      answers[q.name] = q.multiple ? raw.split(/[,\s]+/).filter(Boolean).map(asNumber) : q.type === 'comment' || (q.type === 'text' && !q.choices && !/^\d+$/.test(raw)) ? raw : asNumber(raw);
    }
    try {
      const saved = await request<{ status: string }>('PUT', `/api/paper/entries/${encodeURIComponent(lookup.householdId)}`, { answers });
      setMessage({ kind: 'success', text: t('fieldworkTools.saved', { status: t(`fieldworkTools.status.${saved.status}`) }) });
    } catch (err) {
      const details = err instanceof ApiError ? err.details.map((d) => `${d.path}: ${d.message}`).join(' · ') : '';
      setMessage({ kind: 'error', text: `${err instanceof Error ? err.message : ''} ${details}` });
    }
  };

  return (
    <section className="card" aria-labelledby="paper-title">
      <h2 id="paper-title">{t('fieldworkTools.paperTitle')}</h2>
      <form className="form" onSubmit={(e) => void find(e)}>
        <div className="field">
          <label htmlFor="paper-code">{t('fieldworkTools.code')}</label>
          <input id="paper-code" className="input--code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} />
        </div>
        <button type="submit" className="button button--secondary">
          {t('fieldworkTools.lookup')}
        </button>
      </form>
      <FlashMessage message={message} />
      {lookup && (
        <form className="form paper-form" ref={formRef} onSubmit={(e) => void save(e)}>
          <p id="paper-keys" className="paper-keys">
            {t('fieldworkTools.keysHelp', { max: MAX_KEYED_CHOICES })}
          </p>
          <p>
            {t('fieldworkTools.household', { id: lookup.householdId, district: lookup.district })} ·{' '}
            {lookup.yourEntry ? t('fieldworkTools.yourEntry', { n: lookup.yourEntry }) : t('fieldworkTools.noEntry')}
          </p>
          {questions.map((q, index) => {
            const keyed = q.choices !== undefined && q.choices.length <= MAX_KEYED_CHOICES;
            const chosen = chosenTexts(q);
            return (
              <div className="field field--compact" key={q.name}>
                <label htmlFor={`pq-${q.name}`}>
                  {q.name}: {q.title[lang]}
                </label>
                {q.choices && (
                  <p className="field__hint" id={`pq-${q.name}-codes`}>
                    {q.choices.map((c, i) => (keyed ? `${i + 1}: ${c.text[lang]} (${String(c.value)})` : `${String(c.value)} = ${c.text[lang]}`)).join(' · ')}
                  </p>
                )}
                <div className="paper-answer">
                  <input
                    id={`pq-${q.name}`}
                    value={values[q.name] ?? ''}
                    inputMode={q.choices || q.type === 'text' ? 'numeric' : 'text'}
                    aria-describedby={q.choices ? `pq-${q.name}-codes pq-${q.name}-chosen` : undefined}
                    disabled={!lookup.yourEntry}
                    onKeyDown={(e) => onAnswerKey(e, q, index)}
                    onChange={(e) => setValues({ ...values, [q.name]: e.target.value })}
                  />
                  {q.choices && (
                    <span className="paper-answer__chosen" id={`pq-${q.name}-chosen`}>
                      {chosen.join(', ')}
                    </span>
                  )}
                </div>
              </div>
            );
          })}
          <button type="submit" className="button button--primary" disabled={!lookup.yourEntry}>
            {t('fieldworkTools.saveEntry')}
          </button>
        </form>
      )}
    </section>
  );
}

/** The reconciliation screen with the questionnaire catalogue it needs to show choice texts. */
function ReconcileSection() {
  const [questions, setQuestions] = useState<CatalogueQuestion[]>([]);
  useEffect(() => {
    // A failed load leaves the catalogue empty; an ended session is handled by the session provider.
    api.get<{ questions: CatalogueQuestion[] }>('/api/paper/questionnaire').then((q) => setQuestions(q.questions), () => undefined);
  }, []);
  return <Reconciliation questions={questions} />;
}

/** Erhebung: fieldwork monitor for planners, staff and admin; reminder export, paper entry and reconciliation for staff and admin. */
export default function FieldworkPage() {
  const { t } = useTranslation();
  const { state } = useSession();
  const role = state.status === 'ready' ? state.user?.role : undefined;
  const keysForms = role === 'staff' || role === 'admin';
  const [monitor, setMonitor] = useState<Monitor | null>(null);
  const [failed, setFailed] = useState(false);

  const loadMonitor = useCallback(() => {
    api.get<Monitor>('/api/fieldwork/monitor').then(
      (m) => {
        setMonitor(m);
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, []);
  useEffect(loadMonitor, [loadMonitor]);

  return (
    <>
      <PageTitle>{t('fieldwork.title')}</PageTitle>
      <p className="lead">{t('fieldwork.intro')}</p>
      <section className="card" aria-labelledby="monitor-title">
        <h2 id="monitor-title">{t('fieldworkTools.monitorTitle')}</h2>
        {failed && <p role="alert" className="message message--error">{t('fieldworkTools.loadFailed')}</p>}
        {monitor && (
          <>
            <TableScroll labelledBy="monitor-caption">
              <table className="table">
                <caption id="monitor-caption">{t('fieldworkTools.tableCaption')}</caption>
                <thead>
                  <tr>
                    {['district', 'wave', 'invited', 'started', 'online', 'paper', 'partial'].map((k) => (
                      <th scope="col" key={k}>
                        {t(`fieldworkTools.${k}`)}
                      </th>
                    ))}
                    {['refusedCol', 'unreachableCol', 'notEligibleCol'].map((k) => (
                      <th scope="col" key={k}>
                        {t(`dispositions.${k}`)}
                      </th>
                    ))}
                    {['rr1', 'rr2'].map((k) => (
                      <th scope="col" key={k}>
                        {t(`fieldworkTools.${k}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[...monitor.districts, monitor.total].map((d) => (
                    <tr key={`${d.wave}-${d.district}`}>
                      <th scope="row">{d.district === 'all' ? t('fieldworkTools.total') : d.district}</th>
                      <td>{d.wave || '–'}</td>
                      <td>{d.invited}</td>
                      <td>{d.started}</td>
                      <td>{d.completedOnline}</td>
                      <td>{d.completedPaper}</td>
                      <td>{d.partial}</td>
                      <td>{d.refused}</td>
                      <td>{d.unreachable}</td>
                      <td>{d.notEligible}</td>
                      <td>{percent(d.rr1)}</td>
                      <td>{percent(d.rr2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <p className="muted">{t('fieldworkTools.rateNote')}</p>
            <DailyChart daily={monitor.daily} />
            {keysForms && (
              <p>
                <a className="button button--secondary" href="/api/fieldwork/reminders.csv" download>
                  {t('fieldworkTools.reminders')}
                </a>
              </p>
            )}
          </>
        )}
      </section>
      {keysForms && (
        <p>
          <Link to="/erhebung/scans">{t('scans.link')}</Link>
        </p>
      )}
      {keysForms && <Dispositions onChange={loadMonitor} />}
      {keysForms && <PaperEntry />}
      {keysForms && <ReconcileSection />}
    </>
  );
}
