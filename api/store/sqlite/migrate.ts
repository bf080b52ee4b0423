import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { appRoot } from '../../appRoot';
import type { MigrationStatus } from '../types';
import { SHIPPED_QUESTIONNAIRES } from '../shippedQuestionnaires';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Read at run time from the sources' place, also by the compiled server (the Docker image copies this folder). */
const migrationsDir = join(appRoot, 'api', 'store', 'sqlite', 'migrations');
const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Reads `migrations/NNN_name.sql` in version order; gaps or duplicate numbers are a programming error. */
export function loadMigrations(dir = migrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const m = FILE_PATTERN.exec(file);
      if (!m) throw new Error(`migration file '${file}' must be named NNN_name.sql (lower case)`);
      return { version: Number(m[1]), name: `${m[1]}_${m[2]}`, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration '${m.name}' should have number ${String(i + 1).padStart(3, '0')}`);
  });
  return migrations;
}

/**
 * Data a migration brings that SQL files cannot hold, run in the same transaction right after the
 * migration's SQL. 008 stores the shipped questionnaire versions as published; a store that already
 * has them (published on first use by older releases) keeps its rows.
 */
const DATA_STEPS: Readonly<Record<string, (db: Database.Database) => void>> = {
  '008_questionnaire_registry': (db) => {
    const insert = db.prepare(
      `INSERT INTO questionnaire_versions (questionnaire_id, version, json, published_at, status, imported_at, imported_by)
       VALUES (?, ?, ?, ?, 'published', ?, NULL) ON CONFLICT DO NOTHING`,
    );
    const now = new Date().toISOString();
    for (const q of SHIPPED_QUESTIONNAIRES) insert.run(q.questionnaireId, q.version, JSON.stringify(q.json), now, now);
  },
};

function ensureTable(db: Database.Database): void {
  // A read first: another instance may hold the write lock for a long seed or import.
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (exists) return;
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
}

function applied(db: Database.Database): { version: number; name: string }[] {
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
}

/** Refuses a history this code does not know (a newer release, or renamed files): continuing could corrupt data. */
function checkHistory(done: { version: number; name: string }[], migrations: Migration[]): void {
  for (const row of done) {
    const known = migrations.find((m) => m.version === row.version);
    if (!known) throw new Error(`database has migration ${row.name} which this version does not know; refusing to downgrade`);
    if (known.name !== row.name) throw new Error(`migration ${row.version} is recorded as '${row.name}' but the code has '${known.name}'`);
  }
}

/**
 * Forward-only: applies every pending migration in one IMMEDIATE transaction (so a second
 * process starting at the same moment waits on the lock instead of applying twice) and records
 * each in `schema_migrations`. When nothing is pending it only reads, so an instance starting
 * while another holds the write lock (a long seed or import) starts without waiting.
 * Refuses to run against a database written by a newer version of the code or whose recorded
 * history differs from the files, because silently continuing could corrupt data.
 * @returns names of the migrations applied now.
 */
export function migrate(db: Database.Database, migrations = loadMigrations()): string[] {
  ensureTable(db);
  const before = applied(db);
  checkHistory(before, migrations);
  if (before.length === migrations.length) return [];
  const run = db.transaction(() => {
    const done = applied(db);
    checkHistory(done, migrations);
    const doneVersions = new Set(done.map((r) => r.version));
    const now = new Date().toISOString();
    const insert = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const names: string[] = [];
    for (const m of migrations) {
      if (doneVersions.has(m.version)) continue;
      db.exec(m.sql);
      DATA_STEPS[m.name]?.(db);
      insert.run(m.version, m.name, now);
      names.push(m.name);
    }
    return names;
  });
  return run.immediate();
}

export function migrationStatus(db: Database.Database, migrations = loadMigrations()): MigrationStatus {
  ensureTable(db);
  const done = new Set(applied(db).map((r) => r.version));
  return {
    current: Math.max(0, ...done),
    latest: migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version,
    pending: migrations.filter((m) => !done.has(m.version)).map((m) => m.name),
  };
}
