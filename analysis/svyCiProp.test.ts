import { expect } from 'chai';
import { loadFixtureCsv, loadReference, relDiff } from '../fixtures/analysis/load';
import { normalQuantile } from './normalQuantile';
import { studentQuantile } from './studentQuantile';
import { svyCiProp } from './svyCiProp';
import { svyDesign } from './svyDesign';

const ref = loadReference().apistrat;
const apistrat = loadFixtureCsv('apistrat.csv');
const design = svyDesign({ data: apistrat, strata: 'stype', weights: 'pw', fpc: 'fpc' });

describe('svyCiProp (R svyciprop method = "logit")', () => {
  it('matches R for sch.wide == "Yes", with t quantile on degf(design) = 197', () => {
    const r = ref.ciprop_sch_wide;
    const p = svyCiProp(design, 'sch_wide_yes');
    expect(p.df).to.equal(r.df);
    // R reports expit(coef(svyglm)), converged by IRLS to ~1e-10; the exact weighted mean is R's svymean.
    expect(relDiff(p.estimate, r.mean)).to.be.at.most(1e-13);
    expect(relDiff(p.estimate, r.estimate)).to.be.at.most(1e-9);
    expect(relDiff(p.seLogit, r.se_logit)).to.be.at.most(1e-8);
    expect(relDiff(p.ciLow, r.ci_low)).to.be.at.most(1e-9);
    expect(relDiff(p.ciHigh, r.ci_high)).to.be.at.most(1e-9);
  });

  it('drops missing answers but keeps them in the degrees of freedom, as R does', () => {
    const rows = apistrat.map((r) => ({ ...r, small_k3: r['acs.k3'] === 'NA' ? 'NA' : Number(r['acs.k3']) <= 19 ? '1' : '0' }));
    const d = svyDesign({ data: rows, strata: 'stype', weights: 'pw', fpc: 'fpc' });
    const r = ref.ciprop_small_k3_na;
    const p = svyCiProp(d, 'small_k3');
    expect(p.df).to.equal(r.df);
    expect(relDiff(p.estimate, r.estimate)).to.be.at.most(1e-9);
    expect(relDiff(p.ciLow, r.ci_low)).to.be.at.most(1e-9);
    expect(relDiff(p.ciHigh, r.ci_high)).to.be.at.most(1e-9);
  });

  it('rejects answers that are not 0/1', () => {
    expect(() => svyCiProp(design, 'api00')).to.throw(/needs 0\/1 answers/);
  });

  it('quantiles equal R qnorm/qt', () => {
    expect(normalQuantile(0.975)).to.equal(1.9599639845400536);
    expect(relDiff(studentQuantile(0.975, 197), 1.972079033778501)).to.be.at.most(1e-13);
    expect(relDiff(studentQuantile(0.975, 3), 3.1824463052837078)).to.be.at.most(1e-13);
    expect(relDiff(studentQuantile(0.01, 1.5), -11.1973161795684)).to.be.at.most(1e-12);
  });
});
