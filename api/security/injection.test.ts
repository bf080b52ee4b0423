/**
 * Injection against the two store adapters.
 *
 * SQLite (runs everywhere): SQL-injection, operator and prototype strings go into every lookup
 * that takes text and are stored as data; no lookup finds anything it should not, nothing is
 * changed, and stored text comes back byte for byte.
 *
 * MongoDB without a server: the adapter's query objects are captured before they would be sent.
 * Exercised here: every filter and update the core (users, sessions, throttle, meta), sampling
 * and collection repositories build from caller text — a hostile string only ever lands as an
 * equality value, never as a key or an operator — and an operator object (`{ $gt: '' }`,
 * `{ $where: '1' }`, `{ $ne: null }`) passed where text is expected is refused with a TypeError
 * before any query is built (./store/mongo/queryValues.ts), so the adapter no longer depends on
 * the zod validation in front of the routes (fuzz.test.ts) alone. Not exercised without a server:
 * query execution and indexes (the store contract suite runs those when MONGODB_URI is set).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import mongoose from 'mongoose';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { createInvitedHouseholds } from '../collection/testing/testHouseholds';
import { openStore } from '../store';
import { areaCovariateModels, mongoAreaCovariateRepositories } from '../store/mongo/areaCovariateRepositories';
import { collectionModels, mongoCollectionRepositories } from '../store/mongo/collectionRepositories';
import { coreModels, mongoCoreRepositories } from '../store/mongo/mongoStore';
import { mongoSamplingRepositories, samplingModels } from '../store/mongo/samplingRepositories';
import type { PaperEntry, Store } from '../store/types';
import { OPERATOR_STRINGS, SCRIPT_PAYLOADS, SQL_INJECTION } from './testing/hostileInput';
import { storeCounts } from './testing/securityServer';
import { firstPaperEntry } from '../collection/paperEntryTransition';

const HOSTILE_STRINGS = [...SQL_INJECTION, ...OPERATOR_STRINGS, ...SCRIPT_PAYLOADS, "'", '"', '\\', '%', '_', '*', '\u0000', '; --', '1 OR 1=1'];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 30 }), fc.constantFrom(...HOSTILE_STRINGS).chain((h) => fc.string({ maxLength: 5 }).map((s) => s + h)));

describe('SQL injection against the SQLite adapter', function () {
  this.timeout(60_000);
  let dir: string;
  let store: Store;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sql-injection-'));
    store = await openStore({ dataDir: dir });
    await createInvitedHouseholds(store, accessCodeHashSecret(dir), 4, ['01', '02']);
    await store.users.create({ username: 'anna', displayName: 'Anna', role: 'planner', passwordHash: 'scrypt$N=32768,r=8,p=1$c2FsdA==$a2V5' });
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every text lookup of the store, called with the same hostile string. */
  const lookups = (s: Store, h: string): Promise<unknown>[] => [
    s.users.getByUsername(h),
    s.users.getById(h),
    s.sessions.get(h, new Date()),
    s.throttle.get(h),
    s.meta.get(h),
    s.frames.get(h),
    s.households.listByFrame(h),
    s.households.countByFrame(h),
    s.contacts.getMany(h, [h, `${h}2`]),
    s.contacts.countByFrame(h),
    s.draws.get(h),
    s.draws.list(h),
    s.sampleUnits.listByDraw(h),
    s.accessCodes.listByDraw(h),
    s.accessCodes.findActiveByHash(h),
    s.questionnaireVersions.get(h, 1),
    s.questionnaireVersions.latest(h),
    s.responses.get(h),
    s.responses.submittedForHousehold(h),
    s.responses.list({ householdId: h }),
    s.surveyLinks.get(h),
    s.paperEntries.get(h),
    s.paperEntries.history(h),
    s.roster.findByCodeHash(h),
    s.roster.get(h),
  ];

  it('no text lookup finds a row for an injection string, and nothing changes', async () => {
    const before = await storeCounts(store);
    const usersBefore = (await store.users.list()).map((u) => u.username);
    expect(usersBefore).to.include('anna');
    // A string that is a real user's name (usernames compare case-insensitively) or a stored meta
    // key rightly finds its row; every other string must find nothing.
    const realNames = new Set(usersBefore.map((u) => u.toLowerCase()));
    const metaKeys = HOSTILE_STRINGS.map((_, i) => `k${i}`);
    await fc.assert(
      fc.asyncProperty(hostileString, async (h) => {
        fc.pre(!realNames.has(h.toLowerCase()) && !metaKeys.includes(h));
        const results = await Promise.all(lookups(store, h));
        for (const [i, r] of results.entries()) {
          const empty = r === null || r === 0 || (Array.isArray(r) && r.length === 0);
          expect(empty, `lookup ${i} with ${JSON.stringify(h)} found ${JSON.stringify(r)?.slice(0, 200)}`).to.equal(true);
        }
      }),
      { numRuns: 150 },
    );
    expect(await storeCounts(store)).to.deep.equal(before);
    expect((await store.users.list()).map((u) => u.username)).to.deep.equal(usersBefore);
  });

  it('writes that take text change only the named row, whatever the text', async () => {
    const before = await storeCounts(store);
    for (const h of HOSTILE_STRINGS) {
      expect(await store.contacts.purgeFrame(h)).to.equal(0);
      expect(await store.accessCodes.revokeActiveForDraw(h, new Date().toISOString())).to.equal(0);
      expect(await store.frames.markContactsPurged(h, new Date().toISOString())).to.equal(null);
      expect(await store.users.update(h, { displayName: h })).to.equal(null);
      expect(await store.responses.saveDraft(h, { comment: h }, 0)).to.equal(null);
      expect(await store.paperEntries.compareAndSet(h, 1, { entry2UserId: h, entry2Answers: { comment: h }, updatedAt: new Date().toISOString() })).to.equal(null);
      await store.sessions.delete(h);
      await store.throttle.reset(h);
    }
    expect(await storeCounts(store)).to.deep.equal(before);
  });

  it('stores injection, script and operator text as data and returns it unchanged', async () => {
    for (const h of HOSTILE_STRINGS.filter((x) => !x.includes('\u0000'))) {
      const user = await store.users.create({ username: `u${HOSTILE_STRINGS.indexOf(h)}`, displayName: h, role: 'staff', passwordHash: 'scrypt$N=32768,r=8,p=1$c2FsdA==$a2V5' });
      expect((await store.users.getById(user.id))!.displayName).to.equal(h);
      await store.meta.set(`k${HOSTILE_STRINGS.indexOf(h)}`, h);
      expect(await store.meta.get(`k${HOSTILE_STRINGS.indexOf(h)}`)).to.equal(h);
    }
    const anna = await store.users.getByUsername("anna' --");
    expect(anna).to.equal(null);
    expect((await store.users.getByUsername('ANNA'))!.username).to.equal('anna');
  });
});

