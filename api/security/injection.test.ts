/**
 * Injection against the two store adapters.
 *
 * SQLite (runs everywhere): SQL-injection, operator and prototype strings go into every lookup
 * that takes text and are stored as data; no lookup finds anything it should not, nothing is
 * changed, and stored text comes back byte for byte.
 *
 * MongoDB without a server: the adapter's query objects are captured before they would be sent.
 * Exercised here: every filter and update the sampling and collection repositories build from
 * text input — a hostile string only ever lands as an equality value, never as a key or an
 * operator. Not exercised without a server: the core repositories (users, sessions, throttle,
 * audit — their inputs are server-made hashes, ids and keys), query execution and indexes (the
 * store contract suite runs those when MONGODB_URI is set). Precondition, documented by a test:
 * the adapter does not cast a non-string to a string itself — an operator object passed in place
 * of a string would reach the filter. Every route therefore validates its input with zod first,
 * which the fuzz suite (fuzz.test.ts) checks with operator objects in every string position.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import mongoose from 'mongoose';
import { codeHmacSecret } from '../sampling/lettersService';
import { createInvitedHouseholds } from '../collection/testHouseholds';
import { openStore } from '../store';
import { collectionModels, mongoCollectionRepositories } from '../store/mongo/collectionRepositories';
import { mongoSamplingRepositories, samplingModels } from '../store/mongo/samplingRepositories';
import type { Store } from '../store/types';
import { OPERATOR_STRINGS, SCRIPT_PAYLOADS, SQL_INJECTION } from './hostileInput';
import { storeCounts } from './securityServer';

const HOSTILE_STRINGS = [...SQL_INJECTION, ...OPERATOR_STRINGS, ...SCRIPT_PAYLOADS, "'", '"', '\\', '%', '_', '*', '\u0000', '; --', '1 OR 1=1'];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 30 }), fc.constantFrom(...HOSTILE_STRINGS).chain((h) => fc.string({ maxLength: 5 }).map((s) => s + h)));

describe('SQL injection against the SQLite adapter', function () {
  this.timeout(60_000);
  let dir: string;
  let store: Store;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sql-injection-'));
    store = await openStore({ dataDir: dir });
    await createInvitedHouseholds(store, codeHmacSecret(dir), 4, ['01', '02']);
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
    await fc.assert(
      fc.asyncProperty(hostileString, async (h) => {
        const results = await Promise.all(lookups(store, h));
        for (const [i, r] of results.entries()) {
          const empty = r === null || r === 0 || (Array.isArray(r) && r.length === 0);
          expect(empty, `lookup ${i} with ${JSON.stringify(h)} found ${JSON.stringify(r)?.slice(0, 200)}`).to.equal(true);
        }
      }),
      { numRuns: 150 },
    );
    expect(await storeCounts(store)).to.deep.equal(before);
    expect((await store.users.list()).map((u) => u.username)).to.deep.equal(['anna']);
  });

  it('writes that take text change only the named row, whatever the text', async () => {
    const before = await storeCounts(store);
    for (const h of HOSTILE_STRINGS) {
      expect(await store.contacts.purgeFrame(h)).to.equal(0);
      expect(await store.accessCodes.revokeActiveForDraw(h, new Date().toISOString())).to.equal(0);
      expect(await store.frames.markContactsPurged(h, new Date().toISOString())).to.equal(null);
      expect(await store.users.update(h, { displayName: h })).to.equal(null);
      expect(await store.responses.saveDraft(h, { comment: h }, 0)).to.equal(null);
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
 * The sampling and collection repositories on a never-connected mongoose instance, with every
 * query's `exec` and the write statics replaced by a recorder that answers "nothing found".
 */
function offlineMongoRepositories() {
  const offline = new mongoose.Mongoose();
  const conn = offline.createConnection();
  const sampling = samplingModels(conn);
  const collection = collectionModels(conn);
  const captured: Captured[] = [];
  const empty: Record<string, unknown> = { find: [], countDocuments: 0, updateOne: { modifiedCount: 0, matchedCount: 0 }, updateMany: { modifiedCount: 0, matchedCount: 0 }, deleteMany: { deletedCount: 0 }, deleteOne: { deletedCount: 0 } };
  for (const model of [...Object.values(sampling), ...Object.values(collection)] as unknown as mongoose.Model<unknown>[]) {
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
  const repos = { ...mongoSamplingRepositories(sampling, undefined), ...mongoCollectionRepositories(collection, sampling, undefined) };
  return { repos, captured };
}

type MongoRepos = ReturnType<typeof offlineMongoRepositories>['repos'];

/** Every repository call that puts caller text into a filter or update. */
const mongoCalls: [string, (r: MongoRepos, h: string) => Promise<unknown>][] = [
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
  ['responses.get', (r, h) => r.responses.get(h)],
  ['responses.submittedForHousehold', (r, h) => r.responses.submittedForHousehold(h)],
  ['responses.list', (r, h) => r.responses.list({ householdId: h })],
  ['responses.saveDraft', (r, h) => r.responses.saveDraft(h, { comment: h }, 0)],
  ['surveyLinks.get', (r, h) => r.surveyLinks.get(h)],
  ['surveyLinks.bind', (r, h) => r.surveyLinks.bind({ sessionIdHash: h, householdId: h, responseId: h })],
  ['paperEntries.get', (r, h) => r.paperEntries.get(h)],
  ['paperEntries.history', (r, h) => r.paperEntries.history(h)],
  ['roster.findByCodeHash', (r, h) => r.roster.findByCodeHash(h)],
  ['roster.get', (r, h) => r.roster.get(h)],
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

describe('operator injection against the MongoDB adapter — sampling and collection query objects captured without a server; core repositories and query execution run only in the store contract suite with MONGODB_URI', () => {
  const BENIGN = 'benign-value-4711';

  for (const [name, call] of mongoCalls) {
    it(`${name}: caller text only ever becomes an equality value, never a key or operator`, async () => {
      const benign = offlineMongoRepositories();
      await call(benign.repos, BENIGN);
      const shape = comparable(benign.captured);
      expect(shape.length, 'the call built no query').to.be.greaterThan(0);
      await fc.assert(
        fc.asyncProperty(hostileString.filter((h) => h !== BENIGN && !BENIGN.includes(h) && h !== '<time>'), async (h) => {
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

  it('precondition: the adapter itself does not cast an operator object to text — routes validate first (fuzz suite)', async () => {
    const { repos, captured } = offlineMongoRepositories();
    await repos.accessCodes.findActiveByHash({ $gt: '' } as unknown as string);
    expect(captured[0]!.filter).to.deep.equal({ codeHash: { $gt: '' }, revokedAt: null });
  });
});
