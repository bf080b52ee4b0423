import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api';
import { uploadFrameFile, type ImportProgress, type UploadPreview } from './samplingApi';

const REQUIRED = ['householdId', 'district', 'name', 'street', 'houseNumber', 'postcode', 'city'] as const;
const OPTIONAL = ['householdType', 'children', 'youngestChildAge', 'sortKey', 'subdistrict'] as const;
type Field = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/** Usual header names in German and English register exports, to preselect the mapping. */
const GUESSES: Record<Field, RegExp> = {
  householdId: /^(haushalt(s?nummer|_?id)?|household_?id|hh_?id|id)$/i,
  district: /^(bezirk|stadtbezirk|statistischer_?bezirk|district)$/i,
  name: /^(name|familienname|nachname|household_?name)$/i,
  street: /^(stra(ß|ss)e|street)$/i,
  houseNumber: /^(hausnummer|hausnr\.?|nr|house_?number)$/i,
  postcode: /^(plz|postleitzahl|postcode|zip)$/i,
  city: /^(ort|stadt|wohnort|city)$/i,
  householdType: /^(haushaltstyp|household_?type)$/i,
  children: /^(kinder|anzahl_?kinder|children)$/i,
  youngestChildAge: /^(alter_?j(ü|ue)ngstes_?kind|youngest_?child_?age)$/i,
  sortKey: /^(plz|postleitzahl|postcode)$/i,
  subdistrict: /^(sub_?district|ortsteil|statistischer_?bezirk|teilbezirk|gemeindeteil)$/i,
};

/**
 * Preselects a column per field by its header. "Statistischer Bezirk" names the district in some
 * exports and the finer area in others: it is taken as the sub-district only when another column
 * names the district.
 */
function guessMapping(columns: readonly string[]): Record<Field, string> {
  const mapping = {} as Record<Field, string>;
  const matching = (field: Field) => columns.filter((c) => GUESSES[field].test(c.trim()));
  for (const field of [...REQUIRED, ...OPTIONAL]) mapping[field] = matching(field)[0] ?? '';
  const districts = matching('district');
  mapping.district = districts.find((c) => !GUESSES.subdistrict.test(c.trim())) ?? districts[0] ?? '';
  mapping.subdistrict = matching('subdistrict').find((c) => c !== mapping.district) ?? '';
  return mapping;
}

/** Rows done in the current phase: read while checking, "written / total" while saving. */
function rowsDone(progress: ImportProgress): string {
  if (progress.state === 'writing' && progress.rowsTotal !== null) return `${progress.rowsWritten.toLocaleString()} / ${progress.rowsTotal.toLocaleString()}`;
  return progress.rowsRead.toLocaleString();
}

