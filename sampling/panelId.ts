import { createHmac } from 'node:crypto';

/**
 * Stable pseudonymous panel id of a household: HMAC-SHA256(key, household id), first 128 bits as
 * 32 hex characters, prefixed 'P'. The same household gets the same id in every wave, but without the
 * key the id cannot be linked back to the household id (RFC 2104; pseudonymisation in the sense of
 * GDPR Art. 4(5)). The key belongs to the survey office and must be kept apart from the data.
 * 128 bits make collisions negligible (birthday bound ≈ 10⁻²⁷ for a million households).
 * Cost: O(length of the id).
 * @throws RangeError when the household id is empty or the key is shorter than 16 bytes.
 * @example panelId('H000001', 'a-secret-key-of-the-office') // → 'P' + 32 hex digits, always the same
 */
export function panelId(householdId: string, key: string | Uint8Array): string {
  if (householdId === '') throw new RangeError('panel id needs a non-empty household id');
  const keyBytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (keyBytes.length < 16) throw new RangeError(`panel id key must have at least 16 bytes, got ${keyBytes.length}`);
  return 'P' + createHmac('sha256', keyBytes).update(householdId, 'utf8').digest('hex').slice(0, 32);
}
