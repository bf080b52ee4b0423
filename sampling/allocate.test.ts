import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { allocate, type AllocationMethod } from './allocate';

interface ReferenceCase {
  set: string;
  method: AllocationMethod;
  q: number | null;
  n: number;
  min: number | null;
  max: number | null;
  strata: string[];
  N: number[];
  S: number[];
  exact: number[];
  allocation: number[];
}

const reference = JSON.parse(readFileSync(new URL('../fixtures/r/sampling/allocation-reference.json', import.meta.url), 'utf8')) as {
  cases: ReferenceCase[];
};

function expectRelativelyClose(actual: number[], expected: number[], what: string): void {
  expect(actual).to.have.length(expected.length);
  actual.forEach((x, h) => {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected[h]));
    expect(Math.abs(x - expected[h]), `${what}[${h}]: ${x} vs R ${expected[h]}`).to.be.at.most(tolerance);
  });
}

describe('allocate vs R reference (fixtures/r/sampling/allocation.R)', () => {
  it('covers every method on several strata sets', () => {
    expect(reference.cases.length).to.be.at.least(40);
    expect(new Set(reference.cases.map((c) => c.method))).to.have.property('size', 4);
  });

  for (const c of reference.cases) {
    it(`${c.set}: ${c.method}${c.q === null ? '' : ` q=${c.q}`}`, () => {
      const result = allocate({
        n: c.n,
        method: c.method,
        ...(c.q === null ? {} : { q: c.q }),
        strata: c.strata.map((stratum, h) => ({
          stratum,
          N: c.N[h],
          S: c.S[h],
          ...(c.min === null ? {} : { min: c.min }),
          ...(c.max === null ? {} : { max: c.max }),
        })),
      });
      expectRelativelyClose(result.strata.map((s) => s.exact), c.exact, 'exact');
      expect(result.strata.map((s) => s.allocation)).to.deep.equal(c.allocation);
      expect(result.strata.reduce((a, s) => a + s.allocation, 0)).to.equal(c.n);
      expect(result.strata.map((s) => s.stratum)).to.deep.equal(c.strata);
    });
  }
});

