import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { newId, usernameKey } from '../ids';
import { nextThrottleState } from '../throttleRule';
import {
  DuplicateKeyError,
  StoreBusyError,
  type AuditEntry,
  type AuditRepository,
  type MetaRepository,
  type MigrationStatus,
  type Repositories,
  type Role,
  type Session,
  type SessionsRepository,
  type Store,
  type ThrottleRepository,
  type ThrottleState,
  type User,
  type UsersRepository,
} from '../types';
import { migrate, migrationStatus } from './migrate';
import { samplingRepositories } from './samplingRepositories';
import { collectionRepositories } from './collectionRepositories';
import { dispositionRepositories } from './dispositionRepositories';
import { sqliteRetentionData } from './retentionData';
import { areaCovariateRepositories } from './areaCovariateRepositories';
import { indicatorDefinitionRepositories } from './indicatorDefinitionRepositories';
import { paperFormRepositories } from './paperFormRepositories';
import { scanRepositories } from './scanRepositories';
import { geographyRepositories } from './geographyRepositories';
import { WalSync, type FlushFile } from './walSync';

export const SQLITE_FILE_NAME = 'platform.sqlite';

/** Runs a synchronous database step; the root store queues it behind open transactions. */
type Runner = <T>(step: () => T) => Promise<T>;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  disabled: number;
  password_hash: string;
  created_at: string;
  updated_at: string;
}
interface SessionRow {
  id_hash: string;
  user_id: string | null;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}
