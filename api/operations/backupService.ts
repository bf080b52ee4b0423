/**
 * Backup and restore of the configured store (SQLite in DATA_DIR, or MongoDB at MONGODB_URI)
 * into one archive format (./backupArchive). The database work is the store's (storeBackup in
 * api/store); here: the archive, the refusals and the operator's notes. Used by the `backup` and
 * `restore` commands.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BackupRejectedError, extractBackupArchive, writeBackupArchive, type BackupHeader } from './backupArchive';
import { storeBackup } from '../store';

export interface StoreLocation {
  dataDir: string;
  mongodbUri?: string;
}

/** A restore that would overwrite data, refused because --force was not given. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export interface BackupResult {
  header: BackupHeader;
  fileBytes: number;
  seconds: number;
  /** False only for MongoDB without replica set: collections were not read at one moment. */
  consistentSnapshot: boolean;
}

/**
 * Takes an online backup of the store and writes the archive atomically to `outPath`.
 * @throws Error when the store cannot be read or the file cannot be written (no output file then).
 */
export async function createBackup(location: StoreLocation, outPath: string, key: Buffer | null, now = () => new Date()): Promise<BackupResult> {
  const started = performance.now();
  const out = resolve(outPath);
  if (!existsSync(dirname(out))) throw new Error(`the directory of '${outPath}' does not exist`);
  const payload = `${out}.payload-${process.pid}`;
  const createdAt = now().toISOString();
  try {
    const adapter = await storeBackup(location);
    const snap = await adapter.snapshot(payload);
    const header = await writeBackupArchive({
      payloadPath: payload,
      outPath: out,
      key,
      header: { createdAt, storeKind: adapter.kind, schemaVersion: snap.schemaVersion, migrations: snap.migrations, counts: snap.counts, payload: { format: adapter.payloadFormat } },
    });
    const consistentSnapshot = snap.consistentSnapshot;
    return { header, fileBytes: statSync(out).size, seconds: (performance.now() - started) / 1000, consistentSnapshot };
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(payload + suffix, { force: true });
  }
}

export interface RestoreResult {
  header: BackupHeader;
  /** Migrations applied after the restore because the backup came from an older schema. */
  migrated: string[];
  counts: Record<string, number>;
  seconds: number;
  /** Something the operator should do next (e.g. carry the access-code secret over). */
  notes: string[];
}

const describe = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([t, n]) => `${t}: ${n}`)
    .join(', ');

/**
 * Verifies the archive, then replaces the store with its content. Refuses a damaged or
 * undecryptable file before touching the store, and a non-empty store unless `force`.
 * @throws BackupRejectedError (bad file), RestoreRefusedError (store not empty / other store kind).
 */
export async function restoreBackup(
  location: StoreLocation,
  fromPath: string,
  options: { key: Buffer | null; force: boolean; env?: Record<string, string | undefined> },
): Promise<RestoreResult> {
  const started = performance.now();
  const from = resolve(fromPath);
  if (!existsSync(from)) throw new RestoreRefusedError(`backup file '${fromPath}' does not exist`);
  const adapter = await storeBackup(location);
  const kind = adapter.kind;

  const filled = await adapter.nonEmptyTarget();
  if (Object.keys(filled).length > 0 && !options.force) {
    throw new RestoreRefusedError(
      `the target store is not empty (${describe(filled)}); a restore replaces all of it. Stop the servers, keep a backup of the current state, and repeat with --force`,
    );
  }

  const workDir = adapter.workDir;
  mkdirSync(workDir, { recursive: true });
  const payload = join(workDir, `.restore-${process.pid}-${Date.now()}.payload`);
  try {
    const header = await extractBackupArchive(from, payload, options.key);
    if (header.storeKind !== kind) {
      throw new RestoreRefusedError(
        `'${fromPath}' is a backup of a ${header.storeKind} store, but this installation uses ${kind === 'mongodb' ? 'MongoDB (MONGODB_URI is set)' : 'SQLite (MONGODB_URI is not set)'}`,
      );
    }
    const { migrated, counts } = await adapter.restore(payload, header.counts);
    if (migrated.length === 0) {
      const missing = Object.entries(header.counts).filter(([t, n]) => counts[t] !== n);
      if (missing.length > 0) {
        throw new BackupRejectedError(`after the restore the store holds different numbers of rows than the backup (${missing.map(([t, n]) => `${t}: ${counts[t]} of ${n}`).join(', ')})`);
      }
    }
    const notes: string[] = [];
    const env = options.env ?? process.env;
    // Keys are deliberately not in a backup (a stolen backup must not carry them); remind the operator.
    const keys = [
      { variable: 'CODE_HMAC_SECRET', file: 'code-hmac-secret', loss: 'the printed access codes no longer work' },
      { variable: 'PANEL_ID_KEY', file: 'panel-id-key', loss: 'panel households can no longer be recognised in the next wave' },
    ];
    for (const k of keys) {
      if (kind === 'sqlite' && !env[k.variable] && !existsSync(join(location.dataDir, k.file))) {
        notes.push(`The key ${k.file} is not part of a backup. Copy it from the old data directory into this one (or set ${k.variable} as before); without it ${k.loss}.`);
      }
    }
    notes.push('Restart the API servers so that no process keeps state from before the restore.');
    return { header, migrated, counts, seconds: (performance.now() - started) / 1000, notes };
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(payload + suffix, { force: true });
  }
}
