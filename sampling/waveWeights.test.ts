import { expect } from 'chai';
import { waveWeights, type WaveStratumCounts } from './index';

const district = (over: Partial<WaveStratumCounts> = {}): WaveStratumCounts => ({
  stratum: 'Lusan-Brüte',
  N: 1000,
  eligible: 900,
  panel: 40,
  refreshment: 60,
  previousContacted: 100,
  retained: 40,
  previousWeight: 10,
  ...over,
});

describe('waveWeights', () => {
  it('gives the parts their own weights and every household the combined N_h / (p_h + m_h)', () => {
    const [w] = waveWeights([district()]);
    expect(w).to.deep.equal({
      stratum: 'Lusan-Brüte',
      N: 1000,
      panel: 40,
      refreshment: 60,
      retention: 0.4,
      panelWeight: 25,
      refreshmentWeight: 15,
      lambda: 0.4,
      inclusionProbability: 0.1,
      designWeight: 10,
    });
  });

  it('equals the composite λ·N/p for stayers and (1 − λ)·N/m for the refreshment', () => {
    for (const [panel, refreshment] of [
      [7, 13],
      [1, 0],
      [0, 9],
      [123, 45],
    ]) {
      const [w] = waveWeights([district({ N: 5000, eligible: 4800, panel, refreshment, retained: Math.min(panel, 100) })]);
      if (panel > 0) expect((w!.lambda! * 5000) / panel).to.be.closeTo(w!.designWeight!, 1e-12);
      if (refreshment > 0) expect(((1 - w!.lambda!) * 5000) / refreshment).to.be.closeTo(w!.designWeight!, 1e-12);
      // The weights of the contacted households add up to the district size.
      expect(w!.designWeight! * (panel + refreshment)).to.be.closeTo(5000, 1e-9);
    }
  });

  it('handles a district without previous contacts and one without anybody to contact', () => {
    const [fresh, empty] = waveWeights([
      district({ stratum: 'Neubaugebiet', previousContacted: 0, retained: 0, previousWeight: null, panel: 0, refreshment: 5, N: 50, eligible: 50 }),
      district({ stratum: 'Leer', panel: 0, refreshment: 0, retained: 0 }),
    ]);
    expect(fresh).to.include({ retention: null, panelWeight: null, refreshmentWeight: 10, lambda: 0, designWeight: 10 });
    expect(empty).to.include({ retention: 0, panelWeight: null, refreshmentWeight: null, lambda: null, designWeight: null, inclusionProbability: null });
  });

  it('refuses impossible counts with the district named', () => {
    expect(() => waveWeights([district({ panel: 500, refreshment: 501 })])).to.throw(RangeError, /'Lusan-Brüte' contacts 1001 households \(panel 500 \+ refreshment 501\), more than its N = 1000/);
    expect(() => waveWeights([district({ refreshment: 901, panel: 0 })])).to.throw(RangeError, /refreshment of 901, more than its 900 eligible/);
    expect(() => waveWeights([district({ eligible: 1001 })])).to.throw(RangeError, /1001 eligible households, more than its N = 1000/);
    expect(() => waveWeights([district({ retained: 101 })])).to.throw(RangeError, /retains 101 households of only 100/);
    expect(() => waveWeights([district({ panel: 1.5 })])).to.throw(RangeError, /panel must be a non-negative integer, got 1.5/);
    expect(() => waveWeights([district({ previousWeight: null })])).to.throw(RangeError, /previous weight null/);
  });
});
