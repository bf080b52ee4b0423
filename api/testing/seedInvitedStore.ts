/**
 * Prepares a data directory for a server process with an invited sample whose plain access codes
 * the test knows (they exist only in memory, exactly as on the printed letters):
 *
 *   const households = await seedInvitedStore(dataDir, 1200, secret);
 *   const server = await startServerProcess({ dataDir, env: { CODE_HMAC_SECRET: secret } });
 *
 * The store is opened, migrated, given the demo accounts and the households, and closed again
 * before the server starts, so the server finds a non-empty store and does not seed the demo.
 */
import { createInvitedHouseholds, type InvitedHousehold } from '../collection/testing/testHouseholds';
import { loadConfig } from '../config';
import { DEMO_SEED_STEPS, seedDemo } from '../demo/seedDemo';
import { openStore } from '../store';

/**
 * @param secret the CODE_HMAC_SECRET the server will run with (≥ 32 bytes).
 * @param demo 'accounts' seeds only the demo users (fast); 'full' the whole demo (draw, responses, paper forms).
 * @throws RangeError when the secret is too short.
 */
export async function seedInvitedStore(
  dataDir: string,
  count: number,
  secret: string,
  demo: 'accounts' | 'full' = 'accounts',
): Promise<InvitedHousehold[]> {
  const store = await openStore(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  try {
    await seedDemo(store, demo === 'full' ? DEMO_SEED_STEPS : DEMO_SEED_STEPS.filter((s) => s.name === 'demo users'), { dataDir });
    return await createInvitedHouseholds(store, secret, count);
  } finally {
    await store.close();
  }
}
