/**
 * Chooses the store adapter: MongoDB when a connection string is configured, SQLite otherwise.
 * This file and the adapters are the only code that knows a database.
 */
import { openSqliteStore } from './sqlite/sqliteStore';
import type { Store, StoreBackup } from './types';

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

/**
 * Backup and restore of the configured store's location (no open store: a restore replaces it).
 * Loaded lazily, so the command line loads only the adapter it uses.
 */
export async function storeBackup(config: StoreConfig): Promise<StoreBackup> {
  if (config.mongodbUri) {
    const { mongoStoreBackup } = await import('./mongo/backup');
    return mongoStoreBackup(config.mongodbUri);
  }
  const { sqliteStoreBackup } = await import('./sqlite/backup');
  return sqliteStoreBackup(config.dataDir);
}
