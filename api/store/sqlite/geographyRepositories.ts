/**
 * SQLite repositories of area geometry and result publications (migration 009). The GeoJSON and the
 * published snapshot are stored as JSON text: written once, read whole.
 */
import type Database from 'better-sqlite3';
import { newId } from '../ids';
import {
  DuplicateKeyError,
  type AreaGeometryRepository,
  type AreaGeometryVersion,
  type AreaLevel,
  type ResultPublication,
  type ResultPublicationsRepository,
} from '../types';

type Runner = <T>(step: () => T) => Promise<T>;

interface GeometryRow {
  id: string;
  level: AreaLevel;
  version: number;
  geojson?: string;
  source_crs: string;
  schematic: number;
  imported_at: string;
  imported_by: string | null;
  file_name: string;
}

interface PublicationRow {
  id: string;
  draw_id: string;
  wave: number;
  geometry_id: string | null;
  snapshot: string;
  published_at: string;
  published_by: string | null;
  unpublished_at: string | null;
  unpublished_by: string | null;
}

const meta = (r: GeometryRow): Omit<AreaGeometryVersion, 'geojson'> => ({
  id: r.id,
  level: r.level,
  version: r.version,
  sourceCrs: r.source_crs,
  schematic: r.schematic === 1,
  importedAt: r.imported_at,
  importedBy: r.imported_by,
  fileName: r.file_name,
});
const toVersion = (r: GeometryRow): AreaGeometryVersion => ({ ...meta(r), geojson: JSON.parse(r.geojson!) as AreaGeometryVersion['geojson'] });

const toPublication = (r: PublicationRow): ResultPublication => ({
  id: r.id,
  drawId: r.draw_id,
  wave: r.wave,
  geometryId: r.geometry_id,
  snapshot: JSON.parse(r.snapshot) as Record<string, unknown>,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  unpublishedAt: r.unpublished_at,
  unpublishedBy: r.unpublished_by,
});

const META_COLUMNS = 'id, level, version, source_crs, schematic, imported_at, imported_by, file_name';
const ORDER = `ORDER BY CASE level WHEN 'district' THEN 0 ELSE 1 END, version DESC`;

export function geographyRepositories(db: Database.Database, run: Runner): { areaGeometry: AreaGeometryRepository; resultPublications: ResultPublicationsRepository } {
  const geometryById = (id: string) => db.prepare<[string], GeometryRow>('SELECT * FROM area_geometry WHERE id = ?').get(id);
  const publicationById = (id: string) => db.prepare<[string], PublicationRow>('SELECT * FROM result_publications WHERE id = ?').get(id);
  const areaGeometry: AreaGeometryRepository = {
    create: (entry) =>
      run(() => {
        const id = newId();
        try {
          db.prepare(
            `INSERT INTO area_geometry (id, level, version, geojson, source_crs, schematic, imported_at, imported_by, file_name)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(id, entry.level, entry.version, JSON.stringify(entry.geojson), entry.sourceCrs, entry.schematic ? 1 : 0, entry.importedAt ?? new Date().toISOString(), entry.importedBy, entry.fileName);
        } catch (err) {
          if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateKeyError('version');
          throw err;
        }
        return toVersion(geometryById(id)!);
      }),
    get: (id) =>
      run(() => {
        const row = geometryById(id);
        return row ? toVersion(row) : null;
      }),
    latest: (level) =>
      run(() => {
        const row = db.prepare<[string], GeometryRow>('SELECT * FROM area_geometry WHERE level = ? ORDER BY version DESC LIMIT 1').get(level);
        return row ? toVersion(row) : null;
      }),
    list: (level) =>
      run(() =>
        (level === undefined
          ? db.prepare<[], GeometryRow>(`SELECT ${META_COLUMNS} FROM area_geometry ${ORDER}`).all()
          : db.prepare<[string], GeometryRow>(`SELECT ${META_COLUMNS} FROM area_geometry WHERE level = ? ${ORDER}`).all(level)
        ).map(meta),
      ),
  };
  const resultPublications: ResultPublicationsRepository = {
    create: (entry) =>
      run(() => {
        const id = newId();
        try {
          db.prepare(
            `INSERT INTO result_publications (id, draw_id, wave, geometry_id, snapshot, published_at, published_by)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ).run(id, entry.drawId, entry.wave, entry.geometryId, JSON.stringify(entry.snapshot), entry.publishedAt ?? new Date().toISOString(), entry.publishedBy);
        } catch (err) {
          if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateKeyError('wave');
          throw err;
        }
        return toPublication(publicationById(id)!);
      }),
    get: (id) =>
      run(() => {
        const row = publicationById(id);
        return row ? toPublication(row) : null;
      }),
    listLive: () =>
      run(() =>
        db.prepare<[], PublicationRow>('SELECT * FROM result_publications WHERE unpublished_at IS NULL ORDER BY wave DESC').all().map(toPublication),
      ),
    list: () => run(() => db.prepare<[], PublicationRow>('SELECT * FROM result_publications ORDER BY published_at DESC, wave DESC').all().map(toPublication)),
    unpublish: (id, at, by) =>
      run(() => {
        const changed = db.prepare('UPDATE result_publications SET unpublished_at = ?, unpublished_by = ? WHERE id = ? AND unpublished_at IS NULL').run(at, by, id).changes;
        return changed === 1 ? toPublication(publicationById(id)!) : null;
      }),
  };
  return { areaGeometry, resultPublications };
}
