/**
 * MongoDB repository of stored indicator definitions; same behaviour as ../sqlite/indicatorDefinitionRepositories.ts.
 * One document per version; the unique index on { indicatorId, version } refuses a second version k,
 * which makes the caller's "newest + 1" safe without a transaction. Migration step 11 writes
 * version 1 of every shipped indicator (`shippedIndicatorDocuments`), as SQLite's 011 does.
 */
import { Schema, type ClientSession, type Connection } from 'mongoose';
import { INDICATORS } from '../../../analysis/indicators';
import { DuplicateKeyError, type IndicatorDefinitionsRepository, type StoredIndicatorDefinition } from '../types';
import { textValue } from './queryValues';

type Doc = Omit<StoredIndicatorDefinition, 'indicatorId' | 'version'> & { _id: string; indicatorId: string; version: number };

export const indicatorDefinitionSchema = new Schema<Doc>(
  {
    _id: { type: String, required: true },
    indicatorId: { type: String, required: true, minlength: 1 },
    version: { type: Number, required: true, min: 1, validate: Number.isInteger },
    position: { type: Number, required: true },
    definition: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: String, required: true },
    createdBy: { type: String, default: null },
    note: { type: String, default: null },
  },
  { versionKey: false as const, strict: 'throw' as const, collection: 'indicator_definitions', minimize: false },
);
indicatorDefinitionSchema.index({ indicatorId: 1, version: -1 }, { unique: true });

export function indicatorDefinitionModels(conn: Connection) {
  return { indicatorDefinitions: conn.model('IndicatorDefinition', indicatorDefinitionSchema) };
}
export type IndicatorDefinitionModels = ReturnType<typeof indicatorDefinitionModels>;

const docId = (indicatorId: string, version: number) => `${indicatorId}@${version}`;

const toStored = (d: Doc): StoredIndicatorDefinition => ({
  indicatorId: d.indicatorId,
  version: d.version,
  position: d.position,
  definition: structuredClone(d.definition),
  createdAt: d.createdAt,
  createdBy: d.createdBy ?? null,
  note: d.note ?? null,
});

/** Version 1 of every shipped indicator, as migration step 11 writes it. */
export function shippedIndicatorDocuments(createdAt: string): Doc[] {
  return INDICATORS.map((definition, position) => ({
    _id: docId(definition.id, 1),
    indicatorId: definition.id,
    version: 1,
    position,
    definition: JSON.parse(JSON.stringify(definition)) as Doc['definition'],
    createdAt,
    createdBy: null,
    note: 'shipped with the platform',
  }));
}

const byPosition = (a: StoredIndicatorDefinition, b: StoredIndicatorDefinition) => a.position - b.position || (a.indicatorId < b.indicatorId ? -1 : a.indicatorId > b.indicatorId ? 1 : 0);

export function mongoIndicatorDefinitionRepositories(m: IndicatorDefinitionModels, session: ClientSession | undefined): { indicatorDefinitions: IndicatorDefinitionsRepository } {
  const o = session ? { session } : {};
  const indicatorDefinitions: IndicatorDefinitionsRepository = {
    async create(entry) {
      const indicatorId = textValue('indicatorId', entry.indicatorId);
      if (entry.definition.id !== indicatorId) throw new TypeError(`definition id '${entry.definition.id}' differs from indicator id '${indicatorId}'`);
      const doc: Doc = {
        _id: docId(indicatorId, entry.version),
        indicatorId,
        version: entry.version,
        position: entry.position,
        definition: JSON.parse(JSON.stringify(entry.definition)) as Doc['definition'],
        createdAt: entry.createdAt ?? new Date().toISOString(),
        createdBy: entry.createdBy,
        note: entry.note,
      };
      try {
        await m.indicatorDefinitions.create([doc], o);
      } catch (err) {
        if ((err as { code?: number }).code === 11000) throw new DuplicateKeyError('version');
        throw err;
      }
      return toStored(doc);
    },
    async get(indicatorId, version) {
      const d = await m.indicatorDefinitions.findOne({ indicatorId: textValue('indicatorId', indicatorId), version: Number(version) }, null, o).lean<Doc>();
      return d ? toStored(d) : null;
    },
    async current() {
      const newest = new Map<string, Doc>();
      for (const d of await m.indicatorDefinitions.find({}, null, o).lean<Doc[]>()) {
        const seen = newest.get(d.indicatorId);
        if (!seen || seen.version < d.version) newest.set(d.indicatorId, d);
      }
      return [...newest.values()].map(toStored).sort(byPosition);
    },
    async versions(indicatorId) {
      return (await m.indicatorDefinitions.find({ indicatorId: textValue('indicatorId', indicatorId) }, null, o).sort({ version: -1 }).lean<Doc[]>()).map(toStored);
    },
  };
  return { indicatorDefinitions };
}
