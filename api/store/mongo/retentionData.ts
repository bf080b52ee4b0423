/**
 * The retention job's data operations on MongoDB (see ../retentionTypes.ts), on the store's own
 * connection. Timestamps are ISO strings in the MongoDB store too, so the comparisons are the same
 * as in SQLite. The deletions run in a transaction on a replica set; on a standalone server they
 * run one after another.
 */
import type mongoose from 'mongoose';
import { RETENTION_LEASE_KEY as LEASE_KEY, type ExpiredAnswers, type FrameFieldworkFacts, type RetentionData } from '../retentionTypes';

type Doc = Record<string, unknown>;

async function latest(collection: mongoose.mongo.Collection<Doc>, field: string, filter: Doc): Promise<string | null> {
  const [doc] = await collection.find({ ...filter, [field]: { $type: 'string' } }, { projection: { [field]: 1 } }).sort({ [field]: -1 }).limit(1).toArray();
  return doc ? (doc[field] as string) : null;
}

/** `atomic`: the server runs multi-document transactions (replica set or sharded cluster). */
export function mongoRetentionData(conn: mongoose.Connection, atomic: boolean): RetentionData {
  const db = conn.db!;
  const c = (name: string) => db.collection<Doc>(name);
  return {
    async frameFacts() {
      const facts: FrameFieldworkFacts[] = [];
      for (const f of await c('frames').find({}).sort({ importedAt: 1, _id: 1 }).toArray()) {
        const drawIds = (await c('draws').find({ frameId: f._id }, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
        facts.push({
          frameId: String(f._id),
          importedAt: f.importedAt as string,
          contactsPurgedAt: (f.contactsPurgedAt as string | null) ?? null,
          contacts: await c('contacts').countDocuments({ frameId: f._id }),
          lastDrawAt: await latest(c('draws'), 'createdAt', { frameId: f._id }),
          lastReleaseAt: await latest(c('sample_units'), 'releasedAt', { drawId: { $in: drawIds } }),
          lastResponseChangeAt: await latest(c('responses'), 'updatedAt', { drawId: { $in: drawIds } }),
          lastPaperEntryChangeAt: await latest(c('paper_entries'), 'updatedAt', { drawId: { $in: drawIds } }),
        });
      }
      return facts;
    },
    async expiredAnswers(before, apply) {
      const work = async (session?: mongoose.mongo.ClientSession): Promise<ExpiredAnswers> => {
        const expired = { updatedAt: { $lt: before } };
        const responseIds = (await c('responses').find(expired, { projection: { _id: 1 }, session }).toArray()).map((r) => r._id);
        const result: ExpiredAnswers = {
          responses: responseIds.length,
          surveyLinks: await c('survey_links').countDocuments({ responseId: { $in: responseIds } }, { session }),
          paperEntries: await c('paper_entries').countDocuments(expired, { session }),
          paperHistoryKept: await c('paper_entry_history').countDocuments({ at: { $lt: before } }, { session }),
          dispositions: await c('household_dispositions').countDocuments({ recordedAt: { $lt: before } }, { session }),
        };
        if (apply) {
          await c('survey_links').deleteMany({ responseId: { $in: responseIds } }, { session });
          await c('responses').deleteMany({ _id: { $in: responseIds } }, { session });
          await c('paper_entries').deleteMany(expired, { session });
          await c('household_dispositions').deleteMany({ recordedAt: { $lt: before } }, { session });
        }
        return result;
      };
      if (!apply || !atomic) return work();
      const session = conn.getClient().startSession();
      try {
        return await session.withTransaction(() => work(session));
      } finally {
        await session.endSession();
      }
    },
    async acquireLease(holder, now, until) {
      const value = `${until}|${holder}`;
      const taken = await c('meta').updateOne({ _id: LEASE_KEY as never, value: { $lt: now } }, { $set: { value } });
      if (taken.modifiedCount === 1) return true;
      try {
        await c('meta').insertOne({ _id: LEASE_KEY as never, value });
        return true;
      } catch (err) {
        if ((err as { code?: number }).code === 11000) return false; // someone else holds a running lease
        throw err;
      }
    },
    async releaseLease(holder) {
      await c('meta').deleteOne({ _id: LEASE_KEY as never, value: { $regex: `\\|${holder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` } });
    },
    async close() {
      // The connection is the store's: it closes with the store.
    },
  };
}
