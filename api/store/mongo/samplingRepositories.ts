/**
 * MongoDB repositories of the sampling workflow; same behaviour as ../sqlite/samplingRepositories.ts.
 * Bulk inserts are one ordered insertMany: all-or-nothing only inside `store.transaction` on a
 * replica set (a standalone server keeps the rows before a duplicate). Frame imports do not need
 * transactions: their rows stay invisible behind a pending frame until `completeImport`.
 */
import type { ClientSession, Connection } from 'mongoose';
import { householdIdMint, newId } from '../ids';
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
  type SampleUnitsRepository,
} from '../types';
import type { FrameStaging } from '../samplingTypes';
import {
  accessCodeSchema,
  contactSchema,
  drawSchema,
  frameSchema,
  householdSchema,
  sampleUnitSchema,
  type AccessCodeDoc,
  type ContactDoc,
  type DrawDoc,
  type FrameDoc,
  type HouseholdDoc,
  type SampleUnitDoc,
} from './samplingSchemas';
import { numberValue, textValue, textValues } from './queryValues';

export function samplingModels(conn: Connection) {
  return {
    frames: conn.model('Frame', frameSchema),
    households: conn.model('Household', householdSchema),
    contacts: conn.model('Contact', contactSchema),
    draws: conn.model('Draw', drawSchema),
    sampleUnits: conn.model('SampleUnit', sampleUnitSchema),
    accessCodes: conn.model('AccessCode', accessCodeSchema),
  };
}
export type SamplingModels = ReturnType<typeof samplingModels>;

const isDuplicateKey = (err: unknown) =>
  typeof err === 'object' && err !== null && ((err as { code?: unknown }).code === 11000 || (err as { writeErrors?: { code?: number }[] }).writeErrors?.[0]?.code === 11000);

async function insertAll<T>(insert: () => Promise<unknown>, count: number, field: string): Promise<number> {
  if (count === 0) return 0;
  try {
    await insert();
  } catch (err) {
    if (isDuplicateKey(err)) throw new DuplicateKeyError(field);
    throw err;
  }
  return count;
}

const toFrame = (d: FrameDoc): Frame => ({
  id: d._id,
  name: d.name,
  importedAt: d.importedAt,
  importedBy: d.importedBy ?? null,
  rowCount: d.rowCount,
  fingerprint: d.fingerprint,
  columnMapping: d.columnMapping as unknown as Frame['columnMapping'],
  districts: d.districts,
  contactsPurgedAt: d.contactsPurgedAt ?? null,
});
const toHousehold = (d: HouseholdDoc): Household => ({
  frameId: d.frameId,
  householdId: d._id,
  district: d.district,
  householdType: d.householdType ?? null,
  children: d.children ?? null,
  youngestChildAge: d.youngestChildAge ?? null,
  sortKey: d.sortKey ?? null,
  subdistrict: d.subdistrict ?? null,
});
const toContact = (d: ContactDoc): Contact => ({
  frameId: d.frameId,
  householdId: d._id,
  registerId: d.registerId,
  name: d.name,
  street: d.street,
  houseNumber: d.houseNumber,
  postcode: d.postcode,
  city: d.city,
});
const toDraw = (d: DrawDoc): Draw => ({
  id: d._id,
  frameId: d.frameId,
  wave: d.wave,
  method: d.method,
  seed: d.seed,
  prng: d.prng,
  frameFingerprint: d.frameFingerprint,
  sortKey: d.sortKey ?? null,
  allocationExact: d.allocationExact,
  allocation: d.allocation,
  reserve: d.reserve,
  createdAt: d.createdAt,
  createdBy: d.createdBy ?? null,
});
const toSampleUnit = (d: SampleUnitDoc): SampleUnit => ({
  drawId: d.drawId,
  householdId: d.householdId,
  district: d.district,
  inclusionProbability: d.inclusionProbability,
  designWeight: d.designWeight,
  status: d.status,
  wave: d.wave,
  reserveRank: d.reserveRank ?? null,
  releasedAt: d.releasedAt ?? null,
});
const toAccessCode = (d: AccessCodeDoc): AccessCode => ({
  id: d._id,
  drawId: d.drawId,
  householdId: d.householdId,
  codeHash: d.codeHash,
  issuedAt: d.issuedAt,
  revokedAt: d.revokedAt ?? null,
});

