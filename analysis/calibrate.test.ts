import { expect } from 'chai';
import { loadFixtureCsv, loadReference, relDiff } from '../fixtures/analysis/load';
import { calibrate } from './calibrate';
import { linearisationVariance } from './linearisationVariance';
import { populationMargins } from './populationMargins';
import { svyBy } from './svyBy';
import { svyCiProp } from './svyCiProp';
import { svyDesign } from './svyDesign';
import { svyMean } from './svyMean';
import { svyTotal } from './svyTotal';

const ref = loadReference().apistrat;
const apistrat = loadFixtureCsv('apistrat.csv');
const margins = populationMargins(loadFixtureCsv('apistrat_margins.csv'));
const design = svyDesign({ data: apistrat, strata: 'stype', weights: 'pw', fpc: 'fpc' });

function close(actual: number, expected: number, rel: number, what: string): void {
  expect(relDiff(actual, expected), `${what}: ${actual} vs R ${expected}`).to.be.at.most(rel);
}
function likeR(a: { estimate: number; se: number; ciLow: number; ciHigh: number }, r: any, what: string): void {
  close(a.estimate, r.estimate, 1e-10, `${what} estimate`);
  close(a.se, r.se, 1e-8, `${what} se`);
  close(a.ciLow, r.ci_low, 1e-10, `${what} ci_low`);
  close(a.ciHigh, r.ci_high, 1e-10, `${what} ci_high`);
}

for (const calfun of ['raking', 'linear'] as const) {
  describe(`calibrate(calfun = "${calfun}") on apistrat (R calibrate reference)`, () => {
    const r = ref[calfun];
    const calibrated = calibrate(design, { margins, calfun });

    it('final weights equal R to 1e-9 relative and hit the margins', () => {
      const w = calibrated.weights;
      let worst = 0;
      for (let i = 0; i < w.length; i++) worst = Math.max(worst, relDiff(w[i], r.weights[i]));
      expect(worst).to.be.at.most(1e-9);
      expect(calibrated.calibrations[0].maxMisfit).to.be.below(1e-12);
      expect(calibrated.calibrations[0].columnNames).to.deep.equal(Object.keys(ref.population));
      const total = w.reduce((a, b) => a + b, 0);
      close(total, ref.population['(Intercept)'], 1e-12, 'N');
    });

    it('calibration-aware SE of means and totals equals R', () => {
      likeR(svyMean(calibrated, 'api00'), r.mean_api00, 'mean api00');
      likeR(svyTotal(calibrated, 'enroll'), r.total_enroll, 'total enroll');
      likeR(svyMean(calibrated, 'acs.k3'), r.mean_acs_k3_narm, 'mean acs.k3 na.rm');
      likeR(svyTotal(calibrated, 'acs.k3'), r.total_acs_k3_narm, 'total acs.k3 na.rm');
    });

    it('domain estimates after calibration equal R svyby', () => {
      for (const [by, variable, expected] of [['stype', 'api00', r.by_stype_api00], ['awards', 'acs.k3', r.by_awards_acs_k3_narm]] as const) {
        const rows = svyBy(calibrated, variable, by);
        for (const e of expected) {
          const row = rows.find((x) => x.domain === e.domain)!;
          likeR(row, e, `${variable} by ${by} = ${e.domain}`);
        }
      }
    });

    it('the grouped variance route equals the direct dense residual route', () => {
      const rows = svyBy(calibrated, 'api00', 'cname');
      const again = svyBy(calibrated, 'api00', 'cname');
      expect(rows).to.deep.equal(again);
      const y = apistrat.map((x) => Number(x.api00));
      const u = new Float64Array(y.length);
      const mean = svyMean(calibrated, 'api00').estimate;
      const W = calibrated.weights.reduce((a, b) => a + b, 0);
      y.forEach((yi, i) => (u[i] = (calibrated.weights[i] * (yi - mean)) / W));
      const fast = linearisationVariance(calibrated, u, null, 1)[0];
      const direct = linearisationVariance(calibrated, u, null, 1, { direct: true })[0];
      close(fast, direct, 1e-12, 'fast vs direct');
    });
  });
}

