/**
 * Mean squared error of the Fay–Herriot EBLUP, as R `sae::mseFH` (Rao & Molina 2015, §6.2.1), with
 * Bᵢ = ψᵢ/(σ̂ᵤ² + ψᵢ) and Q = (X'V̂⁻¹X)⁻¹:
 *   g1ᵢ = ψᵢ(1 − Bᵢ),  g2ᵢ = Bᵢ² xᵢ'Qxᵢ,  g3ᵢ = Bᵢ² · V̄(σ̂ᵤ²)/(σ̂ᵤ² + ψᵢ),  V̄(σ̂ᵤ²) = 2 / Σⱼ (σ̂ᵤ² + ψⱼ)⁻²
 *   REML (Prasad & Rao 1990; Datta & Lahiri 2000):  mseᵢ = g1ᵢ + g2ᵢ + 2 g3ᵢ
 *   ML (Datta & Lahiri 2000):                       mseᵢ = g1ᵢ + g2ᵢ + 2 g3ᵢ − b·Bᵢ²,
 *     b = −tr(Q·X'V̂⁻²X) / Σⱼ (σ̂ᵤ² + ψⱼ)⁻², the first-order bias of σ̂ᵤ²(ML).
 * Cost: O(m·p²).
 * @example fayHerriotMse(fayHerriot({ y, psi, x })).mse[0] // milk data, REML: 0.013460…
 */
import type { FayHerriotFit } from './fayHerriot';
import { rowQuadraticForm } from './designMatrix';

export interface FayHerriotMse {
  g1: number[];
  g2: number[];
  g3: number[];
  /** b·Bᵢ² subtracted for ML (0 for REML). */
  biasCorrection: number[];
  mse: number[];
  /** Asymptotic variance of σ̂ᵤ², V̄ = 2/Σ(σ̂ᵤ²+ψ)⁻². */
  sigma2uVariance: number;
}

export function fayHerriotMse(fit: FayHerriotFit): FayHerriotMse {
  const { sigma2u, psi, x, betaCovariance: q } = fit;
  const { values, rows: m, columns: p } = x;
  let sumV2 = 0;
  for (let i = 0; i < m; i++) sumV2 += 1 / ((sigma2u + psi[i]) * (sigma2u + psi[i]));
  const sigma2uVariance = 2 / sumV2;
  let bias = 0;
  if (fit.method === 'ml') {
    // tr(Q·X'V⁻²X) = Σᵢ vᵢ² xᵢ'Qxᵢ
    let t = 0;
    for (let i = 0; i < m; i++) t += rowQuadraticForm(values, p, i, q) / ((sigma2u + psi[i]) * (sigma2u + psi[i]));
    bias = -t / sumV2;
  }
  const out: FayHerriotMse = { g1: [], g2: [], g3: [], biasCorrection: [], mse: [], sigma2uVariance };
  for (let i = 0; i < m; i++) {
    const total = sigma2u + psi[i];
    const b = psi[i] / total;
    const g1 = psi[i] * (1 - b);
    const g2 = b * b * rowQuadraticForm(values, p, i, q);
    const g3 = (b * b * sigma2uVariance) / total;
    const correction = bias * b * b;
    out.g1.push(g1);
    out.g2.push(g2);
    out.g3.push(g3);
    out.biasCorrection.push(correction);
    out.mse.push(g1 + g2 + 2 * g3 - correction);
  }
  return out;
}
