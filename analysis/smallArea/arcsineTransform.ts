/**
 * Arcsine (angular) transformation of a share for the Fay–Herriot model: y* = asin(√p), whose sampling variance
 * is ψ* = 1/(4ñ) for ñ the effective sample size (n divided by the design effect) — variance-stabilising, so
 * the model needs no direct variance estimate, which is unusable for shares of 0 or 1 or tiny samples.
 * Source: Jiang, Lahiri, Wan & Wu (2001); Schmid, Bruckschen, Salvati & Zbiranski (2017), JRSS A 180(4);
 * R `emdi::fh(transformation = "arcsin")`.
 *
 * Back-transformation with bias correction: θ̂ = E[h(T)], h(t) = sin²(min(max(t, 0), π/2)), T ~ N(μ, s²) with
 * μ the EBLUP on the transformed scale and s² = g1* = γψ* (σ̂ᵤ² for an area without respondents, μ = x'β̂):
 *   θ̂ = ∫₀^{π/2} sin²(t) φ(t; μ, s²) dt + P(T > π/2).
 * When μ ± 12s lies inside [0, π/2] the closed form E[sin² T] = ½(1 − cos(2μ)·e^{−2s²}) is exact to double
 * precision; otherwise the integral is taken by 16-point Gauss–Legendre on panels 2s wide.
 * Cost: O(1), O(12 · 16) evaluations near the bounds.
 * @example arcsineBackTransform(Math.asin(Math.sqrt(0.3)), 0) // → 0.3
 */
import { normalCdf } from '../compareDomains';

export function arcsineShare(p: number): number {
  return Math.asin(Math.sqrt(p));
}

/** ψ* = 1/(4ñ). */
export function arcsineVariance(effectiveN: number): number {
  return 1 / (4 * effectiveN);
}

const HALF_PI = Math.PI / 2;

/** h(t) = sin²(t) clamped to the arcsine's range [0, π/2]: the naive back-transformation. */
export function naiveArcsineBack(t: number): number {
  if (t <= 0) return 0;
  if (t >= HALF_PI) return 1;
  const s = Math.sin(t);
  return s * s;
}

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on Legendre polynomials; Golub–Welsch give the same). */
function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  return { nodes, weights };
}

const RULE = gaussLegendre(16);

/** ∫_a^b sin²(t) φ(t; μ, s²) dt on panels at most 2s wide. */
function integrateSineSquared(a: number, b: number, mu: number, s: number): number {
  if (!(b > a)) return 0;
  const panels = Math.max(1, Math.ceil((b - a) / (2 * s)));
  const width = (b - a) / panels;
  const norm = 1 / (s * Math.sqrt(2 * Math.PI));
  let total = 0;
  for (let k = 0; k < panels; k++) {
    const centre = a + (k + 0.5) * width;
    const half = width / 2;
    let sum = 0;
    for (let j = 0; j < 16; j++) {
      const t = centre + half * RULE.nodes[j];
      const z = (t - mu) / s;
      const sin = Math.sin(t);
      sum += RULE.weights[j] * sin * sin * Math.exp(-0.5 * z * z);
    }
    total += sum * half;
  }
  return total * norm;
}

export function arcsineBackTransform(mu: number, variance: number): number {
  if (!(variance > 0)) return naiveArcsineBack(mu);
  const s = Math.sqrt(variance);
  const low = mu - 12 * s;
  const high = mu + 12 * s;
  if (low >= 0 && high <= HALF_PI) return 0.5 * (1 - Math.cos(2 * mu) * Math.exp(-2 * variance));
  const upperTail = normalCdf(-(HALF_PI - mu) / s);
  return integrateSineSquared(Math.max(low, 0), Math.min(high, HALF_PI), mu, s) + upperTail;
}
