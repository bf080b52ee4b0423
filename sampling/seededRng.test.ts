import { expect } from 'chai';
import { PRNG_NAME, createRng } from './seededRng';

describe('createRng', () => {
  it('pins the first outputs for seed 42 (catches a changed generator stream)', () => {
    const rng = createRng(42);
    expect(rng.name).to.equal(PRNG_NAME);
    expect(Array.from({ length: 5 }, () => rng.nextUint32())).to.deep.equal([3178835261, 774687336, 344193824, 1886692600, 422950942]);
  });

  it('pins derived integers and floats for seed 42', () => {
    const rng = createRng(42);
    expect(rng.uniformInt(10)).to.equal(1);
    expect(rng.uniform()).to.equal(0.18037094980581747);
  });

  it('draws uniform integers in [0, k) without bias', () => {
    const rng = createRng(7);
    const k = 6;
    const counts = new Array(k).fill(0);
    const draws = 60000;
    for (let i = 0; i < draws; i++) counts[rng.uniformInt(k)]++;
    const expected = draws / k;
    const se = Math.sqrt(draws * (1 / k) * (1 - 1 / k));
    for (const c of counts) expect(Math.abs(c - expected)).to.be.below(4 * se);
    expect(createRng(1).uniformInt(1)).to.equal(0);
  });

  it('handles large ranges and rejects invalid range sizes', () => {
    // k = 2^31 + 1 rejects almost half of all raw outputs; the expected number of draws stays below 2.
    const x = createRng(3).uniformInt(2 ** 31 + 1);
    expect(x).to.be.within(0, 2 ** 31);
    expect(() => createRng(3).uniformInt(0)).to.throw(RangeError);
    expect(() => createRng(3).uniformInt(2.5)).to.throw(RangeError);
  });

  it('draws floats in [0, 1)', () => {
    const rng = createRng(9);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const u = rng.uniform();
      expect(u).to.be.at.least(0).and.below(1);
      sum += u;
    }
    expect(sum / 10000).to.be.closeTo(0.5, 0.02);
  });

  it('rejects seeds that are not 32-bit unsigned integers', () => {
    expect(() => createRng(-1)).to.throw(RangeError, /seed/);
    expect(() => createRng(1.5)).to.throw(RangeError, /seed/);
    expect(() => createRng(2 ** 32)).to.throw(RangeError, /seed/);
    expect(createRng(2 ** 32 - 1).nextUint32()).to.be.a('number');
  });
});

describe('createRng seeding', () => {
  it('gives unrelated first numbers for consecutive seeds', () => {
    const firsts = Array.from({ length: 200 }, (_, seed) => createRng(seed).uniform());
    const mean = firsts.reduce((a, b) => a + b, 0) / firsts.length;
    expect(mean).to.be.closeTo(0.5, 0.1);
    expect(firsts.filter((u) => u > 0.99).length).to.be.below(10);
  });
});
