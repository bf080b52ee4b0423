import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { allocate, kishDesignEffect, precisionPreview, proportionStandardError, Z_95 } from './index';

interface PrecisionCase {
  name: string;
  strata: string[];
  N: number[];
  n: number[];
  p: number[];
  se: number[];
  overall_p: number;
  overall_se: number;
  kish_deff: number;
}
const reference = JSON.parse(readFileSync(new URL('../fixtures/r/sampling/precision-reference.json', import.meta.url), 'utf8')) as { cases: PrecisionCase[] };
const close = (actual: number, expected: number, what: string) =>
  expect(Math.abs(actual - expected), `${what}: ${actual} vs R ${expected}`).to.be.at.most(1e-9 * Math.abs(expected));

describe('precisionPreview vs R survey (fixtures/r/sampling/precision.R)', () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      const preview = precisionPreview(
        // p_h = k_h / n_h exactly, as in the R sample.
        c.strata.map((stratum, h) => ({ stratum, N: c.N[h], n: c.n[h], p: Math.round(c.p[h] * c.n[h]) / c.n[h] })),
      );
      preview.strata.forEach((s, h) => {
        close(s.se, c.se[h], `SE ${s.stratum}`);
        close(s.halfWidth, Z_95 * c.se[h], `half-width ${s.stratum}`);
      });
      close(preview.overall.se, c.overall_se, 'overall SE');
      close(preview.overall.p, c.overall_p, 'overall p');
      close(preview.overall.deffKish, c.kish_deff, 'Kish deff');
      close(preview.overall.effectiveN, c.n.reduce((a, b) => a + b, 0) / c.kish_deff, 'effective n');
    });
  }
});

describe('precision helpers', () => {
  it('follow the doc examples', () => {
    expect(proportionStandardError(100, 1000, 0.5)).to.be.closeTo(Math.sqrt((0.9 * 0.25) / 99), 1e-15);
    expect(kishDesignEffect([1, 1, 4])).to.equal(1.5);
    expect(precisionPreview([{ stratum: 'A', N: 1000, n: 100 }]).strata[0].halfWidth).to.be.closeTo(0.0934, 1e-4);
  });

  it('Kish deff of the preview equals kishDesignEffect on the unit weights', () => {
    const N = [1100, 500, 80];
    const n = [100, 100, 40];
    const weights = n.flatMap((nh, h) => Array.from({ length: nh }, () => N[h] / nh));
    const preview = precisionPreview(N.map((Nh, h) => ({ stratum: `S${h}`, N: Nh, n: n[h] })));
    expect(preview.overall.deffKish).to.be.closeTo(kishDesignEffect(weights), 1e-12);
  });

  it('handles census, tiny and empty strata', () => {
    expect(proportionStandardError(50, 50)).to.equal(0);
    expect(proportionStandardError(1, 50)).to.equal(Infinity);
    const preview = precisionPreview([
      { stratum: 'A', N: 100, n: 0 },
      { stratum: 'B', N: 0, n: 0 },
      { stratum: 'C', N: 100, n: 10 },
    ]);
    expect(preview.overall.se).to.equal(Infinity);
    expect(preview.overall.deffKish).to.equal(Infinity);
    expect(() => precisionPreview([{ stratum: 'A', N: 10, n: 11 }])).to.throw(RangeError, /'A' has expected n = 11 above its N = 10/);
    expect(() => proportionStandardError(10, 100, 1.2)).to.throw(RangeError, /\[0, 1\]/);
    expect(() => kishDesignEffect([])).to.throw(RangeError);
    expect(() => kishDesignEffect([1, -1])).to.throw(RangeError, /weight #2/);
  });

  it('previews an allocation with gross-up: expected net n from response rates', () => {
    const result = allocate({
      strata: [
        { stratum: 'Stadtmitte', N: 1100, responseRate: 0.35 },
        { stratum: 'Lusan-Brüte', N: 500, responseRate: 0.25 },
      ],
      n: 200,
      method: 'equal',
    });
    const preview = precisionPreview(result.strata.map((s) => ({ stratum: s.stratum, N: s.N, n: s.expectedNet as number })));
    expect(preview.strata.map((s) => s.n)).to.deep.equal([Math.ceil(100 / 0.35) * 0.35, 100]);
    expect(preview.strata[1].se).to.be.closeTo(Math.sqrt(((1 - 100 / 500) * 0.25) / 99), 1e-15);
  });
});
