import { expect } from 'chai';
import { householdIdMint, MAX_HOUSEHOLDS_PER_IMPORT } from './ids';

describe('householdIdMint: the one scheme for pseudonymous household ids', () => {
  it("gives 'P' + 16 Crockford base32 characters: import part, rank, random tail", () => {
    const mint = householdIdMint();
    const first = mint.at(0);
    expect(first).to.match(/^P[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(first.slice(6, 11)).to.equal('00000');
    expect(mint.at(33).slice(6, 11)).to.equal('00011');
    expect(mint.at(MAX_HOUSEHOLDS_PER_IMPORT - 1).slice(6, 11)).to.equal('ZZZZZ');
    // One import shares its part; two imports almost surely differ (25 random bits).
    expect(mint.at(5).slice(0, 6)).to.equal(first.slice(0, 6));
  });

  it('ids of one import grow with rank, so a store writing in rank order appends to its indexes', () => {
    const mint = householdIdMint();
    const ids = [0, 1, 2, 31, 32, 1000, 20_000, 1_000_000].map((k) => mint.at(k));
    expect([...ids].sort()).to.deep.equal(ids);
  });

  it('next() draws ranks at random without repeating one', () => {
    const mint = householdIdMint();
    const ids = Array.from({ length: 50_000 }, () => mint.next());
    expect(new Set(ids).size).to.equal(ids.length);
    expect(new Set(ids.map((id) => id.slice(6, 11))).size).to.equal(ids.length);
    // Drawn at random, not in order: far from sorted.
    const ascending = ids.slice(1).filter((id, i) => id > ids[i]!).length;
    expect(ascending / ids.length).to.be.within(0.45, 0.55);
  });

  it('refuses a rank outside 0..2^25 − 1', () => {
    const mint = householdIdMint();
    for (const rank of [-1, 1.5, MAX_HOUSEHOLDS_PER_IMPORT, Number.NaN]) expect(() => mint.at(rank)).to.throw(RangeError, /rank must be an integer/);
  });
});
