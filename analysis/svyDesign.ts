/**
 * The survey design object: who was sampled in which stratum, with which weight, out of how many.
 * Modelled on R `svydesign(ids = ~1, strata = ~h, weights = ~w, fpc = ~N_h, data = d)`
 * (Lumley 2010, §2.2): a stratified single-stage design with independently drawn units.
 */
import { AnalysisError } from './analysisError';
import { codedColumn, numericColumn, surveyTable, type SurveyData, type SurveyTable } from './surveyData';

/** What to do with a stratum holding a single unit that is not taken with certainty (R `survey.lonely.psu`). */
export type LonelyStratumRule = 'fail' | 'adjust' | 'certainty';

/**
 * One calibration applied to the design, kept so standard errors can account for it
 * (R keeps the same in `design$postStrata`: the QR of the model matrix and the g-weights).
 * The model matrix is categorical, so it is stored by cell: units in the same cell share one row.
 */
export interface CalibrationStep {
  readonly calfun: 'raking' | 'linear';
  /** Model matrix column names in R's treatment-contrast form: `(Intercept)`, `districtGera-Ost`, … */
  readonly columnNames: readonly string[];
  /** Calibration cell of each unit (one combination of the margin categories). */
  readonly cellOf: Int32Array;
  /** For each cell, the model-matrix columns that equal 1 in its row. */
  readonly cellColumns: readonly Int32Array[];
  /** Weights before this calibration (R: `weights(design)` passed to `grake`). */
  readonly inputWeights: Float64Array;
  /** g-weights: calibrated weight = input weight · g. */
  readonly g: Float64Array;
  /** Lower Cholesky factor (row-major p×p) of XᵀWX with W = input weights; reused for every residual regression. */
  readonly cholesky: Float64Array;
  readonly iterations: number;
  /** Largest |population − calibrated total| / (1 + |population|) over the model columns at the end. */
  readonly maxMisfit: number;
}

export interface SurveyDesign {
  readonly size: number;
  readonly data: SurveyTable;
  readonly strataColumn: string | null;
  /** Stratum labels, ordered; `stratumOf[i]` indexes them. */
  readonly strata: readonly string[];
  readonly stratumOf: Int32Array;
  /** n_h: units of the design in each stratum. */
  readonly stratumSampleSize: Int32Array;
  /** N_h: population size of each stratum, `Infinity` without fpc. */
  readonly stratumPopulationSize: Float64Array;
  /** Current analysis weights (design weights, after nonresponse adjustment and calibration). */
  readonly weights: Float64Array;
  readonly calibrations: readonly CalibrationStep[];
  readonly lonelyStratum: LonelyStratumRule;
}

export interface SvyDesignOptions {
  data: SurveyData;
  /** Column with the design weight (1/π). */
  weights: string;
  /** Column with the stratum; omit for an unstratified design. */
  strata?: string;
  /** Column with the population size N_h of the unit's stratum (or, when all values are ≤ 1, the sampling fraction, as in R). */
  fpc?: string;
  /** Default 'fail', as R's `options(survey.lonely.psu = "fail")`. */
  lonelyStratum?: LonelyStratumRule;
}

/**
 * Builds a stratified single-stage design (ids = ~1).
 * Variance later uses, per stratum, (1 − n_h/N_h) · n_h/(n_h − 1) · Σ (u_i − ū_h)²  (Cochran 1977, §5.3;
 * Lumley 2010, §2.2); this object only validates and codes the inputs.
 * Cost: O(n + H log H).
 * @throws AnalysisError for a missing column, a missing/non-numeric/non-positive weight, a missing stratum,
 *   an fpc that varies within a stratum or is smaller than the number of sampled units.
 * @example
 * const design = svyDesign({ data: rows, strata: 'district', weights: 'design_weight', fpc: 'N_h' });
 */
export function svyDesign(options: SvyDesignOptions): SurveyDesign {
  const table = surveyTable(options.data);
  const n = table.size;
  if (n === 0) throw new AnalysisError('the survey data have no rows');
  for (const [role, col] of [['weight', options.weights], ['strata', options.strata], ['fpc', options.fpc]] as const) {
    if (col !== undefined && !table.has(col)) throw new AnalysisError(`the data have no ${role} column '${col}'`);
  }
  const weights = Float64Array.from(numericColumn(table, options.weights, 'design weight'));
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (Number.isNaN(w)) throw new AnalysisError(`design weight '${options.weights}' is missing in data row ${i + 1}`);
    if (!(w > 0)) throw new AnalysisError(`design weight '${options.weights}' in data row ${i + 1} must be positive, got ${w}`);
  }

  let strata: string[];
  let stratumOf: Int32Array;
  if (options.strata !== undefined) {
    const index = codedColumn(table, options.strata);
    const missing = index.codeOf.indexOf(-1);
    if (missing >= 0) throw new AnalysisError(`stratum '${options.strata}' is missing in data row ${missing + 1}`);
    strata = index.labels;
    stratumOf = index.codeOf;
  } else {
    strata = ['(all)'];
    stratumOf = new Int32Array(n);
  }
  const H = strata.length;
  const sampleSize = new Int32Array(H);
  for (let i = 0; i < n; i++) sampleSize[stratumOf[i]]++;

  const populationSize = new Float64Array(H).fill(Infinity);
  if (options.fpc !== undefined) {
    const fpc = numericColumn(table, options.fpc, 'fpc');
    let allFractions = true;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(fpc[i])) throw new AnalysisError(`fpc '${options.fpc}' is missing in data row ${i + 1}`);
      if (!(fpc[i] > 0)) throw new AnalysisError(`fpc '${options.fpc}' in data row ${i + 1} must be positive, got ${fpc[i]}`);
      if (fpc[i] > 1) allFractions = false;
    }
    const seen = new Float64Array(H).fill(NaN);
    for (let i = 0; i < n; i++) {
      const h = stratumOf[i];
      if (Number.isNaN(seen[h])) seen[h] = fpc[i];
      else if (seen[h] !== fpc[i]) {
        throw new AnalysisError(`fpc '${options.fpc}' varies within stratum '${strata[h]}' (${seen[h]} and ${fpc[i]} in data row ${i + 1})`);
      }
    }
    for (let h = 0; h < H; h++) {
      // R: values ≤ 1 everywhere are sampling fractions, so N_h = n_h / f_h.
      const N = allFractions ? sampleSize[h] / seen[h] : seen[h];
      if (N < sampleSize[h] * (1 - 1e-12)) {
        throw new AnalysisError(`stratum '${strata[h]}' has population size ${N} but ${sampleSize[h]} sampled units`);
      }
      populationSize[h] = N;
    }
  }
  return {
    size: n,
    data: table,
    strataColumn: options.strata ?? null,
    strata,
    stratumOf,
    stratumSampleSize: sampleSize,
    stratumPopulationSize: populationSize,
    weights,
    calibrations: [],
    lonelyStratum: options.lonelyStratum ?? 'fail',
  };
}

/** A copy of the design with other final weights (and optionally one more calibration step). */
export function withWeights(design: SurveyDesign, weights: Float64Array, calibration?: CalibrationStep): SurveyDesign {
  return { ...design, weights, calibrations: calibration ? [...design.calibrations, calibration] : design.calibrations };
}
