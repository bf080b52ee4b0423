import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/**
 * A new time-ordered id in UUIDv7 layout (RFC 9562 §5.7): 48-bit Unix milliseconds, then a
 * 12-bit per-process sequence (monotonic within one millisecond), then 62 random bits.
 * Time order lets stores sort append-only records (audit) by id without a global counter,
 * which would be a write hotspot in a sharded MongoDB cluster.
 */
export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    sequence += 1;
    if (sequence > 0xfff) {
      // Sequence exhausted within one millisecond: borrow the next millisecond to stay monotonic.
      ms = lastMs = lastMs + 1;
      sequence = 0;
    }
  } else {
    lastMs = ms;
    sequence = 0;
  }
  const rand = randomBytes(8);
  const hex = ms.toString(16).padStart(12, '0');
  const seqHex = (0x7000 | sequence).toString(16);
  const variant = ((rand[0]! & 0x3f) | 0x80).toString(16).padStart(2, '0');
  const tail = rand.subarray(1).toString('hex'); // 14 hex digits
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${seqHex}-${variant}${tail.slice(0, 2)}-${tail.slice(2, 14)}`;
}

/** Usernames compare case-insensitively and after Unicode normalisation ('Jürgen' = 'jürgen'). */
export function usernameKey(username: string): string {
  return username.normalize('NFC').toLowerCase();
}

/** Crockford's base32 alphabet (no I, L, O, U): unambiguous when read aloud or typed. */
export const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `count` random pseudonymous household ids: 'P' + 80 random bits in Crockford base32, unrelated to the register id. */
export function pseudonymousIds(count: number): string[] {
  const bytes = randomBytes(count * 10);
  const ids: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    let bits = 0;
    let value = 0;
    let id = 'P';
    for (let b = i * 10; b < i * 10 + 10; b++) {
      value = (value << 8) | bytes[b]!;
      bits += 8;
      while (bits >= 5) {
        id += CROCKFORD_BASE32[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
      value &= (1 << bits) - 1;
    }
    ids[i] = id;
  }
  return ids;
}
