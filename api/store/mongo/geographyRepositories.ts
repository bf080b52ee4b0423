/**
 * MongoDB repositories of area geometry and result publications; same behaviour as
 * ../sqlite/geographyRepositories.ts. The unique index on { level, version } refuses a second
 * version k; the partial unique index on { wave } over live publications keeps one live per wave.
 */
import { Schema, type ClientSession, type Connection } from 'mongoose';
import { newId } from '../ids';
import {
  AREA_LEVELS,
  DuplicateKeyError,
  type AreaGeometryRepository,
  type AreaGeometryVersion,
  type AreaLevel,
  type ResultPublication,
  type ResultPublicationsRepository,
} from '../types';
import { textOrNull, textValue } from './queryValues';

type GeometryDoc = Omit<AreaGeometryVersion, 'id' | 'geojson'> & { _id: string; geojson: string };
type PublicationDoc = Omit<ResultPublication, 'id' | 'snapshot'> & { _id: string; snapshot: string; live: boolean };

// GeoJSON and snapshot are kept as JSON text: keys such as '$ref' or dotted property names in a
// geoportal's file must not become MongoDB field paths, and both are read whole.
export const areaGeometrySchema = new Schema<GeometryDoc>(
  {
    _id: { type: String, required: true },
    level: { type: String, required: true, enum: AREA_LEVELS },
    version: { type: Number, required: true, min: 1, validate: Number.isInteger },
    geojson: { type: String, required: true },
    sourceCrs: { type: String, required: true },
    schematic: { type: Boolean, required: true },
    importedAt: { type: String, required: true },
    importedBy: { type: String, default: null },
    fileName: { type: String, required: true },
  },
  { versionKey: false as const, strict: 'throw' as const, collection: 'area_geometry', minimize: false },
);
areaGeometrySchema.index({ level: 1, version: -1 }, { unique: true });

export const resultPublicationSchema = new Schema<PublicationDoc>(
  {
    _id: { type: String, required: true },
    drawId: { type: String, required: true },
    wave: { type: Number, required: true, min: 1, validate: Number.isInteger },
    geometryId: { type: String, default: null },
    snapshot: { type: String, required: true },
    publishedAt: { type: String, required: true },
    publishedBy: { type: String, default: null },
    unpublishedAt: { type: String, default: null },
    unpublishedBy: { type: String, default: null },
    // Mirrors unpublishedAt === null, for the partial unique index (equality with null is no partial filter).
    live: { type: Boolean, required: true },
  },
  { versionKey: false as const, strict: 'throw' as const, collection: 'result_publications', minimize: false },
);
resultPublicationSchema.index({ wave: 1 }, { unique: true, partialFilterExpression: { live: true }, name: 'live_wave' });
resultPublicationSchema.index({ publishedAt: -1 });

export function geographyModels(conn: Connection) {
  return { areaGeometry: conn.model('AreaGeometryVersion', areaGeometrySchema), resultPublications: conn.model('ResultPublication', resultPublicationSchema) };
}
export type GeographyModels = ReturnType<typeof geographyModels>;

const meta = (d: GeometryDoc): Omit<AreaGeometryVersion, 'geojson'> => ({
  id: d._id,
  level: d.level,
  version: d.version,
  sourceCrs: d.sourceCrs,
  schematic: d.schematic,
  importedAt: d.importedAt,
  importedBy: d.importedBy ?? null,
  fileName: d.fileName,
});
const toVersion = (d: GeometryDoc): AreaGeometryVersion => ({ ...meta(d), geojson: JSON.parse(d.geojson) as AreaGeometryVersion['geojson'] });
const toPublication = (d: PublicationDoc): ResultPublication => ({
  id: d._id,
  drawId: d.drawId,
  wave: d.wave,
  geometryId: d.geometryId ?? null,
  snapshot: JSON.parse(d.snapshot) as Record<string, unknown>,
  publishedAt: d.publishedAt,
  publishedBy: d.publishedBy ?? null,
  unpublishedAt: d.unpublishedAt ?? null,
  unpublishedBy: d.unpublishedBy ?? null,
});
const levelValue = (value: unknown): AreaLevel => {
  const level = textValue('level', value);
  if (!(AREA_LEVELS as readonly string[]).includes(level)) throw new TypeError(`unknown area level '${level}'`);
  return level as AreaLevel;
};
const byLevelAndVersion = (a: { level: AreaLevel; version: number }, b: { level: AreaLevel; version: number }) =>
  a.level === b.level ? b.version - a.version : AREA_LEVELS.indexOf(a.level) - AREA_LEVELS.indexOf(b.level);

