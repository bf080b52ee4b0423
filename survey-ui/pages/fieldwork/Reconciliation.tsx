import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import './texts';
import { FlashMessage, type Flash } from './FlashMessage';
import type { reconciliationView } from '../../../api/collection/paperService';
import type { PaperQueueEntry } from '../../../api/collection/paperRoutes';
import type { CatalogueQuestion } from '../../../api/questionnaire/questionCatalogue';

/** GET /api/paper/queue, one form (api/collection/paperRoutes.ts). */
type QueueEntry = PaperQueueEntry;
/** GET /api/paper/reconcile/:householdId, as api/collection/paperService.ts builds it. */
type View = Awaited<ReturnType<typeof reconciliationView>>;
/** What reconciling needs of a question of the paper questionnaire (GET /api/paper/questionnaire). */
export type ReconcileQuestion = Pick<CatalogueQuestion, 'name' | 'title' | 'multiple' | 'choices'>;
type Choice = 'entry1' | 'entry2' | 'corrected';

/** Shows a stored answer with its choice text, so the reconciler sees what each code means. */
function shown(question: ReconcileQuestion | undefined, value: unknown, lang: 'de' | 'en', empty: string): string {
  if (value === undefined || value === null || value === '') return empty;
  const values = Array.isArray(value) ? value : [value];
  return values
    .map((v) => {
      const choice = question?.choices?.find((c) => JSON.stringify(c.value) === JSON.stringify(v));
      return choice ? `${String(v)} = ${choice.text[lang]}` : String(v);
    })
    .join(', ');
}

/** Parses a corrected value the way paper entry does: numbers stay numbers, lists split at commas. */
function parseCorrection(question: ReconcileQuestion | undefined, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return null;
  const asNumber = (s: string) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);
  return question?.multiple ? text.split(/[,\s]+/).filter(Boolean).map(asNumber) : asNumber(text);
}

/**
 * Abgleich: forms whose two blind entries differ. Only the differing questions are listed; for each
 * the reconciler takes entry 1, entry 2 or types the value from the paper form.
 */
