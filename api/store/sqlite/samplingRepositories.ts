/**
 * SQLite repositories of the sampling workflow (tables in migrations/002_sampling.sql).
 * Bulk inserts use one prepared statement inside one transaction (a savepoint when the caller
 * already holds a transaction). Frame imports go through a staging table instead (see
 * `stageFrame`), so that a million rows are written in short steps and in key order.
 */
import { randomFillSync } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { householdIdMint, MAX_HOUSEHOLDS_PER_IMPORT, newId } from '../ids';
import {
  DuplicateKeyError,
  type AccessCode,
  type AccessCodesRepository,
  type Contact,
  type ContactsRepository,
  type Draw,
  type DrawsRepository,
  type Frame,
  type FramesRepository,
  type Household,
  type HouseholdsRepository,
  type SampleUnit,
  type SampleUnitStatus,
  type SampleUnitsRepository,
} from '../types';
import type { FrameStaging, StagedFrameRow, StagedFrameSummary } from '../samplingTypes';

/** Runs a synchronous database step (queued on the root store, direct inside a transaction). */
export type SamplingRunner = <T>(step: () => T) => Promise<T>;

export interface SamplingRepositories {
  frames: FramesRepository;
  households: HouseholdsRepository;
  contacts: ContactsRepository;
  draws: DrawsRepository;
  sampleUnits: SampleUnitsRepository;
  accessCodes: AccessCodesRepository;
}

interface FrameRow {
  id: string;
  name: string;
  imported_at: string;
  imported_by: string | null;
  row_count: number;
  fingerprint: string;
  column_mapping: string;
  districts: string;
  contacts_purged_at: string | null;
  import_heartbeat_at: string | null;
}
interface HouseholdRow {
  household_id: string;
  frame_id: string;
  district: string;
  household_type: string | null;
  children: number | null;
  youngest_child_age: number | null;
  sort_key: string | null;
  subdistrict: string | null;
}
interface ContactRow {
  household_id: string;
  frame_id: string;
  register_id: string;
  name: string;
  street: string;
  house_number: string;
  postcode: string;
  city: string;
}
interface DrawRow {
  id: string;
  frame_id: string;
  wave: number;
  method: Draw['method'];
  seed: number;
  prng: string;
  frame_fingerprint: string;
  sort_key: string | null;
  allocation_exact: string;
  allocation: string;
  reserve: string;
  created_at: string;
  created_by: string | null;
}
interface SampleUnitRow {
  draw_id: string;
  household_id: string;
  district: string;
  inclusion_probability: number;
  design_weight: number;
  status: SampleUnitStatus;
  wave: number;
  reserve_rank: number | null;
  released_at: string | null;
}
interface AccessCodeRow {
  id: string;
  draw_id: string;
  household_id: string;
  code_hash: string;
  issued_at: string;
  revoked_at: string | null;
}

