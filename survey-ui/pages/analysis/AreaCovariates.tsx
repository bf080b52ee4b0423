import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, i18n } from '../../i18n';
import { api, ApiError } from '../../lib/api';
import type { AreaCovariateOverview as CovariateOverview, CovariateRefusal, CovariateRowError as RowProblem } from '../../../api/analysisWorkflow/areaCovariateImport';
import type { AreaLevel } from '../../../api/store/areaCovariateTypes';

/**
 * Area covariates (Gebietsmerkmale) of the frame the analysis uses: upload a CSV per level as a new
 * version (`POST /api/analysis/covariates`) and the list of versions (`GET`). A refused file shows
 * every problem by row and column, and the area names that did not match. Texts under
 * `analysis.areaCovariates.*`, German first; the heading is the page's.
 */

// The answers' shapes come from the API module that produces them (`import type` is erased by the bundler).
type CovariateVersion = CovariateOverview['versions'][number];
/** The body of a refused file: the message and the problems (api/analysisWorkflow/areaCovariateImport.ts). */
type Refusal = CovariateRefusal & { message: string };

/** Largest file sent (the server refuses larger ones too). */
const MAX_FILE_BYTES = 512 * 1024;

const de = {
  analysis: {
    areaCovariates: {
      intro:
        'Gebietsmerkmale sind Zahlen, die für jedes Gebiet bekannt sind, etwa der Anteil der Haushalte mit Grundsicherung. Die Modelle verwenden sie neben den Merkmalen, die aus der Auswahlgrundlage „{{frame}}“ berechnet werden. Jeder Import wird als neue Version gespeichert; die Modelle verwenden die neueste Version jeder Ebene.',
      formatHint:
        'CSV-Datei mit einer Zeile je Gebiet: in der ersten Spalte der Gebietsname wie in der Auswahlgrundlage, dann je Merkmal eine Spalte mit Zahlen. Semikolon und Dezimalkomma (Excel deutsch) oder Komma und Dezimalpunkt; UTF-8 oder Windows-1252. Höchstens 512 KB.',
      uploadTitle: 'Neue Version hochladen',
      level: 'Gebietsebene',
      levels: { district: 'Bezirke ({{n}})', subdistrict: 'Teilbezirke ({{n}})' },
      noSubdistricts: 'Teilbezirke (die Auswahlgrundlage hat keine)',
      file: 'CSV-Datei',
      upload: 'Hochladen und prüfen',
      uploading: 'Wird hochgeladen und geprüft …',
      expectedAreas: 'Erwartete Gebietsnamen ({{n}})',
      frameCovariates: 'Aus der Auswahlgrundlage berechnet (nicht erneut hochladen): {{names}}',
      chooseFile: 'Bitte wählen Sie eine CSV-Datei.',
      tooLarge: 'Die Datei ist zu groß (höchstens 512 KB).',
      stored_one: 'Gespeichert: Version {{version}} der {{level}} mit {{count}} Merkmal für {{areas}} Gebiete. Die Auswertung wird mit den neuen Werten berechnet.',
      stored_other: 'Gespeichert: Version {{version}} der {{level}} mit {{count}} Merkmalen für {{areas}} Gebiete. Die Auswertung wird mit den neuen Werten berechnet.',
      errorsCaption: 'Probleme in der Datei: {{shown}} von {{count}}',
      row: 'Zeile',
      column: 'Spalte',
      reason: 'Problem',
      noRow: '–',
      unknownAreas: 'Unbekannte Gebietsnamen: {{names}}',
      missingAreas: 'Fehlende Gebiete: {{names}}',
      versionsCaption: 'Importierte Versionen',
      none: 'Noch keine Gebietsmerkmale importiert.',
      levelColumn: 'Ebene',
      version: 'Version',
      covariates: 'Merkmale',
      areaCount: 'Gebiete',
      fileName: 'Datei',
      importedAt: 'Importiert',
      importedBy: 'Von',
      current: 'in Verwendung',
      system: 'Demo',
      levelName: { district: 'Bezirke', subdistrict: 'Teilbezirke' },
      loading: 'Gebietsmerkmale werden geladen …',
      loadFailed: 'Die Gebietsmerkmale konnten nicht geladen werden.',
      failed: 'Die Datei konnte nicht hochgeladen werden.',
    },
  },
};

