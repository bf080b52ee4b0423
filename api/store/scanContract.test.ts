/**
 * Behavioural contract of the scanned-forms repository (verification queue), run against SQLite always
 * and against MongoDB when MONGODB_URI points at a server.
 */
import { expect } from 'chai';
import type { ScannedAnswerRow, Store } from './types';
import { forEveryAdapter, freshStorePerTest, type AdapterUnderTest } from './testing/contractAdapters';

const answers: ScannedAnswerRow[] = [
  { question: 'single_parent', value: '2', status: 'auto', reason: '', page: 1 },
  { question: 'children_count', value: '', status: 'review', reason: 'handwriting', page: 1 },
];
const form = (formId: string, uploadedAt = '2026-12-01T10:00:00.000Z') => ({
  formId,
  householdId: 'P1ABC',
  questionnaireId: 'family-life-quality',
  questionnaireVersion: 1,
  pagesRead: [1, 2],
  pagesMissing: [3],
  answers,
  uploadedBy: 'u-staff',
  uploadedAt,
});
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

function scanContract(adapter: AdapterUnderTest) {
  describe(`Scanned forms store contract: ${adapter.name}`, function () {
    this.timeout(20_000);
    let store: Store;
    freshStorePerTest(adapter, (opened) => (store = opened));

    it('stores a pending form with its crops, lists pending forms oldest first and reads a crop back', async () => {
      const saved = await store.scannedForms.putPending(form('F2', '2026-12-01T11:00:00.000Z'), [{ item: 1, page: 1, png }]);
      expect(saved).to.deep.include({ formId: 'F2', status: 'pending', revision: 1, pagesRead: [1, 2], pagesMissing: [3], verifiedAt: null, responseId: null });
      expect(saved!.answers).to.deep.equal(answers);
      await store.scannedForms.putPending(form('F1'), []);
      expect((await store.scannedForms.listPending()).map((f) => f.formId)).to.deep.equal(['F1', 'F2']);
      const crop = await store.scannedForms.crop('F2', 1);
      expect(crop!.page).to.equal(1);
      expect([...crop!.png]).to.deep.equal([...png]);
      expect(await store.scannedForms.crop('F2', 0)).to.equal(null);
      expect(await store.scannedForms.get('nope')).to.equal(null);
    });

    it('replaces a pending form by a later scan, crops included, with a new revision', async () => {
      await store.scannedForms.putPending(form('F1'), [{ item: 1, page: 1, png }]);
      const again = await store.scannedForms.putPending({ ...form('F1'), pagesRead: [1, 2, 3], pagesMissing: [] }, []);
      expect(again).to.deep.include({ revision: 2, pagesRead: [1, 2, 3], pagesMissing: [] });
      expect(await store.scannedForms.crop('F1', 1)).to.equal(null);
    });

    it('verifies only at the expected revision, deletes the crops and leaves a verified form alone afterwards', async () => {
      await store.scannedForms.putPending(form('F1'), [{ item: 1, page: 1, png }]);
      const v = { verifiedBy: 'u-staff', verifiedAt: '2026-12-02T09:00:00.000Z', responseId: 'r1', answers: [{ ...answers[1]!, value: '2', status: 'auto' as const }] };
      expect(await store.scannedForms.markVerified('F1', 7, v)).to.equal(null);
      const done = await store.scannedForms.markVerified('F1', 1, v);
      expect(done).to.deep.include({ status: 'verified', verifiedBy: 'u-staff', responseId: 'r1', revision: 2 });
      expect(done!.answers[0]!.value).to.equal('2');
      expect(await store.scannedForms.crop('F1', 1)).to.equal(null);
      expect(await store.scannedForms.listPending()).to.deep.equal([]);
      expect(await store.scannedForms.putPending(form('F1'), [{ item: 1, page: 1, png }])).to.equal(null);
      expect(await store.scannedForms.markVerified('F1', 2, v)).to.equal(null);
    });

    it('purges pending forms of given references with their crops and keeps verified ones without their household', async () => {
      await store.scannedForms.putPending(form('F1'), [{ item: 1, page: 1, png }]);
      await store.scannedForms.putPending(form('F2'), [{ item: 1, page: 1, png }]);
      await store.scannedForms.putPending(form('F3'), []);
      await store.scannedForms.markVerified('F3', 1, { verifiedBy: 'u', verifiedAt: '2026-12-02T09:00:00.000Z', responseId: null, answers });
      expect(await store.scannedForms.purgePending(['F1', 'F3', 'nope'])).to.equal(1);
      expect(await store.scannedForms.get('F1')).to.equal(null);
      expect(await store.scannedForms.crop('F1', 1)).to.equal(null);
      expect(await store.scannedForms.get('F3')).to.deep.include({ status: 'verified', householdId: null });
      expect((await store.scannedForms.listPending()).map((f) => f.formId)).to.deep.equal(['F2']);
      expect(await store.scannedForms.purgePending([])).to.equal(0);
    });

    it('accepts a submitted response of the channel paper-scan', async () => {
      const r = await store.responses.createSubmitted({ householdId: 'P1ABC', questionnaireId: 'family-life-quality', questionnaireVersion: 1, mode: 'paper-scan', answers: { single_parent: 2 } });
      expect(r).to.deep.include({ mode: 'paper-scan', status: 'submitted', probabilitySample: true });
      expect((await store.responses.submittedForHousehold('P1ABC'))!.mode).to.equal('paper-scan');
    });
  });
}

await forEveryAdapter('scanned forms', scanContract);
