/**
 * SQLite side of backup and restore (StoreBackup of ../backupTypes.ts).
 *
 * Backup uses SQLite's online backup API (better-sqlite3 `db.backup`) on a connection of its own.
 * All pages are copied in one step, so the copy is the database as of one read transaction: in WAL
 * mode the servers keep writing meanwhile, and every write committed before that moment is in it.
 * (Copying in small steps would restart from scratch whenever another process commits, and might
 * never finish under steady load.) A plain file copy is not used: it can catch the main file and
 * the WAL at different moments.
 *
 * Restore never writes into the live file piece by piece:
 * - no store yet: the verified, migrated copy is renamed into place (atomic on one file system);
 * - a store exists (empty, or non-empty with --force): one IMMEDIATE transaction on the store
 *   replaces its schema and rows with the backup's, so other connections see either the old or the
 *   new store and a failure rolls everything back.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { BackupRejectedError, type StoreBackup } from '../backupTypes';
import { SHIPPED_QUESTIONNAIRES } from '../shippedQuestionnaires';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqliteStore';

/** Tables that exist in every store, even a freshly migrated one without data. */
const BOOKKEEPING_TABLES = new Set(['schema_migrations', 'meta']);
/** Rows a freshly migrated store has already: the shipped questionnaire versions (migration 008). */
const MIGRATED_ROWS: Readonly<Record<string, number>> = { questionnaire_versions: SHIPPED_QUESTIONNAIRES.length };

export interface SqliteSnapshot {
  schemaVersion: number;
  migrations: string[];
  counts: Record<string, number>;
}

export const sqlitePath = (dataDir: string) => join(dataDir, SQLITE_FILE_NAME);

function userTables(db: Database.Database, schema = 'main'): string[] {
  return (db.prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows per table (every table but SQLite's own). */
export function tableCounts(db: Database.Database, schema = 'main'): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of userTables(db, schema)) counts[t] = (db.prepare(`SELECT COUNT(*) AS n FROM ${schema}.${quote(t)}`).get() as { n: number }).n;
  return counts;
}

function appliedMigrations(db: Database.Database): string[] {
  if (!userTables(db).includes('schema_migrations')) return [];
  return (db.prepare('SELECT name FROM schema_migrations ORDER BY version').all() as { name: string }[]).map((r) => r.name);
}

/** Tables other than the bookkeeping ones that hold rows: what makes a store "not empty". */
export function nonEmptyTables(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([t, n]) => n > (MIGRATED_ROWS[t] ?? 0) && !BOOKKEEPING_TABLES.has(t)));
}

/**
 * Copies the store in `dataDir` to `payloadPath` with the online backup API while it stays in use.
 * @throws Error when the data directory holds no store.
 */
