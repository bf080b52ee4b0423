import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll';
import { currentLanguage, i18n } from '../../i18n';
import { api, ApiError } from '../../lib/api';
import type { AreaLevel } from './types';

/**
 * Area boundaries (Gebietsgrenzen) for the maps: upload a GeoJSON file per level (WGS 84 or ETRS89/UTM 32N) as a
 * new version (`POST /api/geography/areas`) and the list of versions. A refused file shows every problem by
 * feature, and the names that did not match the frame in both directions. Texts under `analysis.boundaries.*`.
 */

interface GeometryVersion {
  id: string;
  level: AreaLevel;
  version: number;
  sourceCrs: string;
  schematic: boolean;
  importedAt: string;
  fileName: string;
}

interface Refusal {
  message: string;
  problems: { feature: number | null; name: string | null; reason: string }[];
  problemCount: number;
  notInFrame: string[];
  missingInFile: string[];
  duplicates: string[];
}

/** Largest file sent (the server refuses larger ones too). */
const MAX_FILE_BYTES = 1000 * 1024;

const de = {
  analysis: {
    boundaries: {
      title: 'Gebietsgrenzen für die Karten',
      intro: 'GeoJSON-Datei mit einem Polygon je Gebiet, wie sie das Geoportal veröffentlicht: WGS 84 (EPSG:4326) oder ETRS89/UTM 32N (EPSG:25832), höchstens 1000 KB. Die Namen müssen genau die Gebiete der Auswahlgrundlage sein. Jeder Import wird eine neue Version; die Karten zeigen die neueste.',
      level: 'Gebietsebene',
      levels: { district: 'Bezirke', subdistrict: 'Teilbezirke' },
      file: 'GeoJSON-Datei',
      nameProperty: 'Eigenschaft mit dem Gebietsnamen (leer: automatisch)',
      upload: 'Hochladen und prüfen',
      uploading: 'Die Datei wird geprüft …',
      tooLarge: 'Die Datei ist größer als 1000 KB.',
      chooseFile: 'Bitte eine Datei wählen.',
      stored: 'Version {{version}} ({{level}}) gespeichert: {{areas}} Gebiete aus {{crs}}.',
      notInFrame: 'Nicht in der Auswahlgrundlage: {{names}}',
      missingInFile: 'Fehlen in der Datei: {{names}}',
      duplicates: 'Mehrfach in der Datei: {{names}}',
      problemsCaption: 'Probleme der Datei ({{count}})',
      feature: 'Objekt',
      name: 'Name',
      reason: 'Problem',
      versionsCaption: 'Importierte Gebietsgrenzen',
      version: 'Version',
      crs: 'Koordinatensystem',
      fileName: 'Datei',
      importedAt: 'Importiert',
      schematic: 'schematisch (Demo)',
    },
  },
};

const en: typeof de = {
  analysis: {
    boundaries: {
      title: 'Area boundaries for the maps',
      intro: 'A GeoJSON file with one polygon per area, as the geoportal publishes it: WGS 84 (EPSG:4326) or ETRS89/UTM 32N (EPSG:25832), at most 1000 KB. The names must be exactly the areas of the frame. Every import becomes a new version; the maps show the newest.',
      level: 'Area level',
      levels: { district: 'Districts', subdistrict: 'Sub-districts' },
      file: 'GeoJSON file',
      nameProperty: 'Property holding the area name (empty: automatic)',
      upload: 'Upload and check',
      uploading: 'Checking the file …',
      tooLarge: 'The file is larger than 1000 KB.',
      chooseFile: 'Please choose a file.',
      stored: 'Version {{version}} ({{level}}) stored: {{areas}} areas from {{crs}}.',
      notInFrame: 'Not in the frame: {{names}}',
      missingInFile: 'Missing in the file: {{names}}',
      duplicates: 'More than once in the file: {{names}}',
      problemsCaption: 'Problems of the file ({{count}})',
      feature: 'Feature',
      name: 'Name',
      reason: 'Problem',
      versionsCaption: 'Imported boundary versions',
      version: 'Version',
      crs: 'Coordinate system',
      fileName: 'File',
      importedAt: 'Imported',
      schematic: 'schematic (demo)',
    },
  },
};

i18n.addResourceBundle('de', 'translation', de, true, true);
i18n.addResourceBundle('en', 'translation', en, true, true);


