/**
 * One behavioural contract, run against every store adapter available on this machine:
 * SQLite always, MongoDB when MONGODB_URI points at a server.
 */
import { expect } from 'chai';
import { DuplicateKeyError, type NewUser, type Store, type ThrottlePolicy } from './types';
import { forEveryAdapter, freshStorePerTest, type AdapterUnderTest } from './testing/contractAdapters';

const user = (username: string, role: NewUser['role'] = 'staff'): NewUser => ({
  username,
  displayName: `Display ${username}`,
  role,
  passwordHash: 'scrypt$test',
});

function storeContract(adapter: AdapterUnderTest): void {
  describe(`Store contract: ${adapter.name}`, () => {
    let store: Store;
    const fixture = freshStorePerTest(adapter, (opened) => (store = opened));

    describe('users', () => {
      it('creates, reads, lists, updates and counts users', async () => {
        const anna = await store.users.create(user('anna', 'planner'));
        const ben = await store.users.create(user('Ben'));
        expect(anna).to.include({ username: 'anna', displayName: 'Display anna', role: 'planner', disabled: false });
        expect(anna.id).to.be.a('string').and.not.empty;
        expect(Date.parse(anna.createdAt)).to.be.closeTo(Date.now(), 60_000);
        expect(await store.users.getById(anna.id)).to.deep.equal(anna);
        expect((await store.users.getByUsername('BEN'))?.id).to.equal(ben.id);
        expect(await store.users.getByUsername('nobody')).to.equal(null);
        expect((await store.users.list()).map((u) => u.username)).to.deep.equal(['anna', 'Ben']);
        const updated = await store.users.update(ben.id, { role: 'admin', disabled: true, displayName: 'Ben B.' });
        expect(updated).to.include({ role: 'admin', disabled: true, displayName: 'Ben B.', username: 'Ben' });
        expect(await store.users.update('missing-id', { disabled: true })).to.equal(null);
        expect(await store.users.count()).to.equal(2);
      });

      it('rejects a duplicate username, also in another letter case', async () => {
        await store.users.create(user('anna'));
        for (const name of ['anna', 'ANNA']) {
          const err = await store.users.create(user(name)).catch((e: unknown) => e);
          expect(err).to.be.instanceOf(DuplicateKeyError);
          expect((err as DuplicateKeyError).field).to.equal('username');
        }
        expect(await store.users.count()).to.equal(1);
      });
    });

    describe('sessions', () => {
      it('creates, reads, slides, expires and deletes sessions', async () => {
        const anna = await store.users.create(user('anna'));
        const now = new Date('2026-01-10T10:00:00.000Z');
        const inMinutes = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();
        const base = { csrfToken: 'csrf-1', createdAt: now.toISOString(), lastSeenAt: now.toISOString() };
        await store.sessions.create({ ...base, idHash: 'h-anon', userId: null, expiresAt: inMinutes(30) });
        await store.sessions.create({ ...base, idHash: 'h-anna-1', userId: anna.id, expiresAt: inMinutes(30) });
        await store.sessions.create({ ...base, idHash: 'h-anna-2', userId: anna.id, expiresAt: inMinutes(30) });

        expect(await store.sessions.get('h-anon', now)).to.deep.equal({ ...base, idHash: 'h-anon', userId: null, expiresAt: inMinutes(30) });
        expect(await store.sessions.get('h-anon', new Date(inMinutes(31)))).to.equal(null);
        await store.sessions.touch('h-anon', inMinutes(20), inMinutes(50));
        expect((await store.sessions.get('h-anon', new Date(inMinutes(31))))?.lastSeenAt).to.equal(inMinutes(20));

        expect(await store.sessions.deleteForUser(anna.id, 'h-anna-1')).to.equal(1);
        expect(await store.sessions.get('h-anna-2', now)).to.equal(null);
        expect(await store.sessions.get('h-anna-1', now)).to.not.equal(null);
        await store.sessions.delete('h-anna-1');
        expect(await store.sessions.get('h-anna-1', now)).to.equal(null);

        expect(await store.sessions.deleteExpired(new Date(inMinutes(60)))).to.equal(1);
        expect(await store.sessions.get('h-anon', now)).to.equal(null);
      });
    });

    describe('throttle', () => {
      const policy: ThrottlePolicy = { windowMs: 15 * 60_000, maxFailures: 3, lockMs: 15 * 60_000 };
      const t0 = new Date('2026-01-10T10:00:00.000Z');
      const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

      it('counts failures per key and locks exactly once at the limit', async () => {
        expect(await store.throttle.get('user:anna')).to.equal(null);
        const first = await store.throttle.recordFailure('user:anna', at(0), policy);
        expect(first).to.deep.equal({
          state: { key: 'user:anna', failures: 1, windowStartedAt: t0.toISOString(), lockedUntil: null },
          newlyLocked: false,
        });
        await store.throttle.recordFailure('ip:192.0.2.1', at(0), policy);
        expect((await store.throttle.recordFailure('user:anna', at(1), policy)).newlyLocked).to.equal(false);
        const third = await store.throttle.recordFailure('user:anna', at(2), policy);
        expect(third.newlyLocked).to.equal(true);
        expect(third.state.lockedUntil).to.equal(at(17).toISOString());
        expect((await store.throttle.recordFailure('user:anna', at(3), policy)).newlyLocked).to.equal(false);
        expect((await store.throttle.get('user:anna'))?.failures).to.equal(4);
        expect((await store.throttle.get('ip:192.0.2.1'))?.failures).to.equal(1);
      });

      it('starts again after the window or the lock has passed, and on reset', async () => {
        await store.throttle.recordFailure('k', at(0), policy);
        await store.throttle.recordFailure('k', at(1), policy);
        expect((await store.throttle.recordFailure('k', at(20), policy)).state.failures).to.equal(1);
        for (let i = 0; i < 3; i++) await store.throttle.recordFailure('k', at(21), policy);
        const afterLock = await store.throttle.recordFailure('k', at(40), policy);
        expect(afterLock.state).to.include({ failures: 1, lockedUntil: null });
        await store.throttle.reset('k');
        expect(await store.throttle.get('k')).to.equal(null);
      });

      it('removes only counters whose window is old and whose lock has ended', async () => {
        await store.throttle.recordFailure('ip:old', at(0), policy);
        for (let i = 0; i < 3; i++) await store.throttle.recordFailure('ip:locked', at(10), policy); // locked until at(25)
        await store.throttle.recordFailure('ip:recent', at(60), policy);
        // At minute 20 with windows older than minute 30: 'old' goes, 'locked' is still locked, 'recent' is young.
        expect(await store.throttle.deleteStale(at(20), at(30))).to.equal(1);
        expect(await store.throttle.get('ip:old')).to.equal(null);
        expect(await store.throttle.get('ip:locked')).to.not.equal(null);
        // Once the lock has ended it goes too; the young one stays.
        expect(await store.throttle.deleteStale(at(25), at(30))).to.equal(1);
        expect(await store.throttle.get('ip:locked')).to.equal(null);
        expect((await store.throttle.get('ip:recent'))?.failures).to.equal(1);
      });
    });

    describe('audit', () => {
      const entry = (action: string) => ({
        actorUserId: 'u1',
        actorUsername: 'anna',
        action,
        entityType: 'user',
        entityId: 'u2',
        beforeId: null,
        beforeSummary: null,
        afterId: 'u2',
        afterSummary: 'ben, staff, active',
        details: { source: 'test', nested: { n: 1 } },
      });

      it('appends entries and lists them newest first with paging', async () => {
        const a = await store.audit.append(entry('user.create'));
        const b = await store.audit.append(entry('user.update'));
        const c = await store.audit.append(entry('auth.logout'));
        expect(a).to.deep.include(entry('user.create'));
        expect(a.id).to.not.equal(b.id);
        expect(Date.parse(a.at)).to.be.closeTo(Date.now(), 60_000);
        expect((await store.audit.list({ limit: 10, offset: 0 })).map((e) => e.id)).to.deep.equal([c.id, b.id, a.id]);
        expect((await store.audit.list({ limit: 1, offset: 1 })).map((e) => e.action)).to.deep.equal(['user.update']);
        expect(await store.audit.count()).to.equal(3);
        expect((await store.audit.list({ limit: 10, offset: 0 }))[2]).to.deep.equal(a);
      });

      it('offers no way to change or remove entries', () => {
        expect(Object.keys(store.audit).sort()).to.deep.equal(['append', 'count', 'list']);
      });
    });

    describe('meta and migrations', () => {
      it('stores values and reports all migrations applied; migrating again is a no-op', async () => {
        expect(await store.meta.get('x')).to.equal(null);
        await store.meta.set('x', '1');
        await store.meta.set('x', '2');
        expect(await store.meta.get('x')).to.equal('2');
        expect(await store.migrate()).to.deep.equal([]);
        const status = await store.migrationStatus();
        expect(status.pending).to.deep.equal([]);
        expect(status.current).to.equal(status.latest).and.be.greaterThan(0);
        await store.ping();
      });
    });

    describe('several instances', () => {
      it('applies each migration once when two instances migrate a fresh location at the same moment', async () => {
        const fresh = adapter.location();
        const [one, two] = await Promise.all([adapter.open(fresh), adapter.open(fresh)]);
        try {
          const [byOne, byTwo] = await Promise.all([one.migrate(), two.migrate()]);
          const status = await two.migrationStatus();
          expect(status.pending).to.deep.equal([]);
          expect(byOne.length + byTwo.length).to.equal(status.latest);
          expect(new Set([...byOne, ...byTwo]).size).to.equal(status.latest);
        } finally {
          await Promise.all([one.close(), two.close()]);
          await adapter.dispose(fresh);
        }
      });
    });

    describe('transactions', () => {
      it('commits all writes of a successful transaction', async () => {
        const id = await store.transaction(async (tx) => {
          const u = await tx.users.create(user('anna'));
          await tx.audit.append({ ...emptyAudit, action: 'user.create', entityType: 'user', entityId: u.id });
          return u.id;
        });
        expect(await store.users.getById(id)).to.not.equal(null);
        expect(await store.audit.count()).to.equal(1);
      });

      if (adapter.atomicTransactions) {
        it('rolls back every write when the callback throws', async () => {
          const err = await store
            .transaction(async (tx) => {
              await tx.users.create(user('anna'));
              await tx.audit.append({ ...emptyAudit, action: 'user.create', entityType: 'user', entityId: null });
              await tx.users.create(user('ANNA')); // duplicate → throws
            })
            .catch((e: unknown) => e);
          expect(err).to.be.instanceOf(DuplicateKeyError);
          expect(await store.users.count()).to.equal(0);
          expect(await store.audit.count()).to.equal(0);
        });
      } else {
        it('runs the callback sequentially and passes its error on (no rollback without a replica set)', async () => {
          expect(store.atomicTransactions).to.equal(false);
          const err = await store
            .transaction(async (tx) => {
              await tx.users.create(user('anna'));
              throw new Error('step failed');
            })
            .catch((e: unknown) => e);
          expect((err as Error).message).to.equal('step failed');
          expect(await store.users.count()).to.equal(1);
        });
      }
    });

    describe('durability', () => {
      it('keeps all data when the store is closed and opened again on the same location', async () => {
        const anna = await store.users.create(user('anna'));
        await store.audit.append({ ...emptyAudit, action: 'user.create', entityType: 'user', entityId: anna.id });
        await store.sessions.create({
          idHash: 'h1',
          userId: anna.id,
          csrfToken: 't',
          createdAt: new Date().toISOString(),
          lastSeenAt: new Date().toISOString(),
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
        });
        await fixture.reopen();
        expect(await store.migrate()).to.deep.equal([]);
        expect(await store.users.getById(anna.id)).to.deep.equal(anna);
        expect(await store.audit.count()).to.equal(1);
        expect((await store.sessions.get('h1', new Date()))?.userId).to.equal(anna.id);
      });
    });
  });
}

const emptyAudit = {
  actorUserId: null,
  actorUsername: null,
  beforeId: null,
  beforeSummary: null,
  afterId: null,
  afterSummary: null,
  details: null,
};

await forEveryAdapter('store', storeContract);
