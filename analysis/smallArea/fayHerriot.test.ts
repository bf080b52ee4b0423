import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { relDiff } from '../../fixtures/analysis/load';
import { createRng } from '../../sampling/seededRng';
import { designMatrix, type DesignMatrix } from './designMatrix';
import { fayHerriot } from './fayHerriot';
import { fayHerriotMse } from './fayHerriotMse';
import { syntheticEstimate } from './syntheticEstimate';
import { arcsineBackTransform, naiveArcsineBack } from './arcsineTransform';
import { smallAreaEstimates, type SmallAreaInputRow } from './smallAreaEstimates';
import { ratioBenchmark } from './ratioBenchmark';
import { modelDirectWaldCheck } from './modelDirectWaldCheck';

/** Reference values from base R (fixtures/r/sae/fayHerriot.R: sae 1.3's eblupFH/mseFH formulas, tight precision). */
const ref = JSON.parse(readFileSync(new URL('../../fixtures/r/sae/reference.json', import.meta.url), 'utf8'));

interface RefInputs {
  area: (string | number)[];
  y: (number | null)[];
  psi: (number | null)[];
  X: number[][];
  X_columns: string[];
  sampled: (boolean | number)[];
}

const TOL = 1e-9;

function expectClose(actual: number, expected: number, what: string, tolerance = TOL): void {
  expect(Number.isFinite(actual), `${what} is ${actual}`).to.equal(true);
  expect(relDiff(actual, expected), `${what}: ${actual} vs R ${expected}`).to.be.at.most(tolerance);
}

function expectAllClose(actual: ArrayLike<number>, expected: number[], what: string, tolerance = TOL): void {
  expect(actual.length, what).to.equal(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], `${what}[${i}]`, tolerance);
}

/** The reference's design matrix (intercept included) of the given rows. */
function matrixOf(inputs: RefInputs, rows: number[]): DesignMatrix {
  return designMatrix(
    rows.map((i) => inputs.X[i].slice(1)),
    rows.map((i) => String(inputs.area[i])),
    inputs.X_columns.slice(1),
  );
}

function fitCase(c: any) {
  const inputs: RefInputs = c.inputs;
  const sampled = inputs.area.map((_, i) => i).filter((i) => inputs.y[i] !== null);
  const fit = fayHerriot({
    y: sampled.map((i) => inputs.y[i] as number),
    psi: sampled.map((i) => inputs.psi[i] as number),
    x: matrixOf(inputs, sampled),
    method: c.method === 'ML' ? 'ml' : 'reml',
  });
  return { fit, sampled, inputs };
}