export function AreaBoundaries({ levels, onImported }: { levels: AreaLevel[]; onImported: () => void }) {
  const { t } = useTranslation();
  const [versions, setVersions] = useState<GeometryVersion[]>([]);
  const [level, setLevel] = useState<AreaLevel>('district');
  const [file, setFile] = useState<File | null>(null);
  const [nameProperty, setNameProperty] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const load = useCallback(async () => {
    setVersions((await api.get<{ versions: GeometryVersion[] }>('/api/geography/versions')).versions);
  }, []);
  useEffect(() => {
    load().catch(() => setVersions([]));
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    setRefusal(null);
    if (!file) return setMessage({ kind: 'error', text: t('analysis.boundaries.chooseFile') });
    if (file.size > MAX_FILE_BYTES) return setMessage({ kind: 'error', text: t('analysis.boundaries.tooLarge') });
    setBusy(true);
    try {
      const { version } = await api.post<{ version: GeometryVersion & { areas: number } }>('/api/geography/areas', { level, fileName: file.name, content: await file.text(), ...(nameProperty.trim() ? { nameProperty: nameProperty.trim() } : {}) });
      setMessage({ kind: 'ok', text: t('analysis.boundaries.stored', { version: version.version, level: t(`analysis.boundaries.levels.${version.level}`), areas: version.areas, crs: version.sourceCrs }) });
      await load();
      onImported();
    } catch (caught) {
      const problems = caught instanceof ApiError && Array.isArray(caught.body.problems) ? (caught.body as unknown as Omit<Refusal, 'message'>) : null;
      const text = caught instanceof ApiError && caught.message ? caught.message : String(caught);
      if (problems) setRefusal({ ...problems, message: text });
      else setMessage({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  };
  const when = (iso: string) => new Date(iso).toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section className="card" aria-labelledby="boundaries-title">
      <h2 id="boundaries-title">{t('analysis.boundaries.title')}</h2>
      <p>{t('analysis.boundaries.intro')}</p>
      <form onSubmit={submit} className="analysis-boundaries-form">
        {levels.length > 1 && (
          <div className="field">
            <label htmlFor="boundaries-level">{t('analysis.boundaries.level')}</label>
            <select id="boundaries-level" value={level} onChange={(e) => setLevel(e.target.value as AreaLevel)}>
              {levels.map((l) => (
                <option key={l} value={l}>
                  {t(`analysis.boundaries.levels.${l}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="boundaries-file">{t('analysis.boundaries.file')}</label>
          <input id="boundaries-file" type="file" accept=".geojson,.json,application/geo+json,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field">
          <label htmlFor="boundaries-name">{t('analysis.boundaries.nameProperty')}</label>
          <input id="boundaries-name" type="text" value={nameProperty} maxLength={80} onChange={(e) => setNameProperty(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('analysis.boundaries.upload')}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {busy && <p>{t('analysis.boundaries.uploading')}</p>}
        {message && <p className={message.kind === 'ok' ? 'message message--success' : 'message message--error'}>{message.text}</p>}
      </div>
      {refusal && (
        <div role="alert" className="message message--error">
          <p>{refusal.message}</p>
          {refusal.notInFrame.length > 0 && <p>{t('analysis.boundaries.notInFrame', { names: refusal.notInFrame.join(', ') })}</p>}
          {refusal.missingInFile.length > 0 && <p>{t('analysis.boundaries.missingInFile', { names: refusal.missingInFile.join(', ') })}</p>}
          {refusal.duplicates.length > 0 && <p>{t('analysis.boundaries.duplicates', { names: refusal.duplicates.join(', ') })}</p>}
          <TableScroll labelledBy="boundaries-problems-caption">
            <table>
              <caption id="boundaries-problems-caption">{t('analysis.boundaries.problemsCaption', { count: refusal.problemCount })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('analysis.boundaries.feature')}</th>
                  <th scope="col">{t('analysis.boundaries.name')}</th>
                  <th scope="col">{t('analysis.boundaries.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {refusal.problems.map((p, k) => (
                  <tr key={k}>
                    <td>{p.feature ?? '–'}</td>
                    <td>{p.name ?? '–'}</td>
                    <td>{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      )}
      {versions.length > 0 && (
        <TableScroll labelledBy="boundaries-versions-caption">
          <table>
            <caption id="boundaries-versions-caption">{t('analysis.boundaries.versionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('analysis.boundaries.level')}</th>
                <th scope="col">{t('analysis.boundaries.version')}</th>
                <th scope="col">{t('analysis.boundaries.crs')}</th>
                <th scope="col">{t('analysis.boundaries.fileName')}</th>
                <th scope="col">{t('analysis.boundaries.importedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td>{t(`analysis.boundaries.levels.${v.level}`)}</td>
                  <td>
                    {v.version}
                    {v.schematic ? ` – ${t('analysis.boundaries.schematic')}` : ''}
                  </td>
                  <td>{v.sourceCrs}</td>
                  <td>{v.fileName}</td>
                  <td>{when(v.importedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
