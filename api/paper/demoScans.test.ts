import { expect } from 'chai';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { reviewQuestions } from './scanQueue';

describe('demo scan batch (npm start)', function () {
  this.timeout(180_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ demoWaves: true });
  });
  after(async () => {
    await server?.stop();
  });

  it('leaves three scanned forms of demo households waiting for verification, with a double cross and a handwritten number to check', async () => {
    const pending = await server.store.scannedForms.listPending();
    expect(pending).to.have.length(3);
    for (const f of pending) {
      expect(f.householdId).to.be.a('string');
      expect(f.pagesRead).to.deep.equal([1, 2]);
      expect(f.answers.filter((a) => a.status === 'auto').length).to.be.greaterThan(4);
      const review = reviewQuestions(f.answers);
      expect(f.answers.filter((a) => review.includes(a.question)).map((a) => a.reason)).to.include.members(['severalMarks', 'handwriting']);
      expect(await server.store.scannedForms.crop(f.formId, 0)).to.not.equal(null);
    }
  });
});