const STATUS_ORDER = { invited: 0, released: 1, reserve: 2 } as const;
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Same order as SQLite: district, status (invited, released, reserve), reserve rank (nulls first), household id. */
export function compareSampleUnits(a: SampleUnit, b: SampleUnit): number {
  return (
    byString(a.district, b.district) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    (a.reserveRank ?? -Infinity) - (b.reserveRank ?? -Infinity) ||
    byString(a.householdId, b.householdId)
  );
}

export function mongoSamplingRepositories(m: SamplingModels, session: ClientSession | undefined) {
  const o = session ? { session } : {};

  const frames: FramesRepository = {
    async create(f) {
      const doc: FrameDoc = { _id: f.id, ...omitId(f), columnMapping: { ...f.columnMapping } as Record<string, string>, contactsPurgedAt: null };
      await insertAll(() => m.frames.create([doc], o), 1, 'id');
      return toFrame(doc);
    },
    async get(id) {
      // `importHeartbeatAt: null` also matches frames stored before the field existed.
      const d = await m.frames.findOne({ _id: textValue('id', id), importHeartbeatAt: null }, null, o).lean<FrameDoc>();
      return d ? toFrame(d) : null;
    },
    async list() {
      return (await m.frames.find({ importHeartbeatAt: null }, null, o).sort({ importedAt: -1, _id: -1 }).lean<FrameDoc[]>()).map(toFrame);
    },
    async markContactsPurged(id, at) {
      const d = await m.frames
        .findOneAndUpdate({ _id: textValue('id', id), importHeartbeatAt: null }, { $set: { contactsPurgedAt: textValue('at', at) } }, { ...o, returnDocument: 'after' })
        .lean<FrameDoc>();
      return d ? toFrame(d) : null;
    },
    async stage(f) {
      textValue('id', f.id);
      const doc: FrameDoc = {
        _id: f.id,
        ...omitId(f),
        rowCount: 0,
        districts: [],
        columnMapping: { ...f.columnMapping } as Record<string, string>,
        contactsPurgedAt: null,
        importHeartbeatAt: new Date().toISOString(),
      };
      await insertAll(() => m.frames.create([doc], o), 1, 'id');
      return mongoFrameStaging(m, o, f.id);
    },
    async completeImport(frameId, summary) {
      textValue('frameId', frameId);
      numberValue('rowCount', summary.rowCount);
      const pending = await m.frames.findOne({ _id: frameId, importHeartbeatAt: { $ne: null } }, null, o).lean<FrameDoc>();
      if (!pending) throw new Error(`frame ${frameId} is not being imported`);
      const households = await m.households.countDocuments({ frameId }, o);
      const contacts = await m.contacts.countDocuments({ frameId }, o);
      if (households !== summary.rowCount || contacts !== summary.rowCount) {
        throw new Error(`frame ${frameId} has ${households} households and ${contacts} contacts written, expected ${summary.rowCount}`);
      }
      const d = await m.frames
        .findOneAndUpdate(
          { _id: frameId, importHeartbeatAt: { $ne: null } },
          { $set: { rowCount: summary.rowCount, districts: summary.districts, importHeartbeatAt: null } },
          { ...o, returnDocument: 'after' },
        )
        .lean<FrameDoc>();
      if (!d) throw new Error(`frame ${frameId} is not being imported`);
      return toFrame(d);
    },
    async discardAbandonedImports(staleBefore) {
      const stale = await m.frames.find({ importHeartbeatAt: { $ne: null, $lt: textValue('staleBefore', staleBefore) } }, { _id: 1 }, o).lean<{ _id: string }[]>();
      for (const { _id } of stale) await removePendingFrame(m, o, _id);
      return stale.length;
    },
  };

  const households: HouseholdsRepository = {
    insertMany: (rows) =>
      insertAll(
        () =>
          m.households.insertMany(
            rows.map((h) => ({
              _id: h.householdId,
              frameId: h.frameId,
              district: h.district,
              householdType: h.householdType,
              children: h.children,
              youngestChildAge: h.youngestChildAge,
              sortKey: h.sortKey,
              subdistrict: h.subdistrict,
            })),
            { ...o, ordered: true },
          ),
        rows.length,
        'householdId',
      ),
    async listByFrame(frameId) {
      return (await m.households.find({ frameId: textValue('frameId', frameId) }, null, o).sort({ _id: 1 }).lean<HouseholdDoc[]>()).map(toHousehold);
    },
    countByFrame: async (frameId) => m.households.countDocuments({ frameId: textValue('frameId', frameId) }, o),
  };

  const contacts: ContactsRepository = {
    insertMany: (rows) =>
      insertAll(
        () =>
          m.contacts.insertMany(
            rows.map((c) => ({ _id: c.householdId, frameId: c.frameId, registerId: c.registerId, name: c.name, street: c.street, houseNumber: c.houseNumber, postcode: c.postcode, city: c.city })),
            { ...o, ordered: true },
          ),
        rows.length,
        'householdId',
      ),
    async getMany(frameId, householdIds) {
      const docs = await m.contacts.find({ frameId: textValue('frameId', frameId), _id: { $in: textValues('householdIds', householdIds) } }, null, o).lean<ContactDoc[]>();
      const byId = new Map(docs.map((d) => [d._id, toContact(d)]));
      return householdIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    },
    countByFrame: async (frameId) => m.contacts.countDocuments({ frameId: textValue('frameId', frameId) }, o),
    async purgeFrame(frameId) {
      return (await m.contacts.deleteMany({ frameId: textValue('frameId', frameId) }, o)).deletedCount;
    },
  };

  const draws: DrawsRepository = {
    async create(d) {
      const doc: DrawDoc = {
        _id: newId(),
        frameId: d.frameId,
        wave: d.wave,
        method: d.method,
        seed: d.seed,
        prng: d.prng,
        frameFingerprint: d.frameFingerprint,
        sortKey: d.sortKey,
        allocationExact: d.allocationExact,
        allocation: d.allocation,
        reserve: d.reserve,
        createdAt: d.createdAt ?? new Date().toISOString(),
        createdBy: d.createdBy,
      };
      await m.draws.create([doc], o);
      return toDraw(doc);
    },
    async get(id) {
      const d = await m.draws.findById(textValue('id', id), null, o).lean<DrawDoc>();
      return d ? toDraw(d) : null;
    },
    async list(frameId) {
      const filter = frameId === undefined ? {} : { frameId: textValue('frameId', frameId) };
      return (await m.draws.find(filter, null, o).sort({ createdAt: -1, _id: -1 }).lean<DrawDoc[]>()).map(toDraw);
    },
  };

  const sampleUnits: SampleUnitsRepository = {
    insertMany: (units) => insertAll(() => m.sampleUnits.insertMany(units.map((u) => ({ ...u })), { ...o, ordered: true }), units.length, 'householdId'),
    async listByDraw(drawId, status) {
      const draw = textValue('drawId', drawId);
      const filter = status === undefined ? { drawId: draw } : { drawId: draw, status: textValue('status', status) as typeof status };
      const docs = await m.sampleUnits.find(filter, { _id: 0 }, o).lean<SampleUnitDoc[]>();
      return docs.map(toSampleUnit).sort(compareSampleUnits);
    },
    async release(drawId, householdIds, at, districtDesign) {
      textValue('drawId', drawId);
      // Checked before the first write, so a bad design value leaves no half-released draw.
      const designs = Object.entries(districtDesign).map(
        ([district, design]) => [district, { inclusionProbability: numberValue('inclusionProbability', design.inclusionProbability), designWeight: numberValue('designWeight', design.designWeight) }] as const,
      );
      const marked = await m.sampleUnits.updateMany(
        { drawId, householdId: { $in: textValues('householdIds', householdIds) }, status: 'reserve' },
        { $set: { status: 'released', releasedAt: textValue('at', at) } },
        o,
      );
      for (const [district, design] of designs) {
        await m.sampleUnits.updateMany(
          { drawId, district, status: { $in: ['invited', 'released'] } },
          { $set: design },
          { ...o, runValidators: true },
        );
      }
      return marked.modifiedCount;
    },
  };

  const accessCodes: AccessCodesRepository = {
    insertMany: (codes) =>
      insertAll(
        () => m.accessCodes.insertMany(codes.map((c) => ({ _id: newId(), ...c, revokedAt: null })), { ...o, ordered: true }),
        codes.length,
        'codeHash',
      ),
    async revokeActiveForDraw(drawId, at) {
      return (await m.accessCodes.updateMany({ drawId: textValue('drawId', drawId), revokedAt: null }, { $set: { revokedAt: textValue('at', at) } }, o)).modifiedCount;
    },
    async listByDraw(drawId) {
      return (await m.accessCodes.find({ drawId: textValue('drawId', drawId) }, null, o).sort({ issuedAt: 1, householdId: 1, _id: 1 }).lean<AccessCodeDoc[]>()).map(toAccessCode);
    },
    async findActiveByHash(codeHash) {
      const d = await m.accessCodes.findOne({ codeHash: textValue('codeHash', codeHash), revokedAt: null }, null, o).lean<AccessCodeDoc>();
      return d ? toAccessCode(d) : null;
    },
  };

  return { frames, households, contacts, draws, sampleUnits, accessCodes };
}

