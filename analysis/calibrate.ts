/**
 * Calibration of the weights to known population margins — R
 * `calibrate(design, ~a + b, population = c(`(Intercept)` = N, aX = …, bY = …), calfun = "raking" | "linear")`.
 *
 * Find g_i with Σ_i w_i g_i x_i = t_x (the population margins) where x_i is the model-matrix row of unit i
 * (intercept + treatment-contrast dummies, as R's `model.matrix`) and g_i = F(x_iᵀλ):
 *   linear (GREG):  F(u) = 1 + u  → one exact step λ = (XᵀWX)⁻¹ (t_x − X̂)  (Särndal et al. 1992 §6.5; Deville & Särndal 1992)
 *   raking:         F(u) = exp(u) → Newton–Raphson on λ, λ ← λ + (Σ w_i F'(x_iᵀλ) x_i x_iᵀ)⁻¹ (t_x − Σ w_i g_i x_i),
 *                   whose fixed point is the iterative-proportional-fitting solution (Deville, Särndal & Sautory 1993).
 * Stops when every |t_x − Σ w g x| / (1 + |t_x|) < tolerance (R's criterion; default 1e-12).
 * Optional bounds L ≤ g ≤ U: cells whose g falls outside are fixed at the bound and the other cells re-calibrated
 * to the remaining totals, until no cell violates the bounds (the truncation approach of Deville & Särndal 1992, §5).
 *
 * The design keeps the calibration (model by cell, input weights, g, Cholesky factor of XᵀWX) so SEs use
 * residuals on the calibration model, as R does. Units of one cell (same categories) share one g.
 * Cost: O(n·q + iterations·(C·q² + p³)) with q margin variables, C cells, p model columns.
 * @throws AnalysisError for empty margins, a margin variable that is not a data column, a missing value in a margin
 *   variable, a sample category missing from the margins, a margin category without sample units, totals that differ
 *   between variables, a singular model, non-convergence, or bounds that cannot be met.
 * @example
 * const raked = calibrate(design, { margins: [{ variable: 'stype', category: 'E', total: 4421 }, …], calfun: 'raking' });
 */
import { AnalysisError } from './analysisError';
import { cholesky, solveCholesky } from './cholesky';
import type { PopulationMargin } from './populationMargins';
import { codedColumn } from './surveyData';
import { withWeights, type CalibrationStep, type SurveyDesign } from './svyDesign';

export interface CalibrateOptions {
  margins: readonly PopulationMargin[];
  calfun: 'raking' | 'linear';
  /** Largest allowed |t_x − Σ w g x| / (1 + |t_x|). Default 1e-12. */
  tolerance?: number;
  /** Newton iterations before giving up. Default 50 (as R). */
  maxIterations?: number;
  /** Bounds on the g-weights (trimming with re-calibration), e.g. { lower: 0.3, upper: 3 }. */
  bounds?: { lower: number; upper: number };
}

interface CalibrationModel {
  columnNames: string[];
  population: Float64Array;
  cellOf: Int32Array;
  cellColumns: Int32Array[];
}

