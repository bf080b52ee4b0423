/**
 * Import of area boundaries (districts or sub-districts) from a GeoJSON file as the geoportal publishes it:
 * WGS 84 (EPSG:4326) or ETRS89 / UTM 32N (EPSG:25832, reprojected with proj4), read from the file's `crs`
 * member or, without one, from the coordinates. Checked as a whole before anything is stored: every feature a
 * polygon with a name, rings closed and wound as RFC 7946 (analysis/maps normaliseAreaGeometry), and the names
 * matched against the frame's areas of the level in both directions (unknown names, areas without a boundary,
 * names twice). A file that passes becomes the level's next version, audited, with the frame's spelling of
 * every name; one that does not is refused (and the refusal audited) with nothing stored.
 */
import { detectCrs, matchAreaNames, normaliseAreaGeometry, reprojectToWgs84, type AreaFeatureCollectionLike, type SupportedCrs } from '../../analysis/maps';
import { recordAudit, type Actor } from '../audit/auditLog';
import { covariateFrame } from '../analysisWorkflow/areaCovariateImport';
import { frameCovariates } from '../analysisWorkflow/frameCovariates';
import { AppError, isAppError } from '../errors/appError';
import { render, type Language, type MessageKey } from '../errors/catalogue';
import { DuplicateKeyError, type AreaFeature, type AreaFeatureCollection, type AreaGeometryVersion, type AreaLevel, type Repositories, type Store } from '../store/types';

export interface GeometryUpload {
  level: AreaLevel;
  fileName: string;
  /** The file's text (GeoJSON is UTF-8, RFC 7946 §11). */
  text: string;
  /** Feature property holding the area name; default: the first of NAME_PROPERTIES the features have. */
  nameProperty?: string;
}

/** Property names geoportals use for an area's name, tried in this order. */
export const NAME_PROPERTIES = ['district', 'name', 'Name', 'NAME', 'bezirk', 'Bezirk', 'BEZIRK', 'bezeichnung', 'Bezeichnung', 'BEZEICHNUNG', 'stadtteil', 'Stadtteil', 'gen', 'GEN'] as const;

export interface GeometryProblemReport {
  /** 1-based feature in the file; null for an area of the frame that the file lacks. */
  feature: number | null;
  name: string | null;
  reason: string;
}

/** What the refusal (AppError `geography.refused`) adds to the error body. */
export interface GeometryRefusal {
  problems: GeometryProblemReport[];
  problemCount: number;
  /** Names in the file that are no area of the frame. */
  notInFrame: string[];
  /** Areas of the frame that the file has no boundary for. */
  missingInFile: string[];
  duplicates: string[];
}

export function geometryRefusal(err: unknown): GeometryRefusal | null {
  return isAppError(err, 'geography.refused') ? (err.body as unknown as GeometryRefusal) : null;
}

export interface CheckedGeometry {
  level: AreaLevel;
  fileName: string;
  sourceCrs: SupportedCrs;
  geojson: AreaFeatureCollection;
  frameId: string;
  closedRings: number;
  rewoundRings: number;
}

/** The frame's areas of a level with each sub-district's district. */
async function frameAreas(repos: Pick<Repositories, 'frames' | 'draws' | 'households'>, level: AreaLevel): Promise<{ frameId: string; areas: Map<string, string> }> {
  const frame = await covariateFrame(repos).catch((err: unknown) => {
    if (isAppError(err, 'covariates.noFrame')) throw new AppError('notFound', 'geography.noFrame');
    throw err;
  });
  if (level === 'district') return { frameId: frame.id, areas: new Map(frame.districts.map((d) => [d.district, d.district])) };
  const areas = frameCovariates(await repos.households.listByFrame(frame.id)).areas.filter((a) => a.level === 'subdistrict');
  if (areas.length === 0) throw new AppError('invalid', 'geography.noSubdistricts');
  return { frameId: frame.id, areas: new Map(areas.map((a) => [a.area, a.district])) };
}

/**
 * Reads and checks a boundary file; stores nothing.
 * @throws AppError invalid (`geography.notJson`, `geography.unsupportedCrs`, `geography.noSubdistricts`, or
 *   `geography.refused` with every problem, see geometryRefusal), notFound (`geography.noFrame`).
 */