const toFrame = (r: FrameRow): Frame => ({
  id: r.id,
  name: r.name,
  importedAt: r.imported_at,
  importedBy: r.imported_by,
  rowCount: r.row_count,
  fingerprint: r.fingerprint,
  columnMapping: JSON.parse(r.column_mapping) as Frame['columnMapping'],
  districts: JSON.parse(r.districts) as Frame['districts'],
  contactsPurgedAt: r.contacts_purged_at,
});
const toHousehold = (r: HouseholdRow): Household => ({
  frameId: r.frame_id,
  householdId: r.household_id,
  district: r.district,
  householdType: r.household_type,
  children: r.children,
  youngestChildAge: r.youngest_child_age,
  sortKey: r.sort_key,
  subdistrict: r.subdistrict,
});
const toContact = (r: ContactRow): Contact => ({
  frameId: r.frame_id,
  householdId: r.household_id,
  registerId: r.register_id,
  name: r.name,
  street: r.street,
  houseNumber: r.house_number,
  postcode: r.postcode,
  city: r.city,
});
const toDraw = (r: DrawRow): Draw => ({
  id: r.id,
  frameId: r.frame_id,
  wave: r.wave,
  method: r.method,
  seed: r.seed,
  prng: r.prng,
  frameFingerprint: r.frame_fingerprint,
  sortKey: r.sort_key == null ? null : (JSON.parse(r.sort_key) as string[]),
  allocationExact: JSON.parse(r.allocation_exact) as Record<string, number>,
  allocation: JSON.parse(r.allocation) as Record<string, number>,
  reserve: JSON.parse(r.reserve) as Record<string, number>,
  createdAt: r.created_at,
  createdBy: r.created_by,
});
const toSampleUnit = (r: SampleUnitRow): SampleUnit => ({
  drawId: r.draw_id,
  householdId: r.household_id,
  district: r.district,
  inclusionProbability: r.inclusion_probability,
  designWeight: r.design_weight,
  status: r.status,
  wave: r.wave,
  reserveRank: r.reserve_rank,
  releasedAt: r.released_at,
});
const toAccessCode = (r: AccessCodeRow): AccessCode => ({
  id: r.id,
  drawId: r.draw_id,
  householdId: r.household_id,
  codeHash: r.code_hash,
  issuedAt: r.issued_at,
  revokedAt: r.revoked_at,
});

/** Primary-key and unique violations both mean "this key exists already". */
function duplicateKey(err: unknown, field: string): unknown {
  const code = (err as { code?: string })?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new DuplicateKeyError(field);
  return err;
}

/** Prepares on first use: the repositories exist before `migrate()` has created the tables. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const largeCache = new WeakSet<Database.Database>();

/** Inserts all rows with one prepared statement in one (nested → savepoint) transaction. */
function bulkInsert<R>(db: Database.Database, sql: () => Database.Statement, rows: readonly R[], values: (row: R) => unknown[], field: string): number {
  // Pseudonymous ids are random, so a large import inserts all over the primary-key B-tree; with
  // SQLite's default 2 MB page cache every insert would rewrite pages (measured: ~3 GB written for
  // 1,000,000 households). 64 MB keeps the hot index pages in memory.
  if (!largeCache.has(db)) {
    db.pragma('cache_size = -65536');
    largeCache.add(db);
  }
  const insert = sql();
  const run = db.transaction((all: readonly R[]) => {
    for (const row of all) insert.run(...values(row));
  });
  try {
    run(rows);
  } catch (err) {
    throw duplicateKey(err, field);
  }
  return rows.length;
}