interface ThrottleRow {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}
interface AuditRow {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_username: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_id: string | null;
  before_summary: string | null;
  after_id: string | null;
  after_summary: string | null;
  details: string | null;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  disabled: r.disabled === 1,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toSession = (r: SessionRow): Session => ({
  idHash: r.id_hash,
  userId: r.user_id,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
});
const toThrottle = (r: ThrottleRow): ThrottleState => ({
  key: r.key,
  failures: r.failures,
  windowStartedAt: r.window_started_at,
  lockedUntil: r.locked_until,
});
const toAudit = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actorUserId: r.actor_user_id,
  actorUsername: r.actor_username,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  beforeId: r.before_id,
  beforeSummary: r.before_summary,
  afterId: r.after_id,
  afterSummary: r.after_summary,
  details: r.details == null ? null : (JSON.parse(r.details) as Record<string, unknown>),
});

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Prepares on first use: the store is created before `migrate()` has created the tables. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function usersRepository(db: Database.Database, run: Runner): UsersRepository {
  const byIdStmt = lazy(() => db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'));
  const byKeyStmt = lazy(() => db.prepare<[string], UserRow>('SELECT * FROM users WHERE username_key = ?'));
  const byId = { get: (id: string) => byIdStmt().get(id) };
  const byKey = { get: (key: string) => byKeyStmt().get(key) };
  return {
    create: (u) =>
      run(() => {
        const now = new Date().toISOString();
        const id = newId();
        try {
          db.prepare(
            `INSERT INTO users (id, username, username_key, display_name, role, disabled, password_hash, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
          ).run(id, u.username, usernameKey(u.username), u.displayName, u.role, u.passwordHash, now, now);
        } catch (err) {
          if (isUniqueViolation(err)) throw new DuplicateKeyError('username');
          throw err;
        }
        return toUser(byId.get(id)!);
      }),
    getById: (id) => run(() => (byId.get(id) ? toUser(byId.get(id)!) : null)),
    getByUsername: (username) =>
      run(() => {
        const row = byKey.get(usernameKey(username));
        return row ? toUser(row) : null;
      }),
    list: () => run(() => db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username_key').all().map(toUser)),
    update: (id, patch) =>
      run(() => {
        const current = byId.get(id);
        if (!current) return null;
        db.prepare(
          `UPDATE users SET display_name = ?, role = ?, disabled = ?, password_hash = ?, updated_at = ? WHERE id = ?`,
        ).run(
          patch.displayName ?? current.display_name,
          patch.role ?? current.role,
          patch.disabled === undefined ? current.disabled : patch.disabled ? 1 : 0,
          patch.passwordHash ?? current.password_hash,
          new Date().toISOString(),
          id,
        );
        return toUser(byId.get(id)!);
      }),
    count: () => run(() => (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n),
  };
}

function sessionsRepository(db: Database.Database, run: Runner): SessionsRepository {
  return {
    create: (s) =>
      run(() => {
        db.prepare(
          `INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(s.idHash, s.userId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt);
      }),
    get: (idHash, now) =>
      run(() => {
        const row = db
          .prepare<[string, string], SessionRow>('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?')
          .get(idHash, now.toISOString());
        return row ? toSession(row) : null;
      }),
    touch: (idHash, lastSeenAt, expiresAt) =>
      run(() => {
        db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?').run(lastSeenAt, expiresAt, idHash);
      }),
    delete: (idHash) =>
      run(() => {
        db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
      }),
    deleteForUser: (userId, exceptIdHash) =>
      run(() => db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash IS NOT ?').run(userId, exceptIdHash ?? null).changes),
    deleteExpired: (now) => run(() => db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString()).changes),
  };
}

function throttleRepository(db: Database.Database, run: Runner): ThrottleRepository {
  const getStmt = lazy(() => db.prepare<[string], ThrottleRow>('SELECT * FROM throttle WHERE key = ?'));
  const get = { get: (key: string) => getStmt().get(key) };
  const upsertStmt = lazy(() => db.prepare(
    `INSERT INTO throttle (key, failures, window_started_at, locked_until) VALUES (@key, @failures, @windowStartedAt, @lockedUntil)
     ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_started_at = excluded.window_started_at, locked_until = excluded.locked_until`,
  ));
  // IMMEDIATE so two processes counting the same key serialise instead of losing a failure.
  const recordFailure = db.transaction((key: string, now: Date, policy: Parameters<ThrottleRepository['recordFailure']>[2]) => {
    const row = get.get(key);
    const result = nextThrottleState(row ? toThrottle(row) : null, key, now, policy);
    upsertStmt().run(result.state);
    return result;
  });
  return {
    get: (key) =>
      run(() => {
        const row = get.get(key);
        return row ? toThrottle(row) : null;
      }),
    recordFailure: (key, now, policy) => run(() => recordFailure.immediate(key, now, policy)),
    reset: (key) =>
      run(() => {
        db.prepare('DELETE FROM throttle WHERE key = ?').run(key);
      }),
    deleteStale: (now, windowStartedBefore) =>
      run(
        () =>
          db
            .prepare('DELETE FROM throttle WHERE window_started_at < ? AND (locked_until IS NULL OR locked_until <= ?)')
            .run(windowStartedBefore.toISOString(), now.toISOString()).changes,
      ),
  };
}

function auditRepository(db: Database.Database, run: Runner): AuditRepository {
  const byIdStmt = lazy(() => db.prepare<[string], AuditRow>('SELECT * FROM audit WHERE id = ?'));
  const byId = { get: (id: string) => byIdStmt().get(id) };
  return {
    append: (e) =>
      run(() => {
        const id = newId();
        db.prepare(
          `INSERT INTO audit (id, at, actor_user_id, actor_username, action, entity_type, entity_id, before_id, before_summary, after_id, after_summary, details)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          id,
          e.at ?? new Date().toISOString(),
          e.actorUserId,
          e.actorUsername,
          e.action,
          e.entityType,
          e.entityId,
          e.beforeId,
          e.beforeSummary,
          e.afterId,
          e.afterSummary,
          e.details == null ? null : JSON.stringify(e.details),
        );
        return toAudit(byId.get(id)!);
      }),
    list: ({ limit, offset }) =>
      run(() =>
        db.prepare<[number, number], AuditRow>('SELECT * FROM audit ORDER BY seq DESC LIMIT ? OFFSET ?').all(limit, offset).map(toAudit),
      ),
    count: () => run(() => (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n),
  };
}

function metaRepository(db: Database.Database, run: Runner): MetaRepository {
  return {
    get: (key) => run(() => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null),
    set: (key, value) =>
      run(() => {
        db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
      }),
  };
}

function repositories(db: Database.Database, run: Runner): Repositories {
  return {
    users: usersRepository(db, run),
    sessions: sessionsRepository(db, run),
    throttle: throttleRepository(db, run),
    audit: auditRepository(db, run),
    meta: metaRepository(db, run),
    ...samplingRepositories(db, run),
    ...collectionRepositories(db, run),
    ...dispositionRepositories(db, run),
    ...areaCovariateRepositories(db, run),
    ...indicatorDefinitionRepositories(db, run),
    ...geographyRepositories(db, run),
    ...paperFormRepositories(db, run),
    ...scanRepositories(db, run),
  };
}

/**
 * better-sqlite3 compiles the SQL on every prepare(), and the repositories prepare where they use a
 * statement: keep each compiled statement per SQL text (the texts are a fixed, small set). Shared
 * statements must never be switched to pluck/raw/expand mode or held open by iterate().
 */
function cacheStatements(db: Database.Database): void {
  const compile = db.prepare.bind(db);
  const compiled = new Map<string, ReturnType<typeof compile>>();
  db.prepare = ((sql: string) => {
    let statement = compiled.get(sql);
    if (!statement) {
      statement = compile(sql);
      // A bound on memory should some caller build SQL texts from data.
      if (compiled.size < 1000) compiled.set(sql, statement);
    }
    return statement;
  }) as typeof db.prepare;
}

/**
 * Serialises work on the single connection: a transaction's awaited steps must not interleave
 * with other requests' statements, or those would run inside (and be rolled back with) it.
 */
class ConnectionQueue {
  private tail: Promise<unknown> = Promise.resolve();
  exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export interface SqliteStoreOptions {
  dataDir: string;
  fileName?: string;
  /** Milliseconds another process may hold the write lock before a statement fails with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** How the WAL is flushed before a write is acknowledged (fs.fdatasync; tests watch it). */
  flushWal?: FlushFile;
}

/**
 * Opens (creating if needed) `<dataDir>/platform.sqlite`. Call `migrate()` before use.
 * WAL lets readers run while one writer commits. An acknowledged write survives a power cut: every
 * step that changed rows resolves only after the WAL has been flushed to disk (WalSync — the flush
 * runs off the event loop, where synchronous=FULL would block it inside COMMIT).
 */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(join(options.dataDir, options.fileName ?? SQLITE_FILE_NAME));
  // First, so that a second process opening the file at the same moment waits for the lock
  // (switching to WAL, migrating) instead of failing with "database is locked".
  db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  // WAL can be refused (e.g. a file system without shared memory): then the rollback journal with FULL.
  const walMode = db.pragma('journal_mode = WAL', { simple: true }) === 'wal';
  // NORMAL in WAL mode: no flush inside COMMIT; WalSync flushes before a write is acknowledged (see walSync.ts).
  db.pragma(walMode ? 'synchronous = NORMAL' : 'synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted rows are overwritten with zeros, so purged contact data do not linger in free pages of the file.
  db.pragma('secure_delete = ON');

  cacheStatements(db);

  const queue = new ConnectionQueue();
  const inTransaction = new AsyncLocalStorage<true>();
  const walSync = walMode ? new WalSync(`${db.name}-wal`, options.flushWal) : undefined;
  // Rows inserted, updated or deleted on this connection so far, triggers included (not DDL).
  const changedRows = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
  let closed = false;
  const enqueue = <T>(work: () => Promise<T> | T): Promise<T> => {
    if (closed) return Promise.reject(new Error('store is closed'));
    if (inTransaction.getStore()) {
      // Would wait for the transaction that is waiting for it: fail loudly instead of hanging.
      return Promise.reject(new Error('inside store.transaction use the repositories passed to the callback'));
    }
    // The flush is requested inside the step (so close() finds it) and awaited outside the queue,
    // so that the next steps run while the disk works.
    let flushed: Promise<void> | undefined;
    const step = queue.exclusive(async () => {
      const before = changedRows.get()!.n;
      try {
        return await work();
      } finally {
        if (walSync && changedRows.get()!.n !== before) flushed = walSync.sync();
      }
    });
    return step.then(
      async (value) => {
        await flushed;
        return value;
      },
      async (error: unknown) => {
        await flushed?.catch(() => undefined);
        throw error;
      },
    );
  };
  const rootRun: Runner = (step) => enqueue(step);
  const txRun: Runner = async (step) => step();
  const root = repositories(db, rootRun);
  const bound = repositories(db, txRun);

  return {
    kind: 'sqlite',
    atomicTransactions: true,
    ...root,
    // Migrations change the schema, which total_changes() does not count: flush explicitly.
    migrate: () =>
      queue
        .exclusive(() => ({ result: migrate(db), flushed: walSync?.sync() }))
        .then(async ({ result, flushed }) => {
          await flushed;
          return result;
        }),
    migrationStatus: (): Promise<MigrationStatus> => queue.exclusive(() => migrationStatus(db)),
    transaction: (fn) =>
      enqueue(() =>
        inTransaction.run(true, async () => {
          try {
            db.exec('BEGIN IMMEDIATE');
          } catch (err) {
            if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new StoreBusyError();
            throw err;
          }
          try {
            const result = await fn(bound);
            db.exec('COMMIT');
            return result;
          } catch (err) {
            if (db.inTransaction) db.exec('ROLLBACK');
            throw err;
          }
        }),
      ),
    openRetentionData: async () => {
      if (closed) throw new Error('store is closed');
      return sqliteRetentionData(db.name);
    },
    ping: () =>
      rootRun(() => {
        db.prepare('SELECT 1').get();
      }),
    close: async () => {
      if (closed) return;
      await queue.exclusive(() => undefined);
      closed = true;
      await walSync?.close();
      db.close();
    },
  };
}
