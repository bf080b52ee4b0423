/**
 * Parametric bootstrap MSE of Fay–Herriot estimates on the original scale, for a model fitted on a transformed
 * scale (González-Manteiga, Lombardía, Molina, Morales & Santamaría 2008; Sugasawa & Kubokawa 2017; the
 * procedure of R `emdi::fh(MSE = TRUE, mse_type = "boot")`):
 *   for b = 1 … B:  u*ᵢ ~ N(0, σ̂ᵤ²) for every area, e*ᵢ ~ N(0, ψᵢ) for the sampled ones;
 *                   θ*ᵢ = h(xᵢ'β̂ + u*ᵢ) is the bootstrap truth, y*ᵢ = xᵢ'β̂ + u*ᵢ + e*ᵢ the bootstrap direct estimate;
 *                   refit the model on y* and estimate every area again (θ̂*ᵢ);
 *   mseᵢ = (1/B) Σ_b (θ̂*ᵢ − θ*ᵢ)².
 * `random` is an explicit seeded uniform generator on [0, 1), so the same seed gives the same MSE.
 * Cost: O(B · fit).
 */
import { normalQuantile } from '../normalQuantile';
import { rowDot, type DesignMatrix } from './designMatrix';
import type { FayHerriotFit } from './fayHerriot';

export interface BootstrapMseInput {
  fit: FayHerriotFit;
  /** Design matrix of every area, sampled or not. */
  x: DesignMatrix;
  /** Index into `x` of each row of the fit (the sampled areas), in the fit's order. */
  sampledRows: readonly number[];
  replicates: number;
  random: () => number;
  /** h: the back-transformation of a true area value (the identity when there is no transformation). */
  truth: (transformed: number) => number;
  /** Refits on bootstrap direct estimates (fit's order) and returns estimates of every area on the original scale. */
  estimate: (y: Float64Array) => ArrayLike<number>;
}

export interface BootstrapMse {
  mse: number[];
  replicates: number;
}

/** A standard normal deviate by inversion, never from u = 0. */
export function standardNormal(random: () => number): number {
  let u = random();
  if (u <= 0) u = 2 ** -53;
  return normalQuantile(u);
}

export function fayHerriotBootstrapMse(input: BootstrapMseInput): BootstrapMse {
  const { fit, x, sampledRows, replicates, random, truth, estimate } = input;
  const areas = x.rows;
  const sd = Math.sqrt(fit.sigma2u);
  const mean = new Float64Array(areas);
  for (let i = 0; i < areas; i++) mean[i] = rowDot(x.values, x.columns, i, fit.beta);
  const sum = new Float64Array(areas);
  const transformedTruth = new Float64Array(areas);
  const y = new Float64Array(sampledRows.length);
  for (let b = 0; b < replicates; b++) {
    for (let i = 0; i < areas; i++) transformedTruth[i] = mean[i] + sd * standardNormal(random);
    for (let k = 0; k < sampledRows.length; k++) y[k] = transformedTruth[sampledRows[k]] + Math.sqrt(fit.psi[k]) * standardNormal(random);
    const estimates = estimate(y);
    for (let i = 0; i < areas; i++) {
      const error = estimates[i] - truth(transformedTruth[i]);
      sum[i] += error * error;
    }
  }
  return { mse: Array.from(sum, (s) => s / replicates), replicates };
}
