import { MIN_CODE_HMAC_SECRET_BYTES } from '../codes';
import { installationSecret } from './installationSecret';

/**
 * The server secret that access codes are hashed with (HMAC, api/codes/hashAccessCode.ts):
 * CODE_HMAC_SECRET when set, otherwise a random per-installation secret kept in
 * `<DATA_DIR>/code-hmac-secret` (mode 0600), so a local or demo install works out of the box and the
 * hashes stay valid across restarts.
 * @throws RangeError when CODE_HMAC_SECRET is set but shorter than 32 bytes.
 */
export function accessCodeHashSecret(dataDir: string, env: Record<string, string | undefined> = process.env): string {
  return installationSecret(dataDir, { envName: 'CODE_HMAC_SECRET', fileName: 'code-hmac-secret', minBytes: MIN_CODE_HMAC_SECRET_BYTES, env });
}