/** One operation the adapter would have sent to MongoDB. */
interface Captured {
  model: string;
  op: string;
  filter?: unknown;
  update?: unknown;
  docs?: unknown;
}

/**
 * The core, sampling and collection repositories on a never-connected mongoose instance, with
 * every query's `exec` and the write statics replaced by a recorder that answers "nothing found".
 */
function offlineMongoRepositories() {
  const offline = new mongoose.Mongoose();
  const conn = offline.createConnection();
  const core = coreModels(conn);
  const sampling = samplingModels(conn);
  const collection = collectionModels(conn);
  const areaCovariates = areaCovariateModels(conn);
  const captured: Captured[] = [];
  const empty: Record<string, unknown> = { find: [], countDocuments: 0, updateOne: { modifiedCount: 0, matchedCount: 0 }, updateMany: { modifiedCount: 0, matchedCount: 0 }, deleteMany: { deletedCount: 0 }, deleteOne: { deletedCount: 0 } };
  for (const model of [...Object.values(core), ...Object.values(sampling), ...Object.values(collection), ...Object.values(areaCovariates)] as unknown as mongoose.Model<unknown>[]) {
    const name = model.modelName;
    const QueryClass = (model as unknown as { Query: { prototype: mongoose.Query<unknown, unknown> } }).Query;
    QueryClass.prototype.exec = async function (this: mongoose.Query<unknown, unknown> & { op?: string }) {
      captured.push({ model: name, op: String(this.op), filter: this.getFilter(), update: this.getUpdate() ?? undefined });
      return this.op && this.op in empty ? empty[this.op] : null;
    } as never;
    for (const op of ['create', 'insertMany', 'bulkWrite'] as const) {
      (model as unknown as Record<string, unknown>)[op] = async (docs: unknown) => {
        captured.push({ model: name, op, docs });
        return [];
      };
    }
  }
  const repos = {
    ...mongoCoreRepositories(core),
    ...mongoSamplingRepositories(sampling, undefined),
    ...mongoCollectionRepositories(collection, sampling, undefined),
    ...mongoAreaCovariateRepositories(areaCovariates, undefined),
  };
  return { repos, captured };
}

