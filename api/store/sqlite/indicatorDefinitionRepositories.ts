/**
 * SQLite repository of stored indicator definitions (migration 011). A version is written once and
 * read whole; the definition is kept as JSON.
 */
import type Database from 'better-sqlite3';
import { DuplicateKeyError, type IndicatorDefinitionsRepository, type StoredIndicatorDefinition } from '../types';

/** Runs a synchronous database step (queued on the root store, direct inside a transaction). */
export type IndicatorDefinitionRunner = <T>(step: () => T) => Promise<T>;

interface IndicatorDefinitionRow {
  indicator_id: string;
  version: number;
  position: number;
  definition: string;
  created_at: string;
  created_by: string | null;
  note: string | null;
}

const toStored = (r: IndicatorDefinitionRow): StoredIndicatorDefinition => ({
  indicatorId: r.indicator_id,
  version: r.version,
  position: r.position,
  definition: JSON.parse(r.definition) as StoredIndicatorDefinition['definition'],
  createdAt: r.created_at,
  createdBy: r.created_by,
  note: r.note,
});

export function indicatorDefinitionRepositories(db: Database.Database, run: IndicatorDefinitionRunner): { indicatorDefinitions: IndicatorDefinitionsRepository } {
  const one = (indicatorId: string, version: number) =>
    db.prepare<[string, number], IndicatorDefinitionRow>('SELECT * FROM indicator_definitions WHERE indicator_id = ? AND version = ?').get(indicatorId, version);
  const indicatorDefinitions: IndicatorDefinitionsRepository = {
    create: (entry) =>
      run(() => {
        if (entry.definition.id !== entry.indicatorId) throw new TypeError(`definition id '${entry.definition.id}' differs from indicator id '${entry.indicatorId}'`);
        try {
          db.prepare(
            `INSERT INTO indicator_definitions (indicator_id, version, position, definition, created_at, created_by, note)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ).run(entry.indicatorId, entry.version, entry.position, JSON.stringify(entry.definition), entry.createdAt ?? new Date().toISOString(), entry.createdBy, entry.note);
        } catch (err) {
          if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateKeyError('version');
          throw err;
        }
        return toStored(one(entry.indicatorId, entry.version)!);
      }),
    get: (indicatorId, version) =>
      run(() => {
        const row = one(indicatorId, version);
        return row ? toStored(row) : null;
      }),
    current: () =>
      run(() =>
        db
          .prepare<[], IndicatorDefinitionRow>(
            `SELECT d.* FROM indicator_definitions d
             JOIN (SELECT indicator_id, MAX(version) AS version FROM indicator_definitions GROUP BY indicator_id) newest
               ON newest.indicator_id = d.indicator_id AND newest.version = d.version
             ORDER BY d.position, d.indicator_id`,
          )
          .all()
          .map(toStored),
      ),
    versions: (indicatorId) =>
      run(() =>
        db.prepare<[string], IndicatorDefinitionRow>('SELECT * FROM indicator_definitions WHERE indicator_id = ? ORDER BY version DESC').all(indicatorId).map(toStored),
      ),
  };
  return { indicatorDefinitions };
}