describe('Fay–Herriot against the base-R reference (sae 1.3 formulas)', () => {
  for (const name of ['milk_reml', 'milk_ml'] as const) {
    it(`${name}: σ̂ᵤ², β̂ with SE/z/p, log-likelihood, γ, EBLUP, g1–g3 and MSE of all 43 areas`, () => {
      const c = ref[name];
      const { fit } = fitCase(c);
      expect(fit.converged).to.equal(true);
      expect(fit.iterations).to.equal(c.iterations);
      expectClose(fit.sigma2u, c.sigma2, 'σ̂ᵤ²');
      expectAllClose(fit.beta, c.beta, 'β̂');
      expectAllClose(fit.betaSe, c.se, 'se(β̂)');
      expectAllClose(fit.betaZ, c.z, 'z');
      expectAllClose(fit.betaP, c.pvalue, 'p', 1e-7);
      expectClose(fit.loglik, c.loglik, 'loglik');
      expectClose(fit.aic, c.AIC, 'AIC');
      expectClose(fit.bic, c.BIC, 'BIC');
      expectAllClose(fit.gamma, c.gamma, 'γ');
      expectAllClose(fit.eblup, c.eblup, 'EBLUP');
      expectAllClose(fit.synthetic, c.synthetic, 'synthetic');
      expectAllClose(fit.standardisedResiduals, c.std_resid, 'standardised residuals');
      const mse = fayHerriotMse(fit);
      expectAllClose(mse.g1, c.g1, 'g1');
      expectAllClose(mse.g2, c.g2, 'g2');
      expectAllClose(mse.g3, c.g3, 'g3');
      expectAllClose(mse.mse, c.mse, 'MSE');
      const wald = modelDirectWaldCheck(fit.y, fit.eblup, fit.psi, mse.mse);
      expectClose(wald.statistic, c.wald, 'Wald W');
      expectClose(wald.pValue, c.wald_p, 'Wald p', 1e-8);
    });
  }

  it('milk, REML: the published sae values (σ̂ᵤ² ≈ 0.01855, area 1 EBLUP ≈ 1.02197, MSE ≈ 0.013460)', () => {
    const { fit } = fitCase(ref.milk_reml);
    expect(fit.sigma2u.toFixed(5)).to.equal('0.01855');
    expect(fit.eblup[0].toFixed(5)).to.equal('1.02197');
    expect(fayHerriotMse(fit).mse[0].toFixed(6)).to.equal('0.013460');
  });

  it('milk, ML: the published β̂ = (0.96780, 0.12788, 0.22669, −0.24258)', () => {
    const { fit } = fitCase(ref.milk_ml);
    expect(fit.beta.map((b) => b.toFixed(5))).to.deep.equal(['0.96780', '0.12788', '0.22669', '-0.24258']);
  });

  it('areas without respondents get x′β̂ with MSE σ̂ᵤ² + x′Qx (milk, areas 5, 20, 37 left out)', () => {
    const c = ref.milk_unsampled;
    const { fit, sampled, inputs } = fitCase(c);
    expect(sampled).to.have.length(40);
    expectClose(fit.sigma2u, c.sigma2, 'σ̂ᵤ²');
    const all = inputs.area.map((_, i) => i);
    const synthetic = syntheticEstimate(fit, matrixOf(inputs, all));
    const mse = fayHerriotMse(fit);
    for (const i of all) {
      const k = sampled.indexOf(i);
      if (k === -1) {
        expect(c.gamma[i], `γ of area ${i + 1}`).to.equal(0);
        expectClose(synthetic[i].estimate, c.eblup[i], `synthetic estimate of area ${i + 1}`);
        expectClose(synthetic[i].mse, c.mse[i], `synthetic MSE of area ${i + 1}`);
      } else {
        expectClose(fit.eblup[k], c.eblup[i], `EBLUP of area ${i + 1}`);
        expectClose(mse.mse[k], c.mse[i], `MSE of area ${i + 1}`);
      }
    }
  });

  it('σ̂ᵤ² truncated at 0: the unconstrained iterate, γ = 0 everywhere, MSE = g2 + 2·g3', () => {
    const c = ref.zero_variance;
    const { fit } = fitCase(c);
    expect(fit.converged).to.equal(true);
    expect(fit.sigma2u).to.equal(0);
    expectClose(fit.sigma2uUntruncated, c.sigma2_unconstrained, 'unconstrained σ²');
    expect(fit.gamma.every((g) => g === 0)).to.equal(true);
    expectAllClose(fit.beta, c.beta, 'β̂');
    expectAllClose(fit.eblup, c.eblup, 'EBLUP');
    expectAllClose(fayHerriotMse(fit).mse, c.mse, 'MSE');
    expectClose(fit.loglik, c.loglik, 'loglik');
  });

  it('arcsine for shares: transformed-scale fit and bias-corrected back-transformation of all 30 areas', () => {
    const c = ref.arcsine;
    const rows: SmallAreaInputRow[] = c.inputs.area.map((area: string | number, i: number) => ({
      area: String(area),
      estimate: c.share[i],
      variance: null,
      effectiveN: c.effective_n[i],
      covariates: c.inputs.X[i].slice(1),
    }));
    const rng = createRng(7);
    const result = smallAreaEstimates(rows, { covariateNames: c.inputs.X_columns.slice(1), transform: 'arcsine', bootstrap: 5, random: () => rng.uniform() });
    const t = c.transformed;
    expectClose(result.model.sigma2u, t.sigma2, 'σ̂ᵤ² (arcsine scale)');
    expectAllClose(result.model.beta, t.beta, 'β̂ (arcsine scale)');
    expectAllClose(result.estimates.map((e) => e.gamma), t.gamma, 'γ');
    expectAllClose(result.estimates.map((e) => e.estimate), c.estimate, 'bias-corrected estimate');
    expectAllClose(result.estimates.map((e) => e.synthetic), c.synthetic_bc, 'back-transformed synthetic');
    expect(result.estimates.filter((e) => !e.sampled).map((e) => e.area)).to.deep.equal(c.unsampled_areas.map(String));
    for (let i = 0; i < 30; i++) {
      expectClose(naiveArcsineBack(t.eblup[i]), c.naive[i], `naive back-transform ${i + 1}`);
      expectClose(arcsineBackTransform(t.eblup[i], c.backtransform_variance[i]), c.estimate[i], `back-transform ${i + 1}`);
    }
  });

  it('back-transformation near the bounds (shares close to 0 and 1) agrees with the closed form less both tails', () => {
    // E[h(T)] = E[sin²T] − ∫_{−∞}^0 sin² φ + ∫_{π/2}^∞ cos² φ; checked by brute-force midpoint rule.
    for (const [mu, v] of [[0.02, 0.01], [1.55, 0.02], [-0.1, 0.05], [0.8, 0.3]]) {
      const s = Math.sqrt(v);
      let brute = 0;
      const steps = 400_000;
      const a = mu - 14 * s;
      const h = (28 * s) / steps;
      for (let k = 0; k < steps; k++) {
        const t = a + (k + 0.5) * h;
        brute += naiveArcsineBack(t) * Math.exp(-0.5 * ((t - mu) / s) ** 2);
      }
      brute *= h / (s * Math.sqrt(2 * Math.PI));
      expect(Math.abs(arcsineBackTransform(mu, v) - brute), `μ = ${mu}, s² = ${v}`).to.be.below(1e-9);
    }
  });

  it('ratio benchmarking: the ni-weighted mean of the benchmarked EBLUPs equals B', () => {
    for (const key of ['direct_weighted_mean', 'fixed', 'fixed_unsampled'] as const) {
      const b = ref.benchmark[key];
      const { benchmarked, ratio } = ratioBenchmark(b.estimate, b.weights, b.B);
      expectClose(ratio, b.ratio, `${key} ratio`);
      expectAllClose(benchmarked, b.benchmarked, `${key} benchmarked`);
      const mean = benchmarked.reduce((s, e, i) => s + e * b.weights[i], 0) / b.weights.reduce((s: number, w: number) => s + w, 0);
      expectClose(mean, b.B, `${key} weighted mean`, 1e-12);
    }
  });
});
