/**
 * Behavioural contract of the household dispositions repository, run against SQLite always and
 * against MongoDB when MONGODB_URI points at a server.
 */
import { expect } from 'chai';
import type { Store } from './types';
import { forEveryAdapter, freshStorePerTest, type AdapterUnderTest } from './testing/contractAdapters';

const by = { recordedByUserId: 'u-staff', recordedByUsername: 'staff' };

function dispositionContract(adapter: AdapterUnderTest) {
  describe(`Dispositions store contract: ${adapter.name}`, function () {
    this.timeout(20_000);
    let store: Store;
    const fixture = freshStorePerTest(adapter, (opened) => (store = opened));

    it('records one disposition per sample unit, reads it back and lists it per draw', async () => {
      const first = await store.dispositions.set({ drawId: 'D1', householdId: 'HH-A', disposition: 'refused', note: 'Anruf, möchte nicht', ...by, recordedAt: '2026-03-02T09:00:00.000Z' });
      expect(first.before).to.equal(null);
      expect(first.after).to.deep.equal({ drawId: 'D1', householdId: 'HH-A', disposition: 'refused', note: 'Anruf, möchte nicht', ...by, recordedAt: '2026-03-02T09:00:00.000Z' });
      await store.dispositions.set({ drawId: 'D1', householdId: 'HH-B', disposition: 'unreachable', note: null, ...by, recordedAt: '2026-03-02T10:00:00.000Z' });
      // The same household in another draw (a later wave) is another sample unit.
      await store.dispositions.set({ drawId: 'D2', householdId: 'HH-A', disposition: 'not_eligible', note: null, ...by, recordedAt: '2026-03-02T11:00:00.000Z' });
      expect(await store.dispositions.get('D1', 'HH-A')).to.deep.equal(first.after);
      expect(await store.dispositions.get('D1', 'HH-X')).to.equal(null);
      expect((await store.dispositions.list({ drawId: 'D1' })).map((d) => [d.householdId, d.disposition])).to.deep.equal([
        ['HH-A', 'refused'],
        ['HH-B', 'unreachable'],
      ]);
      expect((await store.dispositions.list()).map((d) => `${d.drawId}/${d.householdId}`)).to.deep.equal(['D1/HH-A', 'D1/HH-B', 'D2/HH-A']);
      expect((await store.dispositions.recent(2)).map((d) => `${d.drawId}/${d.householdId}`)).to.deep.equal(['D2/HH-A', 'D1/HH-B']);
      expect(await store.dispositions.recent(0)).to.deep.equal([]);
    });

    it('replaces a disposition and returns the one it replaced (a correction)', async () => {
      const wrong = (await store.dispositions.set({ drawId: 'D1', householdId: 'HH-A', disposition: 'refused', note: null, ...by })).after;
      const fixed = await store.dispositions.set({ drawId: 'D1', householdId: 'HH-A', disposition: 'unreachable', note: 'Brief zurück', recordedByUserId: 'u-2', recordedByUsername: 'staff2' });
      expect(fixed.before).to.deep.equal(wrong);
      expect(fixed.after).to.include({ disposition: 'unreachable', note: 'Brief zurück', recordedByUsername: 'staff2' });
      expect(await store.dispositions.list()).to.have.length(1);
    });

    it('clears a disposition once and returns what it removed', async () => {
      const recorded = (await store.dispositions.set({ drawId: 'D1', householdId: 'HH-A', disposition: 'not_eligible', note: null, ...by })).after;
      expect(await store.dispositions.clear('D1', 'HH-A')).to.deep.equal(recorded);
      expect(await store.dispositions.clear('D1', 'HH-A')).to.equal(null);
      expect(await store.dispositions.get('D1', 'HH-A')).to.equal(null);
    });

    it('refuses an unknown disposition', async () => {
      const err = await store.dispositions.set({ drawId: 'D1', householdId: 'HH-A', disposition: 'moved' as never, note: null, ...by }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(Error);
      expect(await store.dispositions.list()).to.deep.equal([]);
    });

    it('rolls a disposition back with the transaction it was recorded in', async function () {
      if (!adapter.atomicTransactions) {
        console.log(`      (skipped on ${adapter.name}: no multi-document transactions without a replica set, so nothing rolls back)`);
        this.skip();
      }
      const err = await store
        .transaction(async (tx) => {
          await tx.dispositions.set({ drawId: 'D1', householdId: 'HH-A', disposition: 'refused', note: null, ...by });
          throw new Error('audit failed');
        })
        .catch((e: unknown) => e);
      expect((err as Error).message).to.equal('audit failed');
      expect(await store.dispositions.get('D1', 'HH-A')).to.equal(null);
    });

    it('keeps dispositions across close and reopen', async () => {
      await store.dispositions.set({ drawId: 'D1', householdId: 'HH-A', disposition: 'unreachable', note: null, ...by });
      await fixture.reopen();
      expect(await store.migrate()).to.deep.equal([]);
      expect((await store.dispositions.get('D1', 'HH-A'))?.disposition).to.equal('unreachable');
    });
  });
}

await forEveryAdapter('disposition', dispositionContract);
