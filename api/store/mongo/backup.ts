/**
 * MongoDB side of backup and restore: a logical export of every collection of the store's
 * database (documents and index definitions) as NDJSON in canonical Extended JSON, so dates,
 * 64-bit integers and binary values survive exactly. It goes into the same archive as a SQLite
 * backup (checksum, optional encryption).
 *
 * Consistency: on a replica set (the supported deployment, see compose.yaml) all collections are
 * read in one snapshot session (`snapshot: true`), i.e. at one cluster time while the API keeps
 * writing. A standalone server has no snapshot reads; there the export is per collection and a
 * submission arriving during the backup may be missing from it. For large production
 * installations `mongodump --oplog` / `mongorestore --oplogReplay` is the equivalent tool.
 *
 * Restore loads every collection into a staging collection (`restore_tmp.<name>`), checks the
 * document counts against the header and then renames each into place (each rename is atomic;
 * the switch over all collections takes milliseconds). An interrupted restore leaves staging
 * collections behind and the old data in place; run it again with --force.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { tmpdir } from 'node:os';
import { BackupRejectedError, type StoreBackup } from '../backupTypes';
import { openMongoStore, supportsTransactions } from './mongoStore';
import { SHIPPED_QUESTIONNAIRES } from '../shippedQuestionnaires';

const { EJSON } = mongoose.mongo.BSON;

export const STAGING_PREFIX = 'restore_tmp.';
/** Collections that exist in every store, even a freshly migrated one without data. */
const BOOKKEEPING = new Set(['schema_migrations', 'meta']);

/** One line of the export: the documents of a collection, preceded by its index definitions. */
export type ExportLine =
  | { kind: 'indexes'; collection: string; indexes: Record<string, unknown>[] }
  | { kind: 'document'; collection: string; document: Record<string, unknown> };

/** Canonical Extended JSON keeps BSON types (Date, Long, Decimal128, Binary) exact. */
export function encodeExportLine(line: ExportLine): string {
  const wire = line.kind === 'indexes' ? { i: line.collection, x: line.indexes } : { c: line.collection, d: line.document };
  return EJSON.stringify(wire, { relaxed: false }) + '\n';
}

/**
 * Parses one export line.
 * @throws BackupRejectedError naming the line number when it is not a valid export line.
 */
export function decodeExportLine(text: string, lineNumber: number): ExportLine {
  let wire: Record<string, unknown>;
  try {
    wire = EJSON.parse(text, { relaxed: false }) as Record<string, unknown>;
  } catch (err) {
    throw new BackupRejectedError(`MongoDB export line ${lineNumber} is not valid Extended JSON: ${(err as Error).message}`);
  }
  if (typeof wire.i === 'string' && Array.isArray(wire.x)) return { kind: 'indexes', collection: wire.i, indexes: wire.x as Record<string, unknown>[] };
  if (typeof wire.c === 'string' && wire.d && typeof wire.d === 'object') return { kind: 'document', collection: wire.c, document: wire.d as Record<string, unknown> };
  throw new BackupRejectedError(`MongoDB export line ${lineNumber} is neither an index list nor a document`);
}

/** Reads an export file line by line. */
export async function* readExport(path: string): AsyncGenerator<ExportLine> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n += 1;
    if (text !== '') yield decodeExportLine(text, n);
  }
}

/** Collections of the store, without MongoDB's own and without left-over restore staging. */
export function storeCollections(names: readonly string[]): string[] {
  return names.filter((n) => !n.startsWith('system.') && !n.startsWith(STAGING_PREFIX)).sort();
}

/** Documents a freshly migrated store has already: the shipped questionnaire versions (migration step 8). */
const MIGRATED_DOCUMENTS: Readonly<Record<string, number>> = { questionnaire_versions: SHIPPED_QUESTIONNAIRES.length };

/** Collections other than bookkeeping that hold documents: what makes a store "not empty". */
export function nonEmptyCollections(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([c, n]) => n > (MIGRATED_DOCUMENTS[c] ?? 0) && !BOOKKEEPING.has(c)));
}

/** Index definitions to recreate: the automatic `_id_` index is left out, `v` and `ns` dropped. */
export function restorableIndexes(indexes: readonly Record<string, unknown>[]): { key: Record<string, unknown>; options: Record<string, unknown> }[] {
  return indexes
    .filter((ix) => ix.name !== '_id_')
    .map((ix) => {
      const { key, v: _v, ns: _ns, ...options } = ix;
      return { key: key as Record<string, unknown>, options };
    });
}

async function connect(uri: string) {
  const conn = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, autoIndex: false, autoCreate: false });
  try {
    await conn.asPromise();
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw new Error(`cannot connect to MongoDB: ${err instanceof Error ? err.message : String(err)}`);
  }
  return conn;
}

export interface MongoSnapshot {
  schemaVersion: number;
  migrations: string[];
  counts: Record<string, number>;
  /** False on a standalone server: collections were read one after another, not at one moment. */
  consistentSnapshot: boolean;
}