export function samplingRepositories(db: Database.Database, run: SamplingRunner): SamplingRepositories {
  const frameById = lazy(() => db.prepare<[string], FrameRow>('SELECT * FROM frames WHERE id = ? AND import_heartbeat_at IS NULL'));
  const insertHousehold = lazy(() =>
    db.prepare(
      'INSERT INTO households (household_id, frame_id, district, household_type, children, youngest_child_age, sort_key, subdistrict) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  );
  const insertContact = lazy(() =>
    db.prepare(
      'INSERT INTO contacts (household_id, frame_id, register_id, name, street, house_number, postcode, city) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  );
  const contactById = lazy(() => db.prepare<[string, string], ContactRow>('SELECT * FROM contacts WHERE household_id = ? AND frame_id = ?'));
  const drawById = lazy(() => db.prepare<[string], DrawRow>('SELECT * FROM draws WHERE id = ?'));
  const insertUnit = lazy(() =>
    db.prepare(
      `INSERT INTO sample_units (draw_id, household_id, district, inclusion_probability, design_weight, status, wave, reserve_rank, released_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  );
  const insertCode = lazy(() =>
    db.prepare('INSERT INTO access_codes (id, draw_id, household_id, code_hash, issued_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)'),
  );

  const frames: FramesRepository = {
    create: (f) =>
      run(() => {
        try {
          db.prepare(
            `INSERT INTO frames (id, name, imported_at, imported_by, row_count, fingerprint, column_mapping, districts, contacts_purged_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
          ).run(f.id, f.name, f.importedAt, f.importedBy, f.rowCount, f.fingerprint, JSON.stringify(f.columnMapping), JSON.stringify(f.districts));
        } catch (err) {
          throw duplicateKey(err, 'id');
        }
        return toFrame(frameById().get(f.id)!);
      }),
    get: (id) =>
      run(() => {
        const row = frameById().get(id);
        return row ? toFrame(row) : null;
      }),
    list: () =>
      run(() => db.prepare<[], FrameRow>('SELECT * FROM frames WHERE import_heartbeat_at IS NULL ORDER BY imported_at DESC, id DESC').all().map(toFrame)),
    markContactsPurged: (id, at) =>
      run(() => {
        db.prepare('UPDATE frames SET contacts_purged_at = ? WHERE id = ? AND import_heartbeat_at IS NULL').run(at, id);
        const row = frameById().get(id);
        return row ? toFrame(row) : null;
      }),
    stage: async (f) => {
      await run(() => {
        try {
          db.prepare(
            `INSERT INTO frames (id, name, imported_at, imported_by, row_count, fingerprint, column_mapping, districts, contacts_purged_at, import_heartbeat_at)
             VALUES (?, ?, ?, ?, 0, ?, ?, '[]', NULL, ?)`,
          ).run(f.id, f.name, f.importedAt, f.importedBy, f.fingerprint, JSON.stringify(f.columnMapping), new Date().toISOString());
        } catch (err) {
          throw duplicateKey(err, 'id');
        }
      });
      return stageFrame(db, run, f.id);
    },
    completeImport: (frameId, summary) => run(() => completeImport(db, frameId, summary)),
    discardAbandonedImports: async (staleBefore) => {
      const stale = await run(() =>
        db.prepare<[string], { id: string }>('SELECT id FROM frames WHERE import_heartbeat_at IS NOT NULL AND import_heartbeat_at < ?').all(staleBefore),
      );
      for (const { id } of stale) await removePendingFrame(db, run, id);
      return stale.length;
    },
  };

  const households: HouseholdsRepository = {
    insertMany: (rows) =>
      run(() =>
        bulkInsert(
          db,
          insertHousehold,
          rows,
          (h) => [h.householdId, h.frameId, h.district, h.householdType, h.children, h.youngestChildAge, h.sortKey, h.subdistrict],
          'householdId',
        ),
      ),
    listByFrame: (frameId) =>
      run(() => db.prepare<[string], HouseholdRow>('SELECT * FROM households WHERE frame_id = ? ORDER BY household_id').all(frameId).map(toHousehold)),
    countByFrame: (frameId) => run(() => (db.prepare('SELECT COUNT(*) AS n FROM households WHERE frame_id = ?').get(frameId) as { n: number }).n),
  };

  const contacts: ContactsRepository = {
    insertMany: (rows) =>
      run(() =>
        bulkInsert(
          db,
          insertContact,
          rows,
          (c) => [c.householdId, c.frameId, c.registerId, c.name, c.street, c.houseNumber, c.postcode, c.city],
          'householdId',
        ),
      ),
    getMany: (frameId, householdIds) =>
      run(() => {
        const found: Contact[] = [];
        for (const id of householdIds) {
          const row = contactById().get(id, frameId);
          if (row) found.push(toContact(row));
        }
        return found;
      }),
    countByFrame: (frameId) => run(() => (db.prepare('SELECT COUNT(*) AS n FROM contacts WHERE frame_id = ?').get(frameId) as { n: number }).n),
    purgeFrame: (frameId) => run(() => db.prepare('DELETE FROM contacts WHERE frame_id = ?').run(frameId).changes),
  };

  const draws: DrawsRepository = {
    create: (d) =>
      run(() => {
        const id = newId();
        db.prepare(
          `INSERT INTO draws (id, frame_id, wave, method, seed, prng, frame_fingerprint, sort_key, allocation_exact, allocation, reserve, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          id,
          d.frameId,
          d.wave,
          d.method,
          d.seed,
          d.prng,
          d.frameFingerprint,
          d.sortKey == null ? null : JSON.stringify(d.sortKey),
          JSON.stringify(d.allocationExact),
          JSON.stringify(d.allocation),
          JSON.stringify(d.reserve),
          d.createdAt ?? new Date().toISOString(),
          d.createdBy,
        );
        return toDraw(drawById().get(id)!);
      }),
    get: (id) =>
      run(() => {
        const row = drawById().get(id);
        return row ? toDraw(row) : null;
      }),
    list: (frameId) =>
      run(() =>
        (frameId === undefined
          ? db.prepare<[], DrawRow>('SELECT * FROM draws ORDER BY created_at DESC, id DESC').all()
          : db.prepare<[string], DrawRow>('SELECT * FROM draws WHERE frame_id = ? ORDER BY created_at DESC, id DESC').all(frameId)
        ).map(toDraw),
      ),
  };

  const unitOrder = `ORDER BY district, CASE status WHEN 'invited' THEN 0 WHEN 'released' THEN 1 ELSE 2 END, reserve_rank, household_id`;
  const sampleUnits: SampleUnitsRepository = {
    insertMany: (units) =>
      run(() =>
        bulkInsert(
          db,
          insertUnit,
          units,
          (u) => [u.drawId, u.householdId, u.district, u.inclusionProbability, u.designWeight, u.status, u.wave, u.reserveRank, u.releasedAt],
          'householdId',
        ),
      ),
    listByDraw: (drawId, status) =>
      run(() =>
        (status === undefined
          ? db.prepare<[string], SampleUnitRow>(`SELECT * FROM sample_units WHERE draw_id = ? ${unitOrder}`).all(drawId)
          : db.prepare<[string, string], SampleUnitRow>(`SELECT * FROM sample_units WHERE draw_id = ? AND status = ? ${unitOrder}`).all(drawId, status)
        ).map(toSampleUnit),
      ),
    release: (drawId, householdIds, at, districtDesign) =>
      run(() => {
        const mark = db.prepare("UPDATE sample_units SET status = 'released', released_at = ? WHERE draw_id = ? AND household_id = ? AND status = 'reserve'");
        const reweight = db.prepare(
          "UPDATE sample_units SET inclusion_probability = ?, design_weight = ? WHERE draw_id = ? AND district = ? AND status IN ('invited', 'released')",
        );
        return db.transaction(() => {
          let released = 0;
          for (const id of householdIds) released += mark.run(at, drawId, id).changes;
          for (const [district, design] of Object.entries(districtDesign)) {
            reweight.run(design.inclusionProbability, design.designWeight, drawId, district);
          }
          return released;
        })();
      }),
  };

  const accessCodes: AccessCodesRepository = {
    insertMany: (codes) =>
      run(() => bulkInsert(db, insertCode, codes, (c) => [newId(), c.drawId, c.householdId, c.codeHash, c.issuedAt], 'codeHash')),
    revokeActiveForDraw: (drawId, at) =>
      run(() => db.prepare('UPDATE access_codes SET revoked_at = ? WHERE draw_id = ? AND revoked_at IS NULL').run(at, drawId).changes),
    listByDraw: (drawId) =>
      run(() =>
        db
          .prepare<[string], AccessCodeRow>('SELECT * FROM access_codes WHERE draw_id = ? ORDER BY issued_at, household_id, id')
          .all(drawId)
          .map(toAccessCode),
      ),
    findActiveByHash: (codeHash) =>
      run(() => {
        const row = db.prepare<[string], AccessCodeRow>('SELECT * FROM access_codes WHERE code_hash = ? AND revoked_at IS NULL').get(codeHash);
        return row ? toAccessCode(row) : null;
      }),
  };

  return { frames, households, contacts, draws, sampleUnits, accessCodes };
}

/** Rows per write step of a frame import: about 0.1–0.3 s of work, so other requests wait at most that long. */
const IMPORT_CHUNK = 20_000;
/** How often a running import refreshes its heartbeat (see discardAbandonedImports). */
const HEARTBEAT_MS = 30_000;
/** Pseudonymous ids encode the write rank in 25 bits (see householdIdMint). */
const MAX_STAGED_ROWS = MAX_HOUSEHOLDS_PER_IMPORT;
let stagingNumber = 0;

/**
 * Uniformly random permutation of 1..n (Fisher–Yates, Knuth 1997 §3.4.2 Algorithm P) with
 * cryptographic randomness, so the write order says nothing about the order of the file.
 * Cost: O(n) time, 4n bytes.
 */
function randomPermutation(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i + 1;
  const random = new Uint32Array(4096);
  let used = random.length;
  for (let i = n - 1; i > 0; i--) {
    const bound = i + 1;
    // Rejection sampling removes the modulo bias of `r % bound`.
    const limit = 2 ** 32 - (2 ** 32 % bound);
    let r: number;
    do {
      if (used === random.length) {
        randomFillSync(random);
        used = 0;
      }
      r = random[used++]!;
    } while (r >= limit);
    const j = r % bound;
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/**
 * Staging of one frame import in connection-private TEMP tables: appends cost no fsync, a crash
 * loses them with the connection, and nothing in the main file changes until `write`.
 *
 * Why a staging table at all: pseudonymous ids are random, and inserting a million random keys
 * into the households and contacts indexes in short transactions rewrites most index pages on
 * every commit (measured: ~90 s for 1,000,000 rows). `write` instead draws a random order of the
 * staged rows and gives the k-th row of that order the id of rank k (householdIdMint in ../ids.ts),
 * which grows with k, so each chunk appends to one region of every index. The ids stay unrelated to the register
 * because the order is a uniformly random permutation.
 */
function stageFrame(db: Database.Database, run: SamplingRunner, frameId: string): FrameStaging {
  const n = ++stagingNumber;
  const stageTable = `temp.frame_stage_${n}`;
  const orderTable = `temp.frame_order_${n}`;
  let staged = 0;
  let written = false;
  let discarded = false;
  let lastBeat = Date.now();
  const beat = () => {
    if (Date.now() - lastBeat < HEARTBEAT_MS) return;
    db.prepare('UPDATE frames SET import_heartbeat_at = ? WHERE id = ? AND import_heartbeat_at IS NOT NULL').run(new Date().toISOString(), frameId);
    lastBeat = Date.now();
  };
  const created = run(() => {
    // Staged rows are read back in random order while written; 128 MB keeps a million of them in memory.
    db.pragma('temp.cache_size = -131072');
    db.exec(`CREATE TABLE ${stageTable} (district TEXT, household_type TEXT, children INTEGER, youngest_child_age INTEGER, sort_key TEXT, subdistrict TEXT,
      register_id TEXT, name TEXT, street TEXT, house_number TEXT, postcode TEXT, city TEXT)`);
    db.exec(`CREATE TABLE ${orderTable} (rank INTEGER PRIMARY KEY, source INTEGER NOT NULL, household_id TEXT NOT NULL)`);
    return {
      insert: db.prepare(`INSERT INTO ${stageTable} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      order: db.prepare(`INSERT INTO ${orderTable} VALUES (?, ?, ?)`),
      clearOrder: db.prepare(`DELETE FROM ${orderTable}`),
      households: db.prepare(
        `INSERT INTO households (household_id, frame_id, district, household_type, children, youngest_child_age, sort_key, subdistrict)
         SELECT o.household_id, ?, s.district, s.household_type, s.children, s.youngest_child_age, s.sort_key, s.subdistrict
         FROM ${orderTable} o JOIN ${stageTable} s ON s.rowid = o.source ORDER BY o.rank`,
      ),
      contacts: db.prepare(
        `INSERT INTO contacts (household_id, frame_id, register_id, name, street, house_number, postcode, city)
         SELECT o.household_id, ?, s.register_id, s.name, s.street, s.house_number, s.postcode, s.city
         FROM ${orderTable} o JOIN ${stageTable} s ON s.rowid = o.source ORDER BY o.rank`,
      ),
    };
  });
  const dropTables = () => {
    db.exec(`DROP TABLE IF EXISTS ${stageTable}; DROP TABLE IF EXISTS ${orderTable}`);
  };
  const guard = () => {
    if (discarded) throw new Error(`the import of frame ${frameId} was discarded`);
  };

  return {
    frameId,
    async append(rows) {
      guard();
      if (written) throw new Error('rows cannot be added after write()');
      if (staged + rows.length > MAX_STAGED_ROWS) throw new RangeError(`a frame can have at most ${MAX_STAGED_ROWS} households`);
      const s = await created;
      await run(() =>
        db.transaction((all: readonly StagedFrameRow[]) => {
          for (const row of all) s.insert.run(row);
          beat();
        })(rows),
      );
      staged += rows.length;
    },
    async write(onProgress) {
      guard();
      if (written) throw new Error('write() was already called');
      written = true;
      const s = await created;
      const order = randomPermutation(staged);
      const ids = householdIdMint();
      const chunk = db.transaction((from: number, to: number) => {
        s.clearOrder.run();
        for (let k = from; k < to; k++) s.order.run(k, order[k]!, ids.at(k));
        s.households.run(frameId);
        s.contacts.run(frameId);
        beat();
      });
      for (let from = 0; from < staged; from += IMPORT_CHUNK) {
        guard();
        const to = Math.min(staged, from + IMPORT_CHUNK);
        try {
          await run(() => chunk(from, to));
        } catch (err) {
          throw duplicateKey(err, 'householdId');
        }
        onProgress?.(to, staged);
        // Let waiting requests (progress polls, other users) run before the next chunk.
        await nextTurn();
      }
      await run(dropTables);
      return staged;
    },
    async discard() {
      if (discarded) return;
      discarded = true;
      await created.catch(() => undefined);
      await run(dropTables);
      await removePendingFrame(db, run, frameId);
    },
  };
}

/** Deletes a pending frame with its households and contacts in short steps; a complete frame is never touched. */
async function removePendingFrame(db: Database.Database, run: SamplingRunner, frameId: string): Promise<void> {
  const pending = () => db.prepare('SELECT 1 FROM frames WHERE id = ? AND import_heartbeat_at IS NOT NULL').get(frameId) !== undefined;
  for (const table of ['contacts', 'households'] as const) {
    for (;;) {
      const removed = await run(() =>
        pending() ? db.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE frame_id = ? LIMIT ?)`).run(frameId, IMPORT_CHUNK).changes : 0,
      );
      if (removed === 0) break;
      await nextTurn();
    }
  }
  await run(() => db.prepare('DELETE FROM frames WHERE id = ? AND import_heartbeat_at IS NOT NULL').run(frameId));
}

function completeImport(db: Database.Database, frameId: string, summary: StagedFrameSummary): Frame {
  const row = db.prepare<[string], FrameRow>('SELECT * FROM frames WHERE id = ?').get(frameId);
  if (!row || row.import_heartbeat_at === null) throw new Error(`frame ${frameId} is not being imported`);
  const households = (db.prepare('SELECT COUNT(*) AS n FROM households WHERE frame_id = ?').get(frameId) as { n: number }).n;
  const contacts = (db.prepare('SELECT COUNT(*) AS n FROM contacts WHERE frame_id = ?').get(frameId) as { n: number }).n;
  if (households !== summary.rowCount || contacts !== summary.rowCount) {
    throw new Error(`frame ${frameId} has ${households} households and ${contacts} contacts written, expected ${summary.rowCount}`);
  }
  db.prepare('UPDATE frames SET row_count = ?, districts = ?, import_heartbeat_at = NULL WHERE id = ?').run(summary.rowCount, JSON.stringify(summary.districts), frameId);
  return toFrame(db.prepare<[string], FrameRow>('SELECT * FROM frames WHERE id = ?').get(frameId)!);
}