export function mongoGeographyRepositories(
  m: GeographyModels,
  session: ClientSession | undefined,
): { areaGeometry: AreaGeometryRepository; resultPublications: ResultPublicationsRepository } {
  const o = session ? { session } : {};
  const areaGeometry: AreaGeometryRepository = {
    async create(entry) {
      const doc: GeometryDoc = {
        _id: newId(),
        level: levelValue(entry.level),
        version: entry.version,
        geojson: JSON.stringify(entry.geojson),
        sourceCrs: textValue('sourceCrs', entry.sourceCrs),
        schematic: entry.schematic === true,
        importedAt: entry.importedAt ?? new Date().toISOString(),
        importedBy: textOrNull('importedBy', entry.importedBy),
        fileName: textValue('fileName', entry.fileName),
      };
      try {
        await m.areaGeometry.create([doc], o);
      } catch (err) {
        if ((err as { code?: number }).code === 11000) throw new DuplicateKeyError('version');
        throw err;
      }
      return toVersion(doc);
    },
    async get(id) {
      const d = await m.areaGeometry.findById(textValue('id', id), null, o).lean<GeometryDoc>();
      return d ? toVersion(d) : null;
    },
    async latest(level) {
      const d = await m.areaGeometry.findOne({ level: levelValue(level) }, null, o).sort({ version: -1 }).lean<GeometryDoc>();
      return d ? toVersion(d) : null;
    },
    async list(level) {
      const query = level === undefined ? {} : { level: levelValue(level) };
      return (await m.areaGeometry.find(query, { geojson: 0 }, o).lean<GeometryDoc[]>()).map(meta).sort(byLevelAndVersion);
    },
  };
  const resultPublications: ResultPublicationsRepository = {
    async create(entry) {
      const doc: PublicationDoc = {
        _id: newId(),
        drawId: textValue('drawId', entry.drawId),
        wave: entry.wave,
        geometryId: textOrNull('geometryId', entry.geometryId),
        snapshot: JSON.stringify(entry.snapshot),
        publishedAt: entry.publishedAt ?? new Date().toISOString(),
        publishedBy: textOrNull('publishedBy', entry.publishedBy),
        unpublishedAt: null,
        unpublishedBy: null,
        live: true,
      };
      try {
        await m.resultPublications.create([doc], o);
      } catch (err) {
        if ((err as { code?: number }).code === 11000) throw new DuplicateKeyError('wave');
        throw err;
      }
      return toPublication(doc);
    },
    async get(id) {
      const d = await m.resultPublications.findById(textValue('id', id), null, o).lean<PublicationDoc>();
      return d ? toPublication(d) : null;
    },
    async listLive() {
      return (await m.resultPublications.find({ live: true }, null, o).sort({ wave: -1 }).lean<PublicationDoc[]>()).map(toPublication);
    },
    async list() {
      return (await m.resultPublications.find({}, null, o).sort({ publishedAt: -1, wave: -1 }).lean<PublicationDoc[]>()).map(toPublication);
    },
    async unpublish(id, at, by) {
      const d = await m.resultPublications
        .findOneAndUpdate({ _id: textValue('id', id), live: true }, { $set: { live: false, unpublishedAt: textValue('at', at), unpublishedBy: textOrNull('by', by) } }, { ...o, new: true })
        .lean<PublicationDoc>();
      return d ? toPublication(d) : null;
    },
  };
  return { areaGeometry, resultPublications };
}
