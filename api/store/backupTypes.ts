/**
 * What backup and restore (api/operations/backupService.ts) need from a store: a consistent copy
 * of its data as a payload file, a look at the target before a restore, and the restore of a
 * verified payload. Each adapter implements it on its own database (sqlite/backup.ts,
 * mongo/backup.ts); the archive format, encryption and the refusal rules stay in operations.
 * A restore replaces the whole store, so these work on a store location, not on an open store.
 */

/** A backup the restore must refuse: damaged, truncated, tampered with, or not decryptable. */
export class BackupRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRejectedError';
  }
}

export interface StoreSnapshot {
  schemaVersion: number;
  migrations: string[];
  /** Rows (documents) per table (collection). */
  counts: Record<string, number>;
  /** False only for MongoDB without replica set: collections were not read at one moment. */
  consistentSnapshot: boolean;
}

export interface StoreBackup {
  readonly kind: 'sqlite' | 'mongodb';
  /** The payload format named in the archive header. */
  readonly payloadFormat: 'sqlite-database' | 'mongodb-ndjson';
  /** Where a restore should extract its payload (next to the store, so a final rename stays on one file system). */
  readonly workDir: string;
  /** Copies the store's data to `payloadPath` while it stays in use. */
  snapshot(payloadPath: string): Promise<StoreSnapshot>;
  /** Tables (collections) of the target that hold data, bookkeeping aside; empty when there is no store yet. */
  nonEmptyTarget(): Promise<Record<string, number>>;
  /**
   * Replaces the store with a verified payload (consumed) and applies pending migrations.
   * @throws BackupRejectedError when the payload is unusable (the store is left unchanged).
   */
  restore(payloadPath: string, expectedCounts: Record<string, number>): Promise<{ migrated: string[]; counts: Record<string, number> }>;
}
