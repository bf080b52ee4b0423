import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRng } from '../../sampling/seededRng';
import { chiSquareUpperTail } from '../chiSquareUpperTail';
import { designMatrix } from './designMatrix';
import { fayHerriot } from './fayHerriot';
import { fayHerriotBootstrapMse, standardNormal } from './fayHerriotBootstrapMse';
import { fayHerriotMse } from './fayHerriotMse';
import { smallAreaEstimates, type SmallAreaInputRow } from './smallAreaEstimates';
import { smoothDirectVariances } from './smoothDirectVariances';
import { varianceInflation } from './varianceInflation';

const milk = readFileSync(new URL('../../fixtures/sae/milk.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').map(Number));
const majorAreaDummies = (major: number) => [major === 2 ? 1 : 0, major === 3 ? 1 : 0, major === 4 ? 1 : 0];
const milkRows: SmallAreaInputRow[] = milk.map((r) => ({ area: String(r[0]), estimate: r[2], variance: r[3] ** 2, covariates: majorAreaDummies(r[5]) }));
const MILK_COVARIATES = ['major2', 'major3', 'major4'];

describe('smallAreaEstimates', () => {
  it('without transformation equals fayHerriot + fayHerriotMse, and areas without respondents are synthetic', () => {
    const rows = milkRows.map((r, i) => (i === 4 ? { ...r, estimate: null, variance: null } : r));
    const result = smallAreaEstimates(rows, { covariateNames: MILK_COVARIATES });
    const sampled = rows.filter((r) => r.estimate !== null);
    const fit = fayHerriot({ y: sampled.map((r) => r.estimate!), psi: sampled.map((r) => r.variance!), x: designMatrix(sampled.map((r) => r.covariates), sampled.map((r) => r.area), MILK_COVARIATES) });
    const mse = fayHerriotMse(fit);
    expect(result.model.sigma2u).to.equal(fit.sigma2u);
    expect(result.estimates[0].estimate).to.equal(fit.eblup[0]);
    expect(result.estimates[0].mse).to.equal(mse.mse[0]);
    const area5 = result.estimates[4];
    expect(area5).to.include({ area: '5', sampled: false, gamma: 0, direct: null, directSe: null });
    expect(area5.estimate).to.equal(area5.synthetic);
    expect(area5.mse).to.be.above(fit.sigma2u);
    expect(result.model.terms).to.deep.equal(['(Intercept)', ...MILK_COVARIATES]);
    expect(result.model.warnings).to.deep.equal([]);
  });

  it('names the area and the column for unusable input, and refuses too few areas', () => {
    const bad = (rows: SmallAreaInputRow[], message: RegExp, options = {}) =>
      expect(() => smallAreaEstimates(rows, { covariateNames: MILK_COVARIATES, columns: { variance: 'var_dir' }, ...options })).to.throw(message);
    bad(milkRows.map((r, i) => (i === 2 ? { ...r, variance: 0 } : r)), /area '3': column 'var_dir' must be positive, got 0/);
    bad(milkRows.map((r, i) => (i === 6 ? { ...r, covariates: [0, null, 1] } : r)), /area '7': covariate 'major3' has no numeric value \(missing\)/);
    bad(milkRows.slice(0, 4), /4 areas have a direct estimate, too few for 4 model parameters .* at least 5 are needed/);
    bad(milkRows.map((r, i) => ({ ...r, estimate: i === 1 ? 1.4 : r.estimate! / 2 })), /area '2': column 'estimate' must be a share between 0 and 1/, { transform: 'arcsine', random: Math.random });
    bad([...milkRows, milkRows[0]], /area '1' appears twice/);
  });

  it('warns about few areas, σ̂ᵤ² = 0 and nearly collinear covariates', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      area: `A${i + 1}`,
      estimate: 1 + 0.5 * i + 0.01 * Math.cos(i),
      variance: 0.05,
      covariates: [i, 2 * i + 0.001 * Math.sin(3 * i)],
    }));
    const result = smallAreaEstimates(rows, { covariateNames: ['x', 'x_twice'] });
    const codes = result.model.warnings.map((w) => w.code);
    expect(codes).to.include.members(['few-areas', 'sigma2u-zero', 'collinear']);
    expect(result.estimates.every((e) => e.gamma === 0)).to.equal(true);
    expect(result.model.warnings.find((w) => w.code === 'collinear')!.message).to.match(/covariate 'x' is nearly collinear/);
  });

  it('reports a fit that does not converge instead of a silent NaN', () => {
    const result = smallAreaEstimates(milkRows, { covariateNames: MILK_COVARIATES, maxIterations: 2 });
    expect(result.model.converged).to.equal(false);
    expect(result.model.warnings.map((w) => w.code)).to.include('not-converged');
    expect(result.estimates.every((e) => Number.isFinite(e.estimate) && Number.isFinite(e.mse))).to.equal(true);
  });

  it('benchmarks to a city value and says so in the model card', () => {
    const shares = milk.map((r) => r[1]);
    const result = smallAreaEstimates(milkRows, { covariateNames: MILK_COVARIATES, benchmark: { value: 1, shares } });
    const total = shares.reduce((a, b) => a + b, 0);
    const mean = result.estimates.reduce((s, e, i) => s + (e.estimate * shares[i]) / total, 0);
    expect(mean).to.be.closeTo(1, 1e-12);
    expect(result.model.benchmark!.value).to.equal(1);
    expect(result.estimates[0].estimate / result.estimates[0].unbenchmarked).to.be.closeTo(result.model.benchmark!.ratio, 1e-12);
  });

  it('arcsine bootstrap: the same seed gives the same MSE, another seed nearly the same', () => {
    const rows: SmallAreaInputRow[] = milk.map((r, i) => ({
      area: String(r[0]),
      estimate: Math.min(0.95, Math.max(0.02, r[2] / 2)),
      variance: null,
      effectiveN: r[1] / 4,
      covariates: majorAreaDummies(r[5]),
    }));
    rows[10] = { ...rows[10], estimate: null, effectiveN: null };
    const run = (seed: number) => {
      const rng = createRng(seed);
      return smallAreaEstimates(rows, { covariateNames: MILK_COVARIATES, transform: 'arcsine', bootstrap: 300, random: () => rng.uniform() });
    };
    const a = run(11);
    expect(run(11).estimates.map((e) => e.mse)).to.deep.equal(a.estimates.map((e) => e.mse));
    const b = run(12);
    for (let i = 0; i < rows.length; i++) {
      expect(a.estimates[i].mse).to.be.above(0);
      expect(Math.abs(a.estimates[i].mse / b.estimates[i].mse - 1), `area ${i + 1}`).to.be.below(0.35);
    }
    // The area without respondents is uncertain by its area effect: far larger MSE than the sampled ones.
    const sampledMedian = a.estimates.filter((e) => e.sampled).map((e) => e.mse).sort((x, y) => x - y)[20];
    expect(a.estimates[10].mse).to.be.above(sampledMedian);
    expect(a.model.bootstrapReplicates).to.equal(300);
  });

  it('the parametric bootstrap without transformation comes near the Prasad–Rao MSE (milk, B = 1000)', () => {
    const x = designMatrix(milkRows.map((r) => r.covariates), milkRows.map((r) => r.area), MILK_COVARIATES);
    const psi = milkRows.map((r) => r.variance!);
    const fit = fayHerriot({ y: milkRows.map((r) => r.estimate!), psi, x });
    const rng = createRng(2026);
    const boot = fayHerriotBootstrapMse({
      fit,
      x,
      sampledRows: milkRows.map((_, i) => i),
      replicates: 1000,
      random: () => rng.uniform(),
      truth: (t) => t,
      estimate: (y) => fayHerriot({ y, psi, x }).eblup,
    });
    const analytic = fayHerriotMse(fit).mse;
    const ratios = boot.mse.map((m, i) => m / analytic[i]).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)];
    expect(median).to.be.within(0.85, 1.15);
  });
});