const en: typeof de = {
  analysis: {
    areaCovariates: {
      intro:
        'Area characteristics are figures known for every area, such as the share of households receiving basic income support. The models use them besides the characteristics computed from the frame “{{frame}}”. Every import is stored as a new version; the models use the newest version of each level.',
      formatHint:
        'CSV file with one row per area: the area name as in the frame in the first column, then one column of numbers per characteristic. Semicolon and decimal comma (German Excel) or comma and decimal point; UTF-8 or Windows-1252. At most 512 KB.',
      uploadTitle: 'Upload a new version',
      level: 'Area level',
      levels: { district: 'Districts ({{n}})', subdistrict: 'Sub-districts ({{n}})' },
      noSubdistricts: 'Sub-districts (the frame has none)',
      file: 'CSV file',
      upload: 'Upload and check',
      uploading: 'Uploading and checking …',
      expectedAreas: 'Expected area names ({{n}})',
      frameCovariates: 'Computed from the frame (do not upload again): {{names}}',
      chooseFile: 'Please choose a CSV file.',
      tooLarge: 'The file is too large (512 KB at most).',
      stored_one: 'Stored: version {{version}} of the {{level}} with {{count}} characteristic for {{areas}} areas. The analysis is computed with the new values.',
      stored_other: 'Stored: version {{version}} of the {{level}} with {{count}} characteristics for {{areas}} areas. The analysis is computed with the new values.',
      errorsCaption: 'Problems in the file: {{shown}} of {{count}}',
      row: 'Row',
      column: 'Column',
      reason: 'Problem',
      noRow: '–',
      unknownAreas: 'Unknown area names: {{names}}',
      missingAreas: 'Missing areas: {{names}}',
      versionsCaption: 'Imported versions',
      none: 'No area characteristics imported yet.',
      levelColumn: 'Level',
      version: 'Version',
      covariates: 'Characteristics',
      areaCount: 'Areas',
      fileName: 'File',
      importedAt: 'Imported',
      importedBy: 'By',
      current: 'in use',
      system: 'demo',
      levelName: { district: 'districts', subdistrict: 'sub-districts' },
      loading: 'Loading the area characteristics …',
      loadFailed: 'The area characteristics could not be loaded.',
      failed: 'The file could not be uploaded.',
    },
  },
};

i18n.addResourceBundle('de', 'translation', de, true, true);
i18n.addResourceBundle('en', 'translation', en, true, true);

