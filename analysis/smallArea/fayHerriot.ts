/**
 * Fay–Herriot area-level model (Fay & Herriot 1979): yᵢ = xᵢ'β + uᵢ + eᵢ, uᵢ ~ N(0, σᵤ²), eᵢ ~ N(0, ψᵢ) with the
 * sampling variances ψᵢ of the direct estimates taken as known.
 *
 * σᵤ² by Fisher scoring from σᵤ²₀ = median(ψ), as R `sae::eblupFH` (Molina & Marhuenda 2015, R Journal 7/1;
 * Rao & Molina 2015, Small Area Estimation, §6.1–6.2), with V⁻¹ = diag(1/(σᵤ² + ψᵢ)), Q = (X'V⁻¹X)⁻¹,
 * P = V⁻¹ − V⁻¹XQX'V⁻¹:
 *   REML: s = −½ tr(P) + ½ y'PPy,            F = ½ tr(PP)
 *   ML:   s = −½ Σ 1/(σᵤ²+ψᵢ) + ½ y'PPy,     F = ½ Σ 1/(σᵤ²+ψᵢ)²
 *   σᵤ²ₖ₊₁ = σᵤ²ₖ + s/F, until |σᵤ²ₖ₊₁ − σᵤ²ₖ| / |σᵤ²ₖ| ≤ tolerance; then σ̂ᵤ² = max(σᵤ²ₖ₊₁, 0).
 * P is never formed: tr(P) = Σvᵢ − tr(Q·X'V²X), tr(PP) = Σvᵢ² − 2 tr(Q·X'V³X) + tr((Q·X'V²X)²) and
 * Py = V(y − Xβ̃), so one step costs O(m·p² + p³) instead of O(m²·p).
 *
 * Then β̂ = Q X'V⁻¹y, se(β̂) = √diag(Q), γᵢ = σ̂ᵤ²/(σ̂ᵤ² + ψᵢ), EBLUP θ̂ᵢ = xᵢ'β̂ + γᵢ(yᵢ − xᵢ'β̂),
 * loglik = −½ Σ [log 2π(σ̂ᵤ²+ψᵢ) + (yᵢ − xᵢ'β̂)²/(σ̂ᵤ²+ψᵢ)] (sae's formula for both methods),
 * AIC = −2 loglik + 2(p+1), BIC = −2 loglik + (p+1) log m, standardised residuals (yᵢ − xᵢ'β̂)/√(σ̂ᵤ²+ψᵢ).
 *
 * Never a silent NaN: a step that would leave the parameter space (σᵤ² ≤ −min ψ) is halved towards it, and a
 * fit that does not meet the tolerance within `maxIterations` says so in `converged`.
 * Cost: O(iterations · (m·p² + p³)).
 * @throws AnalysisError when a variance is not positive, fewer than p + 1 areas are given, or X'V⁻¹X is singular.
 * @example fayHerriot({ y: [1, 2, 3, 4], psi: [1, 1, 1, 1], x: designMatrix([[0], [1], [2], [3]], ['a','b','c','d'], ['t']) }).beta // → [1, 1]
 */
import { AnalysisError } from '../analysisError';
import { twoSidedPValue } from '../compareDomains';
import { invertSymmetric } from './invertSymmetric';
import { rowDot, type DesignMatrix } from './designMatrix';

export type FayHerriotMethod = 'reml' | 'ml';

export interface FayHerriotInput {
  /** Direct estimates yᵢ of the sampled areas. */
  y: ArrayLike<number>;
  /** Sampling variances ψᵢ of the direct estimates (known, > 0). */
  psi: ArrayLike<number>;
  /** Design matrix of the same areas (intercept included), see designMatrix(). */
  x: DesignMatrix;
  method?: FayHerriotMethod;
  /** Relative change of σᵤ² at which Fisher scoring stops; default 1e-10. */
  tolerance?: number;
  /** Default 100. */
  maxIterations?: number;
  /** Area names for messages; default 'area 1', 'area 2', … */
  areaNames?: readonly string[];
}

