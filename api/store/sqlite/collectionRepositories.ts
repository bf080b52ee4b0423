import type Database from 'better-sqlite3';
import { newId } from '../ids';
import {
  DuplicateKeyError,
  PAPER_ENTRY_CHANGE_FIELDS,
  type NewResponse,
  type PaperEntriesRepository,
  type PaperEntry,
  type PaperEntryHistoryItem,
  type PaperResolution,
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

/** Runs a synchronous database step (queued on the root store, direct inside a transaction). */
export type CollectionRunner = <T>(step: () => T) => Promise<T>;

export interface CollectionRepositories {
  questionnaireVersions: QuestionnaireVersionsRepository;
  responses: ResponsesRepository;
  surveyLinks: SurveyLinksRepository;
  paperEntries: PaperEntriesRepository;
  roster: RosterRepository;
}

interface VersionRow {
  questionnaire_id: string;
  version: number;
  json: string;
  published_at: string;
  status: QuestionnaireVersion['status'];
  imported_at: string | null;
  imported_by: string | null;
  retired_at: string | null;
}
interface WaveRow {
  draw_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  bound_at: string;
  bound_by: string | null;
}
interface ResponseRow {
  id: string;
  household_id: string | null;
  questionnaire_id: string;
  questionnaire_version: number;
  mode: SurveyResponse['mode'];
  status: SurveyResponse['status'];
  answers: string;
  current_page: number;
  probability_sample: number;
  district: string | null;
  wave: number | null;
  draw_id: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}
interface LinkRow {
  session_id_hash: string;
  household_id: string | null;
  response_id: string;
  created_at: string;
}
interface PaperRow {
  household_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  district: string | null;
  wave: number | null;
  draw_id: string | null;
  entry1_user_id: string;
  entry1_answers: string;
  entry1_at: string;
  entry2_user_id: string | null;
  entry2_answers: string | null;
  entry2_at: string | null;
  status: PaperEntry['status'];
  reconciled_answers: string | null;
  resolutions: string | null;
  reconciler_user_id: string | null;
  reconciled_at: string | null;
  outcome: PaperEntry['outcome'];
  revision: number;
  created_at: string;
  updated_at: string;
}
interface HistoryRow {
  id: string;
  household_id: string;
  kind: PaperEntryHistoryItem['kind'];
  answers: string;
  user_id: string | null;
  at: string;
}
interface RosterRow {
  household_id: string;
  draw_id: string;
  frame_id: string;
  district: string;
  wave: number;
  status: RosterEntry['status'];
}

const parseObject = (text: string) => JSON.parse(text) as Record<string, unknown>;

const toVersion = (r: VersionRow): QuestionnaireVersion => ({
  questionnaireId: r.questionnaire_id,
  version: r.version,
  json: parseObject(r.json),
  status: r.status,
  // A draft keeps its import time in the NOT NULL published_at column (migration 008).
  publishedAt: r.status === 'draft' ? null : r.published_at,
  importedAt: r.imported_at ?? r.published_at,
  importedBy: r.imported_by,
  retiredAt: r.retired_at,
});
const toWave = (r: WaveRow): WaveQuestionnaire => ({
  drawId: r.draw_id,
  questionnaireId: r.questionnaire_id,
  questionnaireVersion: r.questionnaire_version,
  boundAt: r.bound_at,
  boundBy: r.bound_by,
});
const toResponse = (r: ResponseRow): SurveyResponse => ({
  id: r.id,
  householdId: r.household_id,
  questionnaireId: r.questionnaire_id,
  questionnaireVersion: r.questionnaire_version,
  mode: r.mode,
  status: r.status,
  answers: parseObject(r.answers),
  currentPage: r.current_page,
  probabilitySample: r.probability_sample === 1,
  district: r.district,
  wave: r.wave,
  drawId: r.draw_id,
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  submittedAt: r.submitted_at,
});
const toLink = (r: LinkRow): SurveyLink => ({
  sessionIdHash: r.session_id_hash,
  householdId: r.household_id,
  responseId: r.response_id,
  createdAt: r.created_at,
});
const toPaper = (r: PaperRow): PaperEntry => ({
  householdId: r.household_id,
  questionnaireId: r.questionnaire_id,
  questionnaireVersion: r.questionnaire_version,
  district: r.district,
  wave: r.wave,
  drawId: r.draw_id,
  entry1UserId: r.entry1_user_id,
  entry1Answers: parseObject(r.entry1_answers),
  entry1At: r.entry1_at,
  entry2UserId: r.entry2_user_id,
  entry2Answers: r.entry2_answers == null ? null : parseObject(r.entry2_answers),
  entry2At: r.entry2_at,
  status: r.status,
  reconciledAnswers: r.reconciled_answers == null ? null : parseObject(r.reconciled_answers),
  resolutions: r.resolutions == null ? null : (JSON.parse(r.resolutions) as PaperResolution[]),
  reconcilerUserId: r.reconciler_user_id,
  reconciledAt: r.reconciled_at,
  outcome: r.outcome,
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toHistory = (r: HistoryRow): PaperEntryHistoryItem => ({
  id: r.id,
  householdId: r.household_id,
  kind: r.kind,
  answers: parseObject(r.answers),
  userId: r.user_id,
  at: r.at,
});
const toRoster = (r: RosterRow): RosterEntry => ({
  householdId: r.household_id,
  drawId: r.draw_id,
  frameId: r.frame_id,
  district: r.district,
  wave: r.wave,
  status: r.status,
});

function isUnique(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Prepares on first use: the repositories exist before `migrate()` has created the tables. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function questionnaireVersionsRepository(db: Database.Database, run: CollectionRunner): QuestionnaireVersionsRepository {
  const byKey = lazy(() => db.prepare<[string, number], VersionRow>('SELECT * FROM questionnaire_versions WHERE questionnaire_id = ? AND version = ?'));
  const latest = lazy(() =>
    db.prepare<[string], VersionRow>(
      "SELECT * FROM questionnaire_versions WHERE questionnaire_id = ? AND status = 'published' ORDER BY version DESC LIMIT 1",
    ),
  );
  const insert = (v: { questionnaireId: string; version: number; json: Record<string, unknown>; status: 'draft' | 'published'; importedBy: string | null; at: string }) =>
    run(() => {
      try {
        db.prepare(
          'INSERT INTO questionnaire_versions (questionnaire_id, version, json, published_at, status, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(v.questionnaireId, v.version, JSON.stringify(v.json), v.at, v.status, v.at, v.importedBy);
      } catch (err) {
        if (isUnique(err)) throw new DuplicateKeyError('version', `questionnaire ${v.questionnaireId} version ${v.version} is already stored`);
        throw err;
      }
      return toVersion(byKey().get(v.questionnaireId, v.version)!);
    });
  return {
    publish: (v) => insert({ ...v, status: 'published', importedBy: v.importedBy ?? null, at: v.publishedAt ?? new Date().toISOString() }),
    create: (v) => insert({ ...v, at: v.importedAt ?? new Date().toISOString() }),
    setStatus: (id, version, from, to, at = new Date().toISOString()) =>
      run(() => {
        const stamp = to === 'published' ? ', published_at = @at' : to === 'retired' ? ', retired_at = @at' : '';
        const changed = db
          .prepare(`UPDATE questionnaire_versions SET status = @to${stamp} WHERE questionnaire_id = @id AND version = @version AND status = @from`)
          .run({ id, version, from, to, at }).changes;
        if (changed === 0) return null;
        return toVersion(byKey().get(id, version)!);
      }),
    get: (id, version) =>
      run(() => {
        const row = byKey().get(id, version);
        return row ? toVersion(row) : null;
      }),
    list: (id) =>
      run(() => {
        const rows =
          id === undefined
            ? db.prepare<[], VersionRow>('SELECT * FROM questionnaire_versions ORDER BY questionnaire_id, version').all()
            : db.prepare<[string], VersionRow>('SELECT * FROM questionnaire_versions WHERE questionnaire_id = ? ORDER BY version').all(id);
        return rows.map(toVersion);
      }),
    bindWave: (b) =>
      run(() => {
        db.prepare(
          `INSERT INTO wave_questionnaires (draw_id, questionnaire_id, questionnaire_version, bound_at, bound_by) VALUES (@drawId, @questionnaireId, @questionnaireVersion, @boundAt, @boundBy)
           ON CONFLICT (draw_id) DO UPDATE SET questionnaire_id = excluded.questionnaire_id, questionnaire_version = excluded.questionnaire_version,
             bound_at = excluded.bound_at, bound_by = excluded.bound_by`,
        ).run({ drawId: b.drawId, questionnaireId: b.questionnaireId, questionnaireVersion: b.questionnaireVersion, boundAt: b.boundAt ?? new Date().toISOString(), boundBy: b.boundBy });
        return toWave(db.prepare<[string], WaveRow>('SELECT * FROM wave_questionnaires WHERE draw_id = ?').get(b.drawId)!);
      }),
    waveBinding: (drawId) =>
      run(() => {
        const row = db.prepare<[string], WaveRow>('SELECT * FROM wave_questionnaires WHERE draw_id = ?').get(drawId);
        return row ? toWave(row) : null;
      }),
    waveBindings: () => run(() => db.prepare<[], WaveRow>('SELECT * FROM wave_questionnaires ORDER BY draw_id').all().map(toWave)),
    latest: (id) =>
      run(() => {
        const row = latest().get(id);
        return row ? toVersion(row) : null;
      }),
  };
}

/** Largest number of writes committed together; bounds the time one commit holds the connection. */
const GROUP_COMMIT_MAX = 256;

/**
 * Group commit: writes that arrive in the same turn of the event loop share one SQLite transaction,
 * so the pages they touch (the table's and its indexes') are appended to the WAL once per group
 * instead of once per write, and BEGIN/COMMIT run once.
 *
 * A write is queued and its promise settles only after the COMMIT that contains it has returned
 * and the WAL has been flushed (the store's WalSync): an acknowledged write is durable exactly as
 * with one transaction per write. Each write runs as
 * its own statement inside the group, so a constraint error fails only that write (SQLite undoes
 * the failing statement, not the transaction); if BEGIN or COMMIT fails, every write of the group
 * fails and nothing of it is stored. The group is flushed with setImmediate, i.e. after the
 * requests that arrived with the same I/O poll have reached their write, or at GROUP_COMMIT_MAX.
 *
 * Inside store.transaction (the caller's transaction is open on this connection) a write runs at
 * once as part of that transaction: the decision is made when the step runs on the connection
 * queue, where an open transaction can only be the caller's own.
 */
function groupCommitter(db: Database.Database, run: CollectionRunner) {
  interface Pending {
    write: () => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }
  let pending: Pending[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const group = pending;
    pending = [];
    run(() => {
      const outcomes: { ok: boolean; value: unknown }[] = [];
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const item of group) {
          try {
            outcomes.push({ ok: true, value: item.write() });
          } catch (error) {
            // A constraint error undoes only its statement; anything worse (disk full, I/O) ends the
            // transaction, and the group must fail as a whole rather than go on in autocommit.
            if (!db.inTransaction) throw error;
            outcomes.push({ ok: false, value: error });
          }
        }
        db.exec('COMMIT');
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
      return outcomes;
    }).then(
      (outcomes) => outcomes.forEach((o, i) => (o.ok ? group[i]!.resolve(o.value) : group[i]!.reject(o.value))),
      (error: unknown) => group.forEach((item) => item.reject(error)),
    );
  };
  return <T>(write: () => T): Promise<T> =>
    run(() => (db.inTransaction ? { now: write() } : null)).then((done) => {
      if (done) return done.now;
      return new Promise<T>((resolve, reject) => {
        pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (pending.length >= GROUP_COMMIT_MAX) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    });
}

function responsesRepository(db: Database.Database, run: CollectionRunner): ResponsesRepository {
  const byId = lazy(() => db.prepare<[string], ResponseRow>('SELECT * FROM responses WHERE id = ?'));
  const byHouseholdMode = lazy(() => db.prepare<[string, string], ResponseRow>('SELECT * FROM responses WHERE household_id = ? AND mode = ?'));
  const submittedFor = lazy(() => db.prepare<[string], ResponseRow>("SELECT * FROM responses WHERE household_id = ? AND status = 'submitted'"));
  const insert = lazy(() =>
    db.prepare(
      `INSERT INTO responses (id, household_id, questionnaire_id, questionnaire_version, mode, status, answers, current_page,
         probability_sample, district, wave, draw_id, revision, created_at, updated_at, submitted_at)
       VALUES (@id, @householdId, @questionnaireId, @questionnaireVersion, @mode, @status, @answers, 0,
         @probabilitySample, @district, @wave, @drawId, 1, @now, @now, @submittedAt)`,
    ),
  );
  const saveDraft = lazy(() =>
    db.prepare(
      "UPDATE responses SET answers = ?, current_page = ?, revision = revision + 1, updated_at = ? WHERE id = ? AND status = 'draft'",
    ),
  );
  // RETURNING: the stored row comes back from the UPDATE itself, without a second lookup.
  const submit = lazy(() =>
    db.prepare<[string, string, string, string], ResponseRow>(
      "UPDATE responses SET answers = ?, status = 'submitted', submitted_at = ?, revision = revision + 1, updated_at = ? WHERE id = ? AND status = 'draft' RETURNING *",
    ),
  );

  const groupCommit = groupCommitter(db, run);

  const insertRow = (r: NewResponse, status: 'draft' | 'submitted', now: Date): string => {
    const id = newId();
    const at = now.toISOString();
    try {
      insert().run({
        id,
        householdId: r.householdId,
        questionnaireId: r.questionnaireId,
        questionnaireVersion: r.questionnaireVersion,
        mode: r.mode,
        status,
        answers: JSON.stringify(r.answers ?? {}),
        probabilitySample: r.mode === 'open' ? 0 : 1,
        district: r.district ?? null,
        wave: r.wave ?? null,
        drawId: r.drawId ?? null,
        now: at,
        submittedAt: status === 'submitted' ? at : null,
      });
    } catch (err) {
      if (isUnique(err)) throw new DuplicateKeyError('household', 'the household already has a response in this channel or a submitted response');
      throw err;
    }
    return id;
  };

  return {
    openDraft: (r) =>
      run(() => {
        const existing = byHouseholdMode().get(r.householdId, r.mode);
        if (existing) return toResponse(existing);
        try {
          return toResponse(byId().get(insertRow(r, 'draft', new Date()))!);
        } catch (err) {
          // Another server process created the row between the read and the insert: use that one.
          const created = err instanceof DuplicateKeyError ? byHouseholdMode().get(r.householdId, r.mode) : undefined;
          if (created) return toResponse(created);
          throw err;
        }
      }),
    createOpenDraft: (r) => run(() => toResponse(byId().get(insertRow({ ...r, householdId: null, mode: 'open' }, 'draft', new Date()))!)),
    get: (id) =>
      run(() => {
        const row = byId().get(id);
        return row ? toResponse(row) : null;
      }),
    submittedForHousehold: (householdId) =>
      run(() => {
        const row = submittedFor().get(householdId);
        return row ? toResponse(row) : null;
      }),
    saveDraft: (id, answers, currentPage, now = new Date()) =>
      run(() => {
        const changed = saveDraft().run(JSON.stringify(answers), currentPage, now.toISOString(), id).changes;
        return changed === 1 ? toResponse(byId().get(id)!) : null;
      }),
    submit: (id, answers, now = new Date()) =>
      groupCommit(() => {
        let row: ResponseRow | undefined;
        try {
          row = submit().get(JSON.stringify(answers), now.toISOString(), now.toISOString(), id);
        } catch (err) {
          if (isUnique(err)) throw new DuplicateKeyError('household', 'the household already has a submitted response');
          throw err;
        }
        return row ? toResponse(row) : null;
      }),
    createSubmitted: (r, now = new Date()) => run(() => toResponse(byId().get(insertRow(r, 'submitted', now))!)),
    list: (filter = {}) =>
      run(() => {
        const where: string[] = [];
        const params: unknown[] = [];
        if (filter.status) (where.push('status = ?'), params.push(filter.status));
        if (filter.mode) (where.push('mode = ?'), params.push(filter.mode));
        if (filter.householdId) (where.push('household_id = ?'), params.push(filter.householdId));
        const sql = `SELECT * FROM responses ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`;
        return (db.prepare(sql).all(...params) as ResponseRow[]).map(toResponse);
      }),
  };
}

function surveyLinksRepository(db: Database.Database, run: CollectionRunner): SurveyLinksRepository {
  const get = lazy(() => db.prepare<[string], LinkRow>('SELECT * FROM survey_links WHERE session_id_hash = ?'));
  return {
    bind: (link) =>
      run(() => {
        db.prepare(
          `INSERT INTO survey_links (session_id_hash, household_id, response_id, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (session_id_hash) DO UPDATE SET household_id = excluded.household_id, response_id = excluded.response_id, created_at = excluded.created_at`,
        ).run(link.sessionIdHash, link.householdId, link.responseId, new Date().toISOString());
        return toLink(get().get(link.sessionIdHash)!);
      }),
    get: (sessionIdHash) =>
      run(() => {
        const row = get().get(sessionIdHash);
        return row ? toLink(row) : null;
      }),
  };
}

/** The column of each field a paper-entry compare-and-set may write. */
const PAPER_COLUMNS: Record<(typeof PAPER_ENTRY_CHANGE_FIELDS)[number], string> = {
  entry1UserId: 'entry1_user_id',
  entry1Answers: 'entry1_answers',
  entry1At: 'entry1_at',
  entry2UserId: 'entry2_user_id',
  entry2Answers: 'entry2_answers',
  entry2At: 'entry2_at',
  status: 'status',
  reconciledAnswers: 'reconciled_answers',
  resolutions: 'resolutions',
  reconcilerUserId: 'reconciler_user_id',
  reconciledAt: 'reconciled_at',
  outcome: 'outcome',
  updatedAt: 'updated_at',
};
const PAPER_JSON_FIELDS = new Set<string>(['entry1Answers', 'entry2Answers', 'reconciledAnswers', 'resolutions']);
const jsonOrNull = (value: object | null): string | null => (value === null ? null : JSON.stringify(value));

function paperEntriesRepository(db: Database.Database, run: CollectionRunner): PaperEntriesRepository {
  const get = lazy(() => db.prepare<[string], PaperRow>('SELECT * FROM paper_entries WHERE household_id = ?'));
  const historyById = lazy(() => db.prepare<[string], HistoryRow>('SELECT * FROM paper_entry_history WHERE id = ?'));
  return {
    get: (householdId) =>
      run(() => {
        const row = get().get(householdId);
        return row ? toPaper(row) : null;
      }),
    create: (e) =>
      run(() => {
        try {
          db.prepare(
            `INSERT INTO paper_entries (household_id, questionnaire_id, questionnaire_version, district, wave, draw_id,
               entry1_user_id, entry1_answers, entry1_at, entry2_user_id, entry2_answers, entry2_at, status,
               reconciled_answers, resolutions, reconciler_user_id, reconciled_at, outcome, revision, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            e.householdId,
            e.questionnaireId,
            e.questionnaireVersion,
            e.district,
            e.wave,
            e.drawId,
            e.entry1UserId,
            JSON.stringify(e.entry1Answers),
            e.entry1At,
            e.entry2UserId,
            jsonOrNull(e.entry2Answers),
            e.entry2At,
            e.status,
            jsonOrNull(e.reconciledAnswers),
            jsonOrNull(e.resolutions),
            e.reconcilerUserId,
            e.reconciledAt,
            e.outcome,
            e.revision,
            e.createdAt,
            e.updatedAt,
          );
        } catch (err) {
          if (isUnique(err)) throw new DuplicateKeyError('household', 'the household already has a paper entry');
          throw err;
        }
        return toPaper(get().get(e.householdId)!);
      }),
    compareAndSet: (householdId, expectedRevision, change) =>
      run(() => {
        // Column names come from the fixed table below, never from the caller.
        const fields = PAPER_ENTRY_CHANGE_FIELDS.filter((f) => change[f] !== undefined);
        const sets = fields.map((f) => `${PAPER_COLUMNS[f]} = ?`);
        const values = fields.map((f) => (PAPER_JSON_FIELDS.has(f) ? jsonOrNull(change[f] as object | null) : (change[f] as string | null)));
        const changed = db
          .prepare(`UPDATE paper_entries SET ${[...sets, 'revision = revision + 1'].join(', ')} WHERE household_id = ? AND revision = ?`)
          .run(...values, householdId, expectedRevision).changes;
        return changed === 1 ? toPaper(get().get(householdId)!) : null;
      }),
    list: (filter = {}) =>
      run(() => {
        const rows = filter.status
          ? db.prepare<[string], PaperRow>('SELECT * FROM paper_entries WHERE status = ? ORDER BY created_at, household_id').all(filter.status)
          : db.prepare<[], PaperRow>('SELECT * FROM paper_entries ORDER BY created_at, household_id').all();
        return rows.map(toPaper);
      }),
    recordHistory: (item) =>
      run(() => {
        const id = newId();
        db.prepare('INSERT INTO paper_entry_history (id, household_id, kind, answers, user_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(
          id,
          item.householdId,
          item.kind,
          JSON.stringify(item.answers),
          item.userId,
          item.at ?? new Date().toISOString(),
        );
        return toHistory(historyById().get(id)!);
      }),
    history: (householdId) =>
      run(() =>
        db
          .prepare<[string], HistoryRow>('SELECT * FROM paper_entry_history WHERE household_id = ? ORDER BY at, rowid')
          .all(householdId)
          .map(toHistory),
      ),
  };
}

/**
 * Reads the sampling tables (access codes, sample units, draws) in one query per lookup, so that a
 * code entry costs one indexed read instead of listing a whole draw.
 */
function rosterRepository(db: Database.Database, run: CollectionRunner): RosterRepository {
  const select = `SELECT u.household_id, u.draw_id, d.frame_id, u.district, u.wave, u.status
                  FROM sample_units u JOIN draws d ON d.id = u.draw_id`;
  const byHash = lazy(() =>
    db.prepare<[string], RosterRow>(
      `${select} JOIN access_codes c ON c.draw_id = u.draw_id AND c.household_id = u.household_id
       WHERE c.code_hash = ? AND c.revoked_at IS NULL AND u.status IN ('invited', 'released')`,
    ),
  );
  const byHousehold = lazy(() =>
    db.prepare<[string], RosterRow>(`${select} WHERE u.household_id = ? AND u.status IN ('invited', 'released') ORDER BY d.created_at DESC LIMIT 1`),
  );
  return {
    findByCodeHash: (codeHash) =>
      run(() => {
        const row = byHash().get(codeHash);
        return row ? toRoster(row) : null;
      }),
    get: (householdId) =>
      run(() => {
        const row = byHousehold().get(householdId);
        return row ? toRoster(row) : null;
      }),
    list: (filter = {}) =>
      run(() => {
        const rows =
          filter.wave === undefined
            ? db.prepare<[], RosterRow>(`${select} WHERE u.status IN ('invited', 'released') ORDER BY u.district, u.household_id`).all()
            : db
                .prepare<[number], RosterRow>(`${select} WHERE u.status IN ('invited', 'released') AND u.wave = ? ORDER BY u.district, u.household_id`)
                .all(filter.wave);
        return rows.map(toRoster);
      }),
  };
}

export function collectionRepositories(db: Database.Database, run: CollectionRunner): CollectionRepositories {
  return {
    questionnaireVersions: questionnaireVersionsRepository(db, run),
    responses: responsesRepository(db, run),
    surveyLinks: surveyLinksRepository(db, run),
    paperEntries: paperEntriesRepository(db, run),
    roster: rosterRepository(db, run),
  };
}