/** Rows per insertMany of a frame import. */
const IMPORT_CHUNK = 10_000;
/** How often a running import refreshes its heartbeat (see discardAbandonedImports). */
const HEARTBEAT_MS = 30_000;


/**
 * MongoDB has no cheap private staging table, and random keys cost a document store nothing
 * special, so `append` writes households and contacts of the pending frame directly, each with
 * the id of a rank drawn at random (householdIdMint in ../ids.ts, the scheme SQLite uses), and
 * `write` only reports completion. The pending frame keeps them invisible.
 */
function mongoFrameStaging(m: SamplingModels, o: { session?: ClientSession }, frameId: string): FrameStaging {
  const mint = householdIdMint();
  let staged = 0;
  let discarded = false;
  let lastBeat = Date.now();
  return {
    frameId,
    async append(rows) {
      if (discarded) throw new Error(`the import of frame ${frameId} was discarded`);
      for (let from = 0; from < rows.length; from += IMPORT_CHUNK) {
        const part = rows.slice(from, from + IMPORT_CHUNK);
        const ids = part.map(() => mint.next());
        await insertAll(
          () =>
            m.households.insertMany(
              part.map(([district, householdType, children, youngestChildAge, sortKey, subdistrict], i) => ({
                _id: ids[i]!,
                frameId,
                district,
                householdType,
                children,
                youngestChildAge,
                sortKey,
                subdistrict,
              })),
              { ...o, ordered: true },
            ),
          part.length,
          'householdId',
        );
        await insertAll(
          () =>
            m.contacts.insertMany(
              part.map((r, i) => ({ _id: ids[i]!, frameId, registerId: r[6], name: r[7], street: r[8], houseNumber: r[9], postcode: r[10], city: r[11] })),
              { ...o, ordered: true },
            ),
          part.length,
          'householdId',
        );
      }
      staged += rows.length;
      if (Date.now() - lastBeat >= HEARTBEAT_MS) {
        await m.frames.updateOne({ _id: frameId, importHeartbeatAt: { $ne: null } }, { $set: { importHeartbeatAt: new Date().toISOString() } }, o);
        lastBeat = Date.now();
      }
    },
    async write(onProgress) {
      if (discarded) throw new Error(`the import of frame ${frameId} was discarded`);
      onProgress?.(staged, staged);
      return staged;
    },
    async discard() {
      if (discarded) return;
      discarded = true;
      await removePendingFrame(m, o, frameId);
    },
  };
}

/** Deletes a pending frame with its households and contacts; a complete frame is never touched. */
async function removePendingFrame(m: SamplingModels, o: { session?: ClientSession }, frameId: string): Promise<void> {
  if (!(await m.frames.exists({ _id: frameId, importHeartbeatAt: { $ne: null } }).session(o.session ?? null))) return;
  await m.contacts.deleteMany({ frameId }, o);
  await m.households.deleteMany({ frameId }, o);
  await m.frames.deleteOne({ _id: frameId, importHeartbeatAt: { $ne: null } }, o);
}

function omitId<T extends { id: string }>(value: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = value;
  return rest;
}
