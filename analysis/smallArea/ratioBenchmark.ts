/**
 * Ratio benchmarking of area estimates to a reliable total: θ̂ᵇᵢ = θ̂ᵢ · B / Σⱼ wⱼθ̂ⱼ, with wⱼ the areas'
 * population shares (normalised to Σ w = 1 over all areas, with or without respondents) and B the direct
 * estimate for the whole city (or, for sub-districts, for their district). The population-weighted mean of
 * the benchmarked values then equals B exactly, so district figures add up to the published city figure.
 * The MSE is that of the unbenchmarked estimator (the ratio is close to 1 when the model fits).
 * Source: Pfeffermann (2013), Statistical Science 28(1), §5; Rao & Molina (2015), §6.3.
 * Cost: O(m).
 * @throws RangeError when the shares do not add up to a positive number or Σ wθ̂ is 0.
 * @example ratioBenchmark([0.2, 0.4], [1, 1], 0.33).ratio // → 1.1
 */
export function ratioBenchmark(estimates: readonly number[], shares: readonly number[], target: number): { benchmarked: number[]; ratio: number } {
  if (estimates.length !== shares.length) throw new RangeError(`${shares.length} population shares for ${estimates.length} areas`);
  const totalShare = shares.reduce((a, b) => a + b, 0);
  if (!(totalShare > 0) || shares.some((w) => !(w >= 0))) throw new RangeError('population shares must be non-negative numbers with a positive sum');
  let weighted = 0;
  for (let i = 0; i < estimates.length; i++) weighted += (shares[i] / totalShare) * estimates[i];
  if (weighted === 0) throw new RangeError('the weighted mean of the area estimates is 0: ratio benchmarking is not defined');
  const ratio = target / weighted;
  return { benchmarked: estimates.map((e) => e * ratio), ratio };
}
