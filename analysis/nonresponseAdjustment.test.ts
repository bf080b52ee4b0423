import { expect } from 'chai';
import { loadFixtureCsv, loadReference, relDiff } from '../fixtures/analysis/load';
import { calibrate } from './calibrate';
import { nonresponseAdjustment } from './nonresponseAdjustment';
import { populationMargins } from './populationMargins';
import { svyBy } from './svyBy';
import { svyDesign } from './svyDesign';
import { svyMean } from './svyMean';

const ref = loadReference().gera;
const sample = loadFixtureCsv('gera_sample.csv');
const respondents = loadFixtureCsv('gera_respondents.csv');
const margins = populationMargins(loadFixtureCsv('gera_margins.csv'));

function adjust() {
  return nonresponseAdjustment({
    cells: sample.map((s) => [s.district, s.household_type]),
    designWeights: sample.map((s) => Number(s.design_weight)),
    responded: sample.map((s) => Number(s.responded)),
  });
}

function respondentDesign() {
  const nr = adjust();
  const factorOf = new Map(sample.map((s, i) => [s.household_id, nr.factor[i]]));
  const rows = respondents.map((r) => ({ ...r, nr_weight: Number(r.design_weight) * (factorOf.get(r.household_id) as number) }));
  return svyDesign({ data: rows, strata: 'district', weights: 'nr_weight', fpc: 'N_h' });
}

function compareEstimates(design: ReturnType<typeof respondentDesign>, expected: any, what: string): void {
  for (const e of expected.overall) {
    const m = svyMean(design, e.variable);
    expect(relDiff(m.estimate, e.estimate), `${what} ${e.variable} estimate`).to.be.at.most(1e-10);
    expect(relDiff(m.se, e.se), `${what} ${e.variable} se`).to.be.at.most(1e-8);
    expect(m.n).to.equal(e.n);
  }
  for (const variable of ref.vars as string[]) {
    const rows = svyBy(design, variable, 'district');
    for (const e of (expected.by_district as any[]).filter((x) => x.variable === variable)) {
      const row = rows.find((r) => r.domain === e.domain)!;
      expect(relDiff(row.estimate, e.estimate), `${what} ${variable} ${e.domain} estimate`).to.be.at.most(1e-10);
      expect(relDiff(row.se, e.se), `${what} ${variable} ${e.domain} se`).to.be.at.most(1e-8);
      expect(relDiff(row.ciHigh, e.ci_high), `${what} ${variable} ${e.domain} ci`).to.be.at.most(1e-10);
      expect(row.n).to.equal(e.n);
    }
  }
}

describe('nonresponseAdjustment (weighting classes with collapsing, same rule as the R reference)', () => {
  it('collapses the same cells in the same order as R and gives the same factors', () => {
    const nr = adjust();
    expect(nr.merges.map((m) => [m.cell, m.into])).to.deep.equal(ref.nonresponse.merges.map((m: any) => [m.cell, m.into]));
    expect(nr.cells.map((c) => c.cell).sort()).to.deep.equal(ref.nonresponse.cells.map((c: any) => c.cell).sort());
    for (const e of ref.nonresponse.cells) {
      const c = nr.cells.find((x) => x.cell === e.cell)!;
      expect(c.sampled).to.equal(e.sampled);
      expect(c.respondents).to.equal(e.respondents);
      expect(relDiff(c.factor, e.factor)).to.be.at.most(1e-13);
      expect(c.respondents >= 20 && c.factor <= 3).to.equal(!c.belowThreshold);
    }
    expect(nr.merges.length).to.be.greaterThan(5);
  });

  it('restores the sampled weight total in every final cell', () => {
    const nr = adjust();
    for (const c of nr.cells) expect(c.sumRespondentWeights * c.factor).to.be.closeTo(c.sumSampledWeights, 1e-9 * c.sumSampledWeights);
  });

  it('estimates on the adjusted design equal R (design weights only, then nonresponse-adjusted)', () => {
    compareEstimates(svyDesign({ data: respondents, strata: 'district', weights: 'design_weight', fpc: 'N_h' }), ref.design_only, 'design');
    compareEstimates(respondentDesign(), ref.nonresponse_only, 'nonresponse');
  });

  it('nonresponse adjustment + raking / linear calibration equal R, weights to 1e-9', () => {
    for (const calfun of ['raking', 'linear'] as const) {
      const design = calibrate(respondentDesign(), { margins, calfun });
      let worst = 0;
      design.weights.forEach((w, i) => (worst = Math.max(worst, relDiff(w, ref[calfun].weights[i]))));
      expect(worst, `${calfun} weights`).to.be.at.most(1e-9);
      compareEstimates(design, ref[calfun], calfun);
    }
  });

  it('merges a small cell with the closest response rate, deterministically', () => {
    const cells = [['A', 'x'], ['A', 'x'], ['A', 'y'], ['A', 'y'], ['A', 'z'], ['A', 'z']];
    const nr = nonresponseAdjustment({ cells, designWeights: [1, 1, 1, 1, 1, 1], responded: [1, 0, 1, 1, 1, 0], minRespondents: 2 });
    // x: 1 resp (rate .5) fails first (label order among x and z), closest rate is z (.5) → 'A | x + A | z'
    expect(nr.merges[0]).to.deep.include({ cell: 'A | x', into: 'A | z' });
    expect(nr.cells.map((c) => [c.cell, c.factor])).to.deep.equal([['A | x + A | z', 2], ['A | y', 1]]);
  });

  it('keeps a whole group that still fails, flagged; refuses a group without respondents', () => {
    const ok = nonresponseAdjustment({ cells: [['A', 'x'], ['A', 'y']], designWeights: [1, 1], responded: [1, 0] });
    expect(ok.cells).to.have.length(1);
    expect(ok.cells[0]).to.deep.include({ cell: 'A | x + A | y', factor: 2, belowThreshold: true });
    expect(() => nonresponseAdjustment({ cells: [['B', 'x']], designWeights: [1], responded: [0] })).to.throw(/'B \| x' .* no respondent/);
    expect(() => nonresponseAdjustment({ cells: [['B', 'x']], designWeights: [1], responded: [2] })).to.throw(/response flag '2'/);
  });
});
