import { CliError, type CliCommand } from '../command';
import { parseOptions, required } from '../io';
import { loadConfig } from '../../config';
import { BackupRejectedError, parseBackupKey } from '../../operations/backupArchive';
import { restoreBackup, RestoreRefusedError } from '../../operations/backupService';

const usage = `Usage: npm run --silent cli -- restore --from FILE [--data-dir DIR] [--force]

Restores a backup written by \`cli backup\` into the configured store (SQLite in DATA_DIR or
--data-dir; MongoDB when MONGODB_URI is set). The file's checksum (and, for an encrypted file,
its authentication with BACKUP_ENCRYPTION_KEY) is verified before anything is written; a damaged
file is refused with exit code 2. A store that already holds data is replaced only with --force
(stop the servers first). A backup from an older version is migrated to the current schema.
The restore is atomic: the store holds either its old content or the complete backup.
`;

const command: CliCommand = {
  summary: 'Verify a backup file and restore it into an empty (or, with --force, any) store',
  usage,
  async run(argv) {
    const options = parseOptions(argv, { from: { type: 'string' }, 'data-dir': { type: 'string' }, force: { type: 'boolean' } }, usage);
    const from = required(options.from, 'from');
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
      result = await restoreBackup({ dataDir: config.dataDir, mongodbUri: config.mongodbUri }, from, { key, force: options.force === true });
    } catch (err) {
      if (err instanceof BackupRejectedError) throw new CliError(`refused: ${err.message}`);
      if (err instanceof RestoreRefusedError) throw new CliError(`refused: ${err.message}`);
      throw new CliError(`restore failed: ${(err as Error).message}`);
    }
    const h = result.header;
    const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
    process.stdout.write(
      [
        `Restored ${from} (written ${h.createdAt}, ${h.storeKind}, schema version ${h.schemaVersion})`,
        `  checksum verified${h.encryption ? ', decrypted and authenticated' : ''}; ${rows} rows in ${Object.keys(result.counts).length} tables (responses: ${result.counts.responses ?? 0})`,
        `  ${result.migrated.length > 0 ? `migrated to the current schema: ${result.migrated.join(', ')}` : 'schema already current'}`,
        `  took ${result.seconds.toFixed(2)} s`,
        ...result.notes,
      ].join('\n') + '\n',
    );
  },
};

export default command;
