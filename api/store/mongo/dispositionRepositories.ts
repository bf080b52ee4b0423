/**
 * MongoDB repository of household dispositions; same behaviour as ../sqlite/dispositionRepositories.ts.
 * One document per sample unit: `_id` is `<drawId>|<householdId>`, so recording is a single-document
 * upsert (atomic without a transaction); draw ids are generated without '|', so the key is
 * unambiguous, and the unique index on { drawId, householdId } guards it as well.
 */
import { Schema, type ClientSession, type Connection } from 'mongoose';
import { DISPOSITIONS, type DispositionsRepository, type HouseholdDisposition } from '../types';
import { numberValue, textValue } from './queryValues';

const nullable = (type: unknown) => ({ type, default: null });

export const dispositionSchema = new Schema(
  {
    _id: { type: String, required: true },
    drawId: { type: String, required: true },
    householdId: { type: String, required: true },
    disposition: { type: String, required: true, enum: [...DISPOSITIONS] },
    note: { type: String, default: null, maxlength: 200 },
    recordedByUserId: nullable(String),
    recordedByUsername: nullable(String),
    recordedAt: { type: String, required: true },
  },
  { versionKey: false as const, strict: 'throw' as const, collection: 'household_dispositions', minimize: false },
);
dispositionSchema.index({ drawId: 1, householdId: 1 }, { unique: true });
dispositionSchema.index({ recordedAt: -1 });

export function dispositionModels(conn: Connection) {
  return { dispositions: conn.model('HouseholdDisposition', dispositionSchema) };
}
export type DispositionModels = ReturnType<typeof dispositionModels>;

type Doc = Omit<HouseholdDisposition, never> & { _id: string };
const toDisposition = ({ _id, ...d }: Doc): HouseholdDisposition => ({
  drawId: d.drawId,
  householdId: d.householdId,
  disposition: d.disposition,
  note: d.note ?? null,
  recordedByUserId: d.recordedByUserId ?? null,
  recordedByUsername: d.recordedByUsername ?? null,
  recordedAt: d.recordedAt,
});
const byUnit = (a: HouseholdDisposition, b: HouseholdDisposition) =>
  a.drawId === b.drawId ? (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0) : a.drawId < b.drawId ? -1 : 1;

export function mongoDispositionRepositories(m: DispositionModels, session: ClientSession | undefined): { dispositions: DispositionsRepository } {
  const o = session ? { session } : {};
  const key = (drawId: string, householdId: string) => `${textValue('drawId', drawId)}|${textValue('householdId', householdId)}`;
  const dispositions: DispositionsRepository = {
    async get(drawId, householdId) {
      const d = await m.dispositions.findById(key(drawId, householdId), null, o).lean<Doc>();
      return d ? toDisposition(d) : null;
    },
    async set(input) {
      const after: HouseholdDisposition = {
        drawId: input.drawId,
        householdId: input.householdId,
        disposition: input.disposition,
        note: input.note,
        recordedByUserId: input.recordedByUserId,
        recordedByUsername: input.recordedByUsername,
        recordedAt: input.recordedAt ?? new Date().toISOString(),
      };
      if (!DISPOSITIONS.includes(textValue('disposition', after.disposition) as never)) throw new TypeError(`unknown disposition '${after.disposition}'`);
      // findOneAndReplace returns the replaced document atomically: `before` is exactly what was overwritten.
      const before = await m.dispositions
        .findOneAndReplace({ _id: key(after.drawId, after.householdId) }, { _id: key(after.drawId, after.householdId), ...after }, { ...o, upsert: true, new: false, runValidators: true })
        .lean<Doc>();
      return { before: before ? toDisposition(before) : null, after };
    },
    async clear(drawId, householdId) {
      const removed = await m.dispositions.findOneAndDelete({ _id: key(drawId, householdId) }, o).lean<Doc>();
      return removed ? toDisposition(removed) : null;
    },
    async list(filter = {}) {
      const query = filter.drawId === undefined ? {} : { drawId: textValue('drawId', filter.drawId) };
      return (await m.dispositions.find(query, null, o).lean<Doc[]>()).map(toDisposition).sort(byUnit);
    },
    async recent(limit) {
      const n = Math.max(0, Math.trunc(numberValue('limit', limit)));
      if (n === 0) return [];
      const docs = await m.dispositions.find({}, null, o).sort({ recordedAt: -1, drawId: 1, householdId: 1 }).limit(n).lean<Doc[]>();
      return docs.map(toDisposition);
    },
  };
  return { dispositions };
}
