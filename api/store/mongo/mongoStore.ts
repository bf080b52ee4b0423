import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { newId, usernameKey } from '../ids';
import { nextThrottleState } from '../throttleRule';
import {
  DuplicateKeyError,
  type AuditEntry,
  type AuditRepository,
  type MetaRepository,
  type MigrationStatus,
  type Repositories,
  type Session,
  type SessionsRepository,
  type Store,
  type ThrottleRepository,
  type ThrottleState,
  type User,
  type UsersRepository,
} from '../types';
import { mongoFeatureModels, mongoFeatureRepositories, type CoreRepositoryName, type MongoFeatureModels } from './featureRepositories';
import { withMigrationLock } from './migrationLock';
import { booleanValue, numberValue, textOrNull, textValue } from './queryValues';
import { MONGO_MIGRATIONS, type MongoMigration } from './migrations';
import { mongoRetentionData } from './retentionData';
import {
  auditSchema,
  metaSchema,
  migrationSchema,
  sessionSchema,
  throttleSchema,
  userSchema,
  type AuditDoc,
  type MetaDoc,
  type MigrationDoc,
  type SessionDoc,
  type ThrottleDoc,
  type UserDoc,
} from './schemas';

export function coreModels(conn: Connection) {
  return {
    users: conn.model('User', userSchema),
    sessions: conn.model('Session', sessionSchema),
    throttle: conn.model('Throttle', throttleSchema),
    audit: conn.model('Audit', auditSchema),
    meta: conn.model('Meta', metaSchema),
    migrations: conn.model('Migration', migrationSchema),
  };
}
export type CoreModels = ReturnType<typeof coreModels>;

/**
 * Multi-document transactions need a replica set or a sharded cluster (mongos). Decided from
 * the `hello` reply: `setName` names a replica set, `msg: 'isdbgrid'` marks mongos.
 */
