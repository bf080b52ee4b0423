import type { Connection } from 'mongoose';
import { accessCodeSchema, contactSchema, drawSchema, frameSchema, householdSchema, sampleUnitSchema } from './samplingSchemas';
import { paperEntrySchema, paperHistorySchema, questionnaireVersionSchema, responseSchema, surveyLinkSchema, waveQuestionnaireSchema } from './collectionRepositories';
import { SHIPPED_QUESTIONNAIRES } from '../shippedQuestionnaires';
import { dispositionSchema } from './dispositionRepositories';
import { areaCovariateSchema } from './areaCovariateRepositories';
import { indicatorDefinitionSchema, shippedIndicatorDocuments } from './indicatorDefinitionRepositories';
import { areaGeometrySchema, resultPublicationSchema } from './geographyRepositories';
import { paperFormSchema } from './paperFormRepositories';
import { scanCropSchema, scannedFormSchema } from './scanRepositories';
import { auditSchema, metaSchema, sessionSchema, throttleSchema, userSchema } from './schemas';

export interface MongoMigration {
  version: number;
  name: string;
  /** Must be idempotent: it may run twice when two processes start together. */
  up(conn: Connection): Promise<void>;
}

async function ensureCollection(conn: Connection, name: string): Promise<void> {
  const existing = await conn.db!.listCollections({ name }, { nameOnly: true }).toArray();
  if (existing.length === 0) {
    await conn.db!.createCollection(name).catch((err: { codeName?: string }) => {
      if (err.codeName !== 'NamespaceExists') throw err;
    });
  }
}

async function createSchemaIndexes(conn: Connection, collection: string, schema: { indexes(): unknown[] }): Promise<void> {
  await ensureCollection(conn, collection);
  for (const [keys, options] of schema.indexes() as [Record<string, 1 | -1>, Record<string, unknown>][]) {
    await conn.db!.collection(collection).createIndex(keys, options ?? {});
  }
}

/** Same numbering and names as the SQLite migrations, so both stores report the same schema version. */
export const MONGO_MIGRATIONS: readonly MongoMigration[] = [
  {
    version: 1,
    name: '001_initial',
    async up(conn) {
      await createSchemaIndexes(conn, 'users', userSchema);
      await createSchemaIndexes(conn, 'sessions', sessionSchema);
      await createSchemaIndexes(conn, 'throttle', throttleSchema);
      await createSchemaIndexes(conn, 'audit', auditSchema);
      await createSchemaIndexes(conn, 'meta', metaSchema);
    },
  },
  {
    version: 2,
    name: '002_sampling',
    async up(conn) {
      await createSchemaIndexes(conn, 'frames', frameSchema);
      await createSchemaIndexes(conn, 'households', householdSchema);
      await createSchemaIndexes(conn, 'contacts', contactSchema);
      await createSchemaIndexes(conn, 'draws', drawSchema);
      await createSchemaIndexes(conn, 'sample_units', sampleUnitSchema);
      await createSchemaIndexes(conn, 'access_codes', accessCodeSchema);
    },
  },
  {
    version: 3,
    name: '003_collection',
    async up(conn) {
      await createSchemaIndexes(conn, 'questionnaire_versions', questionnaireVersionSchema);
      await createSchemaIndexes(conn, 'responses', responseSchema);
      await createSchemaIndexes(conn, 'survey_links', surveyLinkSchema);
      await createSchemaIndexes(conn, 'paper_entries', paperEntrySchema);
      await createSchemaIndexes(conn, 'paper_entry_history', paperHistorySchema);
    },
  },
  {
    // SQLite's 004 adds a column for pending frame imports; a MongoDB document needs no schema change
    // (the field is simply absent on older frames). Kept as a step so both stores number alike.
    version: 4,
    name: '004_frame_import_state',
    async up() {},
  },
  {
    version: 5,
    name: '005_dispositions',
    async up(conn) {
      await createSchemaIndexes(conn, 'household_dispositions', dispositionSchema);
    },
  },
  {
    // SQLite's 006 adds the households' sub-district column; older household documents simply lack
    // the field and read as null. Kept as a step so both stores number alike.
    version: 6,
    name: '006_subdistricts',
    async up() {},
  },
  {
    version: 7,
    name: '007_area_covariates',
    async up(conn) {
      await createSchemaIndexes(conn, 'area_covariates', areaCovariateSchema);
    },
  },
  {
    // As SQLite's 008: versions get a status (older ones are published) and an import time, draws a
    // bound version (wave_questionnaires), and the shipped questionnaire versions are stored as published.
    version: 8,
    name: '008_questionnaire_registry',
    async up(conn) {
      await createSchemaIndexes(conn, 'questionnaire_versions', questionnaireVersionSchema);
      await createSchemaIndexes(conn, 'wave_questionnaires', waveQuestionnaireSchema);
      const versions = conn.db!.collection<{ _id: string } & Record<string, unknown>>('questionnaire_versions');
      await versions.updateMany({ status: { $exists: false } }, [{ $set: { status: 'published', importedAt: '$publishedAt', importedBy: null, retiredAt: null } }]);
      const now = new Date().toISOString();
      for (const q of SHIPPED_QUESTIONNAIRES) {
        await versions.updateOne(
          { _id: `${q.questionnaireId}@${q.version}` },
          { $setOnInsert: { questionnaireId: q.questionnaireId, version: q.version, json: q.json, status: 'published', publishedAt: now, importedAt: now, importedBy: null, retiredAt: null } },
          { upsert: true },
        );
      }
    },
  },
  {
    version: 9,
    name: '009_area_geometry',
    async up(conn) {
      await createSchemaIndexes(conn, 'area_geometry', areaGeometrySchema);
      await createSchemaIndexes(conn, 'result_publications', resultPublicationSchema);
    },
  },
  {
    // Paper form references first (as in SQLite's 010_paper_scans); scanned pages and the verification queue follow.
    version: 10,
    name: '010_paper_scans',
    async up(conn) {
      await createSchemaIndexes(conn, 'paper_forms', paperFormSchema);
      await createSchemaIndexes(conn, 'scanned_forms', scannedFormSchema);
      await createSchemaIndexes(conn, 'scan_crops', scanCropSchema);
    },
  },
  {
    version: 11,
    name: '011_indicator_definitions',
    async up(conn) {
      await createSchemaIndexes(conn, 'indicator_definitions', indicatorDefinitionSchema);
      // Version 1 of every shipped indicator; $setOnInsert keeps a second run from touching anything.
      const collection = conn.db!.collection('indicator_definitions');
      for (const doc of shippedIndicatorDocuments(new Date().toISOString())) {
        const { _id, ...fields } = doc;
        await collection.updateOne({ _id: _id as never }, { $setOnInsert: fields }, { upsert: true });
      }
    },
  },
];
