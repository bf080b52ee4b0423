/**
 * The area-level design matrix of a Fay–Herriot model: one row xᵢ' per area, an intercept first and then the
 * covariates in the order given — R's `model.matrix(~ x1 + x2, data)` for numeric covariates.
 * Rows are stored row-major in one Float64Array (m × p), the shape every small-area routine here reads.
 * Cost: O(m·p).
 * @throws AnalysisError naming the area and the covariate when a value is missing or not a finite number.
 * @example designMatrix([[0.2], [0.4]], ['a', 'b'], ['share']).values // → [1, 0.2, 1, 0.4]
 */
import { AnalysisError } from '../analysisError';

export interface DesignMatrix {
  /** Row-major m × p values. */
  values: Float64Array;
  rows: number;
  columns: number;
  /** Column names: '(Intercept)' then the covariates. */
  names: string[];
}

export const INTERCEPT = '(Intercept)';

export function designMatrix(
  covariates: readonly (readonly (number | null | undefined)[])[],
  areaNames: readonly string[],
  covariateNames: readonly string[],
  options: { intercept?: boolean } = {},
): DesignMatrix {
  const intercept = options.intercept ?? true;
  const m = covariates.length;
  const k = covariateNames.length;
  const p = k + (intercept ? 1 : 0);
  const values = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    const row = covariates[i];
    if (row.length !== k) throw new AnalysisError(`area '${areaNames[i]}': ${row.length} covariate values for ${k} covariates`);
    let offset = i * p;
    if (intercept) values[offset++] = 1;
    for (let j = 0; j < k; j++) {
      const value = row[j];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new AnalysisError(`area '${areaNames[i]}': covariate '${covariateNames[j]}' has no numeric value (${value === null || value === undefined ? 'missing' : String(value)})`);
      }
      values[offset + j] = value;
    }
  }
  return { values, rows: m, columns: p, names: intercept ? [INTERCEPT, ...covariateNames] : [...covariateNames] };
}

/** xᵢ'·b for row i of a row-major matrix with p columns. */
export function rowDot(values: Float64Array, p: number, i: number, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += values[i * p + j] * b[j];
  return s;
}

/** xᵢ'·Q·xᵢ for row i and a p × p matrix Q (row-major). */
export function rowQuadraticForm(values: Float64Array, p: number, i: number, q: Float64Array): number {
  let s = 0;
  for (let a = 0; a < p; a++) {
    const xa = values[i * p + a];
    if (xa === 0) continue;
    let t = 0;
    for (let b = 0; b < p; b++) t += q[a * p + b] * values[i * p + b];
    s += xa * t;
  }
  return s;
}
