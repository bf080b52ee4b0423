/**
 * Services meet data they did not write themselves (a restored backup, a frame edited by hand):
 * found by the fuzz suite, where such a draw made a read-only check answer 500.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createInvitedHouseholds } from '../collection/testing/testHouseholds';
import { verifyDraw } from '../samplingWorkflow/drawService';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { openStore } from '../store';
import type { Store } from '../store/types';

describe('services on inconsistent stored data', () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inconsistent-'));
    store = await openStore({ dataDir: dir });
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifying a draw whose frame no longer holds its districts answers "not reproducible" instead of failing', async () => {
    // The test sample has sample units and codes but no frame households: the allocation cannot be drawn again.
    const [household] = await createInvitedHouseholds(store, accessCodeHashSecret(dir), 2, ['01']);
    const { drawId } = (await store.roster.get(household!.householdId))!;
    expect(await verifyDraw(store, drawId)).to.deep.equal({ reproducible: false, fingerprintMatches: false, prngMatches: false, unitsMatch: false });
  });
});
