import { expect } from 'chai';
import fc from 'fast-check';
import {
  boundedAllocation,
  distributeByWeight,
  equalAllocation,
  grossUp,
  largestRemainder,
  neymanAllocation,
  powerAllocation,
  proportionalAllocation,
} from './index';

describe('allocation formulas', () => {
  it('follow the doc examples', () => {
    expect(proportionalAllocation(10, [60, 40])).to.deep.equal([6, 4]);
    expect(equalAllocation(9, [100, 50, 20])).to.deep.equal([3, 3, 3]);
    expect(neymanAllocation(10, [100, 100], [1, 4])).to.deep.equal([2, 8]);
    const power = powerAllocation(10, [400, 100], 0.5);
    expect(power[0]).to.be.closeTo(20 / 3, 1e-12);
    expect(distributeByWeight(10, [3, 1, 1])).to.deep.equal([6, 2, 2]);
    expect(grossUp([100, 50], [0.5, 0.25], [1000, 1000]).gross).to.deep.equal([200, 200]);
  });

  it('power allocation spans equal (q = 0) to proportional (q = 1)', () => {
    const sizes = [500, 300, 200];
    expect(powerAllocation(30, sizes, 1)).to.deep.equal(proportionalAllocation(30, sizes));
    expect(powerAllocation(30, sizes, 0)).to.deep.equal(equalAllocation(30, sizes));
  });

  it('reject invalid inputs', () => {
    expect(() => proportionalAllocation(5, [1, 2])).to.throw(RangeError, /exceeds the population/);
    expect(() => neymanAllocation(5, [10, 20], [1])).to.throw(RangeError, /2 stratum sizes but 1 standard deviations/);
    expect(() => powerAllocation(5, [10, 20], 2)).to.throw(RangeError, /q must lie/);
    expect(() => distributeByWeight(5, [0, 0])).to.throw(RangeError, /weight 0/);
    expect(() => equalAllocation(0, [])).to.throw(RangeError, /at least one stratum/);
  });
});

describe('largestRemainder', () => {
  it('breaks ties by remainder, then N_h, then stratum order', () => {
    expect(largestRemainder([2.5, 2.5, 5])).to.deep.equal([3, 2, 5]);
    expect(largestRemainder([2.5, 2.5, 5], [10, 20, 30])).to.deep.equal([2, 3, 5]);
    expect(largestRemainder([1.2, 1.7, 2.1])).to.deep.equal([1, 2, 2]);
  });

  it('does not lose a unit to floating-point noise', () => {
    expect(largestRemainder([2.9999999999999996, 7.0000000000000004])).to.deep.equal([3, 7]);
  });

  it('always sums to the total and stays within ⌊x⌋…⌈x⌉ (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10000 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 500 }), (sizes, n) => {
        const N = sizes.reduce((a, b) => a + b, 0);
        const total = Math.min(n, N);
        const exact = proportionalAllocation(total, sizes);
        const rounded = largestRemainder(exact, sizes);
        expect(rounded.reduce((a, b) => a + b, 0)).to.equal(total);
        rounded.forEach((r, h) => expect(r).to.be.within(Math.floor(exact[h] - 1e-9), Math.ceil(exact[h] + 1e-9)));
      }),
    );
  });

  it('rejects non-integer totals and negative values', () => {
    expect(() => largestRemainder([1.5, 1])).to.throw(RangeError, /not an integer total/);
    expect(() => largestRemainder([-1, 2])).to.throw(RangeError, /≥ 0/);
  });
});

describe('boundedAllocation', () => {
  it('follows the doc example', () => {
    expect(boundedAllocation(10, [1, 1, 8], [0, 0, 0], [100, 100, 4]).exact).to.deep.equal([3, 3, 4]);
  });

  it('fixes the side the final solution lies on when both bounds are violated', () => {
    // λ = 100/12: stratum 0 wants 8.33 < min 20 (shortfall 11.67); stratum 2 wants 83.3 > max 70 (excess 13.3).
    const { exact, bound } = boundedAllocation(100, [1, 1, 10], [20, 0, 0], [100, 100, 70]);
    expect(exact[0] + exact[1] + exact[2]).to.be.closeTo(100, 1e-12);
    expect(bound).to.deep.equal(['min', null, 'max']);
    expect(exact).to.deep.equal([20, 10, 70]);
  });

  it('is clamp(λ·a_h, lower_h, upper_h) with Σ = n (property)', () => {
    // Once found by a random run: a stratum with minimum = maximum = 0 next to a free one.
    const pinned = boundedAllocation(1, [0.01, 0.01], [0, 0], [0, 2]);
    expect(pinned.exact).to.deep.equal([0, 1]);
    expect(pinned.bound).to.deep.equal(['max', null]);
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.double({ min: 0.01, max: 100, noNaN: true }), lo: fc.integer({ min: 0, max: 5 }), span: fc.integer({ min: 0, max: 50 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (strata, share) => {
          const lower = strata.map((s) => s.lo);
          const upper = strata.map((s) => s.lo + s.span);
          const lo = lower.reduce((a, b) => a + b, 0);
          const hi = upper.reduce((a, b) => a + b, 0);
          const n = Math.round(lo + share * (hi - lo));
          const { exact } = boundedAllocation(n, strata.map((s) => s.a), lower, upper);
          expect(exact.reduce((a, b) => a + b, 0)).to.be.closeTo(n, 1e-9 * Math.max(1, n));
          // Free strata share one ratio λ = n_h / a_h, fixed strata sit at a bound consistent with λ.
          const free = exact.map((x, h) => ({ x, h })).filter(({ x, h }) => x > lower[h] + 1e-9 && x < upper[h] - 1e-9);
          if (free.length > 0) {
            const lambda = free[0].x / strata[free[0].h].a;
            for (const { x, h } of free) expect(x / strata[h].a).to.be.closeTo(lambda, 1e-9 * lambda + 1e-12);
            exact.forEach((x, h) => {
              // A stratum with lower_h = upper_h sits at both bounds: any λ is consistent with it.
              const atLower = x <= lower[h] + 1e-9;
              const atUpper = x >= upper[h] - 1e-9;
              if (atLower && !atUpper) expect(lambda * strata[h].a).to.be.at.most(lower[h] + 1e-6);
              if (atUpper && !atLower) expect(lambda * strata[h].a).to.be.at.least(upper[h] - 1e-6);
            });
          }
        },
      ),
    );
  });

  it('explains infeasible bounds', () => {
    expect(() => boundedAllocation(10, [1, 1], [6, 6], [10, 10])).to.throw(RangeError, /minimums add up to 12/);
    expect(() => boundedAllocation(30, [1, 1], [0, 0], [10, 10])).to.throw(RangeError, /at most 20 units/);
    expect(() => boundedAllocation(5, [1, 1], [4, 0], [3, 10], ['A', 'B'])).to.throw(RangeError, /stratum 'A' has minimum 4 above its maximum 3/);
  });
});
