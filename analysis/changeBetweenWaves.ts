/**
 * Change of an estimate between two survey waves:
 *
 *   Δ = θ̂₂ − θ̂₁,   SE(Δ) = √(SE₁² + SE₂²),   z = Δ / SE(Δ),   p = 2·Φ(−|z|),   CI = Δ ± z_{1−α/2}·SE(Δ).
 *
 * Assumes the two waves are independent samples (Cochran 1977, §12.9; Kish 1965, §12.4): the covariance term
 * −2·Cov(θ̂₁, θ̂₂) is left out. With a panel overlap (households re-invited in the next wave) the covariance is
 * usually positive, so this SE is then conservative (too large); it is ignored here on purpose.
 * Cost: O(1).
 * @throws RangeError for a negative or non-finite SE or a confidence level outside (0, 1).
 * @example changeBetweenWaves({ estimate: 0.30, se: 0.03 }, { estimate: 0.24, se: 0.04 }) // → { change: -0.06, se: 0.05, z: -1.2, pValue: 0.2301…, … }
 */
import { twoSidedPValue } from './compareDomains';
import { normalQuantile } from './normalQuantile';

export interface WaveEstimate {
  estimate: number;
  se: number;
}

export interface WaveChange {
  previous: number;
  current: number;
  change: number;
  se: number;
  z: number;
  pValue: number;
  ciLow: number;
  ciHigh: number;
  /** Always 'independent-samples': documents the variance assumption next to the number. */
  assumption: 'independent-samples';
}

export function changeBetweenWaves(previous: WaveEstimate, current: WaveEstimate, options: { level?: number } = {}): WaveChange {
  for (const [name, e] of [['previous', previous], ['current', current]] as const) {
    if (!(e.se >= 0) || !Number.isFinite(e.se)) throw new RangeError(`the ${name} wave's standard error must be a finite number ≥ 0, got ${e.se}`);
  }
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must lie in (0, 1), got ${level}`);
  const change = current.estimate - previous.estimate;
  const se = Math.sqrt(previous.se * previous.se + current.se * current.se);
  const z = se > 0 ? change / se : NaN;
  const q = normalQuantile(1 - (1 - level) / 2);
  return { previous: previous.estimate, current: current.estimate, change, se, z, pValue: twoSidedPValue(z), ciLow: change - q * se, ciHigh: change + q * se, assumption: 'independent-samples' };
}
