import { expect } from 'chai';
import { disclosureControl } from './disclosureControl';

describe('disclosureControl', () => {
  it('suppresses n < 10, flags n < 30 or CV > 30 %, passes the rest', () => {
    const out = disclosureControl([
      { domain: 'A', n: 9, estimate: 0.4, se: 0.01, ciLow: 0.38, ciHigh: 0.42 },
      { domain: 'B', n: 29, estimate: 0.4, se: 0.01 },
      { domain: 'C', n: 200, estimate: 0.1, se: 0.031 },
      { domain: 'D', n: 200, estimate: 0.1, se: 0.03 },
      { domain: 'E', n: 30, estimate: 0, se: 0 },
    ]);
    expect(out[0]).to.deep.include({ domain: 'A', estimate: null, se: null, ciLow: null, ciHigh: null, flag: 'suppressed' });
    expect(out[0].reason).to.match(/fewer than 10/);
    expect(out[1]).to.deep.include({ flag: 'caution', estimate: 0.4 });
    expect(out[1].reason).to.match(/fewer than 30/);
    expect(out[2].flag).to.equal('caution');
    expect(out[2].reason).to.match(/coefficient of variation 31\.0 %/);
    expect(out[3]).to.deep.include({ flag: 'ok', reason: '' });
    expect(out[3].cv).to.be.closeTo(0.3, 1e-15);
    expect(out[4]).to.deep.include({ flag: 'ok', cv: 0 });
  });
  it('honours custom thresholds and rejects inconsistent ones', () => {
    expect(disclosureControl([{ n: 12, estimate: 1, se: 0.1 }], { minN: 15 })[0].flag).to.equal('suppressed');
    expect(() => disclosureControl([], { minN: 40, cautionN: 30 })).to.throw(/minN ≤ cautionN/);
  });
});
