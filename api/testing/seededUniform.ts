/**
 * Deterministic uniform numbers in (0, 1) from the Park–Miller generator (multiplier 48271,
 * modulus 2^31 − 1), so simulated answers are the same in every test run. `seed` must be an
 * integer in 1 … 2^31 − 2. For tests and benchmarks, never for drawing samples (see sampling/seededRng).
 */
export function seededUniform(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}
