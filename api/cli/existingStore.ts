/**
 * The store a command may read from when it does not need one: an existing SQLite file under DATA_DIR
 * (or `--data-dir`), or MongoDB when MONGODB_URI is set. Never creates a store, so `paper-form` and `scan`
 * work without one for the questionnaire versions the platform ships and read imported versions when there is one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { openStore } from '../store';
import { SQLITE_FILE_NAME } from '../store/sqlite/sqliteStore';
import type { Store } from '../store/types';
import { CliError } from './command';

/**
 * @param dataDir `--data-dir` when given: then a missing store is an error instead of "no store".
 * @throws CliError for a configuration that cannot be read, or a `--data-dir` without a store.
 */
export async function existingStore(dataDir: string | undefined): Promise<Store | undefined> {
  let config;
  try {
    config = loadConfig({ ...process.env, ...(dataDir ? { DATA_DIR: dataDir } : {}) });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (!config.mongodbUri && !existsSync(join(config.dataDir, SQLITE_FILE_NAME))) {
    if (dataDir) throw new CliError(`--data-dir '${dataDir}' holds no store (${SQLITE_FILE_NAME} is missing)`);
    return undefined;
  }
  return openStore(config);
}
