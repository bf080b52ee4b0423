import { createHmac, timingSafeEqual } from 'node:crypto';
import { isWellFormedAccessCode, canonicalAccessCode } from './checkCharacter';

/** Minimum length of the server secret in bytes (UTF-8): 256 bits, the HMAC-SHA-256 key size. */
export const MIN_CODE_HMAC_SECRET_BYTES = 32;

/** Name of the environment variable holding the server secret. */
export const CODE_HMAC_SECRET_ENV = 'CODE_HMAC_SECRET';

function assertSecret(secret: string): void {
  if (typeof secret !== 'string') throw new TypeError(`${CODE_HMAC_SECRET_ENV} must be a string`);
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_CODE_HMAC_SECRET_BYTES) {
    // Never echo the secret itself, only its length.
    throw new RangeError(
      `${CODE_HMAC_SECRET_ENV} is too short: ${bytes} bytes, at least ${MIN_CODE_HMAC_SECRET_BYTES} required ` +
        `(create one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")`,
    );
  }
}

/**
 * Reads and validates the code secret from the environment.
 * @throws RangeError when CODE_HMAC_SECRET is missing or shorter than 32 bytes.
 * @example const secret = codeHmacSecretFromEnv(); // at server start, fail fast
 */
export function codeHmacSecretFromEnv(env: Record<string, string | undefined> = process.env): string {
  const secret = env[CODE_HMAC_SECRET_ENV];
  if (secret === undefined || secret === '') {
    throw new RangeError(`${CODE_HMAC_SECRET_ENV} is not set; the server cannot hash access codes without it`);
  }
  assertSecret(secret);
  return secret;
}

/**
 * The only form of an access code that is ever stored: hex HMAC-SHA-256(secret, canonical code).
 * Hashing the canonical form makes 'abcd efgh …' and 'ABCD-EFGH-…' hash alike. A keyed hash
 * (not a plain SHA-256) means a leaked table cannot be brute-forced without the secret, even
 * though 64 bits would already make that expensive. Deterministic, so the store can look a
 * code up by its hash.
 * Cost: O(1).
 * @throws RangeError when the secret is shorter than 32 bytes or the code is not well-formed.
 * @example hashAccessCode('ABCD-EFGH-JKMN-PQ', secret) // → 64 hex characters
 */
export function hashAccessCode(code: string, secret: string): string {
  assertSecret(secret);
  const canonical = canonicalAccessCode(code);
  if (canonical === null || !isWellFormedAccessCode(canonical)) {
    throw new RangeError('cannot hash an access code that is not well-formed (wrong length, symbol or check character)');
  }
  return createHmac('sha256', secret).update(canonical, 'utf8').digest('hex');
}

/**
 * Compares a typed code with a stored hash in constant time (no early exit that would leak
 * how many leading hash bytes matched). Malformed codes simply do not match.
 * @throws RangeError when the secret is too short.
 * @example accessCodeMatchesHash(typed, stored.codeHash, secret) // → true | false
 */
export function accessCodeMatchesHash(code: string, codeHash: string, secret: string): boolean {
  assertSecret(secret);
  if (!isWellFormedAccessCode(code) || !/^[0-9a-f]{64}$/.test(codeHash)) return false;
  return timingSafeEqual(Buffer.from(hashAccessCode(code, secret), 'hex'), Buffer.from(codeHash, 'hex'));
}