type MongoRepos = ReturnType<typeof offlineMongoRepositories>['repos'];

const T0 = '2026-01-01T00:00:00.000Z';
/** A paper entry as the collection service creates it (first entry keyed). */
const PAPER_ENTRY: PaperEntry = firstPaperEntry({ householdId: 'H1', questionnaireId: 'q-1', questionnaireVersion: 1, district: null, wave: null, drawId: null }, 'user-1', {}, T0);
const THROTTLE_POLICY = { windowMs: 60_000, maxFailures: 5, lockMs: 60_000 };
/** How the core repositories store a username: the lookup key, not the text as typed. */
const asUsernameKey = (h: string) => h.normalize('NFC').toLowerCase();

/**
 * Every repository call that puts caller text into a filter or update; the third element, when
 * present, is how the adapter itself transforms the text before it goes into the query (such
 * calls are fuzzed with text the transformation leaves unchanged).
 */
const mongoCalls: [string, (r: MongoRepos, h: string) => Promise<unknown>, ((h: string) => string)?][] = [
  ['users.getById', (r, h) => r.users.getById(h)],
  ['users.getByUsername', (r, h) => r.users.getByUsername(h), asUsernameKey],
  ['users.update', (r, h) => r.users.update(h, { displayName: h, passwordHash: h })],
  ['sessions.create', (r, h) => r.sessions.create({ idHash: h, userId: h, csrfToken: 'csrf', createdAt: T0, lastSeenAt: T0, expiresAt: T0 })],
  ['sessions.get', (r, h) => r.sessions.get(h, new Date())],
  ['sessions.touch', (r, h) => r.sessions.touch(h, T0, T0)],
  ['sessions.delete', (r, h) => r.sessions.delete(h)],
  ['sessions.deleteForUser', (r, h) => r.sessions.deleteForUser(h, h)],
  ['throttle.get', (r, h) => r.throttle.get(h)],
  ['throttle.recordFailure', (r, h) => r.throttle.recordFailure(h, new Date(T0), THROTTLE_POLICY)],
  ['throttle.reset', (r, h) => r.throttle.reset(h)],
  ['meta.get', (r, h) => r.meta.get(h)],
  ['meta.set', (r, h) => r.meta.set(h, h)],
  ['frames.get', (r, h) => r.frames.get(h)],
  ['frames.markContactsPurged', (r, h) => r.frames.markContactsPurged(h, '2026-01-01T00:00:00.000Z')],
  ['households.listByFrame', (r, h) => r.households.listByFrame(h)],
  ['households.countByFrame', (r, h) => r.households.countByFrame(h)],
  ['contacts.getMany', (r, h) => r.contacts.getMany(h, [h])],
  ['contacts.countByFrame', (r, h) => r.contacts.countByFrame(h)],
  ['contacts.purgeFrame', (r, h) => r.contacts.purgeFrame(h)],
  ['draws.get', (r, h) => r.draws.get(h)],
  ['draws.list', (r, h) => r.draws.list(h)],
  ['sampleUnits.listByDraw', (r, h) => r.sampleUnits.listByDraw(h)],
  ['accessCodes.listByDraw', (r, h) => r.accessCodes.listByDraw(h)],
  ['accessCodes.findActiveByHash', (r, h) => r.accessCodes.findActiveByHash(h)],
  ['accessCodes.revokeActiveForDraw', (r, h) => r.accessCodes.revokeActiveForDraw(h, '2026-01-01T00:00:00.000Z')],
  ['questionnaireVersions.get', (r, h) => r.questionnaireVersions.get(h, 1)],
  ['questionnaireVersions.latest', (r, h) => r.questionnaireVersions.latest(h)],
  ['questionnaireVersions.list', (r, h) => r.questionnaireVersions.list(h)],
  ['questionnaireVersions.setStatus', (r, h) => r.questionnaireVersions.setStatus(h, 1, 'draft', 'published', T0)],
  ['questionnaireVersions.create', (r, h) => r.questionnaireVersions.create({ questionnaireId: h, version: 1, json: {}, status: 'draft', importedBy: h, importedAt: T0 })],
  ['questionnaireVersions.waveBinding', (r, h) => r.questionnaireVersions.waveBinding(h)],
  ['responses.get', (r, h) => r.responses.get(h)],
  ['responses.submittedForHousehold', (r, h) => r.responses.submittedForHousehold(h)],
  ['responses.list', (r, h) => r.responses.list({ householdId: h })],
  ['responses.saveDraft', (r, h) => r.responses.saveDraft(h, { comment: h }, 0)],
  ['surveyLinks.get', (r, h) => r.surveyLinks.get(h)],
  ['surveyLinks.bind', (r, h) => r.surveyLinks.bind({ sessionIdHash: h, householdId: h, responseId: h })],
  ['paperEntries.get', (r, h) => r.paperEntries.get(h)],
  ['paperEntries.history', (r, h) => r.paperEntries.history(h)],
  ['paperEntries.compareAndSet', (r, h) => r.paperEntries.compareAndSet(h, 1, { entry2UserId: h, entry2Answers: { note: h }, entry2At: T0, status: 'awaiting-reconciliation', updatedAt: T0 })],
  ['roster.findByCodeHash', (r, h) => r.roster.findByCodeHash(h)],
  ['roster.get', (r, h) => r.roster.get(h)],
  ['areaCovariates.get', (r, h) => r.areaCovariates.get(h)],
  ['areaCovariates.latest', (r, h) => r.areaCovariates.latest(h, 'district')],
  ['areaCovariates.list', (r, h) => r.areaCovariates.list(h)],
];