describe('smoothDirectVariances', () => {
  it('keeps usable variances and gives shares of 0 or 1 and tiny areas the pooled design effect', () => {
    const areas = [
      { share: 0.5, variance: 0.5 * 0.5 / 40 * 1.5, n: 40 },
      { share: 0.2, variance: 0.2 * 0.8 / 60 * 1.2, n: 60 },
      { share: 0, variance: 0, n: 12 },
      { share: 0.5, variance: 0.3, n: 3 },
    ];
    const s = smoothDirectVariances(areas, 0.3);
    const deff = (40 * 1.5 + 60 * 1.2) / 100;
    expect(s.pooledDesignEffect).to.be.closeTo(deff, 1e-12);
    expect(s.smoothed).to.deep.equal([false, false, true, true]);
    expect(s.psi[0]).to.equal(areas[0].variance);
    expect(s.effectiveN[0]).to.be.closeTo(40 / 1.5, 1e-9);
    expect(s.psi[2]).to.be.closeTo((deff * 0.3 * 0.7) / 12, 1e-15);
    expect(s.effectiveN[3]).to.be.closeTo(3 / deff, 1e-12);
  });
});

describe('varianceInflation and chiSquareUpperTail', () => {
  it('VIF = 1/(1 − R²): uncorrelated covariates near 1, a near-copy far above 10', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [Math.cos(i), Math.sin(i * 1.7), Math.cos(i) * 2 + 0.01 * Math.sin(5 * i)]);
    const vif = varianceInflation(rows, ['a', 'b', 'c']);
    expect(vif[1].vif).to.be.below(1.5);
    expect(vif[0].vif).to.be.above(1000);
    expect(vif[2].vif).to.be.above(1000);
  });

  it('matches R pchisq(lower.tail = FALSE)', () => {
    // qchisq(0.95, 1) = 3.841458820694124; pchisq(100, 43, lower.tail = FALSE) = 1.9476159107929161e-06
    expect(chiSquareUpperTail(3.841458820694124, 1)).to.be.closeTo(0.05, 1e-14);
    expect(chiSquareUpperTail(18.307038053275146, 10)).to.be.closeTo(0.05, 1e-13);
    expect(chiSquareUpperTail(2, 2)).to.be.closeTo(Math.exp(-1), 1e-15);
    expect(chiSquareUpperTail(100, 43) / 1.9476159107929161e-6 - 1).to.be.closeTo(0, 1e-13);
  });
});

describe('selectCovariates', () => {
  it('forward selection by BIC keeps the covariate that explains the areas and leaves noise out', async () => {
    const { selectCovariates } = await import('./selectCovariates');
    const rng = createRng(99);
    const m = 40;
    const signal = Array.from({ length: m }, () => rng.uniform());
    const noise = Array.from({ length: m }, () => rng.uniform());
    const copy = signal.map((v) => 2 * v + 1); // collinear with signal: never both
    const y = signal.map((v) => 0.3 + 0.8 * v + 0.05 * standardNormal(() => rng.uniform()));
    const chosen = selectCovariates({ y, psi: y.map(() => 0.0025), candidates: { noise, signal, copy }, areaNames: y.map((_, i) => `A${i}`) });
    expect(chosen).to.have.length(1);
    expect(['signal', 'copy']).to.include(chosen[0]);
  });
});
