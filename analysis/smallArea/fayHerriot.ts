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
 * fit that does not meet the tolerance within `maxIterations` says so in `converged` — unless the iterates are
 * negative and the score at 0 is ≤ 0, where the truncated σ̂ᵤ² = 0 is the constrained maximum (an iterate past
 * −min ψ / 2 stops the iteration there, before V⁻¹ becomes too ill-conditioned to invert).
 * Cost: O(iterations · (m·p² + p³)).
 * @throws AnalysisError when a variance is not positive, fewer than p + 1 areas are given, or X'V⁻¹X is singular.
 * @example fayHerriot({ y: [1, 2, 3, 4], psi: [1, 1, 1, 1], x: designMatrix([[0], [1], [2], [3]], ['a','b','c','d'], ['t']) }).beta // → [1, 1]
 */
import { AnalysisError } from '../analysisError';
import { twoSidedPValue } from '../compareDomains';
import { invertSymmetricInto } from './invertSymmetric';
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
  /** Starting value of σᵤ² (default median ψ, as sae); a bootstrap refit starts from the original σ̂ᵤ². */
  start?: number;
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

/**
 * Everything one value of σᵤ² gives, in arrays allocated once per fit and reused by every Fisher-scoring step
 * (a bootstrap refits the model hundreds of times, so allocation per step would dominate).
 */
class Workspace {
  readonly v: Float64Array;
  readonly residual: Float64Array;
  readonly a: Float64Array;
  readonly a2: Float64Array;
  readonly a3: Float64Array;
  readonly q: Float64Array;
  readonly l: Float64Array;
  readonly column: Float64Array;
  readonly xty: Float64Array;
  readonly beta: Float64Array;
  readonly qa2: Float64Array;

  constructor(readonly y: Float64Array, readonly psi: Float64Array, readonly x: DesignMatrix) {
    const m = x.rows;
    const pp = x.columns * x.columns;
    this.v = new Float64Array(m);
    this.residual = new Float64Array(m);
    this.a = new Float64Array(pp);
    this.a2 = new Float64Array(pp);
    this.a3 = new Float64Array(pp);
    this.q = new Float64Array(pp);
    this.l = new Float64Array(pp);
    this.column = new Float64Array(x.columns);
    this.xty = new Float64Array(x.columns);
    this.beta = new Float64Array(x.columns);
    this.qa2 = new Float64Array(pp);
  }

  /** V⁻¹, Q = (X'V⁻¹X)⁻¹, β̃ and the residuals y − Xβ̃ at σᵤ²; with `moments`, also X'V⁻²X and X'V⁻³X. */
  evaluate(sigma2: number, moments: boolean): void {
    const { y, psi, x, v, a, a2, a3, xty, beta, residual } = this;
    const { values, rows: m, columns: p } = x;
    a.fill(0);
    xty.fill(0);
    if (moments) {
      a2.fill(0);
      a3.fill(0);
    }
    for (let i = 0; i < m; i++) {
      const vi = 1 / (sigma2 + psi[i]);
      v[i] = vi;
      const vi2 = vi * vi;
      const vi3 = vi2 * vi;
      const row = i * p;
      for (let r = 0; r < p; r++) {
        const xr = values[row + r];
        xty[r] += xr * vi * y[i];
        for (let c = 0; c <= r; c++) {
          const xrc = xr * values[row + c];
          a[r * p + c] += xrc * vi;
          if (moments) {
            a2[r * p + c] += xrc * vi2;
            a3[r * p + c] += xrc * vi3;
          }
        }
      }
    }
    for (let r = 0; r < p; r++) {
      for (let c = 0; c < r; c++) {
        a[c * p + r] = a[r * p + c];
        if (moments) {
          a2[c * p + r] = a2[r * p + c];
          a3[c * p + r] = a3[r * p + c];
        }
      }
    }
    invertSymmetricInto(a, p, this.q, this.l, this.column, x.names);
    const q = this.q;
    for (let r = 0; r < p; r++) {
      let s = 0;
      for (let c = 0; c < p; c++) s += q[r * p + c] * xty[c];
      beta[r] = s;
    }
    for (let i = 0; i < m; i++) residual[i] = y[i] - rowDot(values, p, i, beta);
  }

  /** Score s and Fisher information F of σᵤ² (see the formulas above). */
  score(sigma2: number, method: FayHerriotMethod): { score: number; information: number } {
    const reml = method === 'reml';
    this.evaluate(sigma2, reml);
    const { v, residual, q, a2, a3, qa2 } = this;
    const m = v.length;
    const p = this.x.columns;
    let sumV = 0;
    let sumV2 = 0;
    let yPPy = 0;
    for (let i = 0; i < m; i++) {
      const v2 = v[i] * v[i];
      sumV += v[i];
      sumV2 += v2;
      yPPy += v2 * residual[i] * residual[i];
    }
    if (!reml) return { score: -0.5 * sumV + 0.5 * yPPy, information: 0.5 * sumV2 };
    // tr(Q·A2), tr(Q·A3) (Q, A symmetric: Σ Qᵢⱼ Aᵢⱼ) and tr((Q·A2)²).
    let trQa2 = 0;
    let trQa3 = 0;
    for (let r = 0; r < p; r++) {
      for (let c = 0; c < p; c++) {
        trQa2 += q[r * p + c] * a2[r * p + c];
        trQa3 += q[r * p + c] * a3[r * p + c];
        let s = 0;
        for (let k = 0; k < p; k++) s += q[r * p + k] * a2[k * p + c];
        qa2[r * p + c] = s;
      }
    }
    let trQa2Squared = 0;
    for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) trQa2Squared += qa2[r * p + c] * qa2[c * p + r];
    const traceP = sumV - trQa2;
    const tracePP = sumV2 - 2 * trQa3 + trQa2Squared;
    return { score: -0.5 * traceP + 0.5 * yPPy, information: 0.5 * tracePP };
  }
}

/** Score s and Fisher information F of σᵤ² at one value (see the formulas above). */
export function fayHerriotScore(y: Float64Array, psi: Float64Array, x: DesignMatrix, sigma2: number, method: FayHerriotMethod): { score: number; information: number } {
  return new Workspace(y, psi, x).score(sigma2, method);
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

  const work = new Workspace(y, psi, x);
  let sigma2 = input.start !== undefined && input.start > lowest ? input.start : median(psi);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const { score, information } = work.score(sigma2, method);
    let next = sigma2 + score / information;
    if (!Number.isFinite(next)) break;
    // Deep below 0 (past −min ψ / 2, where V⁻¹ grows without bound): when the likelihood falls from σᵤ² = 0 on,
    // the constrained maximum is 0 and the remaining path cannot change that; stop there.
    if (next < lowest / 2 && work.score(0, method).score <= 0) {
      iterations++;
      sigma2 = next;
      converged = true;
      break;
    }
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
  // A maximum outside the parameter space: when the iterates stay below 0 and the likelihood falls from σᵤ² = 0
  // on (score ≤ 0 there), the constrained maximum is σ̂ᵤ² = 0 whatever the remaining steps would do.
  if (!converged && sigma2 < 0 && work.score(0, method).score <= 0) converged = true;
  const sigma2uUntruncated = sigma2;
  const sigma2u = Math.max(sigma2, 0);
  work.evaluate(sigma2u, false);
  const q = Float64Array.from(work.q);
  const beta = work.beta;
  const residual = work.residual;

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
