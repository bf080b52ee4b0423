import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import {
  ACCESS_CODE_ALPHABET,
  ACCESS_CODE_PAYLOAD_LENGTH,
  computeCheckCharacter,
} from './checkCharacter';

/** A source of uniformly random bytes; `crypto.randomBytes` in production, injectable in tests. */
export type RandomBytes = (size: number) => Buffer;

/**
 * Entropy of one code in bits: payload length · log₂(alphabet size) = 13 · log₂ 31 ≈ 64.40.
 * The check character adds no entropy (it is a function of the payload).
 */
export const ACCESS_CODE_ENTROPY_BITS = ACCESS_CODE_PAYLOAD_LENGTH * Math.log2(ACCESS_CODE_ALPHABET.length);

/**
 * Largest multiple of 31 that fits in a byte (248 = 8 · 31). Bytes 0…247 map to symbol
 * `byte mod 31` with each symbol hit exactly 8 times; bytes 248…255 are rejected, because
 * keeping them would make symbols 0…7 more likely (modulo bias).
 */
const ACCEPTED_BYTE_LIMIT = Math.floor(256 / ACCESS_CODE_ALPHABET.length) * ACCESS_CODE_ALPHABET.length;

/** Rejected bytes in a row after which the byte source is considered broken (p = (8/256)⁵⁰⁰ = 2⁻²⁵⁰⁰ for a fair one). */
const MAX_CONSECUTIVE_REJECTIONS = 500;

/**
 * A new random access code in canonical form (13 payload symbols + check character, no
 * separators). Symbols are drawn by rejection sampling: each byte < 248 yields `byte mod 31`,
 * so every symbol has probability exactly 1/31. Entropy: ACCESS_CODE_ENTROPY_BITS ≈ 64.4 bits.
 * Cost: O(1) (13 · 256/248 ≈ 13.4 random bytes on average).
 * @throws Error when the byte source returns the wrong number of bytes or only rejected bytes.
 * @example formatAccessCode(generateAccessCode()) // → e.g. 'K7QM-XR3T-9PWE-HC'
 */
export function generateAccessCode(randomBytes: RandomBytes = cryptoRandomBytes): string {
  let payload = '';
  let rejectionsInARow = 0;
  while (payload.length < ACCESS_CODE_PAYLOAD_LENGTH) {
    // Exactly the missing count: every byte handed out is either used or rejected, never
    // discarded, which keeps the byte-to-symbol mapping auditable in tests.
    const wanted = ACCESS_CODE_PAYLOAD_LENGTH - payload.length;
    const bytes = randomBytes(wanted);
    if (!Buffer.isBuffer(bytes) || bytes.length !== wanted) {
      throw new Error(`random byte source returned ${Buffer.isBuffer(bytes) ? bytes.length : typeof bytes} instead of ${wanted} bytes`);
    }
    for (const byte of bytes) {
      if (byte >= ACCEPTED_BYTE_LIMIT) {
        if (++rejectionsInARow >= MAX_CONSECUTIVE_REJECTIONS) {
          throw new Error(`random byte source returned ${MAX_CONSECUTIVE_REJECTIONS} bytes ≥ ${ACCEPTED_BYTE_LIMIT} in a row; it is not random`);
        }
        continue;
      }
      rejectionsInARow = 0;
      payload += ACCESS_CODE_ALPHABET[byte % ACCESS_CODE_ALPHABET.length];
    }
  }
  return payload + computeCheckCharacter(payload);
}
