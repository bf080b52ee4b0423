import { createHash } from 'node:crypto';
import type { RandomBytes } from '../accessCode';

/**
 * A reproducible byte stream for tests and published test vectors — NEVER for real codes:
 * block k = SHA-256(seed ‖ k), concatenated. Good enough statistically for tests and
 * identical on every machine, unlike crypto.randomBytes.
 * @example generateAccessCode(deterministicRandomBytes('vectors')) // same code on every run
 */
export function deterministicRandomBytes(seed: string): RandomBytes {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (size: number) => {
    while (pool.length < size) {
      const block = createHash('sha256').update(`${seed}\u0000${counter++}`).digest();
      pool = Buffer.concat([pool, block]);
    }
    const out = pool.subarray(0, size);
    pool = pool.subarray(size);
    return Buffer.from(out);
  };
}
