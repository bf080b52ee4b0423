/**
 * Behavioural contract of the paper form references repository, run against SQLite always and
 * against MongoDB when MONGODB_URI points at a server.
 */
import { expect } from 'chai';
import { DuplicateKeyError, type PaperFormRef, type Store } from './types';
import { forEveryAdapter, freshStorePerTest, type AdapterUnderTest } from './testing/contractAdapters';

const ref = (formId: string, householdId: string, over: Partial<PaperFormRef> = {}): PaperFormRef => ({
  formId,
  frameId: 'F1',
  drawId: 'D1',
  householdId,
  questionnaireId: 'family-life-quality',
  questionnaireVersion: 1,
  issuedAt: '2026-03-01T08:00:00.000Z',
  ...over,
});

function paperFormContract(adapter: AdapterUnderTest) {
  describe(`Paper form references store contract: ${adapter.name}`, function () {
    this.timeout(20_000);
    let store: Store;
    const fixture = freshStorePerTest(adapter, (opened) => (store = opened));

    it('stores references, finds one by its printed reference and lists a draw', async () => {
      await store.paperForms.insertMany([ref('K7M2Q9XT4B8R', 'HH-B'), ref('A1B2C3D4E5F6', 'HH-A'), ref('Z9Y8X7W6V5T4', 'HH-A', { drawId: 'D2' })]);
      expect(await store.paperForms.get('A1B2C3D4E5F6')).to.deep.equal(ref('A1B2C3D4E5F6', 'HH-A'));
      expect(await store.paperForms.get('NOPE')).to.equal(null);
      expect((await store.paperForms.listByDraw('D1')).map((r) => r.householdId)).to.deep.equal(['HH-A', 'HH-B']);
      await store.paperForms.insertMany([]);
    });

    it('refuses a second reference for a household of the same draw, or a reused reference, and stores nothing of that batch', async () => {
      await store.paperForms.insertMany([ref('A1', 'HH-A')]);
      const twice = await store.paperForms.insertMany([ref('B1', 'HH-B'), ref('B2', 'HH-A')]).catch((e: unknown) => e);
      expect(twice).to.be.instanceOf(DuplicateKeyError);
      expect((twice as DuplicateKeyError).field).to.equal('household');
      const reused = await store.paperForms.insertMany([ref('C1', 'HH-C'), ref('A1', 'HH-D', { drawId: 'D9' })]).catch((e: unknown) => e);
      expect((reused as DuplicateKeyError).field).to.equal('formId');
      expect((await store.paperForms.listByDraw('D1')).map((r) => r.formId)).to.deep.equal(['A1']);
    });

    it('purges the references of one frame with its contacts, leaving other frames', async () => {
      await store.paperForms.insertMany([ref('A1', 'HH-A'), ref('A2', 'HH-B'), ref('B1', 'HH-X', { frameId: 'F2', drawId: 'D7' })]);
      expect(await store.paperForms.purgeFrame('F1')).to.equal(2);
      expect(await store.paperForms.get('A1')).to.equal(null);
      expect(await store.paperForms.get('B1')).to.not.equal(null);
      expect(await store.paperForms.purgeFrame('F1')).to.equal(0);
    });

    it('keeps references across close and reopen', async () => {
      await store.paperForms.insertMany([ref('A1', 'HH-A')]);
      await fixture.reopen();
      expect(await store.migrate()).to.deep.equal([]);
      expect((await store.paperForms.get('A1'))?.householdId).to.equal('HH-A');
    });
  });
}

await forEveryAdapter('paperForm', paperFormContract);