/** Operator objects a JSON body could carry where the adapter expects text. */
const OPERATOR_OBJECTS = [{ $gt: '' }, { $where: '1' }, { $ne: null }];

/**
 * Calls with text in every position but one, so a guard on each single argument is checked (the
 * calls above put the hostile value everywhere, where the first guard already refuses it).
 */
const singlePositionCalls: [string, (r: MongoRepos, h: string) => Promise<unknown>][] = [
  // A new user gets a random id, so its stored document is checked for refusal only.
  ['users.create', (r, h) => r.users.create({ username: h, displayName: h, role: 'staff', passwordHash: h })],
  ['users.create (displayName only)', (r, h) => r.users.create({ username: 'anna', displayName: h, role: 'staff', passwordHash: 'hash' })],
  ['users.update (displayName only)', (r, h) => r.users.update('user-1', { displayName: h })],
  ['users.update (passwordHash only)', (r, h) => r.users.update('user-1', { passwordHash: h })],
  ['users.update (role only)', (r, h) => r.users.update('user-1', { role: h as never })],
  ['users.update (disabled only)', (r, h) => r.users.update('user-1', { disabled: h as never })],
  ['sessions.create (userId only)', (r, h) => r.sessions.create({ idHash: 'session-1', userId: h, csrfToken: 'csrf', createdAt: T0, lastSeenAt: T0, expiresAt: T0 })],
  ['sessions.deleteForUser (exceptIdHash only)', (r, h) => r.sessions.deleteForUser('user-1', h)],
  ['meta.set (value only)', (r, h) => r.meta.set('key-1', h)],
  ['audit.list (limit only)', (r, h) => r.audit.list({ limit: h as never, offset: 0 })],
  ['frames.stage', (r, h) => r.frames.stage({ id: h, name: 'Melderegister', importedAt: T0, importedBy: null, rowCount: 0, fingerprint: 'f', columnMapping: {} as never, districts: [] })],
  ['frames.completeImport', (r, h) => r.frames.completeImport(h, { rowCount: 0, districts: [] })],
  ['frames.completeImport (row count only)', (r, h) => r.frames.completeImport('frame-1', { rowCount: h as never, districts: [] })],
  ['frames.discardAbandonedImports', (r, h) => r.frames.discardAbandonedImports(h)],
  ['responses.submit', (r, h) => r.responses.submit(h, {})],
  ['paperEntries.create', (r, h) => r.paperEntries.create({ ...PAPER_ENTRY, householdId: h })],
  ['paperEntries.create (entry 1 user only)', (r, h) => r.paperEntries.create({ ...PAPER_ENTRY, entry1UserId: h })],
  ['paperEntries.create (status only)', (r, h) => r.paperEntries.create({ ...PAPER_ENTRY, status: h as never })],
  ['paperEntries.create (revision only)', (r, h) => r.paperEntries.create({ ...PAPER_ENTRY, revision: h as never })],
  ['contacts.getMany (household ids only)', (r, h) => r.contacts.getMany('frame-1', [h])],
  ['frames.markContactsPurged (time only)', (r, h) => r.frames.markContactsPurged('frame-1', h)],
  ['sampleUnits.listByDraw (status only)', (r, h) => r.sampleUnits.listByDraw('draw-1', h as never)],
  ['sampleUnits.release (household ids only)', (r, h) => r.sampleUnits.release('draw-1', [h], T0, {})],
  ['sampleUnits.release (design weight only)', (r, h) => r.sampleUnits.release('draw-1', [], T0, { '01': { inclusionProbability: 0.1, designWeight: h as never } })],
  ['accessCodes.revokeActiveForDraw (time only)', (r, h) => r.accessCodes.revokeActiveForDraw('draw-1', h)],
  ['questionnaireVersions.get (version only)', (r, h) => r.questionnaireVersions.get('q-1', h as never)],
  ['questionnaireVersions.setStatus (status only)', (r, h) => r.questionnaireVersions.setStatus('q-1', 1, h as never, 'published', T0)],
  ['questionnaireVersions.setStatus (time only)', (r, h) => r.questionnaireVersions.setStatus('q-1', 1, 'draft', 'published', h)],
  ['questionnaireVersions.bindWave (draw only)', (r, h) => r.questionnaireVersions.bindWave({ drawId: h, questionnaireId: 'q-1', questionnaireVersion: 1, boundBy: null })],
  ['questionnaireVersions.bindWave (questionnaire only)', (r, h) => r.questionnaireVersions.bindWave({ drawId: 'draw-1', questionnaireId: h, questionnaireVersion: 1, boundBy: null })],
  ['questionnaireVersions.bindWave (user only)', (r, h) => r.questionnaireVersions.bindWave({ drawId: 'draw-1', questionnaireId: 'q-1', questionnaireVersion: 1, boundBy: h })],
  ['responses.openDraft (mode only)', (r, h) => r.responses.openDraft({ householdId: 'H1', mode: h as never, questionnaireId: 'q-1', questionnaireVersion: 1 })],
  ['responses.saveDraft (page only)', (r, h) => r.responses.saveDraft('response-1', {}, h as never)],
  ['responses.list (status only)', (r, h) => r.responses.list({ status: h as never })],
  ['surveyLinks.bind (household only)', (r, h) => r.surveyLinks.bind({ sessionIdHash: 'session-1', householdId: h, responseId: 'response-1' })],
  ['paperEntries.compareAndSet (household only)', (r, h) => r.paperEntries.compareAndSet(h, 1, { updatedAt: T0 })],
  ['paperEntries.compareAndSet (revision only)', (r, h) => r.paperEntries.compareAndSet('H1', h as never, { updatedAt: T0 })],
  ['paperEntries.compareAndSet (user only)', (r, h) => r.paperEntries.compareAndSet('H1', 1, { entry2UserId: h, entry2Answers: {}, entry2At: T0, updatedAt: T0 })],
  ['paperEntries.compareAndSet (status only)', (r, h) => r.paperEntries.compareAndSet('H1', 1, { status: h as never, updatedAt: T0 })],
  ['paperEntries.compareAndSet (reconciler only)', (r, h) => r.paperEntries.compareAndSet('H1', 1, { reconcilerUserId: h, updatedAt: T0 })],
  ['paperEntries.list (status only)', (r, h) => r.paperEntries.list({ status: h as never })],
  ['roster.list (wave only)', (r, h) => r.roster.list({ wave: h as never })],
  ['areaCovariates.list (level only)', (r, h) => r.areaCovariates.list('frame-1', h as never)],
];