/** The file's bytes as base64 (the API takes the file inside JSON, so it sees the bytes and detects the encoding). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}


const formatDate = (iso: string, language: string) => new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });

export function AreaCovariates({ onImported }: { onImported?: () => void | Promise<void> }) {
  const { t, i18n: i18next } = useTranslation();
  const language = i18next.resolvedLanguage ?? currentLanguage();
  const fileRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const [overview, setOverview] = useState<CovariateOverview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [level, setLevel] = useState<AreaLevel>('district');
  const [busy, setBusy] = useState(false);
  const [stored, setStored] = useState<CovariateVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const load = useCallback(async () => {
    try {
      setOverview(await api.get<CovariateOverview>('/api/analysis/covariates'));
      setLoadError(null);
    } catch (caught) {
      setLoadError(caught instanceof ApiError && caught.message ? caught.message : t('analysis.areaCovariates.loadFailed'));
    }
  }, [t]);

  useEffect(() => {
    void load();
  }, [load]);

  const showResult = () => setTimeout(() => resultRef.current?.focus(), 0);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!overview) return;
    setStored(null);
    setError(null);
    setRefusal(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setError(t('analysis.areaCovariates.chooseFile'));
      return showResult();
    }
    if (file.size > MAX_FILE_BYTES) {
      setError(t('analysis.areaCovariates.tooLarge'));
      return showResult();
    }
    setBusy(true);
    try {
      const { version } = await api.post<{ version: CovariateVersion }>('/api/analysis/covariates', { frameId: overview.frame.id, level, fileName: file.name, content: await base64Of(file) });
      setStored(version);
      if (fileRef.current) fileRef.current.value = '';
      await load();
      await onImported?.();
    } catch (caught) {
      const message = caught instanceof ApiError && caught.message ? caught.message : t('analysis.areaCovariates.failed');
      const problems = caught instanceof ApiError && Array.isArray(caught.body.errors) ? (caught.body as unknown as Omit<Refusal, 'message'>) : null;
      if (problems) setRefusal({ message, ...problems });
      else setError(message);
    } finally {
      setBusy(false);
      showResult();
    }
  };

  if (loadError) {
    return (
      <div className="message message--error" role="alert">
        <p>{loadError}</p>
      </div>
    );
  }
  if (!overview) return <p role="status">{t('analysis.areaCovariates.loading')}</p>;

  const hasSubdistricts = overview.areas.subdistrict.length > 0;
  const newest = new Map<AreaLevel, number>();
  for (const v of overview.versions) newest.set(v.level, Math.max(newest.get(v.level) ?? 0, v.version));
  const expected = overview.areas[level];
  const frameNames = overview.frameCovariates[level];

  return (
    <div className="area-covariates">
      <p>{t('analysis.areaCovariates.intro', { frame: overview.frame.name })}</p>

      <form className="form" onSubmit={onSubmit} aria-labelledby="area-covariates-upload-title">
        <h3 id="area-covariates-upload-title">{t('analysis.areaCovariates.uploadTitle')}</h3>
        <div className="field">
          <label htmlFor="area-covariates-level">{t('analysis.areaCovariates.level')}</label>
          <select id="area-covariates-level" value={level} onChange={(e) => setLevel(e.target.value as AreaLevel)}>
            <option value="district">{t('analysis.areaCovariates.levels.district', { n: overview.areas.district.length })}</option>
            <option value="subdistrict" disabled={!hasSubdistricts}>
              {hasSubdistricts ? t('analysis.areaCovariates.levels.subdistrict', { n: overview.areas.subdistrict.length }) : t('analysis.areaCovariates.noSubdistricts')}
            </option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="area-covariates-file">{t('analysis.areaCovariates.file')}</label>
          <p id="area-covariates-file-hint" className="field__hint">
            {t('analysis.areaCovariates.formatHint')}
          </p>
          <input ref={fileRef} id="area-covariates-file" type="file" accept=".csv,text/csv" aria-describedby="area-covariates-file-hint" />
        </div>
        <details>
          <summary>{t('analysis.areaCovariates.expectedAreas', { n: expected.length })}</summary>
          <p>{expected.join(' · ')}</p>
          {frameNames.length > 0 && <p className="field__hint">{t('analysis.areaCovariates.frameCovariates', { names: frameNames.join(', ') })}</p>}
        </details>
        <button type="submit" className="button button--primary" disabled={busy} aria-describedby={busy ? 'area-covariates-busy' : undefined}>
          {busy ? t('analysis.areaCovariates.uploading') : t('analysis.areaCovariates.upload')}
        </button>
        {busy && (
          <span id="area-covariates-busy" className="visually-hidden" role="status">
            {t('analysis.areaCovariates.uploading')}
          </span>
        )}
      </form>

      <div ref={resultRef} tabIndex={-1}>
        {stored && (
          <div className="message message--success" role="status">
            <p>
              {t('analysis.areaCovariates.stored', {
                version: stored.version,
                level: t(`analysis.areaCovariates.levelName.${stored.level}`),
                count: stored.columns.length,
                areas: stored.rows.length,
              })}
            </p>
          </div>
        )}
        {error && (
          <div className="message message--error" role="alert">
            <p>{error}</p>
          </div>
        )}
        {refusal && (
          <>
            <div className="message message--error" role="alert">
              <p>{refusal.message}</p>
              {refusal.unknownAreas.length > 0 && <p>{t('analysis.areaCovariates.unknownAreas', { names: refusal.unknownAreas.join(', ') })}</p>}
              {refusal.missingAreas.length > 0 && <p>{t('analysis.areaCovariates.missingAreas', { names: refusal.missingAreas.join(', ') })}</p>}
            </div>
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="area-covariates-errors-caption">
              <table className="table table--compact">
                <caption id="area-covariates-errors-caption">{t('analysis.areaCovariates.errorsCaption', { shown: refusal.errors.length, count: refusal.errorCount })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('analysis.areaCovariates.row')}</th>
                    <th scope="col">{t('analysis.areaCovariates.column')}</th>
                    <th scope="col">{t('analysis.areaCovariates.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {refusal.errors.map((e, i) => (
                    <tr key={i}>
                      <td>{e.row ?? t('analysis.areaCovariates.noRow')}</td>
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

      {overview.versions.length === 0 ? (
        <p>{t('analysis.areaCovariates.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="area-covariates-versions-caption">
          <table className="table table--compact">
            <caption id="area-covariates-versions-caption">{t('analysis.areaCovariates.versionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('analysis.areaCovariates.levelColumn')}</th>
                <th scope="col">{t('analysis.areaCovariates.version')}</th>
                <th scope="col">{t('analysis.areaCovariates.covariates')}</th>
                <th scope="col">{t('analysis.areaCovariates.areaCount')}</th>
                <th scope="col">{t('analysis.areaCovariates.fileName')}</th>
                <th scope="col">{t('analysis.areaCovariates.importedAt')}</th>
                <th scope="col">{t('analysis.areaCovariates.importedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{t(`analysis.areaCovariates.levelName.${v.level}`)}</th>
                  <td>
                    {v.version}
                    {newest.get(v.level) === v.version && (
                      <>
                        {' '}
                        <span className="badge badge--on">{t('analysis.areaCovariates.current')}</span>
                      </>
                    )}
                  </td>
                  <td>{v.columns.join(', ')}</td>
                  <td>{v.rows.length}</td>
                  <td>{v.fileName}</td>
                  <td>{formatDate(v.importedAt, language)}</td>
                  <td>{v.importedByUsername ?? t('analysis.areaCovariates.system')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