export function FrameImport({ onImported }: { onImported: (frameId: string) => void }) {
  const { t } = useTranslation();
  const fileRef = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<UploadPreview | null>(null);
  const [mapping, setMapping] = useState<Record<Field, string>>(guessMapping([]));
  const [name, setName] = useState('');
  const [districts, setDistricts] = useState('');
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  const fail = (caught: unknown) => {
    setError(caught instanceof ApiError ? caught.message : t('errors.network'));
    if (caught instanceof ApiError) setFieldErrors(Object.fromEntries(caught.details.map((d) => [d.path.replace(/^mapping\./, ''), d.message])));
  };

  const onUpload = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setProgress(null);
    setPreview(null);
    try {
      const uploaded = await uploadFrameFile(file);
      setPreview(uploaded);
      setMapping(guessMapping(uploaded.columns));
      setName(uploaded.fileName.replace(/\.csv$/i, ''));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const onStart = async (event: FormEvent) => {
    event.preventDefault();
    if (!preview) return;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const body = {
        uploadId: preview.id,
        name: name.trim() || undefined,
        mapping: Object.fromEntries(Object.entries(mapping).filter(([, column]) => column !== '')),
        districts: districts.trim() ? districts.split('\n').map((d) => d.trim()).filter(Boolean) : undefined,
      };
      const { import: started } = await api.post<{ import: ImportProgress }>('/api/sampling/imports', body);
      setProgress(started);
    } catch (caught) {
      fail(caught);
      setBusy(false);
    }
  };

  // Polls the running import; stops when it has ended.
  useEffect(() => {
    if (!progress || !['validating', 'writing'].includes(progress.state)) return;
    const timer = setTimeout(async () => {
      try {
        const { import: next } = await api.get<{ import: ImportProgress }>(`/api/sampling/imports/${progress.id}`);
        setProgress(next);
        if (!['validating', 'writing'].includes(next.state)) {
          setBusy(false);
          setPreview(null);
          if (fileRef.current) fileRef.current.value = '';
          if (next.state === 'done' && next.frameId) onImported(next.frameId);
          setTimeout(() => resultRef.current?.focus(), 0);
        }
      } catch (caught) {
        fail(caught);
        setBusy(false);
      }
    }, 250);
    return () => clearTimeout(timer);
  });

  const running = progress && ['validating', 'writing'].includes(progress.state);
  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">{t('sampling.import.title')}</h2>
      <form className="form" onSubmit={onUpload}>
        <div className="field">
          <label htmlFor="frame-file">{t('sampling.import.file')}</label>
          <p id="frame-file-hint" className="field__hint">
            {t('sampling.import.fileHint')}
          </p>
          <input ref={fileRef} id="frame-file" type="file" accept=".csv,text/csv" aria-describedby="frame-file-hint" />
        </div>
        <button type="submit" className="button button--secondary" disabled={busy}>
          {busy && !preview && !progress ? t('sampling.import.uploading') : t('sampling.import.upload')}
        </button>
      </form>

      {error && (
        <div className="message message--error" role="alert">
          <p>{error}</p>
        </div>
      )}

      {preview && (
        <form className="form" onSubmit={onStart}>
          <p role="status">{t('sampling.import.detected', { rows: preview.columns.length, delimiter: preview.delimiter, encoding: preview.encoding === 'utf-8' ? (preview.bom ? 'UTF-8 (BOM)' : 'UTF-8') : 'Windows-1252' })}</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('sampling.import.previewCaption', { file: preview.fileName })}>
            <table className="table table--compact">
              <caption>{t('sampling.import.previewCaption', { file: preview.fileName })}</caption>
              <thead>
                <tr>
                  {preview.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.previewRows.map((row, i) => (
                  <tr key={i}>
                    {preview.columns.map((c, j) => (
                      <td key={c}>{row[j] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <fieldset className="form--grid">
            <legend>{t('sampling.import.mappingTitle')}</legend>
            <p className="form__full field__hint">{t('sampling.import.mappingHint')}</p>
            {[...REQUIRED, ...OPTIONAL].map((field) => {
              const required = (REQUIRED as readonly string[]).includes(field);
              const id = `map-${field}`;
              const fieldError = fieldErrors[field];
              return (
                <div key={field} className={fieldError ? 'field field--invalid' : 'field'}>
                  <label htmlFor={id}>
                    {t(`sampling.import.fields.${field}`)} {required && <span className="muted">{t('sampling.import.required')}</span>}
                  </label>
                  {fieldError && (
                    <p id={`${id}-error`} className="field__error">
                      {fieldError}
                    </p>
                  )}
                  <select
                    id={id}
                    value={mapping[field]}
                    required={required}
                    aria-invalid={fieldError ? true : undefined}
                    aria-describedby={fieldError ? `${id}-error` : undefined}
                    onChange={(e) => setMapping((m) => ({ ...m, [field]: e.target.value }))}
                  >
                    <option value="">{t('sampling.import.notMapped')}</option>
                    {preview.columns.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </fieldset>
          <div className="field">
            <label htmlFor="frame-name">{t('sampling.import.name')}</label>
            <input id="frame-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="frame-districts">{t('sampling.import.districts')}</label>
            <p id="frame-districts-hint" className="field__hint">
              {t('sampling.import.districtsHint')}
            </p>
            <textarea id="frame-districts" rows={3} value={districts} aria-describedby="frame-districts-hint" onChange={(e) => setDistricts(e.target.value)} />
          </div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('sampling.import.start')}
          </button>
        </form>
      )}

      {progress && (
        <div className="import-progress">
          <p id="import-phase">{t(`sampling.import.phase.${progress.state}`)}</p>
          <div
            role="progressbar"
            aria-label={t('sampling.import.progressLabel')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress.percent}
            aria-valuetext={`${progress.percent} % – ${t('sampling.import.rowsRead', { rows: rowsDone(progress) })}`}
            className="progress"
          >
            <div className="progress__bar" style={{ width: `${progress.percent}%` }} />
          </div>
          <p className="muted">
            {progress.percent} % · {t('sampling.import.rowsRead', { rows: rowsDone(progress) })}
          </p>
        </div>
      )}

      <div ref={resultRef} tabIndex={-1}>
        {progress?.state === 'done' && (
          <div className="message message--success" role="status">
            <p>{t('sampling.import.done', { name: name || progress.frameId, rows: progress.rowsRead })}</p>
          </div>
        )}
        {progress?.state === 'failed' && (
          <div className="message message--error" role="alert">
            <p>{progress.message}</p>
          </div>
        )}
        {progress?.state === 'rejected' && !running && (
          <>
            <div className="message message--error" role="alert">
              <p>{t('sampling.import.rejected', { count: progress.errorCount })}</p>
            </div>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('sampling.import.errorsCaption', { shown: progress.errors.length, count: progress.errorCount })}>
              <table className="table table--compact">
                <caption>{t('sampling.import.errorsCaption', { shown: progress.errors.length, count: progress.errorCount })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sampling.import.row')}</th>
                    <th scope="col">{t('sampling.import.column')}</th>
                    <th scope="col">{t('sampling.import.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {progress.errors.map((e, i) => (
                    <tr key={i}>
                      <td>{e.row}</td>
                      <td>{e.column}</td>
                      <td>{e.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </section>
  );
}