/**
 * Whether `hostile` is `benign` with the marker text replaced by `h` inside string values only:
 * same keys everywhere, same operators, and every value that held the marker holds `h` at the
 * same place (e.g. `${id}@${version}`), every other value unchanged.
 */
function sameShape(benign: unknown, hostile: unknown, marker: string, h: string): boolean {
  if (typeof benign === 'string') return hostile === (benign.includes(marker) ? benign.split(marker).join(h) : benign);
  if (Array.isArray(benign)) return Array.isArray(hostile) && hostile.length === benign.length && benign.every((v, i) => sameShape(v, hostile[i], marker, h));
  if (benign !== null && typeof benign === 'object') {
    if (hostile === null || typeof hostile !== 'object' || Array.isArray(hostile)) return false;
    const keys = Object.keys(benign).sort();
    const other = Object.keys(hostile).sort();
    return keys.length === other.length && keys.every((k, i) => k === other[i] && sameShape((benign as Record<string, unknown>)[k], (hostile as Record<string, unknown>)[k], marker, h));
  }
  return benign === hostile;
}

/** Queries with the date fields the adapter sets itself normalised, so two calls compare equal. */
const comparable = (ops: Captured[]) => JSON.parse(JSON.stringify(ops).replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z"/g, '"<time>"')) as Captured[];

describe('operator injection against the MongoDB adapter — core, sampling and collection query objects captured without a server; query execution runs only in the store contract suite with MONGODB_URI', () => {
  const BENIGN = 'benign-value-4711';

  for (const [name, call, transform = (h: string) => h] of mongoCalls) {
    it(`${name}: caller text only ever becomes an equality value, never a key or operator`, async () => {
      const benign = offlineMongoRepositories();
      await call(benign.repos, BENIGN);
      const shape = comparable(benign.captured);
      expect(shape.length, 'the call built no query').to.be.greaterThan(0);
      await fc.assert(
        fc.asyncProperty(hostileString.filter((h) => h !== BENIGN && !BENIGN.includes(h) && h !== '<time>' && transform(h) === h), async (h) => {
          const hostile = offlineMongoRepositories();
          await call(hostile.repos, h);
          const seen = comparable(hostile.captured);
          expect(sameShape(shape, seen, BENIGN, h), `with ${JSON.stringify(h)}: ${JSON.stringify(seen).slice(0, 400)}`).to.equal(true);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('the shape check catches text that turns into structure (control)', () => {
    expect(sameShape({ _id: BENIGN }, { _id: { $gt: '' } }, BENIGN, '{"$gt":""}')).to.equal(false);
    expect(sameShape({ _id: BENIGN }, { _id: 'x', $where: '1' }, BENIGN, 'x')).to.equal(false);
    expect(sameShape({ _id: `${BENIGN}@1` }, { _id: "' OR 1@1" }, BENIGN, "' OR 1")).to.equal(true);
  });

  for (const [name, call] of [...mongoCalls, ...singlePositionCalls]) {
    it(`${name}: an operator object in place of text is refused with a TypeError before any query is built`, async () => {
      for (const operator of OPERATOR_OBJECTS) {
        const { repos, captured } = offlineMongoRepositories();
        let error: unknown = null;
        await call(repos, operator as unknown as string).catch((err: unknown) => (error = err));
        expect(error, `${JSON.stringify(operator)} was accepted`).to.be.instanceOf(TypeError);
        expect((error as TypeError).message).to.match(/ must be (a string|a list of strings|a finite number|true or false)/);
        expect(captured, `${JSON.stringify(operator)} reached a query`).to.deep.equal([]);
      }
    });
  }

  it('the adapter refuses the operator object a route without validation would have passed on', async () => {
    const { repos, captured } = offlineMongoRepositories();
    let error: unknown = null;
    await repos.accessCodes.findActiveByHash({ $gt: '' } as unknown as string).catch((err: unknown) => (error = err));
    expect(error).to.be.instanceOf(TypeError).with.property('message', 'codeHash must be a string');
    expect(captured).to.deep.equal([]);
    // The same call with text still builds the plain equality filter.
    await repos.accessCodes.findActiveByHash('{"$gt":""}');
    expect(captured[0]!.filter).to.deep.equal({ codeHash: '{"$gt":""}', revokedAt: null });
  });
});
