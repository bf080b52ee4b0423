/**
 * MongoDB repository of imported area covariates; same behaviour as ../sqlite/areaCovariateRepositories.ts.
 * One document per version; the unique index on { frameId, level, version } refuses a second
 * version k, which is what makes the caller's "newest + 1" safe without a transaction.
 */
import { Schema, type ClientSession, type Connection } from 'mongoose';
import { newId } from '../ids';
import { AREA_LEVELS, DuplicateKeyError, type AreaCovariateImport, type AreaCovariatesRepository, type AreaLevel } from '../types';
import { textValue } from './queryValues';

type Doc = Omit<AreaCovariateImport, 'id'> & { _id: string };

export const areaCovariateSchema = new Schema<Doc>(
  {
    _id: { type: String, required: true },
    frameId: { type: String, required: true, minlength: 1 },
    level: { type: String, required: true, enum: AREA_LEVELS },
    version: { type: Number, required: true, min: 1, validate: Number.isInteger },
    columns: { type: [String], required: true },
    rows: { type: Schema.Types.Mixed, required: true },
    importedAt: { type: String, required: true },
    importedBy: { type: String, default: null },
    fileName: { type: String, required: true },
  },
  { versionKey: false as const, strict: 'throw' as const, collection: 'area_covariates', minimize: false },
);
areaCovariateSchema.index({ frameId: 1, level: 1, version: -1 }, { unique: true });

export function areaCovariateModels(conn: Connection) {
  return { areaCovariates: conn.model('AreaCovariateImport', areaCovariateSchema) };
}
export type AreaCovariateModels = ReturnType<typeof areaCovariateModels>;

const toImport = (d: Doc): AreaCovariateImport => ({
  id: d._id,
  frameId: d.frameId,
  level: d.level,
  version: d.version,
  columns: [...d.columns],
  rows: d.rows.map((r) => ({ area: r.area, values: [...r.values] })),
  importedAt: d.importedAt,
  importedBy: d.importedBy ?? null,
  fileName: d.fileName,
});
const levelValue = (value: unknown): AreaLevel => {
  const level = textValue('level', value);
  if (!(AREA_LEVELS as readonly string[]).includes(level)) throw new TypeError(`unknown area level '${level}'`);
  return level as AreaLevel;
};
/** District level first, newest version first (as SQLite). */
const byLevelAndVersion = (a: AreaCovariateImport, b: AreaCovariateImport) =>
  a.level === b.level ? b.version - a.version : AREA_LEVELS.indexOf(a.level) - AREA_LEVELS.indexOf(b.level);

export function mongoAreaCovariateRepositories(m: AreaCovariateModels, session: ClientSession | undefined): { areaCovariates: AreaCovariatesRepository } {
  const o = session ? { session } : {};
  const areaCovariates: AreaCovariatesRepository = {
    async create(entry) {
      const doc: Doc = {
        _id: newId(),
        frameId: textValue('frameId', entry.frameId),
        level: levelValue(entry.level),
        version: entry.version,
        columns: [...entry.columns],
        rows: entry.rows.map((r) => ({ area: r.area, values: [...r.values] })),
        importedAt: entry.importedAt ?? new Date().toISOString(),
        importedBy: entry.importedBy,
        fileName: entry.fileName,
      };
      try {
        await m.areaCovariates.create([doc], o);
      } catch (err) {
        if ((err as { code?: number }).code === 11000) throw new DuplicateKeyError('version');
        throw err;
      }
      return toImport(doc);
    },
    async get(id) {
      const d = await m.areaCovariates.findById(textValue('id', id), null, o).lean<Doc>();
      return d ? toImport(d) : null;
    },
    async latest(frameId, level) {
      const d = await m.areaCovariates
        .findOne({ frameId: textValue('frameId', frameId), level: levelValue(level) }, null, o)
        .sort({ version: -1 })
        .lean<Doc>();
      return d ? toImport(d) : null;
    },
    async list(frameId, level) {
      const query = level === undefined ? { frameId: textValue('frameId', frameId) } : { frameId: textValue('frameId', frameId), level: levelValue(level) };
      return (await m.areaCovariates.find(query, null, o).lean<Doc[]>()).map(toImport).sort(byLevelAndVersion);
    },
  };
  return { areaCovariates };
}