export function supportsTransactions(hello: { setName?: unknown; msg?: unknown }): boolean {
  return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const toUser = (d: UserDoc): User => ({
  id: d._id,
  username: d.username,
  displayName: d.displayName,
  role: d.role,
  disabled: d.disabled,
  passwordHash: d.passwordHash,
  createdAt: iso(d.createdAt),
  updatedAt: iso(d.updatedAt),
});
const toSession = (d: SessionDoc): Session => ({
  idHash: d._id,
  userId: d.userId ?? null,
  csrfToken: d.csrfToken,
  createdAt: iso(d.createdAt),
  lastSeenAt: iso(d.lastSeenAt),
  expiresAt: iso(d.expiresAt),
});
const toThrottle = (d: ThrottleDoc): ThrottleState => ({
  key: d._id,
  failures: d.failures,
  windowStartedAt: iso(d.windowStartedAt),
  lockedUntil: isoOrNull(d.lockedUntil),
});
const toAudit = (d: AuditDoc): AuditEntry => ({
  id: d._id,
  at: iso(d.at),
  actorUserId: d.actorUserId ?? null,
  actorUsername: d.actorUsername ?? null,
  action: d.action,
  entityType: d.entityType,
  entityId: d.entityId ?? null,
  beforeId: d.beforeId ?? null,
  beforeSummary: d.beforeSummary ?? null,
  afterId: d.afterId ?? null,
  afterSummary: d.afterSummary ?? null,
  details: (d.details as Record<string, unknown> | null) ?? null,
});

const isDuplicateKey = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;

/** `{ session }` when inside a transaction, so every operation joins it. */
type Opts = { session?: ClientSession };

function usersRepository(m: CoreModels, o: Opts): UsersRepository {
  return {
    async create(u) {
      const now = new Date();
      const username = textValue('username', u.username);
      const doc: UserDoc = {
        _id: newId(),
        username,
        usernameKey: usernameKey(username),
        displayName: textValue('displayName', u.displayName),
        role: textValue('role', u.role) as UserDoc['role'],
        disabled: false,
        passwordHash: textValue('passwordHash', u.passwordHash),
        createdAt: now,
        updatedAt: now,
      };
      try {
        await m.users.create([doc], o);
      } catch (err) {
        if (isDuplicateKey(err)) throw new DuplicateKeyError('username');
        throw err;
      }
      return toUser(doc);
    },
    async getById(id) {
      const d = await m.users.findById(textValue('id', id), null, o).lean<UserDoc>();
      return d ? toUser(d) : null;
    },
    async getByUsername(username) {
      const d = await m.users.findOne({ usernameKey: usernameKey(textValue('username', username)) }, null, o).lean<UserDoc>();
      return d ? toUser(d) : null;
    },
    async list() {
      return (await m.users.find({}, null, o).sort({ usernameKey: 1 }).lean<UserDoc[]>()).map(toUser);
    },
    async update(id, patch) {
      const set: Partial<UserDoc> = { updatedAt: new Date() };
      if (patch.displayName !== undefined) set.displayName = textValue('displayName', patch.displayName);
      if (patch.role !== undefined) set.role = textValue('role', patch.role) as UserDoc['role'];
      if (patch.disabled !== undefined) set.disabled = booleanValue('disabled', patch.disabled);
      if (patch.passwordHash !== undefined) set.passwordHash = textValue('passwordHash', patch.passwordHash);
      const d = await m.users
        .findOneAndUpdate({ _id: textValue('id', id) }, { $set: set }, { ...o, returnDocument: 'after', runValidators: true })
        .lean<UserDoc>();
      return d ? toUser(d) : null;
    },
    count: () => m.users.countDocuments({}, o),
  };
}

function sessionsRepository(m: CoreModels, o: Opts): SessionsRepository {
  return {
    async create(s) {
      await m.sessions.create(
        [
          {
            _id: textValue('idHash', s.idHash),
            userId: textOrNull('userId', s.userId),
            csrfToken: s.csrfToken,
            createdAt: new Date(s.createdAt),
            lastSeenAt: new Date(s.lastSeenAt),
            expiresAt: new Date(s.expiresAt),
          },
        ],
        o,
      );
    },
    async get(idHash, now) {
      const d = await m.sessions.findOne({ _id: textValue('idHash', idHash), expiresAt: { $gt: now } }, null, o).lean<SessionDoc>();
      return d ? toSession(d) : null;
    },
    async touch(idHash, lastSeenAt, expiresAt) {
      await m.sessions.updateOne({ _id: textValue('idHash', idHash) }, { $set: { lastSeenAt: new Date(lastSeenAt), expiresAt: new Date(expiresAt) } }, o);
    },
    async delete(idHash) {
      await m.sessions.deleteOne({ _id: textValue('idHash', idHash) }, o);
    },
    async deleteForUser(userId, exceptIdHash) {
      const user = textValue('userId', userId);
      const filter = exceptIdHash === undefined ? { userId: user } : { userId: user, _id: { $ne: textValue('exceptIdHash', exceptIdHash) } };
      return (await m.sessions.deleteMany(filter, o)).deletedCount;
    },
    async deleteExpired(now) {
      return (await m.sessions.deleteMany({ expiresAt: { $lte: now } }, o)).deletedCount;
    },
  };
}

const MAX_THROTTLE_RETRIES = 20;

function throttleRepository(m: CoreModels, o: Opts): ThrottleRepository {
  return {
    async get(key) {
      const d = await m.throttle.findById(textValue('key', key), null, o).lean<ThrottleDoc>();
      return d ? toThrottle(d) : null;
    },
    /**
     * Read, apply the shared counting rule, write back only if nobody wrote in between
     * (compare-and-set on `version`); on a lost race read again. Same result as SQLite's locked update.
     */
    async recordFailure(key, now, policy) {
      textValue('key', key);
      for (let attempt = 0; attempt < MAX_THROTTLE_RETRIES; attempt++) {
        const current = await m.throttle.findById(key, null, o).lean<ThrottleDoc>();
        const result = nextThrottleState(current ? toThrottle(current) : null, key, now, policy);
        const s = result.state;
        const windowEnd = Date.parse(s.windowStartedAt) + policy.windowMs;
        const fields = {
          failures: s.failures,
          windowStartedAt: new Date(s.windowStartedAt),
          lockedUntil: s.lockedUntil ? new Date(s.lockedUntil) : null,
          purgeAt: new Date(Math.max(windowEnd, s.lockedUntil ? Date.parse(s.lockedUntil) : 0)),
        };
        try {
          if (!current) {
            await m.throttle.create([{ _id: key, ...fields, version: 0 }], o);
            return result;
          }
          const written = await m.throttle.updateOne(
            { _id: key, version: current.version },
            { $set: { ...fields, version: current.version + 1 } },
            { ...o, runValidators: true },
          );
          if (written.modifiedCount === 1) return result;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err; // another process inserted first: count again
        }
      }
      throw new Error(`throttle key '${key}' is contended; gave up after ${MAX_THROTTLE_RETRIES} attempts`);
    },
    async reset(key) {
      await m.throttle.deleteOne({ _id: textValue('key', key) }, o);
    },
    // The TTL index on purgeAt removes them too, but only about once a minute and never on demand.
    async deleteStale(now, windowStartedBefore) {
      const removed = await m.throttle.deleteMany(
        { windowStartedAt: { $lt: windowStartedBefore }, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
        o,
      );
      return removed.deletedCount;
    },
  };
}

function auditRepository(m: CoreModels, o: Opts): AuditRepository {
  return {
    async append(e) {
      const doc: AuditDoc = {
        _id: newId(),
        at: e.at ? new Date(e.at) : new Date(),
        actorUserId: e.actorUserId,
        actorUsername: e.actorUsername,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        beforeId: e.beforeId,
        beforeSummary: e.beforeSummary,
        afterId: e.afterId,
        afterSummary: e.afterSummary,
        details: e.details,
      };
      await m.audit.create([doc], o);
      return toAudit(doc);
    },
    async list({ limit, offset }) {
      return (await m.audit.find({}, null, o).sort({ _id: -1 }).skip(numberValue('offset', offset)).limit(numberValue('limit', limit)).lean<AuditDoc[]>()).map(toAudit);
    },
    count: () => m.audit.countDocuments({}, o),
  };
}

function metaRepository(m: CoreModels, o: Opts): MetaRepository {
  return {
    async get(key) {
      return (await m.meta.findById(textValue('key', key), null, o).lean<MetaDoc>())?.value ?? null;
    },
    async set(key, value) {
      await m.meta.updateOne({ _id: textValue('key', key) }, { $set: { value: textValue('value', value) } }, { ...o, upsert: true, runValidators: true });
    },
  };
}

/** The core repositories (users, sessions, throttle, audit, meta) on the given models; inside a transaction when `session` is set. */
export function mongoCoreRepositories(m: CoreModels, session?: ClientSession): Pick<Repositories, CoreRepositoryName> {
  const o: Opts = session ? { session } : {};
  return {
    users: usersRepository(m, o),
    sessions: sessionsRepository(m, o),
    throttle: throttleRepository(m, o),
    audit: auditRepository(m, o),
    meta: metaRepository(m, o),
  };
}

function repositories(m: CoreModels, features: MongoFeatureModels, session?: ClientSession): Repositories {
  return { ...mongoCoreRepositories(m, session), ...mongoFeatureRepositories(features, session) };
}

async function appliedMigrations(m: CoreModels): Promise<MigrationDoc[]> {
  return m.migrations.find({}).sort({ _id: 1 }).lean<MigrationDoc[]>();
}

function checkHistory(done: MigrationDoc[], migrations: readonly MongoMigration[]): void {
  for (const row of done) {
    const known = migrations.find((x) => x.version === row._id);
    if (!known) throw new Error(`database has migration ${row.name} which this version does not know; refusing to downgrade`);
    if (known.name !== row.name) throw new Error(`migration ${row._id} is recorded as '${row.name}' but the code has '${known.name}'`);
  }
}

/**
 * Forward-only like SQLite. Pending migrations run under the migration lease (see
 * withMigrationLock), so instances starting together migrate once; when nothing is pending no
 * lock is taken. MongoDB cannot create indexes inside a transaction on existing collections, so
 * each migration is also idempotent (createIndexes) and recorded afterwards.
 */
export async function migrateMongo(conn: Connection, m: CoreModels, migrations: readonly MongoMigration[] = MONGO_MIGRATIONS): Promise<string[]> {
  const before = await appliedMigrations(m);
  checkHistory(before, migrations);
  if (before.length === migrations.length) return [];
  return withMigrationLock(conn, () => applyPending(conn, m, migrations));
}

async function applyPending(conn: Connection, m: CoreModels, migrations: readonly MongoMigration[]): Promise<string[]> {
  const done = await appliedMigrations(m);
  checkHistory(done, migrations);
  const doneVersions = new Set(done.map((r) => r._id));
  const applied: string[] = [];
  for (const migration of migrations) {
    if (doneVersions.has(migration.version)) continue;
    await migration.up(conn);
    try {
      await m.migrations.create([{ _id: migration.version, name: migration.name, appliedAt: new Date() }]);
      applied.push(migration.name);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return applied;
}

export interface MongoStoreOptions {
  uri: string;
  /** Defaults to the database named in the URI. */
  dbName?: string;
  /** How long to look for a server before failing (default 10 s). */
  serverSelectionTimeoutMS?: number;
}

/**
 * Connects with mongoose and decides once whether transactions are available. Writes use
 * majority write concern and journaling so an acknowledged write survives a primary failover.
 */
export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const conn = mongoose.createConnection(options.uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? (/[?&]serverSelectionTimeoutMS=/i.test(options.uri) ? undefined : 10_000),
    writeConcern: { w: 'majority', journal: true },
    autoIndex: false, // indexes come from migrations, not from model compilation
    autoCreate: false,
  });
  try {
    await conn.asPromise();
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw new Error(`cannot connect to MongoDB: ${err instanceof Error ? err.message : String(err)}`);
  }
  const models = coreModels(conn);
  const features = mongoFeatureModels(conn);
  const hello = (await conn.db!.admin().command({ hello: 1 })) as { setName?: unknown; msg?: unknown };
  const atomic = supportsTransactions(hello);
  const root = repositories(models, features);

  return {
    kind: 'mongodb',
    atomicTransactions: atomic,
    ...root,
    migrate: () => migrateMongo(conn, models),
    async migrationStatus(): Promise<MigrationStatus> {
      const done = new Set((await appliedMigrations(models)).map((r) => r._id));
      return {
        current: Math.max(0, ...done),
        latest: MONGO_MIGRATIONS.length === 0 ? 0 : MONGO_MIGRATIONS[MONGO_MIGRATIONS.length - 1]!.version,
        pending: MONGO_MIGRATIONS.filter((x) => !done.has(x.version)).map((x) => x.name),
      };
    },
    async transaction(fn) {
      // Standalone server: no multi-document transactions; the steps run one after another.
      if (!atomic) return fn(root);
      const session = await conn.startSession();
      try {
        return await session.withTransaction(() => fn(repositories(models, features, session)), {
          readConcern: { level: 'snapshot' },
          writeConcern: { w: 'majority', journal: true },
        });
      } finally {
        await session.endSession();
      }
    },
    async openRetentionData() {
      return mongoRetentionData(conn, atomic);
    },
    async ping() {
      await conn.db!.admin().command({ ping: 1 });
    },
    async close() {
      await conn.close();
    },
  };
}

/** Test helper: removes a database (contract tests use one fresh database per test). */
export async function dropMongoDatabase(uri: string, dbName: string): Promise<void> {
  const conn = await mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 10_000 }).asPromise();
  try {
    await conn.dropDatabase();
  } finally {
    await conn.close();
  }
}
