/**
 * Taylor-linearisation variance of estimators in a stratified single-stage design, for many domains at once.
 *
 *   V̂ = Σ_h (1 − n_h/N_h) · n_h/(n_h − 1) · Σ_{i∈h} (u_i − ū_h)²
 *
 * where u_i is the influence value of unit i (zero outside the domain / for missing answers: the domain is
 * a subpopulation, all n_h units of the stratum stay in the sum) — Cochran (1977) §5.3, Lumley (2010) §2.2,
 * R `svyrecvar`/`onestrat`. After calibration the influence values are first replaced by the residuals of the
 * weighted regression on the calibration model matrix (Deville & Särndal 1992; Särndal et al. 1992 §6.6;
 * R `qr.resid(qr(X·√w), u/(g√w))·g√w`):  e_i = u_i − w_i g_i · x_iᵀβ,  β = (XᵀWX)⁻¹ Σ x_i u_i/g_i.
 *
 * Because the calibration model is categorical, residuals are computed by cell: units of the same stratum and
 * calibration cell are grouped once, so D domains cost O(n + D·(p² + K + H)) (K = non-empty stratum×cell groups)
 * instead of O(D·n). Designs calibrated more than once use the direct O(D·n) route.
 * A stratum with one unit follows `design.lonelyStratum` as R's `survey.lonely.psu`: 'fail' throws, 'adjust'
 * uses f·(Σu)² (centred at the population mean), 'certainty' contributes 0. A stratum with n_h = N_h contributes 0.
 * @throws AnalysisError naming the stratum when it has a single unit and the rule is 'fail'.
 * @example linearisationVariance(design, influence, null, 1)[0] // variance of the overall estimate
 */
import { AnalysisError } from './analysisError';
import { solveCholesky } from './cholesky';
import type { CalibrationStep, SurveyDesign } from './svyDesign';

interface StepGroups {
  /** Non-empty (stratum, cell) groups. */
  stratum: Int32Array;
  cell: Int32Array;
  count: Float64Array;
  sumA: Float64Array;
  sumA2: Float64Array;
}

const groupCache = new WeakMap<CalibrationStep, StepGroups>();

function stepGroups(design: SurveyDesign, step: CalibrationStep): StepGroups {
  const cached = groupCache.get(step);
  if (cached) return cached;
  const C = step.cellColumns.length;
  const key = new Map<number, number>();
  const stratum: number[] = [];
  const cell: number[] = [];
  const count: number[] = [];
  const sumA: number[] = [];
  const sumA2: number[] = [];
  for (let i = 0; i < design.size; i++) {
    const h = design.stratumOf[i];
    const c = step.cellOf[i];
    const k0 = h * C + c;
    let k = key.get(k0);
    if (k === undefined) {
      k = stratum.length;
      key.set(k0, k);
      stratum.push(h);
      cell.push(c);
      count.push(0);
      sumA.push(0);
      sumA2.push(0);
    }
    const a = step.inputWeights[i] * step.g[i];
    count[k]++;
    sumA[k] += a;
    sumA2[k] += a * a;
  }
  const groups = {
    stratum: Int32Array.from(stratum),
    cell: Int32Array.from(cell),
    count: Float64Array.from(count),
    sumA: Float64Array.from(sumA),
    sumA2: Float64Array.from(sumA2),
  };
  groupCache.set(step, groups);
  return groups;
}

/** Fitted values x_cᵀβ per cell, β = (XᵀWX)⁻¹ rhs with rhs = Σ_c b_c x_c. */
function cellFits(step: CalibrationStep, cellSums: Float64Array, offset: number): Float64Array {
  const p = step.columnNames.length;
  const C = step.cellColumns.length;
  const rhs = new Float64Array(p);
  for (let c = 0; c < C; c++) {
    const b = cellSums[offset + c];
    if (b === 0) continue;
    for (const j of step.cellColumns[c]) rhs[j] += b;
  }
  const beta = solveCholesky(step.cholesky, rhs, p);
  const fit = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (const j of step.cellColumns[c]) s += beta[j];
    fit[c] = s;
  }
  return fit;
}

/** Residual of the influence values on one calibration model (dense, O(n + p²)). */
export function calibrationResidual(step: CalibrationStep, u: Float64Array): Float64Array {
  const C = step.cellColumns.length;
  const sums = new Float64Array(C);
  for (let i = 0; i < u.length; i++) if (u[i] !== 0) sums[step.cellOf[i]] += u[i] / step.g[i];
  const fit = cellFits(step, sums, 0);
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = u[i] - step.inputWeights[i] * step.g[i] * fit[step.cellOf[i]];
  return out;
}

function combine(design: SurveyDesign, s1: Float64Array, ss: Float64Array, present: (d: number, h: number) => boolean, D: number): Float64Array {
  const H = design.strata.length;
  const out = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    let v = 0;
    for (let h = 0; h < H; h++) {
      const n = design.stratumSampleSize[h];
      const N = design.stratumPopulationSize[h];
      const f = N === Infinity ? 1 : (N - n) / N;
      if (f < 1e-7) continue; // stratum taken completely: no sampling variance (R: self-representing)
      if (n > 1) {
        // A centred sum of squares is ≥ 0; the expanded sums above can cancel to −1e-17 when the
        // variance is 0 (a share fixed by calibration), which would make the SE NaN.
        v += (f * n) / (n - 1) * Math.max(0, ss[d * H + h]);
      } else if (present(d, h)) {
        if (design.lonelyStratum === 'fail') {
          throw new AnalysisError(
            `stratum '${design.strata[h]}' has only one sampled unit, so its variance cannot be estimated; ` +
              `merge it with a similar stratum or choose the lonely-stratum rule 'adjust' or 'certainty'`,
          );
        }
        if (design.lonelyStratum === 'adjust') v += f * s1[d * H + h] * s1[d * H + h];
      }
    }
    out[d] = v;
  }
  return out;
}