export interface FayHerriotFit {
  method: FayHerriotMethod;
  /** σ̂ᵤ² after truncation at 0. */
  sigma2u: number;
  /** The last Fisher-scoring iterate before truncation (negative when the maximum lies outside the parameter space). */
  sigma2uUntruncated: number;
  beta: number[];
  betaSe: number[];
  betaZ: number[];
  betaP: number[];
  /** Q = (X'V̂⁻¹X)⁻¹, row-major p × p: the covariance of β̂. */
  betaCovariance: Float64Array;
  iterations: number;
  converged: boolean;
  loglik: number;
  aic: number;
  bic: number;
  /** Per area: γᵢ, EBLUP, synthetic xᵢ'β̂, standardised residual. */
  gamma: number[];
  eblup: number[];
  synthetic: number[];
  standardisedResiduals: number[];
  /** Inputs, kept for the MSE and for predictions. */
  y: Float64Array;
  psi: Float64Array;
  x: DesignMatrix;
}

interface Step {
  q: Float64Array;
  beta: Float64Array;
  residual: Float64Array;
  v: Float64Array;
}

/** β̃(σ²) and its pieces at one value of σᵤ². */
function gls(y: Float64Array, psi: Float64Array, x: DesignMatrix, sigma2: number): Step {
  const { values, rows: m, columns: p } = x;
  const v = new Float64Array(m);
  const a = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let i = 0; i < m; i++) {
    const vi = 1 / (sigma2 + psi[i]);
    v[i] = vi;
    for (let r = 0; r < p; r++) {
      const xr = values[i * p + r] * vi;
      xty[r] += xr * y[i];
      for (let c = 0; c <= r; c++) a[r * p + c] += xr * values[i * p + c];
    }
  }
  for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) a[c * p + r] = a[r * p + c];
  const q = invertSymmetric(a, p, x.names);
  const beta = new Float64Array(p);
  for (let r = 0; r < p; r++) {
    let s = 0;
    for (let c = 0; c < p; c++) s += q[r * p + c] * xty[c];
    beta[r] = s;
  }
  const residual = new Float64Array(m);
  for (let i = 0; i < m; i++) residual[i] = y[i] - rowDot(values, p, i, beta);
  return { q, beta, residual, v };
}

/** Weighted cross product X'·diag(w)·X, row-major p × p. */
function crossProduct(x: DesignMatrix, w: Float64Array): Float64Array {
  const { values, rows: m, columns: p } = x;
  const out = new Float64Array(p * p);
  for (let i = 0; i < m; i++) {
    for (let r = 0; r < p; r++) {
      const xr = values[i * p + r] * w[i];
      for (let c = 0; c <= r; c++) out[r * p + c] += xr * values[i * p + c];
    }
  }
  for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) out[c * p + r] = out[r * p + c];
  return out;
}

function matrixProduct(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let k = 0; k < p; k++) {
    const aik = a[i * p + k];
    for (let j = 0; j < p; j++) out[i * p + j] += aik * b[k * p + j];
  }
  return out;
}

function trace(a: Float64Array, p: number): number {
  let s = 0;
  for (let i = 0; i < p; i++) s += a[i * p + i];
  return s;
}

/** Score s and Fisher information F of σᵤ² at one value (see the formulas above). */
export function fayHerriotScore(y: Float64Array, psi: Float64Array, x: DesignMatrix, sigma2: number, method: FayHerriotMethod): { score: number; information: number } {
  const { q, residual, v } = gls(y, psi, x, sigma2);
  const m = y.length;
  const p = x.columns;
  let sumV = 0;
  let sumV2 = 0;
  let yPPy = 0;
  const v2 = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    sumV += v[i];
    v2[i] = v[i] * v[i];
    sumV2 += v2[i];
    yPPy += v2[i] * residual[i] * residual[i];
  }
  if (method === 'ml') return { score: -0.5 * sumV + 0.5 * yPPy, information: 0.5 * sumV2 };
  const qa2 = matrixProduct(q, crossProduct(x, v2), p);
  const v3 = new Float64Array(m);
  for (let i = 0; i < m; i++) v3[i] = v2[i] * v[i];
  const qa3 = matrixProduct(q, crossProduct(x, v3), p);
  const traceP = sumV - trace(qa2, p);
  const tracePP = sumV2 - 2 * trace(qa3, p) + trace(matrixProduct(qa2, qa2, p), p);
  return { score: -0.5 * traceP + 0.5 * yPPy, information: 0.5 * tracePP };
}

