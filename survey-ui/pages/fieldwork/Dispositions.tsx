import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, request } from '../../lib/api';
import { isWellFormedAccessCode } from '../../resident/checkCharacter';
import { TableScroll } from '../../components/TableScroll';
import './dispositions.css';
import './dispositionTexts';
import { FlashMessage, type Flash } from './FlashMessage';
import type { DispositionView } from '../../../api/collection/dispositionService';
import type { Disposition } from '../../../api/store/collectionTypes';

// The answers' shapes come from the API modules that produce them (`import type` is erased by the bundler).
type Kind = Disposition;
type RecordedDisposition = DispositionView;
const KINDS: readonly Kind[] = ['refused', 'unreachable', 'not_eligible'];

/**
 * "Rücklauf ohne Fragebogen erfassen": staff type the code from a returned letter or envelope,
 * pick what happened (radio buttons: arrow keys switch) and may add a short note.
 * After saving, the code field is empty and focused again, so a stack of envelopes is keyed
 * without the mouse. The list below shows the latest records, each with an undo button.
 */
export function Dispositions({ onChange }: { onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<Kind | null>(null);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<Flash | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [recent, setRecent] = useState<RecordedDisposition[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  const reload = useCallback(() => {
    api.get<{ dispositions: RecordedDisposition[] }>('/api/fieldwork/dispositions?limit=10').then(
      (r) => {
        setRecent(r.dispositions);
        setLoadFailed(false);
      },
      () => setLoadFailed(true),
    );
  }, []);
  useEffect(reload, [reload]);

  const short = (k: Kind) => t(`dispositions.short.${k}`);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!isWellFormedAccessCode(code)) {
      setCodeError(t('dispositions.codeTypo'));
      codeRef.current?.focus();
      return;
    }
    setCodeError(null);
    if (!kind) {
      setMessage({ kind: 'error', text: t('dispositions.chooseKind') });
      document.getElementById('disposition-kind-refused')?.focus();
      return;
    }
    try {
      const saved = await api.post<{ disposition: RecordedDisposition; before: RecordedDisposition | null }>('/api/fieldwork/dispositions', {
        code,
        disposition: kind,
        note: note.trim() === '' ? null : note,
      });
      const d = saved.disposition;
      setMessage({
        kind: 'success',
        text: saved.before
          ? t('dispositions.replaced', { id: d.householdId, before: short(saved.before.disposition), kind: short(d.disposition) })
          : t('dispositions.saved', { id: d.householdId, district: d.district ?? '–', kind: short(d.disposition) }),
      });
      setCode('');
      setNote('');
      codeRef.current?.focus();
      reload();
      onChange();
    } catch (err) {
      const details = err instanceof ApiError ? err.details.filter((x) => x.path !== 'note').map((x) => `${x.path}: ${x.message}`).join(' · ') : '';
      setMessage({ kind: 'error', text: err instanceof ApiError ? `${err.message}${details ? ` ${details}` : ''}` : t('errors.network') });
    }
  };

  const undo = async (d: RecordedDisposition) => {
    setMessage(null);
    try {
      await request('DELETE', `/api/fieldwork/dispositions/${encodeURIComponent(d.drawId)}/${encodeURIComponent(d.householdId)}`, {});
      setMessage({ kind: 'success', text: t('dispositions.undone', { id: d.householdId }) });
      reload();
      onChange();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('errors.network') });
    }
  };

  const time = (iso: string) => new Date(iso).toLocaleString(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'short', timeStyle: 'short' });

  return (
    <section className="card" aria-labelledby="dispositions-title">
      <h2 id="dispositions-title">{t('dispositions.title')}</h2>
      <p className="muted">{t('dispositions.intro')}</p>
      <form className="form" onSubmit={(e) => void save(e)} noValidate>
        <div className={codeError ? 'field field--invalid' : 'field'}>
          <label htmlFor="disposition-code">{t('dispositions.code')}</label>
          <p className="field__hint" id="disposition-code-hint">
            {t('dispositions.codeHint')}
          </p>
          <input
            id="disposition-code"
            ref={codeRef}
            className="input--code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? 'disposition-code-hint disposition-code-error' : 'disposition-code-hint'}
          />
          {codeError && (
            <p id="disposition-code-error" className="field__error" role="alert">
              {codeError}
            </p>
          )}
        </div>
        <fieldset className="fieldset--compact">
          <legend>{t('dispositions.kind')}</legend>
          {KINDS.map((k) => (
            <div className="disposition-choice" key={k}>
              <input type="radio" id={`disposition-kind-${k}`} name="disposition-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
              <label htmlFor={`disposition-kind-${k}`}>{t(`dispositions.kinds.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="disposition-note">{t('dispositions.note')}</label>
          <input id="disposition-note" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} autoComplete="off" />
        </div>
        <button type="submit" className="button button--primary">
          {t('dispositions.save')}
        </button>
      </form>
      <FlashMessage message={message} />
      {loadFailed && (
        <p role="alert" className="message message--error">
          {t('dispositions.loadFailed')}
        </p>
      )}
      {recent && recent.length === 0 && <p className="muted">{t('dispositions.recentEmpty')}</p>}
      {recent && recent.length > 0 && (
        <TableScroll labelledBy="dispositions-recent-caption">
          <table className="table">
            <caption id="dispositions-recent-caption">{t('dispositions.recentCaption', { count: recent.length })}</caption>
            <thead>
              <tr>
                {(['household', 'district', 'disposition', 'noteCol', 'by', 'at', 'action'] as const).map((k) => (
                  <th scope="col" key={k}>
                    {t(`dispositions.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {recent.map((d) => (
                <tr key={`${d.drawId}/${d.householdId}`}>
                  <th scope="row">{d.householdId}</th>
                  <td>{d.district ?? '–'}</td>
                  <td>{short(d.disposition)}</td>
                  <td>{d.note ?? ''}</td>
                  <td>{d.recordedByUsername ?? ''}</td>
                  <td>{time(d.recordedAt)}</td>
                  <td>
                    <button type="button" className="button button--secondary" onClick={() => void undo(d)}>
                      {t('dispositions.undo', { id: d.householdId })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
