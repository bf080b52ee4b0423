/**
 * The store adapters a contract suite runs against: SQLite always, MongoDB when MONGODB_URI names a
 * server (each test gets a fresh database, dropped afterwards). Every contract file registers its
 * suite through `forEveryAdapter`, so no suite can silently leave one adapter out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../sqlite/sqliteStore';
import type { Store } from '../types';

export interface AdapterUnderTest {
  name: string;
  /** Whether store.transaction rolls back (MongoDB only on a replica set). */
  atomicTransactions: boolean;
  location(): string;
  open(location: string): Promise<Store>;
  dispose(location: string): Promise<void>;
}

export const sqliteAdapter = (prefix: string): AdapterUnderTest => ({
  name: 'sqlite',
  atomicTransactions: true,
  location: () => mkdtempSync(join(tmpdir(), `${prefix}-`)),
  open: async (dir) => openSqliteStore({ dataDir: dir }),
  dispose: async (dir) => rmSync(dir, { recursive: true, force: true }),
});

/** Registers `contract` once per available adapter and says so when MongoDB is skipped. */
export async function forEveryAdapter(suite: string, contract: (adapter: AdapterUnderTest) => void): Promise<void> {
  contract(sqliteAdapter(`${suite}-contract`));
  const uri = process.env.MONGODB_URI;
  if (uri) {
    const { mongoContractAdapter } = await import('./mongoContractAdapter');
    contract(await mongoContractAdapter(uri));
  } else {
    console.log(`MongoDB ${suite} contract tests skipped: MONGODB_URI not set`);
  }
}

/**
 * Gives every test of a contract suite a fresh, migrated store (call inside the suite's `describe`):
 * opened on a new location before the test and handed to `receive`, closed and removed after it.
 * `reopen()` closes the test's store and opens the same location again without migrating.
 */
export function freshStorePerTest(adapter: AdapterUnderTest, receive: (store: Store) => void): { reopen(): Promise<void> } {
  let location: string;
  let store: Store;
  beforeEach(async () => {
    location = adapter.location();
    store = await adapter.open(location);
    await store.migrate();
    receive(store);
  });
  afterEach(async () => {
    await store.close();
    await adapter.dispose(location);
  });
  return {
    async reopen() {
      await store.close();
      store = await adapter.open(location);
      receive(store);
    },
  };
}
