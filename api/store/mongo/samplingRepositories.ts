/**
 * MongoDB repositories of the sampling workflow; same behaviour as ../sqlite/samplingRepositories.ts.
 * Bulk inserts are one ordered insertMany: all-or-nothing only inside `store.transaction` on a
 * replica set (a standalone server keeps the rows before a duplicate).
 */
import type { ClientSession, Connection } from 'mongoose';
import { newId } from '../ids';
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
      const d = await m.frames.findById(id, null, o).lean<FrameDoc>();
      return d ? toFrame(d) : null;
    },
    async list() {
      return (await m.frames.find({}, null, o).sort({ importedAt: -1, _id: -1 }).lean<FrameDoc[]>()).map(toFrame);
    },
    async markContactsPurged(id, at) {
      const d = await m.frames.findOneAndUpdate({ _id: id }, { $set: { contactsPurgedAt: at } }, { ...o, returnDocument: 'after' }).lean<FrameDoc>();
      return d ? toFrame(d) : null;
    },
  };

  const households: HouseholdsRepository = {
    insertMany: (rows) =>
      insertAll(
        () =>
          m.households.insertMany(
            rows.map((h) => ({ _id: h.householdId, frameId: h.frameId, district: h.district, householdType: h.householdType, children: h.children, youngestChildAge: h.youngestChildAge, sortKey: h.sortKey })),
            { ...o, ordered: true },
          ),
        rows.length,
        'householdId',
      ),
    async listByFrame(frameId) {
      return (await m.households.find({ frameId }, null, o).sort({ _id: 1 }).lean<HouseholdDoc[]>()).map(toHousehold);
    },
    countByFrame: (frameId) => m.households.countDocuments({ frameId }, o),
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
      const docs = await m.contacts.find({ frameId, _id: { $in: [...householdIds] } }, null, o).lean<ContactDoc[]>();
      const byId = new Map(docs.map((d) => [d._id, toContact(d)]));
      return householdIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    },
    countByFrame: (frameId) => m.contacts.countDocuments({ frameId }, o),
    async purgeFrame(frameId) {
      return (await m.contacts.deleteMany({ frameId }, o)).deletedCount;
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
      const d = await m.draws.findById(id, null, o).lean<DrawDoc>();
      return d ? toDraw(d) : null;
    },
    async list(frameId) {
      const filter = frameId === undefined ? {} : { frameId };
      return (await m.draws.find(filter, null, o).sort({ createdAt: -1, _id: -1 }).lean<DrawDoc[]>()).map(toDraw);
    },
  };

  const sampleUnits: SampleUnitsRepository = {
    insertMany: (units) => insertAll(() => m.sampleUnits.insertMany(units.map((u) => ({ ...u })), { ...o, ordered: true }), units.length, 'householdId'),
    async listByDraw(drawId, status) {
      const filter = status === undefined ? { drawId } : { drawId, status };
      const docs = await m.sampleUnits.find(filter, { _id: 0 }, o).lean<SampleUnitDoc[]>();
      return docs.map(toSampleUnit).sort(compareSampleUnits);
    },
    async release(drawId, householdIds, at, districtDesign) {
      const marked = await m.sampleUnits.updateMany(
        { drawId, householdId: { $in: [...householdIds] }, status: 'reserve' },
        { $set: { status: 'released', releasedAt: at } },
        o,
      );
      for (const [district, design] of Object.entries(districtDesign)) {
        await m.sampleUnits.updateMany(
          { drawId, district, status: { $in: ['invited', 'released'] } },
          { $set: { inclusionProbability: design.inclusionProbability, designWeight: design.designWeight } },
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
      return (await m.accessCodes.updateMany({ drawId, revokedAt: null }, { $set: { revokedAt: at } }, o)).modifiedCount;
    },
    async listByDraw(drawId) {
      return (await m.accessCodes.find({ drawId }, null, o).sort({ issuedAt: 1, householdId: 1, _id: 1 }).lean<AccessCodeDoc[]>()).map(toAccessCode);
    },
    async findActiveByHash(codeHash) {
      const d = await m.accessCodes.findOne({ codeHash, revokedAt: null }, null, o).lean<AccessCodeDoc>();
      return d ? toAccessCode(d) : null;
    },
  };

  return { frames, households, contacts, draws, sampleUnits, accessCodes };
}

function omitId<T extends { id: string }>(value: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = value;
  return rest;
}
