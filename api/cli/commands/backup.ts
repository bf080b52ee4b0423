import { CliError, type CliCommand } from '../command';
import { parseOptions, required } from '../io';
import { loadConfig } from '../../config';
import { parseBackupKey } from '../../operations/backupArchive';
import { createBackup } from '../../operations/backupService';

const usage = `Usage: npm run --silent cli -- backup --out FILE [--data-dir DIR]

Writes a consistent online backup of the store to FILE while the servers keep running:
SQLite (DATA_DIR, or --data-dir) through SQLite's backup API; MongoDB (MONGODB_URI) as a
logical export of every collection, read in one snapshot on a replica set.
The file carries a SHA-256 checksum; when BACKUP_ENCRYPTION_KEY is set (32 bytes, 64 hex digits
or base64) it is encrypted with AES-256-GCM. Backups hold personal data: store them encrypted.
FILE is written atomically (temporary file, then rename) and never left half-written.
`;

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;

const command: CliCommand = {
  summary: 'Write a checksummed (optionally encrypted) online backup of the store',
  usage,
  async run(argv) {
    const options = parseOptions(argv, { out: { type: 'string' }, 'data-dir': { type: 'string' } }, usage);
    const out = required(options.out, 'out');
    let config;
    let key;
    try {
      config = loadConfig({ ...process.env, ...(options['data-dir'] ? { DATA_DIR: options['data-dir'] } : {}) });
      key = parseBackupKey(process.env.BACKUP_ENCRYPTION_KEY);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    let result;
    try {
      result = await createBackup({ dataDir: config.dataDir, mongodbUri: config.mongodbUri }, out, key);
    } catch (err) {
      throw new CliError(`backup failed, no file written: ${(err as Error).message}`);
    }
    const h = result.header;
    const rows = Object.values(h.counts).reduce((a, b) => a + b, 0);
    process.stdout.write(
      [
        `Backup written to ${out}`,
        `  store ${h.storeKind}, schema version ${h.schemaVersion}, ${rows} rows in ${Object.keys(h.counts).length} tables (responses: ${h.counts.responses ?? 0})`,
        `  ${mb(result.fileBytes)}, SHA-256 of the content ${h.payload.sha256}`,
        `  ${h.encryption ? `encrypted with AES-256-GCM (key fingerprint ${h.encryption.keyFingerprint})` : 'not encrypted (set BACKUP_ENCRYPTION_KEY to encrypt)'}`,
        `  took ${result.seconds.toFixed(2)} s`,
        ...(result.consistentSnapshot ? [] : ['  Warning: MongoDB without replica set: collections were read one after another, not at one moment.']),
      ].join('\n') + '\n',
    );
  },
};

export default command;