function median(values: Float64Array): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function fayHerriot(input: FayHerriotInput): FayHerriotFit {
  const method = input.method ?? 'reml';
  const tolerance = input.tolerance ?? 1e-10;
  const maxIterations = input.maxIterations ?? 100;
  const x = input.x;
  const m = x.rows;
  const p = x.columns;
  const name = (i: number) => input.areaNames?.[i] ?? `area ${i + 1}`;
  if (input.y.length !== m || input.psi.length !== m) throw new AnalysisError(`${input.y.length} estimates and ${input.psi.length} variances for ${m} areas of the design matrix`);
  if (m < p + 1) {
    throw new AnalysisError(`${m} areas with a direct estimate are too few for ${p} model parameters (${x.names.join(', ')}) and σᵤ²: at least ${p + 1} are needed`);
  }
  const y = Float64Array.from(input.y);
  const psi = Float64Array.from(input.psi);
  for (let i = 0; i < m; i++) {
    if (!Number.isFinite(y[i])) throw new AnalysisError(`${name(i)}: the direct estimate is not a number`);
    if (!(psi[i] > 0) || !Number.isFinite(psi[i])) throw new AnalysisError(`${name(i)}: the sampling variance must be positive, got ${psi[i]}`);
  }
  const lowest = -Math.min(...psi);

  let sigma2 = median(psi);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const { score, information } = fayHerriotScore(y, psi, x, sigma2, method);
    let next = sigma2 + score / information;
    if (!Number.isFinite(next)) break;
    // Stay inside the parameter space σᵤ² > −min ψ (where V is positive definite): halve the step instead.
    if (next <= lowest) next = (sigma2 + lowest) / 2;
    iterations++;
    const change = next === sigma2 ? 0 : Math.abs((next - sigma2) / sigma2);
    sigma2 = next;
    if (change <= tolerance) {
      converged = true;
      break;
    }
  }
  const sigma2uUntruncated = sigma2;
  const sigma2u = Math.max(sigma2, 0);
  const { q, beta, residual } = gls(y, psi, x, sigma2u);

  const betaSe: number[] = [];
  const betaZ: number[] = [];
  const betaP: number[] = [];
  for (let j = 0; j < p; j++) {
    const se = Math.sqrt(q[j * p + j]);
    betaSe.push(se);
    betaZ.push(beta[j] / se);
    betaP.push(twoSidedPValue(beta[j] / se));
  }
  let loglik = 0;
  const gamma: number[] = [];
  const eblup: number[] = [];
  const synthetic: number[] = [];
  const standardisedResiduals: number[] = [];
  for (let i = 0; i < m; i++) {
    const total = sigma2u + psi[i];
    loglik += Math.log(2 * Math.PI * total) + (residual[i] * residual[i]) / total;
    const g = sigma2u / total;
    gamma.push(g);
    synthetic.push(y[i] - residual[i]);
    eblup.push(y[i] - residual[i] + g * residual[i]);
    standardisedResiduals.push(residual[i] / Math.sqrt(total));
  }
  loglik *= -0.5;
  return {
    method,
    sigma2u,
    sigma2uUntruncated,
    beta: Array.from(beta),
    betaSe,
    betaZ,
    betaP,
    betaCovariance: q,
    iterations,
    converged,
    loglik,
    aic: -2 * loglik + 2 * (p + 1),
    bic: -2 * loglik + (p + 1) * Math.log(m),
    gamma,
    eblup,
    synthetic,
    standardisedResiduals,
    y,
    psi,
    x,
  };
}
