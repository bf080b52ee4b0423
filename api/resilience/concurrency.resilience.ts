/**
 * The races of concurrency.test.ts repeated many times, so a rare interleaving has a chance to
 * show: 15 rounds of 20 submits + 20 autosaves of one code, 10 simultaneous reconciliations.
 */
import { expect } from 'chai';
import { createInvitedHouseholds, type InvitedHousehold } from '../collection/testing/testHouseholds';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { signedInClient, startTestServer, type TestServer } from '../testing/startTestServer';
import { reconciliationRace, submitAndAutosaveRace } from './testing/concurrencyScenarios';

const SUBMIT_ROUNDS = 15;
const RECONCILE_ROUNDS = 10;

describe('races on one household, repeated', function () {
  this.timeout(10 * 60_000);
  let server: TestServer;
  let households: InvitedHousehold[];

  before(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: 'true' } });
    households = await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), SUBMIT_ROUNDS + RECONCILE_ROUNDS);
  });
  after(async () => server?.stop());

  it(`${SUBMIT_ROUNDS} rounds of 20 submits + 20 autosaves: always one response holding one submitted set`, async () => {
    const winners: number[] = [];
    for (let round = 0; round < SUBMIT_ROUNDS; round++) winners.push(await submitAndAutosaveRace(server, households[round]!, round));
    console.log(`    winning submit per round (index of 20): ${winners.join(', ')}`);
    expect(winners).to.have.length(SUBMIT_ROUNDS);
  });

  it(`${RECONCILE_ROUNDS} simultaneous reconciliations: always one 200 and one 409 with the conflict message`, async () => {
    const [staff, staff2, admin] = await Promise.all(['staff', 'staff2', 'admin'].map((name) => signedInClient(server, name)));
    for (let round = 0; round < RECONCILE_ROUNDS; round++) {
      await reconciliationRace(server, { first: staff, second: staff2, reconcilers: [admin, staff] }, households[SUBMIT_ROUNDS + round]!, round % 2 === 0 ? 'de' : 'en');
    }
  });
});