export async function checkAreaGeometry(repos: Pick<Repositories, 'frames' | 'draws' | 'households'>, upload: GeometryUpload, lang: Language = 'de'): Promise<CheckedGeometry> {
  const { frameId, areas } = await frameAreas(repos, upload.level);
  let parsed: unknown;
  try {
    parsed = JSON.parse(upload.text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new AppError('invalid', 'geography.notJson', { reason: (err as Error).message });
  }
  const fc = parsed as AreaFeatureCollectionLike & { crs?: unknown };
  const isCollection = fc !== null && typeof fc === 'object' && fc.type === 'FeatureCollection' && Array.isArray(fc.features);
  let sourceCrs: SupportedCrs = 'EPSG:4326';
  if (isCollection) {
    const detected = detectCrs(fc);
    const named = (fc.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
    if (detected === null && typeof named === 'string') throw new AppError('invalid', 'geography.unsupportedCrs', { crs: named });
    // Coordinates that fit neither system are read as WGS 84, so the report names the positions out of range.
    sourceCrs = detected ?? 'EPSG:4326';
  }
  const firstProperties = isCollection ? ((fc.features[0] as { properties?: Record<string, unknown> } | undefined)?.properties ?? {}) : {};
  const nameProperty = upload.nameProperty ?? NAME_PROPERTIES.find((p) => typeof firstProperties[p] === 'string') ?? 'district';
  const normalised = normaliseAreaGeometry(isCollection ? reprojectToWgs84(fc, sourceCrs) : parsed, nameProperty);
  const problems: GeometryProblemReport[] = normalised.problems.map((p) => ({
    feature: p.feature === 0 ? null : p.feature,
    name: p.name,
    reason: render(`geography.problem.${p.code}` as MessageKey, p.params as never)[lang],
  }));
  // Names of every feature, also of those with a broken shape, so such an area is not reported missing too.
  const named = (isCollection ? (fc.features as { properties?: Record<string, unknown> | null }[]) : []).map((f, i) => {
    const value = f?.properties?.[nameProperty];
    return { feature: i + 1, name: typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '' };
  }).filter((f) => f.name !== '');
  const match = matchAreaNames(named.map((f) => f.name), [...areas.keys()]);
  for (const f of named) {
    if (!match.matched.has(f.name)) problems.push({ feature: f.feature, name: f.name, reason: render('geography.problem.notInFrame', { level: upload.level })[lang] });
  }
  for (const d of match.duplicates) problems.push({ feature: null, name: d, reason: render('geography.problem.duplicate', {})[lang] });
  for (const m of match.missingInFile) problems.push({ feature: null, name: m, reason: render('geography.problem.missingInFile', {})[lang] });
  if (problems.length > 0) {
    const body: GeometryRefusal = { problems: problems.slice(0, 200), problemCount: problems.length, notInFrame: match.notInFrame, missingInFile: match.missingInFile, duplicates: match.duplicates };
    throw new AppError('invalid', 'geography.refused', { count: problems.length, level: upload.level }, { body: { ...body } });
  }
  const features: AreaFeature[] = normalised.collection.features.map((f) => {
    const name = match.matched.get(f.properties.district)!;
    return {
      type: 'Feature',
      properties: upload.level === 'subdistrict' ? { district: name, parent: areas.get(name) ?? null } : { district: name },
      geometry: f.geometry as AreaFeature['geometry'],
    };
  });
  return {
    level: upload.level,
    fileName: upload.fileName,
    sourceCrs,
    geojson: { type: 'FeatureCollection', features },
    frameId,
    closedRings: normalised.closedRings,
    rewoundRings: normalised.rewoundRings,
  };
}

/** One line for the audit trail. */
export function geometrySummary(v: Pick<AreaGeometryVersion, 'level' | 'version' | 'sourceCrs' | 'fileName' | 'schematic'> & { geojson: { features: unknown[] } }): string {
  return `${v.level} v${v.version} · ${v.geojson.features.length} areas · ${v.sourceCrs}${v.schematic ? ' · schematic' : ''} · ${v.fileName}`;
}

/**
 * Stores checked boundaries as the level's next version and audits it; run inside a transaction.
 * @throws AppError conflict when another import took the version number at the same moment.
 */
export async function storeAreaGeometry(tx: Repositories, checked: CheckedGeometry & { schematic?: boolean }, actor: Actor): Promise<AreaGeometryVersion> {
  const latest = await tx.areaGeometry.latest(checked.level);
  let stored: AreaGeometryVersion;
  try {
    stored = await tx.areaGeometry.create({
      level: checked.level,
      version: (latest?.version ?? 0) + 1,
      // Drawn-up boundaries say so on every feature, wherever the file goes.
      geojson: checked.schematic ? { type: 'FeatureCollection', features: checked.geojson.features.map((f) => ({ ...f, properties: { ...f.properties, schematic: true } })) } : checked.geojson,
      sourceCrs: checked.sourceCrs,
      schematic: checked.schematic === true,
      importedBy: actor.id,
      fileName: checked.fileName,
    });
  } catch (err) {
    if (err instanceof DuplicateKeyError) throw new AppError('conflict', 'geography.versionTaken');
    throw err;
  }
  await recordAudit(tx.audit, actor, {
    action: 'geography.import',
    entityType: 'areaGeometry',
    entityId: stored.id,
    afterId: stored.id,
    afterSummary: geometrySummary(stored),
    details: { level: stored.level, version: stored.version, fileName: stored.fileName, sourceCrs: stored.sourceCrs, areas: stored.geojson.features.length, frameId: checked.frameId, closedRings: checked.closedRings, rewoundRings: checked.rewoundRings, schematic: stored.schematic },
  });
  return stored;
}

/** The upload as the route runs it: check, then store in one transaction; a refusal is audited and nothing stored. */
export async function importAreaGeometry(store: Store, upload: GeometryUpload, actor: Actor, lang: Language = 'de'): Promise<AreaGeometryVersion> {
  let checked: CheckedGeometry;
  try {
    checked = await checkAreaGeometry(store, upload, lang);
  } catch (err) {
    if (err instanceof AppError) {
      const refusal = geometryRefusal(err);
      await recordAudit(store.audit, actor, {
        action: 'geography.import.rejected',
        entityType: 'areaGeometry',
        details: { level: upload.level, fileName: upload.fileName, reason: err.key, problems: refusal?.problemCount ?? null, notInFrame: refusal?.notInFrame.length ?? null, missingInFile: refusal?.missingInFile.length ?? null },
      });
    }
    throw err;
  }
  return store.transaction((tx) => storeAreaGeometry(tx, checked, actor));
}