describe('allocate', () => {
  const strata = [
    { stratum: 'Stadtmitte', N: 1100 },
    { stratum: 'Lusan-Brüte', N: 500 },
  ];

  it('matches the doc example', () => {
    const r = allocate({ strata: [{ stratum: 'A', N: 600 }, { stratum: 'B', N: 400 }], n: 10, method: 'proportional' });
    expect(r.strata.map((s) => [s.exact, s.allocation])).to.deep.equal([
      [6, 6],
      [4, 4],
    ]);
  });

  it('marks strata fixed at a bound', () => {
    const r = allocate({ strata: [{ stratum: 'A', N: 1000 }, { stratum: 'B', N: 10 }], n: 100, method: 'equal' });
    expect(r.strata.map((s) => s.bound)).to.deep.equal([null, 'max']);
    expect(r.strata.map((s) => s.allocation)).to.deep.equal([90, 10]);
    const withMin = allocate({ strata: [{ stratum: 'A', N: 1000, min: 0 }, { stratum: 'B', N: 20, min: 15 }], n: 100, method: 'proportional' });
    expect(withMin.strata.map((s) => [s.allocation, s.bound])).to.deep.equal([
      [85, null],
      [15, 'min'],
    ]);
  });

  it('grosses up for response rates and caps only on request', () => {
    const r = allocate({
      strata: [
        { stratum: 'A', N: 1000, responseRate: 0.4 },
        { stratum: 'B', N: 1000, responseRate: 0.3 },
      ],
      n: 120,
      method: 'equal',
    });
    expect(r.strata.map((s) => s.gross)).to.deep.equal([150, 200]);
    expect(r.strata.map((s) => s.expectedNet)).to.deep.equal([60, 60]);
    const tight = { strata: [{ stratum: 'A', N: 100, responseRate: 0.3 }, { stratum: 'B', N: 1000, responseRate: 0.5 }], n: 100, method: 'equal' as const };
    expect(() => allocate(tight)).to.throw(RangeError, /stratum 'A' needs 167 invitations for 50 expected responses at response rate 0.3, but has only N = 100/);
    const capped = allocate({ ...tight, capGross: true });
    expect(capped.strata[0]).to.include({ gross: 100, grossCapped: true, expectedNet: 30 });
    expect(() => allocate({ strata: [{ stratum: 'A', N: 10, responseRate: 0 }], n: 1, method: 'equal' })).to.throw(RangeError, /response rate.*\(0, 1\]/);
    expect(() => allocate({ strata: [{ stratum: 'A', N: 10, responseRate: 0.5 }, { stratum: 'B', N: 10 }], n: 2, method: 'equal' })).to.throw(
      RangeError,
      /every stratum or for none/,
    );
  });

  describe('errors a planner can act on', () => {
    it('n larger than the population', () => {
      expect(() => allocate({ strata, n: 1601, method: 'proportional' })).to.throw(RangeError, /n = 1601 exceeds the population \(ΣN_h = 1600\)/);
    });
    it('minimums that cannot be met', () => {
      expect(() => allocate({ strata: strata.map((s) => ({ ...s, min: 60 })), n: 100, method: 'proportional' })).to.throw(
        RangeError,
        /minimums add up to 120, more than the sample size n = 100/,
      );
    });
    it('a zero-size stratum with a minimum', () => {
      expect(() => allocate({ strata: [...strata, { stratum: 'Leer', N: 0, min: 5 }], n: 100, method: 'equal' })).to.throw(
        RangeError,
        /stratum 'Leer' has N = 0 but a minimum of 5 units/,
      );
    });
    it('a minimum above the stratum size', () => {
      expect(() => allocate({ strata: [{ stratum: 'A', N: 3, min: 5 }, { stratum: 'B', N: 100 }], n: 10, method: 'equal' })).to.throw(
        RangeError,
        /stratum 'A' has minimum 5 but only N = 3 units/,
      );
    });
    it('maximums that make n unreachable', () => {
      expect(() => allocate({ strata: strata.map((s) => ({ ...s, max: 40 })), n: 100, method: 'equal' })).to.throw(RangeError, /at most 80 units/);
    });
    it('negative and fractional sizes', () => {
      expect(() => allocate({ strata: [{ stratum: 'A', N: -5 }], n: 0, method: 'equal' })).to.throw(RangeError, /stratum 'A' has size N = -5/);
      expect(() => allocate({ strata: [{ stratum: 'A', N: 2.5 }], n: 1, method: 'equal' })).to.throw(RangeError, /stratum 'A' has size N = 2.5/);
    });
    it('q outside [0, 1] or missing', () => {
      expect(() => allocate({ strata, n: 10, method: 'power', q: 1.5 })).to.throw(RangeError, /q must lie in \[0, 1\], got 1.5/);
      expect(() => allocate({ strata, n: 10, method: 'power', q: -0.1 })).to.throw(RangeError, /q must lie in \[0, 1\]/);
      expect(() => allocate({ strata, n: 10, method: 'power' })).to.throw(RangeError, /needs the exponent q/);
    });
    it('unknown method', () => {
      expect(() => allocate({ strata, n: 10, method: 'optimal' as AllocationMethod })).to.throw(RangeError, /unknown allocation method 'optimal'/);
    });
    it('duplicate stratum names', () => {
      expect(() => allocate({ strata: [...strata, { stratum: 'Stadtmitte', N: 3 }], n: 10, method: 'equal' })).to.throw(
        RangeError,
        /stratum 'Stadtmitte' appears more than once/,
      );
    });
    it('Neyman without S, negative S, bad n', () => {
      expect(() => allocate({ strata, n: 10, method: 'neyman' })).to.throw(RangeError, /Neyman allocation needs S for every stratum; stratum 'Stadtmitte'/);
      expect(() => allocate({ strata: strata.map((s) => ({ ...s, S: -1 })), n: 10, method: 'neyman' })).to.throw(RangeError, /S = -1/);
      expect(() => allocate({ strata: strata.map((s) => ({ ...s, S: 0 })), n: 10, method: 'neyman' })).to.throw(RangeError, /2 strata have allocation weight 0/);
      expect(() => allocate({ strata, n: 10.5, method: 'equal' })).to.throw(RangeError, /non-negative integer/);
      expect(() => allocate({ strata: [], n: 0, method: 'equal' })).to.throw(RangeError, /at least one stratum/);
    });
  });
});