function calibrationModel(design: SurveyDesign, margins: readonly PopulationMargin[]): CalibrationModel {
  if (margins.length === 0) throw new AnalysisError('the population margins are empty');
  const variables: string[] = [];
  for (const m of margins) if (!variables.includes(m.variable)) variables.push(m.variable);
  const columnNames = ['(Intercept)'];
  const population: number[] = [NaN];
  const codes: Int32Array[] = [];
  const radix: number[] = [];
  const columnOfCode: Int32Array[] = [];
  let N = NaN;
  for (const variable of variables) {
    if (!design.data.has(variable)) {
      throw new AnalysisError(`margin variable '${variable}' is not a column of the data (columns: ${design.data.columnNames.join(', ')})`);
    }
    const { labels: categories, codeOf: code } = codedColumn(design.data, variable);
    const sampleCounts = new Float64Array(categories.length);
    for (let i = 0; i < code.length; i++) {
      if (code[i] < 0) throw new AnalysisError(`margin variable '${variable}' is missing in data row ${i + 1}; calibration needs it for every unit`);
      sampleCounts[code[i]]++;
    }
    const sampleCount = new Map(categories.map((c, j) => [c, sampleCounts[j]]));
    const rows = margins.filter((m) => m.variable === variable);
    const totalOf = new Map(rows.map((m) => [m.category, m.total]));
    for (const [category, count] of sampleCount) {
      if (!totalOf.has(category)) {
        throw new AnalysisError(`category '${category}' of '${variable}' occurs in ${count} sample units but is missing from the population margins`);
      }
    }
    let sum = 0;
    for (const m of rows) {
      sum += m.total;
      const count = sampleCount.get(m.category) ?? 0;
      if (count === 0 && m.total > 0) {
        throw new AnalysisError(`population category '${m.category}' of '${variable}' (total ${m.total}) has no sample units, so no weight can represent it`);
      }
      if (count > 0 && m.total === 0) {
        throw new AnalysisError(`population category '${m.category}' of '${variable}' has total 0 but ${count} sample units`);
      }
    }
    if (Number.isNaN(N)) N = sum;
    else if (Math.abs(sum - N) > 1e-9 * Math.max(Math.abs(N), 1)) {
      throw new AnalysisError(`the margins disagree on the population size: '${variables[0]}' sums to ${N} but '${variable}' sums to ${sum}`);
    }
    const colOf = new Int32Array(categories.length).fill(-1);
    // Treatment contrasts: the first category is the reference, the others get a dummy column each.
    for (let j = 1; j < categories.length; j++) {
      colOf[j] = columnNames.length;
      columnNames.push(`${variable}${categories[j]}`);
      population.push(totalOf.get(categories[j]) as number);
    }
    codes.push(code);
    radix.push(categories.length);
    columnOfCode.push(colOf);
  }
  population[0] = N;
  const n = design.size;
  const keySpace = radix.reduce((a, b) => a * b, 1);
  // Dense lookup table when the category combinations are few (the usual case), a Map otherwise.
  const dense = keySpace <= 4 * n + 1024 ? new Int32Array(keySpace).fill(-1) : null;
  const cellKey = new Map<number, number>();
  const cellOf = new Int32Array(n);
  const cellColumns: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    let key = 0;
    for (let k = 0; k < codes.length; k++) key = key * radix[k] + codes[k][i];
    let c: number | undefined = dense ? dense[key] : cellKey.get(key);
    if (c === undefined || c < 0) {
      c = cellColumns.length;
      if (dense) dense[key] = c;
      else cellKey.set(key, c);
      const cols = [0];
      for (let k = 0; k < codes.length; k++) {
        const col = columnOfCode[k][codes[k][i]];
        if (col >= 0) cols.push(col);
      }
      cellColumns.push(Int32Array.from(cols));
    }
    cellOf[i] = c;
  }
  return { columnNames, population: Float64Array.from(population), cellOf, cellColumns };
}

/** Σ_c W_c·s_c·x_c x_cᵀ (p×p) and Σ_c W_c·g_c·x_c for the cells marked free. */
function normalEquations(model: CalibrationModel, cellWeight: Float64Array, g: Float64Array, slope: Float64Array, free: Uint8Array | null) {
  const p = model.columnNames.length;
  const T = new Float64Array(p * p);
  const total = new Float64Array(p);
  model.cellColumns.forEach((cols, c) => {
    if (free && !free[c]) return;
    const a = cellWeight[c] * slope[c];
    const t = cellWeight[c] * g[c];
    for (const j of cols) {
      total[j] += t;
      for (const k of cols) T[j * p + k] += a;
    }
  });
  return { T, total };
}

