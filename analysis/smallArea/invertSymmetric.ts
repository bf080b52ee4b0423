/**
 * Inverse of a small symmetric positive definite p × p matrix (row-major) through its Cholesky factor:
 * A⁻¹ = L⁻ᵀL⁻¹, column by column. Used for Q = (X'V⁻¹X)⁻¹ of the Fay–Herriot model, where p is the number
 * of covariates plus one. Source: Golub & Van Loan (2013), Matrix Computations, §4.2. Cost: O(p³).
 * @throws AnalysisError when A is not positive definite: the covariates are collinear (one is a linear
 *   combination of the others, e.g. shares of every household type together with the intercept).
 * @example invertSymmetric(Float64Array.of(4, 2, 2, 3), 2) // → [0.375, -0.25, -0.25, 0.5]
 */
import { AnalysisError } from '../analysisError';
import { cholesky, solveCholesky } from '../cholesky';

export function invertSymmetric(a: Float64Array, p: number, columnNames?: readonly string[]): Float64Array {
  let l: Float64Array;
  try {
    l = cholesky(a, p, columnNames);
  } catch (error) {
    if (!(error instanceof AnalysisError)) throw error;
    const column = /column '([^']*)'/.exec(error.message)?.[1];
    throw new AnalysisError(
      `the area model is singular${column ? ` at covariate '${column}'` : ''}: a covariate is a linear combination of the others (or constant, like the intercept); leave it out`,
    );
  }
  const inverse = new Float64Array(p * p);
  const unit = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    unit.fill(0);
    unit[j] = 1;
    const column = solveCholesky(l, unit, p);
    for (let i = 0; i < p; i++) inverse[i * p + j] = column[i];
  }
  return inverse;
}