describe('calibrate: errors a planner can act on', () => {
  const m = (rows: [string, string, number][]) => rows.map(([variable, category, total]) => ({ variable, category, total }));
  const good = m([['stype', 'E', 4421], ['stype', 'H', 755], ['stype', 'M', 1018]]);
  it('empty margins', () => expect(() => calibrate(design, { margins: [], calfun: 'raking' })).to.throw(/margins are empty/));
  it('unknown variable', () =>
    expect(() => calibrate(design, { margins: m([['school_type', 'E', 1]]), calfun: 'raking' })).to.throw(/'school_type' is not a column/));
  it('sample category missing from the margins', () =>
    expect(() => calibrate(design, { margins: good.slice(0, 2), calfun: 'raking' })).to.throw(/category 'M' of 'stype' occurs in 50 sample units but is missing/));
  it('population category without sample units', () =>
    expect(() => calibrate(design, { margins: [...good, { variable: 'stype', category: 'K', total: 5 }], calfun: 'raking' })).to.throw(/'K' of 'stype' \(total 5\) has no sample units/));
  it('inconsistent totals across variables', () =>
    expect(() => calibrate(design, { margins: [...good, ...m([['awards', 'Yes', 4000], ['awards', 'No', 2000]])], calfun: 'linear' })).to.throw(/'stype' sums to 6194 but 'awards' sums to 6000/));
  it('unknown calfun', () => expect(() => calibrate(design, { margins: good, calfun: 'logit' as never })).to.throw(/unknown calibration function 'logit'/));
  it('non-convergence names the margin', () =>
    expect(() => calibrate(design, { margins: good, calfun: 'raking', maxIterations: 1, tolerance: 1e-300 })).to.throw(/did not converge in 1 iterations/));
  it('non-numeric totals in margin rows', () =>
    expect(() => populationMargins([{ variable: 'stype', category: 'E', total: 'viele' }])).to.throw(/non-numeric total 'viele'/));
});

describe('calibrate with bounds (trimming and re-calibration)', () => {
  const gera = svyDesign({ data: loadFixtureCsv('gera_respondents.csv'), strata: 'district', weights: 'design_weight', fpc: 'N_h' });
  const geraMargins = populationMargins(loadFixtureCsv('gera_margins.csv'));
  it('keeps every g within the bounds and still meets the margins', () => {
    const free = calibrate(gera, { margins: geraMargins, calfun: 'raking' });
    const g = free.calibrations[0].g;
    const lo = Math.min(...g);
    const hi = Math.max(...g);
    const bounds = { lower: lo + (1 - lo) / 4, upper: hi - (hi - 1) / 4 };
    const bounded = calibrate(gera, { margins: geraMargins, calfun: 'raking', bounds });
    const gb = bounded.calibrations[0].g;
    for (const x of gb) {
      expect(x).to.be.at.least(bounds.lower * (1 - 1e-12));
      expect(x).to.be.at.most(bounds.upper * (1 + 1e-12));
    }
    expect(Math.max(...gb)).to.be.closeTo(bounds.upper, 1e-12);
    expect(bounded.calibrations[0].maxMisfit).to.be.below(1e-10);
    // the SE machinery works on the bounded design too
    expect(svyMean(bounded, 'satisfaction').se).to.be.greaterThan(0);
  });
  it('reports bounds that cannot be met', () => {
    expect(() => calibrate(design, { margins, calfun: 'raking', bounds: { lower: 0.999, upper: 1.001 } })).to.throw(/bounds .* cannot be met/);
  });
});

describe('a share fixed by calibration (variance 0)', () => {
  // The share of stype E is one of the raking margins: R gives SE 1.1e-16 and the interval [p, p].
  const r = ref.fixed_share_isE;
  const data = apistrat.map((row) => ({ ...row, isE: row.stype === 'E' ? 1 : 0 }));
  const calibrated = calibrate(svyDesign({ data, strata: 'stype', weights: 'pw', fpc: 'fpc' }), { margins, calfun: 'raking' });

  it('has a finite SE of (numerically) zero instead of NaN, and the interval [p, p] like R', () => {
    const m = svyMean(calibrated, 'isE');
    close(m.estimate, r.mean.estimate, 1e-10, 'estimate');
    // Both are 0 up to rounding (our variance sums cancel to ~1e-10, R's to 1e-16): compared absolutely.
    expect(m.se).to.be.a('number').and.to.be.at.least(0).and.to.be.below(1e-8);
    expect(Math.abs(m.ciLow - r.mean.ci_low)).to.be.below(1e-8);
    expect(Math.abs(m.ciHigh - r.mean.ci_high)).to.be.below(1e-8);
  });

  it('svyCiProp gives a finite interval around p', () => {
    const p = svyCiProp(calibrated, 'isE');
    expect(Number.isFinite(p.ciLow) && Number.isFinite(p.ciHigh)).to.equal(true);
    expect(Math.abs(p.ciLow - r.ciprop_low)).to.be.below(1e-8);
    expect(Math.abs(p.ciHigh - r.ciprop_high)).to.be.below(1e-8);
  });
});