function cellTotals(model: CalibrationModel, cellWeight: Float64Array, g: Float64Array): Float64Array {
  const total = new Float64Array(model.columnNames.length);
  model.cellColumns.forEach((cols, c) => {
    for (const j of cols) total[j] += cellWeight[c] * g[c];
  });
  return total;
}

function worstMisfit(target: Float64Array, total: Float64Array): { value: number; column: number } {
  let value = 0;
  let column = 0;
  for (let j = 0; j < target.length; j++) {
    const m = Math.abs(target[j] - total[j]) / (1 + Math.abs(target[j]));
    if (!(m <= value)) {
      value = m;
      column = j;
    }
  }
  return { value, column };
}

/**
 * Solves T·δ = misfit on the model columns that still have free cells (T_jj > 0); columns whose cells are all
 * fixed at a bound get δ_j = 0 and their misfit decides whether the bounds can be met.
 */
function newtonStep(T: Float64Array, misfit: Float64Array, p: number, names: readonly string[]): Float64Array {
  const active: number[] = [];
  for (let j = 0; j < p; j++) if (T[j * p + j] > 0) active.push(j);
  if (active.length === p) return solveCholesky(cholesky(T, p, names), misfit, p);
  const q = active.length;
  const Tq = new Float64Array(q * q);
  const mq = new Float64Array(q);
  active.forEach((j, a) => {
    mq[a] = misfit[j];
    active.forEach((k, b) => (Tq[a * q + b] = T[j * p + k]));
  });
  const dq = solveCholesky(cholesky(Tq, q, active.map((j) => names[j])), mq, q);
  const step = new Float64Array(p);
  active.forEach((j, a) => (step[j] = dq[a]));
  return step;
}

/** Solves for g on the free cells so that free totals hit `target`; fixed cells keep their g. */
function solveCells(
  model: CalibrationModel,
  cellWeight: Float64Array,
  target: Float64Array,
  calfun: 'raking' | 'linear',
  free: Uint8Array | null,
  tolerance: number,
  maxIterations: number,
): { g: Float64Array; iterations: number } {
  const p = model.columnNames.length;
  const C = model.cellColumns.length;
  const lambda = new Float64Array(p);
  const g = new Float64Array(C).fill(1);
  const slope = new Float64Array(C).fill(1);
  const fit = (c: number) => {
    let s = 0;
    for (const j of model.cellColumns[c]) s += lambda[j];
    return s;
  };
  const update = () => {
    for (let c = 0; c < C; c++) {
      if (free && !free[c]) continue;
      const u = fit(c);
      g[c] = calfun === 'raking' ? Math.exp(u) : 1 + u;
      slope[c] = calfun === 'raking' ? g[c] : 1;
    }
  };
  for (let iteration = 1; ; iteration++) {
    const { T, total } = normalEquations(model, cellWeight, g, slope, free);
    const misfit = new Float64Array(p);
    for (let j = 0; j < p; j++) misfit[j] = target[j] - total[j];
    if (worstMisfit(target, total).value < tolerance && iteration > 1) return { g, iterations: iteration - 1 };
    if (iteration > maxIterations) {
      const worst = worstMisfit(target, total);
      throw new AnalysisError(
        `${calfun} calibration did not converge in ${maxIterations} iterations: margin '${model.columnNames[worst.column]}' ` +
          `is still off by ${worst.value.toExponential(2)} (relative); check that the margins are attainable`,
      );
    }
    const step = newtonStep(T, misfit, p, model.columnNames);
    const previous = Float64Array.from(lambda);
    for (let j = 0; j < p; j++) lambda[j] += step[j];
    update();
    // Step halving when exp() overflows, as R's grake does.
    for (let halving = 0; halving < 60 && g.some((x) => !Number.isFinite(x)); halving++) {
      for (let j = 0; j < p; j++) lambda[j] = (previous[j] + lambda[j]) / 2;
      update();
    }
    if (calfun === 'linear' && !free) {
      // One exact step; confirm the totals like R (no iteration needed).
      const worst = worstMisfit(target, cellTotals(model, cellWeight, g));
      if (worst.value < Math.max(tolerance, 1e-9)) return { g, iterations: 1 };
    }
  }
}

