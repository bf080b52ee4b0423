import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../config';
import { openStore } from '../store';
import type { Store } from '../store/types';
import { seedDemo, type SeedStep } from './seedDemo';

/** One cheap step: a single account, so the claim logic is tested without the full demo. */
const oneUser = (username = 'demo'): SeedStep => ({
  name: 'one user',
  async run(tx) {
    await tx.users.create({ username, displayName: username, role: 'admin', passwordHash: 'x' });
  },
});

describe('seedDemo', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'familien-survey-seed-'));
    store = await openStore(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds an empty store once and leaves a store with accounts alone', async () => {
    expect((await seedDemo(store, [oneUser()])).seeded).to.equal(true);
    expect((await seedDemo(store, [oneUser('second')])).seeded).to.equal(false);
    expect(await store.users.count()).to.equal(1);
  });

  it('waits while another instance holds a fresh claim and does not seed a second time', async () => {
    await store.meta.set('demoSeedClaim', new Date().toISOString());
    // The other instance finishes its seed a moment later.
    setTimeout(() => void store.users.create({ username: 'other', displayName: 'other', role: 'admin', passwordHash: 'x' }), 600);
    const result = await seedDemo(store, [oneUser()]);
    expect(result.seeded).to.equal(false);
    expect((await store.users.list()).map((u) => u.username)).to.deep.equal(['other']);
  });

  it('takes over a claim older than the lease (an instance that died while seeding)', async () => {
    await store.meta.set('demoSeedClaim', new Date(Date.now() - 3 * 60_000).toISOString());
    expect((await seedDemo(store, [oneUser()])).seeded).to.equal(true);
  });

  it('leaves the store empty and gives the claim back when a step fails', async () => {
    const failing: SeedStep = {
      name: 'failing',
      async run() {
        throw new Error('step failed');
      },
    };
    let error: unknown;
    await seedDemo(store, [oneUser(), failing]).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('step failed');
    expect(await store.users.count()).to.equal(0);
    expect(await store.meta.get('demoSeedClaim')).to.equal('');
    // The next attempt does not wait for a lease.
    expect((await seedDemo(store, [oneUser()])).seeded).to.equal(true);
  });
});
