import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, downloadFile } from '../../lib/api';
import { saveBlob } from './samplingApi';

interface Progress {
  received: number;
  estimated: number;
  forms: number;
}

/**
 * Printed questionnaires of the selected draw: one merged PDF for the print shop in letter order, or
 * one household's PDF. Each household gets a random form reference on first print (the same on reprints).
 */
export function PaperForms({ drawId }: { drawId: string | null }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<'de' | 'en'>(i18n.resolvedLanguage === 'en' ? 'en' : 'de');
  const [largePrint, setLargePrint] = useState(false);
  const [householdId, setHouseholdId] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const print = async (single: boolean, event?: FormEvent) => {
    event?.preventDefault();
    if (!drawId || (single && householdId.trim() === '')) return;
    setBusy(true);
    setMessage({ ok: true, text: t('sampling.paperForms.working') });
    setProgress(null);
    try {
      const body = { lang, largePrint, ...(single ? { householdId: householdId.trim() } : {}) };
      const file = await downloadFile(`/api/sampling/draws/${drawId}/paper-forms`, body, (received, headers) => {
        setProgress({ received, estimated: Number(headers.get('X-Estimated-Bytes')) || received, forms: Number(headers.get('X-Form-Count')) || 0 });
      });
      const count = Number(file.headers.get('X-Form-Count')) || 0;
      const name = file.fileName ?? 'frageboegen.pdf';
      saveBlob(file.blob, name);
      setMessage({ ok: true, text: t('sampling.paperForms.done', { count, file: name }) });
    } catch (caught) {
      setMessage({ ok: false, text: caught instanceof ApiError ? caught.message : t('errors.network') });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const share = progress ? Math.min(0.99, progress.received / Math.max(1, progress.estimated)) : 0;
  return (
    <section className="card" aria-labelledby="paper-forms-title">
      <h2 id="paper-forms-title">{t('sampling.paperForms.title')}</h2>
      <p>{t('sampling.paperForms.intro')}</p>
      {!drawId ? (
        <p className="message message--empty">{t('sampling.letters.noDraw')}</p>
      ) : (
        <form className="form" onSubmit={(e) => print(false, e)}>
          <div className="field">
            <label htmlFor="paper-forms-language">{t('sampling.paperForms.language')}</label>
            <select id="paper-forms-language" value={lang} onChange={(e) => setLang(e.target.value as 'de' | 'en')}>
              <option value="de">Deutsch</option>
              <option value="en">English</option>
            </select>
          </div>
          <div className="field">
            <label>
              <input type="checkbox" checked={largePrint} onChange={(e) => setLargePrint(e.target.checked)} /> {t('sampling.paperForms.largePrint')}
            </label>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('sampling.paperForms.merged')}
            </button>
          </div>
          <div className="field">
            <label htmlFor="paper-forms-household">{t('sampling.paperForms.household')}</label>
            <p id="paper-forms-household-hint" className="field__hint">
              {t('sampling.paperForms.householdHint')}
            </p>
            <input id="paper-forms-household" value={householdId} aria-describedby="paper-forms-household-hint" onChange={(e) => setHouseholdId(e.target.value)} />
          </div>
          <div className="form__actions">
            <button type="button" className="button button--secondary" disabled={busy || householdId.trim() === ''} onClick={() => print(true)}>
              {t('sampling.paperForms.single')}
            </button>
          </div>
        </form>
      )}
      {busy && (
        <div role="status" className="paper-forms-progress">
          <progress aria-label={t('sampling.paperForms.progressLabel')} max={100} value={Math.round(share * 100)} />
          {progress && <p>{t('sampling.paperForms.progress', { done: Math.floor(share * progress.forms), count: progress.forms })}</p>}
        </div>
      )}
      {message && !busy && (
        <div className={message.ok ? 'message message--success' : 'message message--error'} role={message.ok ? 'status' : 'alert'}>
          <p>{message.text}</p>
        </div>
      )}
    </section>
  );
}