export function calibrate(design: SurveyDesign, options: CalibrateOptions): SurveyDesign {
  const { calfun } = options;
  if (calfun !== 'raking' && calfun !== 'linear') throw new AnalysisError(`unknown calibration function '${String(calfun)}' (use 'raking' or 'linear')`);
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 50;
  const model = calibrationModel(design, options.margins);
  const p = model.columnNames.length;
  const C = model.cellColumns.length;
  const ww = design.weights;
  const cellWeight = new Float64Array(C);
  for (let i = 0; i < design.size; i++) cellWeight[model.cellOf[i]] += ww[i];

  let { g, iterations } = solveCells(model, cellWeight, model.population, calfun, null, tolerance, maxIterations);
  if (options.bounds) {
    const { lower, upper } = options.bounds;
    if (!(lower >= 0 && lower < upper)) throw new AnalysisError(`calibration bounds must satisfy 0 ≤ lower < upper, got [${lower}, ${upper}]`);
    const free = new Uint8Array(C).fill(1);
    const fixedG = new Float64Array(C);
    for (let round = 0; round < C + 1; round++) {
      let changed = false;
      for (let c = 0; c < C; c++) {
        if (!free[c]) continue;
        if (g[c] < lower || g[c] > upper) {
          free[c] = 0;
          fixedG[c] = g[c] < lower ? lower : upper;
          changed = true;
        }
      }
      if (!changed) break;
      if (!free.some((x) => x === 1)) throw new AnalysisError(`calibration bounds [${lower}, ${upper}] cannot be met: every cell hits a bound`);
      const target = Float64Array.from(model.population);
      model.cellColumns.forEach((cols, c) => {
        if (!free[c]) for (const j of cols) target[j] -= cellWeight[c] * fixedG[c];
      });
      let solved: { g: Float64Array; iterations: number };
      try {
        solved = solveCells(model, cellWeight, target, calfun, free, tolerance, maxIterations);
      } catch (err) {
        throw new AnalysisError(`calibration bounds [${lower}, ${upper}] cannot be met: ${(err as Error).message}`);
      }
      iterations += solved.iterations;
      g = solved.g;
      for (let c = 0; c < C; c++) if (!free[c]) g[c] = fixedG[c];
    }
    for (let c = 0; c < C; c++) {
      if (g[c] < lower * (1 - 1e-12) || g[c] > upper * (1 + 1e-12)) throw new AnalysisError(`calibration bounds [${lower}, ${upper}] cannot be met`);
    }
  }

  const gUnit = new Float64Array(design.size);
  const weights = new Float64Array(design.size);
  for (let i = 0; i < design.size; i++) {
    gUnit[i] = g[model.cellOf[i]];
    weights[i] = ww[i] * gUnit[i];
  }
  const unitTotals = new Float64Array(p);
  const cellFinal = new Float64Array(C);
  for (let i = 0; i < design.size; i++) cellFinal[model.cellOf[i]] += weights[i];
  model.cellColumns.forEach((cols, c) => {
    for (let k = 0; k < cols.length; k++) unitTotals[cols[k]] += cellFinal[c];
  });
  const maxMisfit = worstMisfit(model.population, unitTotals).value;
  const ones = new Float64Array(C).fill(1);
  const xtwx = normalEquations(model, cellWeight, ones, ones, null).T;
  const step: CalibrationStep = {
    calfun,
    columnNames: model.columnNames,
    cellOf: model.cellOf,
    cellColumns: model.cellColumns,
    inputWeights: ww,
    g: gUnit,
    cholesky: cholesky(xtwx, p, model.columnNames),
    iterations,
    maxMisfit,
  };
  return withWeights(design, weights, step);
}
