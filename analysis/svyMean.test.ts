import { expect } from 'chai';
import { loadFixtureCsv, loadReference, relDiff } from '../fixtures/analysis/load';
import { svyDesign } from './svyDesign';
import { svyMean } from './svyMean';
import { svyTotal } from './svyTotal';

const ref = loadReference().apistrat;
const apistrat = loadFixtureCsv('apistrat.csv');
const design = svyDesign({ data: apistrat, strata: 'stype', weights: 'pw', fpc: 'fpc' });

function expectClose(actual: number, expected: number, rel: number, what: string): void {
  expect(relDiff(actual, expected), `${what}: ${actual} vs R ${expected}`).to.be.at.most(rel);
}

function expectLikeR(actual: { estimate: number; se: number; ciLow: number; ciHigh: number }, r: any, what: string): void {
  expectClose(actual.estimate, r.estimate, 1e-12, `${what} estimate`);
  expectClose(actual.se, r.se, 1e-10, `${what} se`);
  expectClose(actual.ciLow, r.ci_low, 1e-12, `${what} ci_low`);
  expectClose(actual.ciHigh, r.ci_high, 1e-12, `${what} ci_high`);
}

describe('svyMean / svyTotal on apistrat (R survey reference)', () => {
  it('svymean(~api00) = 662.29, SE 9.41 in full precision', () => {
    const m = svyMean(design, 'api00');
    expectLikeR(m, ref.mean_api00, 'mean api00');
    expect(m.n).to.equal(200);
    expect(m.estimate.toFixed(2)).to.equal('662.29');
    expect(m.se.toFixed(2)).to.equal('9.41');
  });

  it('svytotal(~enroll)', () => {
    expectLikeR(svyTotal(design, 'enroll'), ref.total_enroll, 'total enroll');
  });

  it('handles missing answers like na.rm = TRUE (acs.k3 is NA for many schools)', () => {
    const m = svyMean(design, 'acs.k3');
    expect(m.n).to.be.lessThan(200);
    expectLikeR(m, ref.mean_acs_k3_narm, 'mean acs.k3');
    expectLikeR(svyTotal(design, 'acs.k3'), ref.total_acs_k3_narm, 'total acs.k3');
  });

  it('names the row of a non-numeric answer', () => {
    expect(() => svyMean(design, 'cname')).to.throw(/variable 'cname' in data row 1 is not a number/);
    expect(() => svyMean(design, 'nope')).to.throw(/no column 'nope'/);
  });

  it('lonely stratum: fails like R by default, adjust and certainty match R', () => {
    const rows = (ref.lonely.rows_one_based as number[]).map((i) => apistrat[i - 1]);
    const fail = svyDesign({ data: rows, strata: 'stype', weights: 'pw', fpc: 'fpc' });
    expect(() => svyMean(fail, 'api00')).to.throw(/stratum 'H' has only one sampled unit/);
    expect(ref.lonely.fail_message).to.match(/Stratum \(H\) has only one PSU/);
    const adjust = svyDesign({ data: rows, strata: 'stype', weights: 'pw', fpc: 'fpc', lonelyStratum: 'adjust' });
    expectLikeR(svyMean(adjust, 'api00'), ref.lonely.adjust, 'adjust');
    const certainty = svyDesign({ data: rows, strata: 'stype', weights: 'pw', fpc: 'fpc', lonelyStratum: 'certainty' });
    expectLikeR(svyMean(certainty, 'api00'), ref.lonely.certainty, 'certainty');
  });

  it('a stratum sampled completely (n_h = N_h) contributes no variance', () => {
    const rows = [
      { h: 'a', w: 1, N: 2, y: 1 }, { h: 'a', w: 1, N: 2, y: 3 },
      { h: 'b', w: 2, N: 4, y: 2 }, { h: 'b', w: 2, N: 4, y: 6 },
    ];
    const d = svyDesign({ data: rows, strata: 'h', weights: 'w', fpc: 'N' });
    // stratum a is a census; stratum b: f = 1/2, n/(n−1) = 2, u = w(y − ȳ)/W with ȳ = 20/6, W = 6
    const ybar = 20 / 6;
    const u = [(2 * (2 - ybar)) / 6, (2 * (6 - ybar)) / 6];
    const mean = (u[0] + u[1]) / 2;
    const expected = 0.5 * 2 * ((u[0] - mean) ** 2 + (u[1] - mean) ** 2);
    const m = svyMean(d, 'y');
    expect(m.estimate).to.be.closeTo(ybar, 1e-15);
    expect(m.se ** 2).to.be.closeTo(expected, 1e-15);
  });

  it('rejects bad designs with a sentence naming the row', () => {
    expect(() => svyDesign({ data: [{ w: '-1', h: 'a' }], weights: 'w', strata: 'h' })).to.throw(/data row 1 must be positive/);
    expect(() => svyDesign({ data: [{ w: 'x' }], weights: 'w' })).to.throw(/design weight 'w' in data row 1 is not a number/);
    expect(() => svyDesign({ data: [{ w: 1, N: 10, h: 'a' }, { w: 1, N: 11, h: 'a' }], weights: 'w', strata: 'h', fpc: 'N' })).to.throw(/varies within stratum 'a'/);
    expect(() => svyDesign({ data: [{ w: 1, N: 1, h: 'a' }, { w: 1, N: 1.5, h: 'a' }], weights: 'w', strata: 'h', fpc: 'N' })).to.throw(/varies/);
  });
});
