/**
 * SQLite repository of imported area covariates (migration 007). Columns and rows are stored as
 * JSON: a version is written once and read whole.
 */
import type Database from 'better-sqlite3';
import { newId } from '../ids';
import { DuplicateKeyError, type AreaCovariateImport, type AreaCovariatesRepository, type AreaLevel } from '../types';

/** Runs a synchronous database step (queued on the root store, direct inside a transaction). */
export type AreaCovariateRunner = <T>(step: () => T) => Promise<T>;

interface AreaCovariateDbRow {
  id: string;
  frame_id: string;
  level: AreaLevel;
  version: number;
  columns: string;
  rows: string;
  imported_at: string;
  imported_by: string | null;
  file_name: string;
}

const toImport = (r: AreaCovariateDbRow): AreaCovariateImport => ({
  id: r.id,
  frameId: r.frame_id,
  level: r.level,
  version: r.version,
  columns: JSON.parse(r.columns) as string[],
  rows: JSON.parse(r.rows) as AreaCovariateImport['rows'],
  importedAt: r.imported_at,
  importedBy: r.imported_by,
  fileName: r.file_name,
});

// District level first, newest version first.
const ORDER = `ORDER BY CASE level WHEN 'district' THEN 0 ELSE 1 END, version DESC`;

export function areaCovariateRepositories(db: Database.Database, run: AreaCovariateRunner): { areaCovariates: AreaCovariatesRepository } {
  const byId = (id: string) => db.prepare<[string], AreaCovariateDbRow>('SELECT * FROM area_covariates WHERE id = ?').get(id);
  const areaCovariates: AreaCovariatesRepository = {
    create: (entry) =>
      run(() => {
        const id = newId();
        try {
          db.prepare(
            `INSERT INTO area_covariates (id, frame_id, level, version, columns, rows, imported_at, imported_by, file_name)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            id,
            entry.frameId,
            entry.level,
            entry.version,
            JSON.stringify(entry.columns),
            JSON.stringify(entry.rows.map((r) => ({ area: r.area, values: r.values }))),
            entry.importedAt ?? new Date().toISOString(),
            entry.importedBy,
            entry.fileName,
          );
        } catch (err) {
          if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateKeyError('version');
          throw err;
        }
        return toImport(byId(id)!);
      }),
    get: (id) =>
      run(() => {
        const row = byId(id);
        return row ? toImport(row) : null;
      }),
    latest: (frameId, level) =>
      run(() => {
        const row = db
          .prepare<[string, string], AreaCovariateDbRow>('SELECT * FROM area_covariates WHERE frame_id = ? AND level = ? ORDER BY version DESC LIMIT 1')
          .get(frameId, level);
        return row ? toImport(row) : null;
      }),
    list: (frameId, level) =>
      run(() =>
        (level === undefined
          ? db.prepare<[string], AreaCovariateDbRow>(`SELECT * FROM area_covariates WHERE frame_id = ? ${ORDER}`).all(frameId)
          : db.prepare<[string, string], AreaCovariateDbRow>(`SELECT * FROM area_covariates WHERE frame_id = ? AND level = ? ${ORDER}`).all(frameId, level)
        ).map(toImport),
      ),
  };
  return { areaCovariates };
}
