/**
 * Synthetic (regression) estimate for areas without respondents: θ̂ᵢ = xᵢ'β̂ with MSE σ̂ᵤ² + xᵢ'Qxᵢ
 * (Rao & Molina 2015, §6.1.1: the best predictor when the area effect uᵢ is unknown; its MSE adds the
 * variance of the unknown area effect to that of the estimated regression).
 * Cost: O(k·p²) for k areas.
 * @example syntheticEstimate(fit, designMatrix([[0.3]], ['Zwötzen'], ['share'])) // → [{ estimate, mse }]
 */
import type { DesignMatrix } from './designMatrix';
import { rowDot, rowQuadraticForm } from './designMatrix';
import type { FayHerriotFit } from './fayHerriot';

export function syntheticEstimate(fit: FayHerriotFit, x: DesignMatrix): { estimate: number; mse: number }[] {
  const out: { estimate: number; mse: number }[] = [];
  for (let i = 0; i < x.rows; i++) {
    out.push({ estimate: rowDot(x.values, x.columns, i, fit.beta), mse: fit.sigma2u + rowQuadraticForm(x.values, x.columns, i, fit.betaCovariance) });
  }
  return out;
}
