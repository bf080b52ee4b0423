import { expect } from 'chai';
import { loadFixtureCsv } from '../fixtures/analysis/load';
import { calibrate } from './calibrate';
import { domainIndex } from './domainIndex';
import { populationMargins } from './populationMargins';
import { svyDesign } from './svyDesign';
import { weightDiagnostics } from './weightDiagnostics';

describe('weightDiagnostics', () => {
  it('computes Kish deff = n·Σw²/(Σw)², effective n, CV, min/max', () => {
    const d = weightDiagnostics([1, 1, 2, 4], { population: 10 }).overall;
    expect(d).to.deep.include({ n: 4, sumWeights: 8, min: 1, max: 4, mean: 2, kishDeff: (4 * 22) / 64, population: 10, ratioToPopulation: 0.8 });
    expect(d.effectiveN).to.be.closeTo(64 / 22, 1e-14);
    expect(d.cv).to.be.closeTo(Math.sqrt(22 / 4 - 4) / 2, 1e-14);
    expect(d.kishDeff).to.be.closeTo(1 + d.cv ** 2, 1e-14);
  });

  it('per domain: raked weights reproduce each district population', () => {
    const design = svyDesign({ data: loadFixtureCsv('gera_respondents.csv'), strata: 'district', weights: 'design_weight', fpc: 'N_h' });
    const margins = populationMargins(loadFixtureCsv('gera_margins.csv'));
    const raked = calibrate(design, { margins, calfun: 'raking' });
    const { labels, domainOf } = domainIndex(raked, 'district');
    const districtPopulation = Object.fromEntries(margins.filter((m) => m.variable === 'district').map((m) => [m.category, m.total]));
    const diag = weightDiagnostics(raked.weights, { domainOf, labels, domainPopulation: districtPopulation, population: 12610 });
    expect(diag.overall.ratioToPopulation).to.be.closeTo(1, 1e-12);
    expect(diag.domains).to.have.length(12);
    for (const d of diag.domains) {
      expect(d.ratioToPopulation).to.be.closeTo(1, 1e-12);
      expect(d.kishDeff).to.be.at.least(1);
      expect(d.effectiveN).to.be.at.most(d.n);
    }
  });

  it('rejects non-finite weights', () => {
    expect(() => weightDiagnostics([1, NaN])).to.throw(/unit 2 is not a finite number/);
  });
});
