import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll';
import { api, ApiError } from '../../lib/api';
import { downloadLetters, saveBlob, type DrawView, type Frame, type LetterTemplate } from './samplingApi';

const dateTime = (iso: string) => new Date(iso).toLocaleString();

/** Draws of the frame; one is selected for letters. */
export function DrawsList({ draws, selected, onSelect }: { draws: DrawView[]; selected: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="draws-title">
      <h2 id="draws-title">{t('sampling.draws.title')}</h2>
      {draws.length === 0 ? (
        <p className="message message--empty">{t('sampling.draws.empty')}</p>
      ) : (
        <TableScroll labelledBy="draws-caption">
          <table className="table table--compact">
            <caption id="draws-caption">{t('sampling.draws.caption')}</caption>
            <thead>
              <tr>
                {(['createdAt', 'method', 'seed', 'invited', 'reserve', 'released', 'select'] as const).map((c) => (
                  <th key={c} scope="col">
                    {t(`sampling.draws.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {draws.map((d) => (
                <tr key={d.id} data-draw-id={d.id}>
                  <td>{dateTime(d.createdAt)}</td>
                  <td>{t(`sampling.draw.methods.${d.method}`)}</td>
                  <td className="num">{d.seed}</td>
                  <td className="num">{d.counts.invited}</td>
                  <td className="num">{d.counts.reserve}</td>
                  <td className="num">{d.counts.released}</td>
                  <td>
                    {selected === d.id ? (
                      <span className="badge badge--on">{t('sampling.draws.selected')}</span>
                    ) : (
                      <button type="button" className="button button--secondary button--small" aria-label={t('sampling.draws.selectFor', { date: dateTime(d.createdAt) })} onClick={() => onSelect(d.id)}>
                        {t('sampling.draws.select')}
                      </button>
                    )}
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

/** Editable letter text and the downloads that issue the codes. */
export function Letters({ drawId, onIssued }: { drawId: string | null; onIssued: () => void }) {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<'de' | 'en'>(i18n.resolvedLanguage === 'en' ? 'en' : 'de');
  const [template, setTemplate] = useState<LetterTemplate | null>(null);
  const [reissue, setReissue] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    api
      .get<{ template: LetterTemplate }>(`/api/sampling/letter-template?language=${language}`)
      .then((r) => setTemplate(r.template))
      // Without a template the downloads stay unavailable.
      .catch(() => undefined);
  }, [language]);

  const set = (name: keyof LetterTemplate, value: string) => setTemplate((tpl) => (tpl ? { ...tpl, [name]: value } : tpl));

  const download = async (format: 'pdf' | 'csv', event?: FormEvent) => {
    event?.preventDefault();
    if (!drawId || !template) return;
    setBusy(true);
    setMessage({ ok: true, text: t('sampling.letters.working') });
    try {
      const file = await downloadLetters(`/api/sampling/draws/${drawId}/letters`, { format, reissue, template });
      saveBlob(file.blob, file.fileName);
      setMessage({ ok: true, text: t('sampling.letters.done', { count: file.count, file: file.fileName }) });
      setReissue(false);
      onIssued();
    } catch (caught) {
      setMessage({ ok: false, text: caught instanceof ApiError ? caught.message : t('errors.network') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="letters-title">
      <h2 id="letters-title">{t('sampling.letters.title')}</h2>
      <p>{t('sampling.letters.intro')}</p>
      {!drawId ? (
        <p className="message message--empty">{t('sampling.letters.noDraw')}</p>
      ) : (
        template && (
          <form className="form" onSubmit={(e) => download('pdf', e)}>
            <div className="field">
              <label htmlFor="letter-language">{t('sampling.letters.language')}</label>
              <select id="letter-language" value={language} onChange={(e) => setLanguage(e.target.value as 'de' | 'en')}>
                <option value="de">Deutsch</option>
                <option value="en">English</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="letter-subject">{t('sampling.letters.subject')}</label>
              <input id="letter-subject" value={template.subject} onChange={(e) => set('subject', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="letter-body">{t('sampling.letters.body')}</label>
              <p id="letter-body-hint" className="field__hint">
                {t('sampling.letters.bodyHint', { code: '{{code}}', url: '{{url}}', deadline: '{{deadline}}', codeBox: '{{codeBox}}' })}
              </p>
              <textarea id="letter-body" className="letter-body" value={template.body} aria-describedby="letter-body-hint" onChange={(e) => set('body', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="letter-signature">{t('sampling.letters.signature')}</label>
              <textarea id="letter-signature" rows={3} value={template.signature} onChange={(e) => set('signature', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="letter-deadline">{t('sampling.letters.deadline')}</label>
              <input id="letter-deadline" value={template.deadline} onChange={(e) => set('deadline', e.target.value)} />
            </div>
            <div className="field">
              <label>
                <input type="checkbox" checked={reissue} onChange={(e) => setReissue(e.target.checked)} /> {t('sampling.letters.reissue')}
              </label>
            </div>
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={busy}>
                {t('sampling.letters.pdf')}
              </button>
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => download('csv')}>
                {t('sampling.letters.csv')}
              </button>
            </div>
          </form>
        )
      )}
      {message && (
        <div className={message.ok ? 'message message--success' : 'message message--error'} role={message.ok ? 'status' : 'alert'}>
          <p>{message.text}</p>
        </div>
      )}
    </section>
  );
}

/** Admin only: deletes the frame's contact rows after fieldwork. */
export function PurgeContacts({ frame, onPurged }: { frame: Frame; onPurged: () => void }) {
  const { t } = useTranslation();
  const [confirmed, setConfirmed] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await api.post<{ removed: number }>(`/api/sampling/frames/${frame.id}/purge-contacts`, { confirm: true });
      setMessage({ ok: true, text: t('sampling.purge.done', { count: result.removed }) });
      setConfirmed(false);
      onPurged();
    } catch (caught) {
      setMessage({ ok: false, text: caught instanceof ApiError ? caught.message : t('errors.network') });
    }
  };
  return (
    <section className="card" aria-labelledby="purge-title">
      <h2 id="purge-title">{t('sampling.purge.title')}</h2>
      <p>{t('sampling.purge.intro')}</p>
      <form className="form" onSubmit={onSubmit}>
        <div className="field">
          <label>
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {t('sampling.purge.confirm')}
          </label>
        </div>
        <button type="submit" className="button button--secondary" disabled={!confirmed || frame.contactsPurgedAt !== null}>
          {t('sampling.purge.submit')}
        </button>
      </form>
      {message && (
        <div className={message.ok ? 'message message--success' : 'message message--error'} role={message.ok ? 'status' : 'alert'}>
          <p>{message.text}</p>
        </div>
      )}
    </section>
  );
}
