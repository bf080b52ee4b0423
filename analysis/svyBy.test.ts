import { expect } from 'chai';
import { loadFixtureCsv, loadReference, relDiff } from '../fixtures/analysis/load';
import { svyBy } from './svyBy';
import { svyDesign } from './svyDesign';

const ref = loadReference().apistrat;
const design = svyDesign({ data: loadFixtureCsv('apistrat.csv'), strata: 'stype', weights: 'pw', fpc: 'fpc' });

function compare(rows: ReturnType<typeof svyBy>, expected: any[], what: string): void {
  expect(rows.map((r) => r.domain).sort()).to.deep.equal(expected.map((r) => r.domain).sort());
  for (const e of expected) {
    const row = rows.find((r) => r.domain === e.domain)!;
    expect(relDiff(row.estimate, e.estimate), `${what} ${e.domain} estimate`).to.be.at.most(1e-12);
    if (e.se === 0) expect(row.se).to.be.at.most(1e-9 * Math.abs(e.estimate));
    else expect(relDiff(row.se, e.se), `${what} ${e.domain} se ${row.se} vs ${e.se}`).to.be.at.most(1e-9);
    expect(Math.abs(row.ciLow - e.ci_low), `${what} ${e.domain} ci`).to.be.at.most(1e-9 * Math.abs(e.estimate));
  }
}

describe('svyBy on apistrat (R svyby reference)', () => {
  it('svyby(~api00, ~stype, svymean)', () => compare(svyBy(design, 'api00', 'stype'), ref.by_stype_api00, 'stype'));
  it('svyby(~api00, ~cname, svymean): many small domains, domains of one school', () =>
    compare(svyBy(design, 'api00', 'cname'), ref.by_cname_api00, 'cname'));
  it('svyby(~enroll, ~stype, svytotal)', () =>
    compare(svyBy(design, 'enroll', 'stype', { statistic: 'total' }), ref.by_stype_total_enroll, 'total'));
});
