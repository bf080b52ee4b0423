/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive definite p×p matrix (row-major), and the
 * solve of A·x = b with it. Used for the normal equations of calibration (XᵀWX), which are small
 * (p = 1 + Σ(categories − 1)). Source: Golub & Van Loan (2013), Matrix Computations, §4.2. Cost: O(p³/3), solve O(p²).
 * @throws AnalysisError when A is not positive definite, i.e. the calibration variables are collinear
 *   (one margin is determined by the others) — R's `calibrate` would then use a generalised inverse.
 * @example solveCholesky(cholesky(Float64Array.of(4, 2, 2, 3), 2), Float64Array.of(2, 1), 2) // → [0.5, 0]
 */
import { AnalysisError } from './analysisError';

export function cholesky(a: Float64Array, p: number, columnNames?: readonly string[], out?: Float64Array): Float64Array {
  // `out`: a caller's buffer, reused when the same small system is factorised many times (bootstrap refits).
  const l = out ? out.fill(0) : new Float64Array(p * p);
  let maxDiag = 0;
  for (let j = 0; j < p; j++) maxDiag = Math.max(maxDiag, Math.abs(a[j * p + j]));
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
    if (!(d > maxDiag * 1e-13)) {
      const name = columnNames ? ` (column '${columnNames[j]}')` : '';
      throw new AnalysisError(`the calibration model is singular${name}: a margin is determined by the other margins or has no sample units`);
    }
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = s / ljj;
    }
  }
  return l;
}

export function solveCholesky(l: Float64Array, b: Float64Array, p: number): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * y[k];
    y[i] = s / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}