/** Writes the logical export of the store's database to `payloadPath`. */
export async function snapshotMongo(uri: string, payloadPath: string): Promise<MongoSnapshot> {
  const conn = await connect(uri);
  const out = createWriteStream(payloadPath, { mode: 0o600 });
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  try {
    const db = conn.db!;
    const hello = (await db.admin().command({ hello: 1 })) as { setName?: unknown; msg?: unknown };
    const consistentSnapshot = supportsTransactions(hello);
    const session = consistentSnapshot ? conn.getClient().startSession({ snapshot: true }) : undefined;
    const counts: Record<string, number> = {};
    let migrations: string[] = [];
    try {
      const names = storeCollections((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
      for (const name of names) {
        const collection = db.collection(name);
        await write(encodeExportLine({ kind: 'indexes', collection: name, indexes: (await collection.listIndexes({ session }).toArray()) as Record<string, unknown>[] }));
        counts[name] = 0;
        for await (const doc of collection.find({}, { session }).sort({ _id: 1 })) {
          await write(encodeExportLine({ kind: 'document', collection: name, document: doc as Record<string, unknown> }));
          counts[name] += 1;
          if (name === 'schema_migrations') migrations.push(String((doc as { name?: unknown }).name));
        }
      }
    } finally {
      await session?.endSession();
    }
    migrations = migrations.sort();
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const last = migrations[migrations.length - 1];
    return { schemaVersion: last ? Number(last.slice(0, 3)) : 0, migrations, counts, consistentSnapshot };
  } catch (err) {
    out.destroy();
    throw err;
  } finally {
    await conn.close();
  }
}

/** Documents per collection of the target database (null when it has no collections). */
export async function inspectMongoTarget(uri: string): Promise<Record<string, number> | null> {
  const conn = await connect(uri);
  try {
    const names = storeCollections((await conn.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    if (names.length === 0) return null;
    const counts: Record<string, number> = {};
    for (const n of names) counts[n] = await conn.db!.collection(n).countDocuments();
    return counts;
  } finally {
    await conn.close();
  }
}

/**
 * Loads a verified export into staging collections, checks the counts, then renames them over the
 * store's collections and drops collections the backup does not have.
 * @throws BackupRejectedError when the export's counts differ from the header (nothing renamed).
 */
export async function restoreMongo(payloadPath: string, uri: string, expectedCounts: Record<string, number>): Promise<Record<string, number>> {
  const conn = await connect(uri);
  try {
    const db = conn.db!;
    const existing = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    for (const stale of existing.filter((n) => n.startsWith(STAGING_PREFIX))) await db.collection(stale).drop();

    const counts: Record<string, number> = {};
    const batches = new Map<string, Record<string, unknown>[]>();
    const flush = async (name: string) => {
      const batch = batches.get(name);
      if (batch && batch.length > 0) await db.collection(STAGING_PREFIX + name).insertMany(batch, { ordered: true });
      batches.set(name, []);
    };
    for await (const line of readExport(payloadPath)) {
      const staging = db.collection(STAGING_PREFIX + line.collection);
      if (line.kind === 'indexes') {
        await db.createCollection(STAGING_PREFIX + line.collection);
        counts[line.collection] = 0;
        for (const ix of restorableIndexes(line.indexes)) await staging.createIndex(ix.key as never, ix.options);
        continue;
      }
      counts[line.collection] = (counts[line.collection] ?? 0) + 1;
      const batch = batches.get(line.collection) ?? [];
      batch.push(line.document);
      batches.set(line.collection, batch);
      if (batch.length >= 1000) await flush(line.collection);
    }
    for (const name of batches.keys()) await flush(name);

    const differing = Object.keys({ ...counts, ...expectedCounts }).filter((c) => (counts[c] ?? 0) !== (expectedCounts[c] ?? 0));
    if (differing.length > 0) {
      throw new BackupRejectedError(`the MongoDB export does not hold the documents its header announces (${differing.join(', ')}); the store was left unchanged`);
    }
    for (const name of Object.keys(counts)) {
      await db.renameCollection(STAGING_PREFIX + name, name, { dropTarget: true });
    }
    for (const name of storeCollections(existing).filter((n) => !(n in counts))) await db.collection(name).drop();
    return counts;
  } finally {
    await conn.close();
  }
}

/** Backup and restore of the MongoDB store at `uri`. */
export function mongoStoreBackup(uri: string): StoreBackup {
  return {
    kind: 'mongodb',
    payloadFormat: 'mongodb-ndjson',
    workDir: tmpdir(),
    snapshot: (payloadPath) => snapshotMongo(uri, payloadPath),
    nonEmptyTarget: async () => nonEmptyCollections((await inspectMongoTarget(uri)) ?? {}),
    async restore(payloadPath, expectedCounts) {
      const counts = await restoreMongo(payloadPath, uri, expectedCounts);
      // Migrations (indexes, new collections) of a newer code version, like a server start would.
      const store = await openMongoStore({ uri });
      try {
        return { migrated: await store.migrate(), counts };
      } finally {
        await store.close();
      }
    },
  };
}
