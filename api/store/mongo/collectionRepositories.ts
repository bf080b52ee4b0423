/**
 * MongoDB repositories of data collection; same behaviour as ../sqlite/collectionRepositories.ts.
 * The "one submitted response per household" guarantee is a unique partial index, as in SQLite.
 * Survey links have no foreign key to sessions here: a link is only ever read through a live
 * session, and a TTL index removes links after 30 days.
 */
import { Schema, type ClientSession, type Connection } from 'mongoose';
import { newId } from '../ids';
import {
  DuplicateKeyError,
  PAPER_ENTRY_CHANGE_FIELDS,
  type NewResponse,
  type PaperEntriesRepository,
  type PaperEntry,
  type PaperEntryHistoryItem,
  type QuestionnaireVersion,
  type QuestionnaireVersionsRepository,
  type WaveQuestionnaire,
  type ResponsesRepository,
  type RosterEntry,
  type RosterRepository,
  type SurveyLink,
  type SurveyLinksRepository,
  type SurveyResponse,
} from '../types';
import { numberValue, textOrNull, textValue } from './queryValues';
import type { SamplingModels } from './samplingRepositories';

/** Paper-entry fields that hold answers or resolutions (stored as documents, never read as a filter). */
const PAPER_OBJECT_FIELDS = new Set<string>(['entry1Answers', 'entry2Answers', 'reconciledAnswers', 'resolutions']);

const options = (collection: string) => ({ versionKey: false as const, strict: 'throw' as const, collection, minimize: false });
const nullable = (type: unknown) => ({ type, default: null });

export const questionnaireVersionSchema = new Schema(
  {
    _id: { type: String, required: true },
    questionnaireId: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    json: { type: Schema.Types.Mixed, required: true },
    // Documents stored before step 8 lack the fields below and read as published (toVersion).
    status: { type: String, enum: ['draft', 'published', 'retired'], default: 'published' },
    publishedAt: nullable(String),
    importedAt: nullable(String),
    importedBy: nullable(String),
    retiredAt: nullable(String),
  },
  options('questionnaire_versions'),
);
questionnaireVersionSchema.index({ questionnaireId: 1, version: -1 });
questionnaireVersionSchema.index({ questionnaireId: 1, status: 1, version: -1 });

/** One version per draw (wave); `_id` is the draw id. */
export const waveQuestionnaireSchema = new Schema(
  {
    _id: { type: String, required: true },
    questionnaireId: { type: String, required: true },
    questionnaireVersion: { type: Number, required: true, min: 1 },
    boundAt: { type: String, required: true },
    boundBy: nullable(String),
  },
  options('wave_questionnaires'),
);

export const responseSchema = new Schema(
  {
    _id: { type: String, required: true },
    householdId: nullable(String),
    questionnaireId: { type: String, required: true },
    questionnaireVersion: { type: Number, required: true },
    mode: { type: String, required: true, enum: ['online', 'paper', 'paper-scan', 'open'] },
    status: { type: String, required: true, enum: ['draft', 'submitted'] },
    answers: { type: Schema.Types.Mixed, default: {} },
    currentPage: { type: Number, default: 0, min: 0 },
    probabilitySample: { type: Boolean, required: true },
    district: nullable(String),
    wave: nullable(Number),
    drawId: nullable(String),
    revision: { type: Number, default: 1 },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    submittedAt: nullable(String),
  },
  options('responses'),
);
responseSchema.index({ householdId: 1 }, { unique: true, partialFilterExpression: { status: 'submitted', householdId: { $type: 'string' } } });
responseSchema.index({ householdId: 1, mode: 1 }, { unique: true, partialFilterExpression: { householdId: { $type: 'string' } } });
responseSchema.index({ status: 1, mode: 1 });

export const surveyLinkSchema = new Schema(
  {
    _id: { type: String, required: true },
    householdId: nullable(String),
    responseId: { type: String, required: true },
    createdAt: { type: String, required: true },
    expireAt: { type: Date, required: true },
  },
  options('survey_links'),
);
surveyLinkSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });

