/**
 * Sampling variances of direct share estimates for the area model, with unusable ones smoothed.
 * A design variance vᵢ is unusable when the share is 0 or 1 (the estimated variance is then 0), when it is
 * not a positive number, or when the area has fewer than `minRespondents` respondents (too unstable).
 * Those areas get a generalised variance function built from the usable areas' pooled design effect:
 *   deffᵢ = vᵢ / (pᵢ(1 − pᵢ)/nᵢ),  deff = Σ nᵢ·deffᵢ / Σ nᵢ  (usable areas; 1 when there are none),
 *   ψᵢ = deff · p̄(1 − p̄)/nᵢ with p̄ the city-wide share,  ñᵢ = nᵢ / deff;
 * usable areas keep ψᵢ = vᵢ and ñᵢ = pᵢ(1 − pᵢ)/vᵢ (their own design effect).
 * Source: Wolter (2007), Introduction to Variance Estimation, ch. 7 (GVFs); Rao & Molina (2015), §6.4.
 * Cost: O(m).
 * @example smoothDirectVariances([{ share: 0.5, variance: 0.01, n: 50 }, { share: 0, variance: 0, n: 8 }], 0.4).psi[1] // → 0.06
 */
export interface DirectShare {
  share: number;
  variance: number | null;
  /** Respondents in the area. */
  n: number;
}

export interface SmoothedVariances {
  psi: number[];
  effectiveN: number[];
  smoothed: boolean[];
  pooledDesignEffect: number;
}

export function smoothDirectVariances(areas: readonly DirectShare[], overallShare: number, options: { minRespondents?: number } = {}): SmoothedVariances {
  const minRespondents = options.minRespondents ?? 5;
  const usable = (a: DirectShare) =>
    a.n >= minRespondents && a.share > 0 && a.share < 1 && a.variance !== null && a.variance > 0 && Number.isFinite(a.variance);
  let weighted = 0;
  let total = 0;
  for (const a of areas) {
    if (!usable(a)) continue;
    weighted += a.n * (a.variance! / ((a.share * (1 - a.share)) / a.n));
    total += a.n;
  }
  const pooledDesignEffect = total > 0 ? weighted / total : 1;
  const pBar = Math.min(Math.max(overallShare, 1e-6), 1 - 1e-6);
  const out: SmoothedVariances = { psi: [], effectiveN: [], smoothed: [], pooledDesignEffect };
  for (const a of areas) {
    if (usable(a)) {
      out.psi.push(a.variance!);
      out.effectiveN.push((a.share * (1 - a.share)) / a.variance!);
      out.smoothed.push(false);
    } else {
      out.psi.push((pooledDesignEffect * pBar * (1 - pBar)) / a.n);
      out.effectiveN.push(a.n / pooledDesignEffect);
      out.smoothed.push(true);
    }
  }
  return out;
}
