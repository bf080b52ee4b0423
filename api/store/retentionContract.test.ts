/**
 * Behavioural contract of the retention job's data operations (store.openRetentionData), run
 * against SQLite always and against MongoDB when MONGODB_URI points at a server. The policy and
 * the job are tested in api/operations.
 */
import { expect } from 'chai';
import type { Store } from './types';
import { forEveryAdapter, freshStorePerTest, type AdapterUnderTest } from './testing/contractAdapters';

function retentionContract(adapter: AdapterUnderTest) {
  describe(`Retention store contract: ${adapter.name}`, function () {
    this.timeout(20_000);
    let store: Store;
    freshStorePerTest(adapter, (opened) => (store = opened));

    it('reports frame facts and counts expired answers; a dry run deletes nothing, an applied run deletes them', async () => {
      await store.dispositions.set({ drawId: 'D1', householdId: 'HH-A', disposition: 'refused', note: null, recordedByUserId: null, recordedByUsername: null, recordedAt: '2020-01-01T00:00:00.000Z' });
      await store.dispositions.set({ drawId: 'D1', householdId: 'HH-B', disposition: 'refused', note: null, recordedByUserId: null, recordedByUsername: null, recordedAt: '2030-01-01T00:00:00.000Z' });
      const data = await store.openRetentionData();
      try {
        expect(await data.frameFacts()).to.deep.equal([]);
        const due = { responses: 0, paperEntries: 0, surveyLinks: 0, paperHistoryKept: 0, dispositions: 1 };
        expect(await data.expiredAnswers('2025-01-01T00:00:00.000Z', false)).to.deep.equal(due);
        expect(await store.dispositions.list()).to.have.length(2);
        expect(await data.expiredAnswers('2025-01-01T00:00:00.000Z', true)).to.deep.equal(due);
        expect((await store.dispositions.list()).map((d) => d.householdId)).to.deep.equal(['HH-B']);
      } finally {
        await data.close();
      }
    });

    it('lends the job lease to one holder until it expires or is released', async () => {
      const [a, b] = [await store.openRetentionData(), await store.openRetentionData()];
      try {
        expect(await a.acquireLease('api-1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:30:00.000Z')).to.equal(true);
        expect(await b.acquireLease('api-2', '2026-01-01T00:10:00.000Z', '2026-01-01T00:40:00.000Z')).to.equal(false);
        expect(await b.acquireLease('api-2', '2026-01-01T00:31:00.000Z', '2026-01-01T01:01:00.000Z')).to.equal(true);
        await b.releaseLease('api-2');
        expect(await a.acquireLease('api-1', '2026-01-01T00:32:00.000Z', '2026-01-01T01:02:00.000Z')).to.equal(true);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      // Closing the handles leaves the store open.
      await store.ping();
    });
  });
}

await forEveryAdapter('retention', retentionContract);
