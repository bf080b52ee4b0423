/**
 * Races on one household over HTTP (fast rounds; concurrency.resilience.ts repeats them many times):
 * 20 submits + 20 autosaves of one code, and two staff reconciling the same paper form.
 */
import { expect } from 'chai';
import { createInvitedHouseholds, type InvitedHousehold } from '../collection/testing/testHouseholds';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { ApiClient } from '../testing/apiClient';
import { signedInClient, startTestServer, type TestServer } from '../testing/startTestServer';
import { reconciliationRace, submitAndAutosaveRace } from './testing/concurrencyScenarios';

describe('races on one household', function () {
  this.timeout(120_000);
  let server: TestServer;
  let households: InvitedHousehold[];

  before(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: 'true' } });
    households = await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), 6);
  });
  after(async () => server?.stop());

  it('20 simultaneous submits and 20 autosaves of one code: one response, exactly one submitted set, all answered 200', async () => {
    for (let round = 0; round < 2; round++) {
      expect(await submitAndAutosaveRace(server, households[round]!, round)).to.be.within(0, 19);
    }
  });

  it('two staff reconciling one form at once: one wins, the other gets 409 with the conflict message in German and English', async () => {
    const [staff, staff2, admin] = await Promise.all(['staff', 'staff2', 'admin'].map((name) => signedInClient(server, name)));
    const roles = { first: staff, second: staff2, reconcilers: [admin, staff] as [ApiClient, ApiClient] };
    await reconciliationRace(server, roles, households[4]!, 'de');
    await reconciliationRace(server, roles, households[5]!, 'en');
  });
});
