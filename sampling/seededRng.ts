import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

/** Name of the generator behind every draw; stored in DrawRecord so a draw can be reproduced. */
export const PRNG_NAME = 'xoroshiro128+ (pure-rand) seeded by SplitMix32, 32-bit output';

/**
 * A seeded, mutable random number generator: the only source of randomness in `sampling/`.
 * Every function that draws takes one as an explicit argument, so the same seed gives the same sample.
 */
export interface SeededRng {
  /** Generator name (PRNG_NAME). */
  readonly name: string;
  /** The seed this generator was created from. */
  readonly seed: number;
  /** Next raw output as an unsigned 32-bit integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform integer in [0, k) without modulo bias; k a positive integer ≤ 2^32. */
  uniformInt(k: number): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
}

const TWO_POW_32 = 4294967296;

/**
 * SplitMix32 step (a 32-bit variant of SplitMix, Steele, Lea & Flood 2014): a bijective mixer whose
 * successive outputs fill the generator state from one seed.
 */
function splitMix32(state: number): { value: number; state: number } {
  const next = (state + 0x9e3779b9) | 0;
  let t = next ^ (next >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  t ^= t >>> 15;
  return { value: t | 0, state: next };
}

/**
 * Creates the project's seeded generator: xoroshiro128+ (Blackman & Vigna 2018) as implemented by
 * pure-rand, with its 128-bit state filled by four SplitMix32 outputs of the 32-bit seed. (pure-rand's
 * own 32-bit seeding puts the seed almost unchanged into the first output, so consecutive seeds would
 * give nearly equal first numbers — e.g. the same systematic start for seeds 1, 2, 3 …)
 *
 * Only the raw 32-bit stream of pure-rand is used; integer and float distributions are implemented
 * here, so a change in pure-rand's distribution helpers cannot change our samples. A change in the
 * generator itself is caught by the test that pins the first outputs for seed 42.
 *
 * Uniform integers use rejection sampling (Knuth 1997, TAOCP vol. 2, §3.4.1): outputs at or above
 * the largest multiple of k below 2^32 are discarded, so every residue is equally likely.
 * Cost: O(1) expected per call (at most two draws expected).
 *
 * @throws RangeError when the seed is not an integer in [0, 2^32).
 * @example const rng = createRng(42); rng.uniformInt(10) // → an integer 0…9, always the same for seed 42
 */
export function createRng(seed: number): SeededRng {
  if (!Number.isInteger(seed) || seed < 0 || seed >= TWO_POW_32) {
    throw new RangeError(`seed must be an integer between 0 and ${TWO_POW_32 - 1}, got ${seed}`);
  }
  const words: number[] = [];
  let mixer = seed | 0;
  for (let i = 0; i < 4; i++) {
    const step = splitMix32(mixer);
    words.push(step.value);
    mixer = step.state;
  }
  // An all-zero state would make xoroshiro output zeros forever; SplitMix32 is a bijection of distinct inputs, so four zeros cannot occur.
  const generator = xoroshiro128plusFromState(words);
  const nextUint32 = (): number => generator.next() >>> 0;
  return {
    name: PRNG_NAME,
    seed,
    nextUint32,
    uniformInt(k: number): number {
      if (!Number.isInteger(k) || k < 1 || k > TWO_POW_32) {
        throw new RangeError(`uniformInt needs an integer range size between 1 and 2^32, got ${k}`);
      }
      const limit = TWO_POW_32 - (TWO_POW_32 % k);
      let u = nextUint32();
      while (u >= limit) u = nextUint32();
      return u % k;
    },
    uniform(): number {
      const high = nextUint32() >>> 5; // 27 bits
      const low = nextUint32() >>> 6; // 26 bits
      return (high * 67108864 + low) / 9007199254740992;
    },
  };
}
