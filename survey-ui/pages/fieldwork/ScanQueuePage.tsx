import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { ApiError, api, uploadFile } from '../../lib/api';
import { Link } from '../../lib/router';
import { FlashMessage, type Flash } from './FlashMessage';
import './scanTexts';

import type { ScanImportSummary, scanQueue, ScannedFormView as FormView, ScanReviewItem as Item } from '../../../api/paper/scanQueue';

type QueueRow = Awaited<ReturnType<typeof scanQueue>>[number];
interface ImportJob {
  id?: string;
  status: 'running' | 'done' | 'failed';
  pagesDone: number;
  summary: ScanImportSummary | null;
  error: string | null;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Upload of scan files with the reading progress, polled from the server. */
function ScanUpload({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [flash, setFlash] = useState<Flash | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setFlash(null);
    try {
      let current = (await uploadFile<{ import: ImportJob }>('/api/paper/scans', file, file.type || 'application/octet-stream')).import;
      const id = current.id!;
      setJob(current);
      while (current.status === 'running') {
        await new Promise((r) => setTimeout(r, 400));
        current = (await api.get<{ import: ImportJob }>(`/api/paper/scans/imports/${id}`)).import;
        setJob(current);
      }
      if (current.status === 'failed') setFlash({ kind: 'error', text: current.error ?? '' });
      onDone();
    } catch (e) {
      setFlash({ kind: 'error', text: errorText(e) });
    }
  };

  return (
    <section className="card" aria-labelledby="scan-upload-title">
      <h2 id="scan-upload-title">{t('scans.uploadTitle')}</h2>
      <p className="muted">{t('scans.uploadHelp')}</p>
      <form onSubmit={submit}>
        <label htmlFor="scan-file">{t('scans.file')}</label>
        <input id="scan-file" type="file" accept=".pdf,.tif,.tiff,.png,.jpg,.jpeg,application/pdf,image/tiff,image/png,image/jpeg" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <button type="submit" className="button" disabled={!file || job?.status === 'running'}>
          {t('scans.upload')}
        </button>
      </form>
      {job?.status === 'running' && (
        <p role="status">
          <progress aria-label={t('scans.reading', { pages: job.pagesDone })} /> {t('scans.reading', { pages: job.pagesDone })}
        </p>
      )}
      {job?.status === 'done' && job.summary && (
        <>
          <p role="status" className="message message--success">
            {t('scans.done', { read: job.summary.pagesRead, pages: job.summary.pages, forms: job.summary.forms.length })}
          </p>
          {job.summary.blackAndWhitePages > 0 && (
            <p role="note" className="message message--warning">
              {t('scans.blackAndWhite', { count: job.summary.blackAndWhitePages, read: job.summary.pagesRead })}
            </p>
          )}
          {job.summary.problems.length > 0 && (
            <details>
              <summary>
                {t('scans.problems')} ({job.summary.problems.length})
              </summary>
              <ul>
                {job.summary.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      <FlashMessage message={flash} />
    </section>
  );
}

/** One form, item by item: crop, machine reading, keys 1–9 / 0 / Enter / S. */
function VerifyForm({ formId, onClose }: { formId: string; onClose: (flash: Flash | null) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<FormView | null>(null);
  const [at, setAt] = useState(0);
  const [decisions, setDecisions] = useState<Record<number, string[]>>({});
  const [flash, setFlash] = useState<Flash | null>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api
      .get<{ form: FormView }>(`/api/paper/scans/${encodeURIComponent(formId)}`)
      .then(({ form }) => {
        setForm(form);
        setDecisions(Object.fromEntries(form.items.map((i) => [i.item, i.machine])));
      })
      .catch((e) => onClose({ kind: 'error', text: errorText(e) }));
  }, [formId, onClose]);

  useEffect(() => {
    panel.current?.focus();
  }, [at, form]);

  const save = useCallback(async () => {
    if (!form) return;
    try {
      const { verified } = await api.post<{ verified: { outcome: 'counted' | 'duplicate' } }>(`/api/paper/scans/${encodeURIComponent(formId)}/verify`, {
        revision: form.revision,
        decisions: Object.fromEntries(Object.entries(decisions).map(([k, v]) => [k, v])),
      });
      onClose({ kind: 'success', text: t(verified.outcome === 'counted' ? 'scans.verifiedCounted' : 'scans.verifiedDuplicate', { id: formId }) });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onClose({ kind: 'error', text: t('scans.conflict', { id: formId }) });
      else setFlash({ kind: 'error', text: errorText(e) });
    }
  }, [decisions, form, formId, onClose, t]);

  if (!form) return null;
  const items = form.items;
  const done = at >= items.length;
  const item = items[at];
  const chosen = item ? (decisions[item.item] ?? []) : [];
  const set = (values: string[]) => item && setDecisions((d) => ({ ...d, [item.item]: values }));
  const toggle = (value: string) => {
    if (!item) return;
    if (item.kind === 'multiple') set(chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value]);
    else set([value]);
  };
  const acceptPage = () => {
    if (!item) return;
    let next = at;
    while (next < items.length && items[next]!.page === item.page) next++;
    setAt(next);
  };

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'text') {
      if (event.key === 'Enter') {
        event.preventDefault();
        setAt(at + 1);
      }
      return;
    }
    if (done) return;
    if (/^[1-9]$/.test(event.key) && item && item.kind !== 'number') {
      const choice = item.choices[Number(event.key) - 1];
      if (choice) toggle(choice.value);
      event.preventDefault();
    } else if (event.key === '0') {
      set([]);
      event.preventDefault();
    } else if (event.key === 'Enter') {
      setAt(at + 1);
      event.preventDefault();
    } else if (event.key === 's' || event.key === 'S') {
      acceptPage();
      event.preventDefault();
    }
  };

  return (
    <section className="card" aria-labelledby="scan-form-title">
      <h2 id="scan-form-title">{t('scans.formTitle', { id: form.formId })}</h2>
      {!form.householdKnown && <p className="message message--error">{t('scans.unknownHousehold')}</p>}
      <p className="muted">{t('scans.keysHelp')}</p>
      <div ref={panel} tabIndex={-1} onKeyDown={onKey} className="scan-item" data-testid="scan-item">
        {!done && item ? (
          <>
            <h3>{t('scans.itemOf', { n: at + 1, count: items.length, page: item.page })}</h3>
            {item.hasCrop ? (
              <img src={`/api/paper/scans/${encodeURIComponent(form.formId)}/items/${item.item}/crop`} alt={t('scans.cropAlt', { title: item.title })} style={{ maxWidth: '100%', border: '1px solid #888' }} />
            ) : (
              <p className="muted">{t('scans.noCrop')}</p>
            )}
            <p>
              {item.machine.length > 0
                ? t('scans.machine', { value: item.machine.map((v) => item.choices.find((c) => c.value === v)?.label ?? v).join(', ') })
                : t('scans.machineNone')}{' '}
              ({t(`scans.reason.${item.reason}`, { defaultValue: item.reason })})
            </p>
            {item.kind === 'number' ? (
              <p>
                <label htmlFor={`scan-number-${item.item}`}>{t('scans.number', { title: item.title })}</label>{' '}
                <input id={`scan-number-${item.item}`} type="text" inputMode="numeric" value={chosen[0] ?? ''} onChange={(e) => set(e.target.value.trim() === '' ? [] : [e.target.value])} />
              </p>
            ) : (
              <fieldset>
                <legend>{t('scans.choices', { title: item.title })}</legend>
                {item.choices.map((c, i) => (
                  <label key={c.value} className="choice">
                    <input type={item.kind === 'multiple' ? 'checkbox' : 'radio'} name={`scan-choice-${item.item}`} checked={chosen.includes(c.value)} onChange={() => toggle(c.value)} />{' '}
                    {i < 9 ? `${i + 1} · ` : ''}
                    {c.label}
                  </label>
                ))}
                <label className="choice">
                  <input type={item.kind === 'multiple' ? 'checkbox' : 'radio'} name={`scan-choice-${item.item}`} checked={chosen.length === 0} onChange={() => set([])} /> 0 · {t('scans.none')}
                </label>
              </fieldset>
            )}
            <p>
              <button type="button" className="button" onClick={() => setAt(at + 1)}>
                {t('scans.accept')}
              </button>{' '}
              <button type="button" className="button button--secondary" onClick={acceptPage}>
                {t('scans.acceptPage')}
              </button>{' '}
              {at > 0 && (
                <button type="button" className="button button--secondary" onClick={() => setAt(at - 1)}>
                  {t('scans.back')}
                </button>
              )}
            </p>
          </>
        ) : (
          <>
            <p>{t('scans.summary', { count: items.length, accepted: form.accepted.length })}</p>
            <p>
              <button type="button" className="button" onClick={save} autoFocus>
                {t('scans.save')}
              </button>{' '}
              {items.length > 0 && (
                <button type="button" className="button button--secondary" onClick={() => setAt(items.length - 1)}>
                  {t('scans.back')}
                </button>
              )}
            </p>
          </>
        )}
      </div>
      <FlashMessage message={flash} />
      <p>
        <button type="button" className="button button--secondary" onClick={() => onClose(null)}>
          {t('scans.cancel')}
        </button>
      </p>
    </section>
  );
}

/** Erhebung → Gescannte Fragebögen: upload scans, then verify each form's uncertain items. */
export default function ScanQueuePage() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<QueueRow[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [flash, setFlash] = useState<Flash | null>(null);

  const load = useCallback(() => {
    api
      .get<{ forms: QueueRow[] }>('/api/paper/scans')
      .then(({ forms }) => setRows(forms))
      .catch(() => setFlash({ kind: 'error', text: t('scans.loadFailed') }));
  }, [t]);
  useEffect(load, [load]);

  const close = useCallback(
    (message: Flash | null) => {
      setOpen(null);
      setFlash(message);
      load();
    },
    [load],
  );

  return (
    <>
      <PageTitle>{t('scans.title')}</PageTitle>
      <p>
        <Link to="/erhebung">← {t('nav.fieldwork')}</Link>
      </p>
      <FlashMessage message={flash} />
      {open ? (
        <VerifyForm formId={open} onClose={close} />
      ) : (
        <>
          <ScanUpload onDone={load} />
          <section className="card" aria-labelledby="scan-queue-title">
            <h2 id="scan-queue-title">{t('scans.queueTitle')}</h2>
            {rows && rows.length === 0 && <p>{t('scans.queueEmpty')}</p>}
            {rows && rows.length > 0 && (
              <TableScroll labelledBy="scan-queue-caption">
                <table>
                  <caption id="scan-queue-caption">{t('scans.queueCaption', { count: rows.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('scans.formCol')}</th>
                      <th scope="col">{t('scans.pagesCol')}</th>
                      <th scope="col">{t('scans.missingCol')}</th>
                      <th scope="col">{t('scans.itemsCol')}</th>
                      <th scope="col">{t('scans.acceptedCol')}</th>
                      <th scope="col">{t('scans.action')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.formId}>
                        <td>
                          {r.formId}
                          {!r.householdKnown && <span className="muted"> ({t('scans.unknownHousehold')})</span>}
                        </td>
                        <td>{r.pagesRead}</td>
                        <td>{r.pagesMissing.join(', ')}</td>
                        <td>{r.reviewItems}</td>
                        <td>{r.acceptedAnswers}</td>
                        <td>
                          <button type="button" className="button button--secondary" onClick={() => setOpen(r.formId)}>
                            {t('scans.open', { id: r.formId })}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
        </>
      )}
    </>
  );
}