export const paperEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    questionnaireId: { type: String, required: true },
    questionnaireVersion: { type: Number, required: true },
    district: nullable(String),
    wave: nullable(Number),
    drawId: nullable(String),
    entry1UserId: { type: String, required: true },
    entry1Answers: { type: Schema.Types.Mixed, default: {} },
    entry1At: { type: String, required: true },
    entry2UserId: nullable(String),
    entry2Answers: nullable(Schema.Types.Mixed),
    entry2At: nullable(String),
    status: { type: String, required: true, enum: ['awaiting-second-entry', 'awaiting-reconciliation', 'reconciled'] },
    reconciledAnswers: nullable(Schema.Types.Mixed),
    resolutions: nullable(Schema.Types.Mixed),
    reconcilerUserId: nullable(String),
    reconciledAt: nullable(String),
    outcome: nullable(String),
    revision: { type: Number, default: 1 },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
  },
  options('paper_entries'),
);
paperEntrySchema.index({ status: 1 });

export const paperHistorySchema = new Schema(
  {
    _id: { type: String, required: true },
    householdId: { type: String, required: true },
    kind: { type: String, required: true, enum: ['entry1', 'entry2', 'reconciled'] },
    answers: { type: Schema.Types.Mixed, default: {} },
    userId: nullable(String),
    at: { type: String, required: true },
  },
  options('paper_entry_history'),
);
paperHistorySchema.index({ householdId: 1, at: 1 });

export function collectionModels(conn: Connection) {
  return {
    versions: conn.model('QuestionnaireVersion', questionnaireVersionSchema),
    waves: conn.model('WaveQuestionnaire', waveQuestionnaireSchema),
    responses: conn.model('SurveyResponse', responseSchema),
    links: conn.model('SurveyLink', surveyLinkSchema),
    paper: conn.model('PaperEntry', paperEntrySchema),
    history: conn.model('PaperEntryHistory', paperHistorySchema),
  };
}
export type CollectionModels = ReturnType<typeof collectionModels>;

const isDuplicateKey = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
type Doc = Record<string, unknown> & { _id: string };
const LINK_LIFETIME_MS = 30 * 24 * 3_600_000;

const toVersion = (d: Doc): QuestionnaireVersion => {
  const status = (d.status as QuestionnaireVersion['status'] | undefined) ?? 'published';
  return {
    questionnaireId: d.questionnaireId as string,
    version: d.version as number,
    json: d.json as Record<string, unknown>,
    status,
    publishedAt: status === 'draft' ? null : ((d.publishedAt as string | null | undefined) ?? null),
    importedAt: (d.importedAt as string | null | undefined) ?? (d.publishedAt as string),
    importedBy: (d.importedBy as string | null | undefined) ?? null,
    retiredAt: (d.retiredAt as string | null | undefined) ?? null,
  };
};
const toWave = ({ _id, ...rest }: Doc): WaveQuestionnaire => ({
  drawId: _id,
  questionnaireId: rest.questionnaireId as string,
  questionnaireVersion: rest.questionnaireVersion as number,
  boundAt: rest.boundAt as string,
  boundBy: (rest.boundBy as string | null | undefined) ?? null,
});
/** The status moves only forwards; the service decides, this guards the store like SQLite's trigger. */
const FORWARD: Readonly<Record<string, readonly string[]>> = { draft: ['published'], published: ['retired'], retired: [] };
const toResponse = ({ _id, ...rest }: Doc): SurveyResponse => ({ id: _id, ...(rest as Omit<SurveyResponse, 'id'>) });
const toPaper = ({ _id, ...rest }: Doc): PaperEntry => ({ householdId: _id, ...(rest as Omit<PaperEntry, 'householdId'>) });
const toHistory = ({ _id, ...rest }: Doc): PaperEntryHistoryItem => ({ id: _id, ...(rest as Omit<PaperEntryHistoryItem, 'id'>) });

