/**
 * Variance inflation factor of each covariate among the areas: VIFⱼ = 1/(1 − Rⱼ²), Rⱼ² from the least-squares
 * regression of covariate j on the others and an intercept. A VIF above 10 says the covariate is nearly a
 * linear combination of the others: β̂ becomes unstable and is hard to read, though the EBLUP may still be fine.
 * Source: Fox & Monette (1992), JASA 87; Belsley, Kuh & Welsch (1980). Cost: O(k · (m·k² + k³)).
 * @example varianceInflation([[1, 2], [2, 4.1], [3, 5.9], [4, 8.2]], ['a', 'b'])[0].vif // → ≈ 180
 */
import { cholesky, solveCholesky } from '../cholesky';

export function varianceInflation(rows: readonly (readonly number[])[], names: readonly string[]): { covariate: string; vif: number }[] {
  const k = names.length;
  const m = rows.length;
  if (k < 2) return names.map((covariate) => ({ covariate, vif: 1 }));
  return names.map((covariate, j) => {
    const others = names.map((_, c) => c).filter((c) => c !== j);
    const p = others.length + 1;
    const xtx = new Float64Array(p * p);
    const xty = new Float64Array(p);
    let mean = 0;
    for (const r of rows) mean += r[j] / m;
    for (const r of rows) {
      const x = [1, ...others.map((c) => r[c])];
      for (let a = 0; a < p; a++) {
        xty[a] += x[a] * r[j];
        for (let b = 0; b < p; b++) xtx[a * p + b] += x[a] * x[b];
      }
    }
    let total = 0;
    for (const r of rows) total += (r[j] - mean) ** 2;
    if (total === 0) return { covariate, vif: Infinity };
    let coefficients: Float64Array;
    try {
      coefficients = solveCholesky(cholesky(xtx, p), xty, p);
    } catch {
      return { covariate, vif: Infinity };
    }
    let residual = 0;
    for (const r of rows) {
      const x = [1, ...others.map((c) => r[c])];
      let fitted = 0;
      for (let a = 0; a < p; a++) fitted += x[a] * coefficients[a];
      residual += (r[j] - fitted) ** 2;
    }
    const r2 = 1 - residual / total;
    return { covariate, vif: r2 >= 1 ? Infinity : 1 / (1 - r2) };
  });
}
