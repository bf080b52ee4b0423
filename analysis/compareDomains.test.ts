import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { loadFixtureCsv, relDiff } from '../fixtures/analysis/load';
import { calibrate } from './calibrate';
import { changeBetweenWaves } from './changeBetweenWaves';
import { compareDomains, normalCdf, twoSidedPValue } from './compareDomains';
import { populationMargins } from './populationMargins';
import { svyDesign } from './svyDesign';

interface ContrastRef {
  design: 'd_design' | 'd_rake';
  variable: string;
  domain: string;
  versus: string | null;
  estimate_a: number;
  estimate_b: number;
  se_a: number;
  se_b: number;
  difference: number;
  se: number;
  z: number;
  p_value: number;
}
const reference = JSON.parse(readFileSync(new URL('../fixtures/r/indicators/contrasts-reference.json', import.meta.url), 'utf8')) as {
  contrasts: ContrastRef[];
  pnorm: { z: number; p: number }[];
};

describe('compareDomains (district vs rest) against R svycontrast', () => {
  const rows = loadFixtureCsv('gera_respondents.csv').map((r) => ({ ...r, single_parent: r.household_type === 'single_parent' ? 1 : 0 }));
  const design = svyDesign({ data: rows, strata: 'district', weights: 'design_weight', fpc: 'N_h' });
  const raked = calibrate(design, { margins: populationMargins(loadFixtureCsv('gera_margins.csv')), calfun: 'raking', tolerance: 1e-13, maxIterations: 100 });
  const designs = { d_design: design, d_rake: raked };

  it(`reproduces ${reference.contrasts.length} R contrasts (difference, SE, z, p) to 1e-8`, () => {
    expect(reference.contrasts.length).to.equal(78);
    for (const ref of reference.contrasts) {
      const label = `${ref.design} ${ref.variable} ${ref.domain} vs ${ref.versus ?? 'rest'}`;
      const c = compareDomains(designs[ref.design], ref.variable, 'district', ref.domain, ref.versus ? { versus: ref.versus } : {});
      expect(relDiff(c.estimateA, ref.estimate_a), label).to.be.below(1e-10);
      expect(relDiff(c.estimateB, ref.estimate_b), label).to.be.below(1e-10);
      expect(relDiff(c.difference, ref.difference), label).to.be.below(1e-8);
      expect(relDiff(c.se, ref.se), label).to.be.below(1e-8);
      expect(relDiff(c.z, ref.z), label).to.be.below(1e-8);
      expect(Math.abs(c.pValue - ref.p_value), label).to.be.below(1e-8);
      expect(c.ciHigh - c.difference).to.be.closeTo(1.959963984540054 * c.se, 1e-12);
    }
  });

  it('names unknown domains and empty sides', () => {
    expect(() => compareDomains(design, 'needs_childcare', 'district', 'Atlantis')).to.throw(/no domain 'Atlantis'/);
    expect(() => compareDomains(design, 'needs_childcare', 'district', 'Gera-Ost', { versus: 'Gera-Ost' })).to.throw(/itself/);
  });
});

describe('normalCdf / twoSidedPValue against R pnorm', () => {
  it('matches pnorm to 1e-14 absolute and 1e-12 relative in the tails', () => {
    for (const { z, p } of reference.pnorm) {
      expect(Math.abs(normalCdf(z) - p), `z = ${z}`).to.be.below(1e-14);
      if (p > 0 && p < 0.5) expect(relDiff(normalCdf(z), p), `z = ${z}`).to.be.below(1e-12);
    }
    expect(twoSidedPValue(1.959963984540054)).to.be.closeTo(0.05, 1e-15);
  });
});

describe('changeBetweenWaves (independent samples)', () => {
  it('uses √(se₁² + se₂²) and a normal test', () => {
    const c = changeBetweenWaves({ estimate: 0.3, se: 0.03 }, { estimate: 0.24, se: 0.04 });
    expect(c.change).to.be.closeTo(-0.06, 1e-15);
    expect(c.se).to.be.closeTo(0.05, 1e-15);
    expect(c.z).to.be.closeTo(-1.2, 1e-12);
    expect(c.pValue).to.be.closeTo(0.23013934044341544, 1e-12); // R: 2 * pnorm(-1.2)
    expect(c.assumption).to.equal('independent-samples');
    expect(() => changeBetweenWaves({ estimate: 0.3, se: -1 }, { estimate: 0.2, se: 0.1 })).to.throw(/previous wave/);
  });
});
