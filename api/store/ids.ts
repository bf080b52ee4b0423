import { randomBytes, randomFillSync } from 'node:crypto';

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

/** Ranks of one import are 25-bit numbers (5 base32 characters): at most 2^25 households per frame. */
export const MAX_HOUSEHOLDS_PER_IMPORT = 2 ** 25;

function base32(value: number, digits: number): string {
  let out = '';
  for (let i = digits - 1; i >= 0; i--) out += CROCKFORD_BASE32[Math.floor(value / 32 ** i) % 32];
  return out;
}

/** The pseudonymous household ids of one frame import (see householdIdMint). */
export interface HouseholdIdMint {
  /**
   * The id of the household at `rank` (0 ≤ rank < 2^25) of a uniformly random order of the
   * import's households. Ids grow with rank, so a store that writes in rank order appends to one
   * region of every index.
   * @throws RangeError when the rank is not an integer in 0..2^25 − 1.
   */
  at(rank: number): string;
  /**
   * The id at a rank not used before in this import, drawn uniformly at random (for a store that
   * writes households in file order: the ids still say nothing about the order of the file).
   * Cost: O(1) expected while the import uses a small share of the 2^25 ranks; 4 MB per import.
   * @throws RangeError when all 2^25 ranks are used.
   */
  next(): string;
}

/**
 * The one scheme for pseudonymous household ids, used by every store adapter and the demo:
 * 'P' + 16 Crockford base32 characters (80 bits) = 5 random characters for the import, the
 * household's rank in a random order of the import in 5 characters, 6 random characters. The ids
 * are unrelated to the register because the order is random; the import part keeps two imports
 * apart, the random tail makes ids unguessable from their neighbours.
 * @example const mint = householdIdMint(); mint.at(0) // → 'P7K2QH00000XW3F9A' (random but for the rank)
 */
export function householdIdMint(): HouseholdIdMint {
  const prefix = base32(randomBytes(4).readUInt32BE() % 2 ** 25, 5);
  const random = new Uint32Array(4096);
  let used = random.length;
  const random32 = () => {
    if (used === random.length) {
      randomFillSync(random);
      used = 0;
    }
    return random[used++]!;
  };
  let taken: Uint8Array | null = null;
  let takenCount = 0;
  const at = (rank: number) => {
    if (!Number.isInteger(rank) || rank < 0 || rank >= MAX_HOUSEHOLDS_PER_IMPORT) throw new RangeError(`a household rank must be an integer from 0 to ${MAX_HOUSEHOLDS_PER_IMPORT - 1}, got ${rank}`);
    return `P${prefix}${base32(rank, 5)}${base32(random32() % 2 ** 30, 6)}`;
  };
  return {
    at,
    next() {
      if (takenCount >= MAX_HOUSEHOLDS_PER_IMPORT) throw new RangeError(`a frame can have at most ${MAX_HOUSEHOLDS_PER_IMPORT} households`);
      taken ??= new Uint8Array(MAX_HOUSEHOLDS_PER_IMPORT / 8);
      for (;;) {
        const rank = random32() % MAX_HOUSEHOLDS_PER_IMPORT; // 2^25 divides 2^32: no modulo bias
        const bit = 1 << (rank & 7);
        if (taken[rank >>> 3]! & bit) continue;
        taken[rank >>> 3]! |= bit;
        takenCount += 1;
        return at(rank);
      }
    },
  };
}
