/**
 * Inverse of a small symmetric positive definite p × p matrix (row-major) through its Cholesky factor
 * A = LLᵀ: A⁻¹ = L⁻ᵀL⁻¹, column by column. Used for Q = (X'V⁻¹X)⁻¹ of the Fay–Herriot model, where p is the
 * number of covariates plus one. Source: Golub & Van Loan (2013), Matrix Computations, §4.2. Cost: O(p³).
 * `invertSymmetricInto` writes into buffers the caller keeps, for the many refits of a bootstrap.
 * @throws AnalysisError when A is not positive definite: the covariates are collinear (one is a linear
 *   combination of the others, e.g. shares of every household type together with the intercept).
 * @example invertSymmetric(Float64Array.of(4, 2, 2, 3), 2) // → [0.375, -0.25, -0.25, 0.5]
 */
import { AnalysisError } from '../analysisError';
import { cholesky } from '../cholesky';

export function invertSymmetricInto(
  a: Float64Array,
  p: number,
  out: Float64Array,
  l: Float64Array,
  column: Float64Array,
  columnNames?: readonly string[],
): Float64Array {
  try {
    cholesky(a, p, columnNames, l);
  } catch (error) {
    if (!(error instanceof AnalysisError)) throw error;
    const name = /column '([^']*)'/.exec(error.message)?.[1];
    throw new AnalysisError(
      `the area model is singular${name ? ` at covariate '${name}'` : ''}: a covariate is a linear combination of the others (or constant, like the intercept); leave it out`,
    );
  }
  for (let j = 0; j < p; j++) {
    // Solve L·z = e_j, then Lᵀ·x = z; x is column j of A⁻¹.
    for (let i = 0; i < p; i++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < i; k++) s -= l[i * p + k] * column[k];
      column[i] = s / l[i * p + i];
    }
    for (let i = p - 1; i >= 0; i--) {
      let s = column[i];
      for (let k = i + 1; k < p; k++) s -= l[k * p + i] * out[k * p + j];
      out[i * p + j] = s / l[i * p + i];
    }
  }
  return out;
}

export function invertSymmetric(a: Float64Array, p: number, columnNames?: readonly string[]): Float64Array {
  return invertSymmetricInto(a, p, new Float64Array(p * p), new Float64Array(p * p), new Float64Array(p), columnNames);
}
