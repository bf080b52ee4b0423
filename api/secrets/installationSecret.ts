import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface InstallationSecretOptions {
  /** The environment variable that holds the secret in production, e.g. CODE_HMAC_SECRET. */
  envName: string;
  /** The file under DATA_DIR used when the variable is unset, e.g. code-hmac-secret. */
  fileName: string;
  /** Smallest accepted length of a secret given in the environment, in bytes. */
  minBytes: number;
  env?: Record<string, string | undefined>;
}

/**
 * A server secret: the environment variable when set, otherwise a random 32-byte secret kept in
 * `<DATA_DIR>/<fileName>` (mode 0600), so a local or demo install works out of the box and what
 * the secret protects (code hashes, panel ids) stays valid across restarts. Several processes
 * starting together on one data directory end up with the same secret.
 * @throws RangeError when the variable is set but shorter than `minBytes`.
 */
export function installationSecret(dataDir: string, o: InstallationSecretOptions): string {
  const fromEnv = (o.env ?? process.env)[o.envName];
  if (fromEnv) {
    if (Buffer.byteLength(fromEnv, 'utf8') < o.minBytes) throw new RangeError(`${o.envName} is too short: at least ${o.minBytes} bytes required`);
    return fromEnv;
  }
  const file = join(dataDir, o.fileName);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // 'wx' fails if another process created it meanwhile; then that one's secret is read below.
    try {
      writeFileSync(file, crypto.getRandomValues(Buffer.alloc(32)).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
    }
  }
  return readFileSync(file, 'utf8').trim();
}
