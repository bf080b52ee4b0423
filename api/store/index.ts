/**
 * Chooses the store adapter: MongoDB when a connection string is configured, SQLite otherwise.
 * This file and the adapters are the only code that knows a database.
 */
import { openSqliteStore } from './sqlite/sqliteStore';
import type { Store } from './types';

export * from './types';

export interface StoreConfig {
  dataDir: string;
  mongodbUri?: string;
}

/** Opens the configured store and applies pending migrations. */
export async function openStore(config: StoreConfig): Promise<Store> {
  let store: Store;
  if (config.mongodbUri) {
    // Loaded lazily so SQLite deployments never load the MongoDB driver.
    const { openMongoStore } = await import('./mongo/mongoStore');
    store = await openMongoStore({ uri: config.mongodbUri });
  } else {
    store = openSqliteStore({ dataDir: config.dataDir });
  }
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