export function Reconciliation({ questions }: { questions: ReconcileQuestion[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [queue, setQueue] = useState<QueueEntry[] | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [corrections, setCorrections] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Flash | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const queueHeadingRef = useRef<HTMLHeadingElement>(null);
  const byName = new Map(questions.map((q) => [q.name, q]));

  const loadQueue = useCallback(async () => {
    const { entries } = await api.get<{ entries: QueueEntry[] }>('/api/paper/queue');
    setQueue(entries.filter((e) => e.status === 'awaiting-reconciliation'));
  }, []);

  useEffect(() => {
    loadQueue().catch(() => setMessage({ kind: 'error', text: t('fieldworkTools.reconcile.loadFailed') }));
  }, [loadQueue, t]);

  // Focus follows the task: the form's heading when one opens, the queue's heading when it closes.
  useEffect(() => {
    if (view) headingRef.current?.focus();
  }, [view]);

  const open = async (householdId: string) => {
    setMessage(null);
    try {
      const loaded = await api.get<View>(`/api/paper/reconcile/${encodeURIComponent(householdId)}`);
      setChoices({});
      setCorrections({});
      setView(loaded);
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('errors.network') });
    }
  };

  const close = async (done: Flash | null) => {
    setView(null);
    setMessage(done);
    await loadQueue().catch(() => undefined);
    queueHeadingRef.current?.focus();
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!view) return;
    const missing = view.differences.filter((name) => !choices[name]);
    if (missing.length > 0) {
      setMessage({ kind: 'error', text: t('fieldworkTools.reconcile.chooseAll', { questions: missing.join(', ') }) });
      document.getElementById(`rc-${missing[0]}-entry1`)?.focus();
      return;
    }
    const resolutions = Object.fromEntries(
      view.differences.map((name) => {
        const choice = choices[name]!;
        return [name, choice === 'corrected' ? { choice, value: parseCorrection(byName.get(name), corrections[name] ?? '') } : { choice }];
      }),
    );
    try {
      await api.post(`/api/paper/reconcile/${encodeURIComponent(view.householdId)}`, { revision: view.revision, resolutions });
      await close({ kind: 'success', text: t('fieldworkTools.reconcile.done', { id: view.householdId }) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        await close({ kind: 'error', text: t('fieldworkTools.reconcile.conflict', { id: view.householdId }) });
        return;
      }
      const details = err instanceof ApiError ? err.details.map((d) => `${d.path}: ${d.message}`).join(' · ') : '';
      setMessage({ kind: 'error', text: `${err instanceof Error ? err.message : t('errors.network')} ${details}`.trim() });
    }
  };

  const empty = t('fieldworkTools.reconcile.empty');
  return (
    <section className="card" aria-labelledby="reconcile-title">
      <h2 id="reconcile-title" ref={queueHeadingRef} tabIndex={-1}>
        {t('fieldworkTools.reconcile.title')}
      </h2>
      <FlashMessage message={message} />
      {queue && queue.length === 0 && <p className="muted">{t('fieldworkTools.reconcile.queueEmpty')}</p>}
      {queue && queue.length > 0 && (
        <table className="table">
          <caption>{t('fieldworkTools.reconcile.queueCaption', { count: queue.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fieldworkTools.reconcile.householdCol')}</th>
              <th scope="col">{t('fieldworkTools.district')}</th>
              <th scope="col">{t('fieldworkTools.reconcile.updated')}</th>
              <th scope="col">{t('fieldworkTools.reconcile.action')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((e) => (
              <tr key={e.householdId}>
                <th scope="row">{e.householdId}</th>
                <td>{e.district}</td>
                <td>{e.updatedAt.slice(0, 16).replace('T', ' ')}</td>
                <td>
                  <button type="button" className="button button--secondary" onClick={() => void open(e.householdId)}>
                    {t('fieldworkTools.reconcile.open', { id: e.householdId })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view && (
        <form className="form" onSubmit={(e) => void save(e)} aria-labelledby="reconcile-form-title">
          <h3 id="reconcile-form-title" ref={headingRef} tabIndex={-1}>
            {t('fieldworkTools.reconcile.formTitle', { id: view.householdId })}
          </h3>
          <table className="table">
            <caption>{t('fieldworkTools.reconcile.caption', { count: view.differences.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fieldworkTools.reconcile.question')}</th>
                <th scope="col">{t('fieldworkTools.reconcile.entry1')}</th>
                <th scope="col">{t('fieldworkTools.reconcile.entry2')}</th>
                <th scope="col">{t('fieldworkTools.reconcile.chosen')}</th>
              </tr>
            </thead>
            <tbody>
              {view.differences.map((name) => {
                const q = byName.get(name);
                const title = q ? `${name}: ${q.title[lang]}` : name;
                const value1 = shown(q, view.entry1[name], lang, empty);
                const value2 = shown(q, view.entry2?.[name], lang, empty);
                return (
                  <tr key={name}>
                    <th scope="row">{title}</th>
                    <td>{value1}</td>
                    <td>{value2}</td>
                    <td>
                      <fieldset className="fieldset--compact">
                        <legend>{t('fieldworkTools.reconcile.legend', { question: name })}</legend>
                        {(['entry1', 'entry2', 'corrected'] as const).map((choice) => (
                          <div key={choice}>
                            <input
                              type="radio"
                              id={`rc-${name}-${choice}`}
                              name={`rc-${name}`}
                              value={choice}
                              checked={choices[name] === choice}
                              onChange={() => setChoices({ ...choices, [name]: choice })}
                            />{' '}
                            <label htmlFor={`rc-${name}-${choice}`}>
                              {choice === 'entry1'
                                ? t('fieldworkTools.reconcile.takeEntry1', { value: value1 })
                                : choice === 'entry2'
                                  ? t('fieldworkTools.reconcile.takeEntry2', { value: value2 })
                                  : t('fieldworkTools.reconcile.correct')}
                            </label>
                          </div>
                        ))}
                        {choices[name] === 'corrected' && (
                          <div className="field field--compact">
                            <label htmlFor={`rc-${name}-value`}>{t('fieldworkTools.reconcile.correctValue', { question: name })}</label>
                            <input id={`rc-${name}-value`} value={corrections[name] ?? ''} onChange={(e) => setCorrections({ ...corrections, [name]: e.target.value })} />
                          </div>
                        )}
                      </fieldset>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p>
            <button type="submit" className="button button--primary">
              {t('fieldworkTools.reconcile.save')}
            </button>{' '}
            <button type="button" className="button button--secondary" onClick={() => void close(null)}>
              {t('fieldworkTools.reconcile.cancel')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