export async function snapshotSqlite(dataDir: string, payloadPath: string): Promise<SqliteSnapshot> {
  const source = sqlitePath(dataDir);
  if (!existsSync(source)) throw new Error(`no SQLite store in '${dataDir}' (${SQLITE_FILE_NAME} does not exist)`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    // Returning the page limit from the progress callback copies everything in the next step.
    await db.backup(payloadPath, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new Database(payloadPath, { fileMustExist: true });
  try {
    const migrations = appliedMigrations(copy);
    return { schemaVersion: migrations.length === 0 ? 0 : Number(migrations[migrations.length - 1]!.slice(0, 3)), migrations, counts: tableCounts(copy) };
  } finally {
    copy.close();
  }
}

export interface SqliteRestoreResult {
  /** Migrations applied to the backup because it came from an older schema. */
  migrated: string[];
  counts: Record<string, number>;
  method: 'rename' | 'transaction';
}

/** What is in the target store now: null when there is no store file (or it has no tables). */
export function inspectSqliteTarget(dataDir: string): Record<string, number> | null {
  const target = sqlitePath(dataDir);
  if (!existsSync(target)) return null;
  const db = new Database(target, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const tables = userTables(db);
    return tables.length === 0 ? null : tableCounts(db);
  } finally {
    db.close();
  }
}

/** Refuses a backup whose database SQLite itself finds inconsistent. */
function checkIntegrity(path: string): void {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (err) {
    throw new BackupRejectedError(`the database inside the backup cannot be opened: ${(err as Error).message}`);
  }
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((x) => x !== 'ok');
    if (problems.length > 0) throw new BackupRejectedError(`the database inside the backup fails SQLite's integrity check: ${problems.slice(0, 3).join('; ')}`);
  } catch (err) {
    if (err instanceof BackupRejectedError) throw err;
    throw new BackupRejectedError(`the database inside the backup is not a valid SQLite database: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * Restores a verified plain payload (a SQLite file inside `dataDir`, which this function consumes).
 * The caller has already decided that replacing the target is allowed (empty, or forced).
 */
export async function restoreSqlite(payloadPath: string, dataDir: string): Promise<SqliteRestoreResult> {
  checkIntegrity(payloadPath);
  // Migrate the copy before it becomes the store, so no process ever sees the old schema.
  const staged = openSqliteStore({ dataDir: dirname(payloadPath), fileName: basename(payloadPath) });
  let migrated: string[];
  try {
    migrated = await staged.migrate();
  } finally {
    await staged.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(payloadPath + suffix, { force: true });

  const target = sqlitePath(dataDir);
  if (inspectSqliteTarget(dataDir) === null) {
    // A WAL or shared-memory file without its database would be replayed into the restored one.
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true });
    renameSync(payloadPath, target);
    const db = new Database(target, { fileMustExist: true });
    try {
      return { migrated, counts: tableCounts(db), method: 'rename' };
    } finally {
      db.close();
    }
  }

  const db = new Database(target, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 30000');
    // Rows are copied table by table; references are checked once at the end, before commit.
    db.pragma('foreign_keys = OFF');
    db.prepare('ATTACH DATABASE ? AS restored').run(payloadPath);
    const replace = db.transaction(() => {
      const objects = db
        .prepare(`SELECT type, name, sql FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type IN ('table', 'view')`)
        .all() as { type: string; name: string }[];
      // Dropping a table drops its indexes and triggers too (the append-only triggers included).
      for (const o of objects) db.exec(`DROP ${o.type === 'view' ? 'VIEW' : 'TABLE'} main.${quote(o.name)}`);
      const incoming = db
        .prepare(`SELECT type, name, tbl_name, sql FROM restored.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'`)
        .all() as { type: string; name: string; sql: string }[];
      for (const o of incoming.filter((x) => x.type === 'table')) db.exec(o.sql);
      for (const t of userTables(db, 'restored')) db.exec(`INSERT INTO main.${quote(t)} SELECT * FROM restored.${quote(t)}`);
      if (userTables(db, 'restored').length > 0 && (db.prepare(`SELECT COUNT(*) AS n FROM restored.sqlite_master WHERE name = 'sqlite_sequence'`).get() as { n: number }).n > 0) {
        db.exec('DELETE FROM main.sqlite_sequence; INSERT INTO main.sqlite_sequence SELECT * FROM restored.sqlite_sequence');
      }
      // Indexes, views and triggers last: the append-only triggers must not see the copy as changes.
      for (const o of incoming.filter((x) => x.type !== 'table')) db.exec(o.sql);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new BackupRejectedError(`the backup has ${broken.length} rows whose references are missing; the store was left unchanged`);
    });
    replace.immediate();
    db.exec('DETACH DATABASE restored');
    return { migrated, counts: tableCounts(db), method: 'transaction' };
  } finally {
    db.close();
    rmSync(payloadPath, { force: true });
  }
}

/** Backup and restore of the SQLite store in `dataDir`. */
export function sqliteStoreBackup(dataDir: string): StoreBackup {
  return {
    kind: 'sqlite',
    payloadFormat: 'sqlite-database',
    workDir: dataDir,
    snapshot: async (payloadPath) => ({ ...(await snapshotSqlite(dataDir, payloadPath)), consistentSnapshot: true }),
    nonEmptyTarget: async () => nonEmptyTables(inspectSqliteTarget(dataDir) ?? {}),
    restore: async (payloadPath) => {
      const { migrated, counts } = await restoreSqlite(payloadPath, dataDir);
      return { migrated, counts };
    },
  };
}