/**
 * @param influence  u_i of each unit for the domain it belongs to.
 * @param domainOf   domain of each unit (−1: in no domain, e.g. a missing answer); null = every unit in domain 0.
 * @param domainCount number of domains D.
 */
export function linearisationVariance(
  design: SurveyDesign,
  influence: Float64Array,
  domainOf: Int32Array | null,
  domainCount: number,
  options: { direct?: boolean } = {},
): Float64Array {
  const steps = design.calibrations;
  if (steps.length > 1 || options.direct) return directVariance(design, influence, domainOf, domainCount);
  const n = design.size;
  const H = design.strata.length;
  const D = domainCount;
  const step = steps.length === 1 ? steps[0] : null;
  const s1 = new Float64Array(D * H);
  const ss = new Float64Array(D * H);
  const inDomain = new Float64Array(D * H);
  for (let i = 0; i < n; i++) {
    const d = domainOf ? domainOf[i] : 0;
    if (d < 0) continue;
    s1[d * H + design.stratumOf[i]] += influence[i];
    inDomain[d * H + design.stratumOf[i]]++;
  }
  if (!step) {
    for (let i = 0; i < n; i++) {
      const d = domainOf ? domainOf[i] : 0;
      if (d < 0) continue;
      const h = design.stratumOf[i];
      const m = s1[d * H + h] / design.stratumSampleSize[h];
      const r = influence[i] - m;
      ss[d * H + h] += r * r;
    }
    for (let d = 0; d < D; d++) {
      for (let h = 0; h < H; h++) {
        const m = s1[d * H + h] / design.stratumSampleSize[h];
        ss[d * H + h] += (design.stratumSampleSize[h] - inDomain[d * H + h]) * m * m; // units outside the domain: u = 0
      }
    }
    return combine(design, s1, ss, (d, h) => inDomain[d * H + h] > 0, D);
  }

  const C = step.cellColumns.length;
  const groups = stepGroups(design, step);
  const K = groups.stratum.length;
  const cellSums = new Float64Array(D * C);
  for (let i = 0; i < n; i++) {
    const d = domainOf ? domainOf[i] : 0;
    if (d < 0) continue;
    cellSums[d * C + step.cellOf[i]] += influence[i] / step.g[i];
  }
  const fits = new Float64Array(D * C);
  for (let d = 0; d < D; d++) fits.set(cellFits(step, cellSums, d * C), d * C);
  // Residual e_i = u_i − a_i·fit_c: stratum sums of e, then centred sums of squares.
  for (let d = 0; d < D; d++) {
    for (let k = 0; k < K; k++) s1[d * H + groups.stratum[k]] -= fits[d * C + groups.cell[k]] * groups.sumA[k];
  }
  // Σ_{i∈h} (e_i − m)²: every unit as if outside the domain, Σ (a_i f + m)², then corrected for domain units.
  for (let d = 0; d < D; d++) {
    for (let k = 0; k < K; k++) {
      const h = groups.stratum[k];
      const f = fits[d * C + groups.cell[k]];
      const m = s1[d * H + h] / design.stratumSampleSize[h];
      ss[d * H + h] += f * f * groups.sumA2[k] + 2 * f * m * groups.sumA[k] + m * m * groups.count[k];
    }
  }
  for (let i = 0; i < n; i++) {
    const d = domainOf ? domainOf[i] : 0;
    if (d < 0) continue;
    const h = design.stratumOf[i];
    const u = influence[i];
    if (u === 0) continue;
    const m = s1[d * H + h] / design.stratumSampleSize[h];
    const background = step.inputWeights[i] * step.g[i] * fits[d * C + step.cellOf[i]] + m;
    ss[d * H + h] += u * u - 2 * u * background;
  }
  return combine(design, s1, ss, () => true, D);
}

/** Straightforward route: dense residuals per domain through every calibration step. O(D·n·steps). */
function directVariance(design: SurveyDesign, influence: Float64Array, domainOf: Int32Array | null, D: number): Float64Array {
  const n = design.size;
  const H = design.strata.length;
  const s1 = new Float64Array(D * H);
  const ss = new Float64Array(D * H);
  const inDomain = new Float64Array(D * H);
  for (let d = 0; d < D; d++) {
    let u: Float64Array = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const di = domainOf ? domainOf[i] : 0;
      if (di === d) {
        u[i] = influence[i];
        inDomain[d * H + design.stratumOf[i]]++;
      }
    }
    for (const step of design.calibrations) u = calibrationResidual(step, u);
    for (let i = 0; i < n; i++) s1[d * H + design.stratumOf[i]] += u[i];
    for (let i = 0; i < n; i++) {
      const h = design.stratumOf[i];
      const r = u[i] - s1[d * H + h] / design.stratumSampleSize[h];
      ss[d * H + h] += r * r;
    }
  }
  const calibrated = design.calibrations.length > 0;
  return combine(design, s1, ss, (d, h) => calibrated || inDomain[d * H + h] > 0, D);
}