export function mongoCollectionRepositories(
  m: CollectionModels,
  sampling: SamplingModels,
  session: ClientSession | undefined,
): {
  questionnaireVersions: QuestionnaireVersionsRepository;
  responses: ResponsesRepository;
  surveyLinks: SurveyLinksRepository;
  paperEntries: PaperEntriesRepository;
  roster: RosterRepository;
} {
  const o = session ? { session } : {};
  const after = { ...o, new: true };

  async function insertVersion(v: { questionnaireId: string; version: number; json: Record<string, unknown>; status: 'draft' | 'published'; importedBy: string | null; at: string }) {
    const questionnaireId = textValue('questionnaireId', v.questionnaireId);
    const version = numberValue('version', v.version);
    const doc = {
      _id: `${questionnaireId}@${version}`,
      questionnaireId,
      version,
      json: v.json,
      status: v.status,
      publishedAt: v.status === 'published' ? textValue('at', v.at) : null,
      importedAt: textValue('at', v.at),
      importedBy: textOrNull('importedBy', v.importedBy),
      retiredAt: null,
    };
    try {
      await m.versions.create([doc], o);
    } catch (err) {
      if (isDuplicateKey(err)) throw new DuplicateKeyError('version', `questionnaire ${v.questionnaireId} version ${v.version} is already stored`);
      throw err;
    }
    return toVersion(doc);
  }

  const questionnaireVersions: QuestionnaireVersionsRepository = {
    publish: (v) => insertVersion({ ...v, status: 'published', importedBy: v.importedBy ?? null, at: v.publishedAt ?? new Date().toISOString() }),
    create: (v) => insertVersion({ ...v, at: v.importedAt ?? new Date().toISOString() }),
    async setStatus(id, version, from, to, at = new Date().toISOString()) {
      for (const status of [textValue('from', from), textValue('to', to)]) if (!(status in FORWARD)) throw new Error(`unknown questionnaire version status '${status}'`);
      if (!FORWARD[from]!.includes(to)) throw new Error(`a questionnaire version moves only from draft to published to retired, not ${from} → ${to}`);
      const stamp = to === 'published' ? { publishedAt: textValue('at', at) } : to === 'retired' ? { retiredAt: textValue('at', at) } : {};
      // Documents from before step 8 have no status and count as published.
      const current: unknown = from === 'published' ? { $in: ['published', null] } : from;
      const filter: Record<string, unknown> = { _id: `${textValue('questionnaireId', id)}@${numberValue('version', version)}`, status: current };
      const d = await m.versions
        .findOneAndUpdate(filter, { $set: { status: to, ...stamp } }, after)
        .lean<Doc>();
      return d ? toVersion(d) : null;
    },
    async get(id, version) {
      const d = await m.versions.findById(`${textValue('questionnaireId', id)}@${numberValue('version', version)}`, null, o).lean<Doc>();
      return d ? toVersion(d) : null;
    },
    async latest(id) {
      const d = await m.versions
        .findOne({ questionnaireId: textValue('questionnaireId', id), status: { $in: ['published', null] } }, null, o)
        .sort({ version: -1 })
        .lean<Doc>();
      return d ? toVersion(d) : null;
    },
    async list(id) {
      const filter = id === undefined ? {} : { questionnaireId: textValue('questionnaireId', id) };
      const docs = await m.versions.find(filter, null, o).sort({ questionnaireId: 1, version: 1 }).lean<Doc[]>();
      return docs.map(toVersion);
    },
    async bindWave(b) {
      const doc = {
        questionnaireId: textValue('questionnaireId', b.questionnaireId),
        questionnaireVersion: numberValue('questionnaireVersion', b.questionnaireVersion),
        boundAt: b.boundAt ?? new Date().toISOString(),
        boundBy: textOrNull('boundBy', b.boundBy),
      };
      const draw = await sampling.draws.exists({ _id: textValue('drawId', b.drawId) }).session(session ?? null);
      if (!draw) throw new Error(`draw ${b.drawId} does not exist (FOREIGN KEY)`);
      const version = await m.versions.exists({ _id: `${doc.questionnaireId}@${doc.questionnaireVersion}` }).session(session ?? null);
      if (!version) throw new Error(`questionnaire ${doc.questionnaireId} version ${doc.questionnaireVersion} is not stored (FOREIGN KEY)`);
      const d = await m.waves.findOneAndUpdate({ _id: b.drawId }, { $set: doc }, { ...after, upsert: true }).lean<Doc>();
      return toWave(d!);
    },
    async waveBinding(drawId) {
      const d = await m.waves.findById(textValue('drawId', drawId), null, o).lean<Doc>();
      return d ? toWave(d) : null;
    },
    async waveBindings() {
      return (await m.waves.find({}, null, o).sort({ _id: 1 }).lean<Doc[]>()).map(toWave);
    },
  };

  async function insertResponse(r: NewResponse, status: 'draft' | 'submitted', now: Date): Promise<SurveyResponse> {
    const version = await m.versions.exists({ _id: `${r.questionnaireId}@${r.questionnaireVersion}` }).session(session ?? null);
    if (!version) throw new Error(`questionnaire ${r.questionnaireId} version ${r.questionnaireVersion} is not published (FOREIGN KEY)`);
    const at = now.toISOString();
    const doc = {
      _id: newId(),
      householdId: r.householdId,
      questionnaireId: r.questionnaireId,
      questionnaireVersion: r.questionnaireVersion,
      mode: r.mode,
      status,
      answers: r.answers ?? {},
      currentPage: 0,
      probabilitySample: r.mode !== 'open',
      district: r.district ?? null,
      wave: r.wave ?? null,
      drawId: r.drawId ?? null,
      revision: 1,
      createdAt: at,
      updatedAt: at,
      submittedAt: status === 'submitted' ? at : null,
    };
    try {
      await m.responses.create([doc], o);
    } catch (err) {
      if (isDuplicateKey(err)) throw new DuplicateKeyError('household', 'the household already has a response in this channel or a submitted response');
      throw err;
    }
    return toResponse(doc);
  }

  const responses: ResponsesRepository = {
    async openDraft(r) {
      const filter = { householdId: textValue('householdId', r.householdId), mode: textValue('mode', r.mode) as typeof r.mode };
      const find = () => m.responses.findOne(filter, null, o).lean<Doc>();
      const existing = await find();
      if (existing) return toResponse(existing);
      try {
        return await insertResponse(r, 'draft', new Date());
      } catch (err) {
        // Another instance created the row between the read and the insert: use that one.
        const created = err instanceof DuplicateKeyError ? await find() : null;
        if (created) return toResponse(created);
        throw err;
      }
    },
    createOpenDraft: (r) => insertResponse({ ...r, householdId: null, mode: 'open' }, 'draft', new Date()),
    async get(id) {
      const d = await m.responses.findById(textValue('id', id), null, o).lean<Doc>();
      return d ? toResponse(d) : null;
    },
    async submittedForHousehold(householdId) {
      const d = await m.responses.findOne({ householdId: textValue('householdId', householdId), status: 'submitted' }, null, o).lean<Doc>();
      return d ? toResponse(d) : null;
    },
    async saveDraft(id, answers, currentPage, now = new Date()) {
      const d = await m.responses
        .findOneAndUpdate({ _id: textValue('id', id), status: 'draft' }, { $set: { answers, currentPage: numberValue('currentPage', currentPage), updatedAt: now.toISOString() }, $inc: { revision: 1 } }, after)
        .lean<Doc>();
      return d ? toResponse(d) : null;
    },
    async submit(id, answers, now = new Date()) {
      const at = now.toISOString();
      try {
        const d = await m.responses
          .findOneAndUpdate({ _id: textValue('id', id), status: 'draft' }, { $set: { answers, status: 'submitted', submittedAt: at, updatedAt: at }, $inc: { revision: 1 } }, after)
          .lean<Doc>();
        return d ? toResponse(d) : null;
      } catch (err) {
        if (isDuplicateKey(err)) throw new DuplicateKeyError('household', 'the household already has a submitted response');
        throw err;
      }
    },
    createSubmitted: (r, now = new Date()) => insertResponse(r, 'submitted', now),
    async list(filter = {}) {
      const query: Record<string, unknown> = {};
      if (filter.status) query.status = textValue('status', filter.status);
      if (filter.mode) query.mode = textValue('mode', filter.mode);
      if (filter.householdId) query.householdId = textValue('householdId', filter.householdId);
      return (await m.responses.find(query, null, o).sort({ createdAt: 1, _id: 1 }).lean<Doc[]>()).map(toResponse);
    },
  };

  const surveyLinks: SurveyLinksRepository = {
    async bind(link) {
      const createdAt = new Date().toISOString();
      const expireAt = new Date(Date.now() + LINK_LIFETIME_MS);
      await m.links.updateOne(
        { _id: textValue('sessionIdHash', link.sessionIdHash) },
        { $set: { householdId: textOrNull('householdId', link.householdId), responseId: textValue('responseId', link.responseId), createdAt, expireAt } },
        { ...o, upsert: true },
      );
      return { ...link, createdAt };
    },
    async get(sessionIdHash) {
      const d = await m.links.findById(textValue('sessionIdHash', sessionIdHash), null, o).lean<Doc>();
      return d ? ({ sessionIdHash, householdId: d.householdId, responseId: d.responseId, createdAt: d.createdAt } as SurveyLink) : null;
    },
  };

  const paperEntries: PaperEntriesRepository = {
    async get(householdId) {
      const d = await m.paper.findById(textValue('householdId', householdId), null, o).lean<Doc>();
      return d ? toPaper(d) : null;
    },
    async create(e) {
      const { householdId, ...rest } = e;
      const doc = {
        _id: textValue('householdId', householdId),
        ...rest,
        questionnaireId: textValue('questionnaireId', e.questionnaireId),
        entry1UserId: textValue('entry1UserId', e.entry1UserId),
        entry2UserId: textOrNull('entry2UserId', e.entry2UserId),
        status: textValue('status', e.status),
        revision: numberValue('revision', e.revision),
      };
      try {
        await m.paper.create([doc as never], o);
      } catch (err) {
        if (isDuplicateKey(err)) throw new DuplicateKeyError('household', 'the household already has a paper entry');
        throw err;
      }
      return toPaper(doc);
    },
    async compareAndSet(householdId, expectedRevision, change) {
      textValue('householdId', householdId);
      numberValue('expectedRevision', expectedRevision);
      // Only the known fields are written; text fields must be text (or null where the field allows it).
      const set: Record<string, unknown> = {};
      for (const field of PAPER_ENTRY_CHANGE_FIELDS) {
        const value = change[field];
        if (value === undefined) continue;
        set[field] = PAPER_OBJECT_FIELDS.has(field) ? value : textOrNull(field, value);
      }
      const d = await m.paper.findOneAndUpdate({ _id: householdId, revision: expectedRevision }, { $set: set, $inc: { revision: 1 } }, after).lean<Doc>();
      return d ? toPaper(d) : null;
    },
    async list(filter = {}) {
      return (await m.paper.find(filter.status ? { status: textValue('status', filter.status) as typeof filter.status } : {}, null, o).sort({ createdAt: 1, _id: 1 }).lean<Doc[]>()).map(toPaper);
    },
    async recordHistory(item) {
      const doc = { _id: newId(), householdId: item.householdId, kind: item.kind, answers: item.answers, userId: item.userId, at: item.at ?? new Date().toISOString() };
      await m.history.create([doc], o);
      return toHistory(doc);
    },
    async history(householdId) {
      return (await m.history.find({ householdId: textValue('householdId', householdId) }, null, o).sort({ at: 1, _id: 1 }).lean<Doc[]>()).map(toHistory);
    },
  };

  async function rosterEntry(unit: Doc | null): Promise<RosterEntry | null> {
    if (!unit) return null;
    const draw = await sampling.draws.findById(unit.drawId, { frameId: 1 }, o).lean<Doc>();
    if (!draw) return null;
    return {
      householdId: unit.householdId as string,
      drawId: unit.drawId as string,
      frameId: draw.frameId as string,
      district: unit.district as string,
      wave: unit.wave as number,
      status: unit.status as RosterEntry['status'],
    };
  }
  const contacted = { $in: ['invited', 'released'] };

  const roster: RosterRepository = {
    async findByCodeHash(codeHash) {
      const code = await sampling.accessCodes.findOne({ codeHash: textValue('codeHash', codeHash), revokedAt: null } as never, null, o).lean<Doc>();
      if (!code) return null;
      return rosterEntry(await sampling.sampleUnits.findOne({ drawId: code.drawId, householdId: code.householdId, status: contacted } as never, null, o).lean<Doc>());
    },
    async get(householdId) {
      const units = await sampling.sampleUnits.find({ householdId: textValue('householdId', householdId), status: contacted } as never, null, o).lean<Doc[]>();
      const entries = (await Promise.all(units.map(rosterEntry))).filter((e): e is RosterEntry => e !== null);
      if (entries.length === 0) return null;
      const draws = await sampling.draws.find({ _id: { $in: entries.map((e) => e.drawId) } } as never, { createdAt: 1 }, o).lean<Doc[]>();
      const created = new Map(draws.map((d) => [d._id, d.createdAt as string]));
      return entries.sort((a, b) => (created.get(b.drawId) ?? '').localeCompare(created.get(a.drawId) ?? ''))[0]!;
    },
    async list(filter = {}) {
      const units = await sampling.sampleUnits.find({ status: contacted, ...(filter.wave === undefined ? {} : { wave: numberValue('wave', filter.wave) }) } as never, null, o).lean<Doc[]>();
      const draws = await sampling.draws.find({ _id: { $in: [...new Set(units.map((u) => u.drawId))] } } as never, { frameId: 1 }, o).lean<Doc[]>();
      const frameOf = new Map(draws.map((d) => [d._id, d.frameId as string]));
      return units
        .map((u) => ({ householdId: u.householdId as string, drawId: u.drawId as string, frameId: frameOf.get(u.drawId as string) ?? '', district: u.district as string, wave: u.wave as number, status: u.status as RosterEntry['status'] }))
        .sort((a, b) => (a.district === b.district ? (a.householdId < b.householdId ? -1 : 1) : a.district < b.district ? -1 : 1));
    },
  };

  return { questionnaireVersions, responses, surveyLinks, paperEntries, roster };
}
