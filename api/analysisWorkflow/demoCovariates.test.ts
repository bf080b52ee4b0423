import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { seedDemo } from '../demo/seedDemo';
import { openStore } from '../store';
import type { Store } from '../store/types';
import { loadAnalysisInput } from './analysisInput';
import { loadAreaCovariates, type AreaCovariateTable } from './areaCovariates';
import { computeAnalysis } from './computeAnalysis';
import { demoNeedShift } from './demoResponses';

/** Pearson's correlation of two equally long lists. */
function correlation(x: readonly number[], y: readonly number[]): number {
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i]! - my);
    sxx += (xi - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('demo seed: area covariates and answers that follow them', function () {
  this.timeout(120_000);
  let dir: string;
  let store: Store;
  let table: AreaCovariateTable;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-covariates-'));
    store = await openStore({ dataDir: dir });
    await seedDemo(store, undefined, { dataDir: dir });
    const [frame] = await store.frames.list();
    table = await loadAreaCovariates(store, frame!.id);
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports version 1 of each level through the upload service, audited as the system', async () => {
    const [frame] = await store.frames.list();
    const versions = await store.areaCovariates.list(frame!.id);
    expect(versions.map((v) => [v.level, v.version, v.importedBy, v.rows.length])).to.deep.equal([
      ['district', 1, null, 12],
      ['subdistrict', 1, null, 40],
    ]);
    expect(versions[0]!.columns).to.deep.equal(['anteil_sgb2_bezug', 'kinder_0_17', 'anteil_zugewanderte_familien']);
    const audited = (await store.audit.list({ limit: 100, offset: 0 })).filter((a) => a.action === 'covariates.import');
    expect(audited.map((a) => a.actorUsername)).to.deep.equal([null, null]);
  });

  it('has 12 districts and 40 sub-districts, each with the frame and the imported covariates', () => {
    const districts = table.areas.filter((a) => a.level === 'district');
    const subdistricts = table.areas.filter((a) => a.level === 'subdistrict');
    expect(districts).to.have.length(12);
    expect(subdistricts).to.have.length(40);
    for (const level of ['district', 'subdistrict'] as const) {
      const names = table.covariates.filter((c) => c.level === level).map((c) => c.name);
      expect(names).to.include.members(['share_single_parent', 'mean_children', 'share_large_families', 'share_youngest_under_6', 'anteil_sgb2_bezug', 'kinder_0_17']);
      for (const a of table.areas.filter((x) => x.level === level)) for (const n of names) expect(a.covariates[n], `${a.area} ${n}`).to.be.a('number');
    }
    expect(districts.reduce((s, d) => s + d.households, 0)).to.equal(9550);
  });

  it('district figures aggregate their sub-districts (children summed, shares weighted by households)', () => {
    for (const d of table.areas.filter((a) => a.level === 'district')) {
      const subs = table.areas.filter((a) => a.level === 'subdistrict' && a.district === d.area);
      expect(subs.length, d.area).to.be.within(2, 5);
      expect(subs.reduce((s, x) => s + x.covariates.kinder_0_17!, 0), d.area).to.equal(d.covariates.kinder_0_17);
      const weighted = subs.reduce((s, x) => s + x.covariates.anteil_sgb2_bezug! * x.households, 0) / d.households;
      expect(d.covariates.anteil_sgb2_bezug, d.area).to.be.closeTo(weighted, 1e-4);
    }
  });

  it('about 950 of 3,004 households answer, and the benefits share predicts the district needs', async () => {
    const input = await loadAnalysisInput(store);
    const run = computeAnalysis(input);
    expect(run.result.sampled).to.equal(3004);
    expect(run.result.respondents).to.be.within(850, 1050);
    const districts = table.areas.filter((a) => a.level === 'district');
    const benefits = districts.map((d) => d.covariates.anteil_sgb2_bezug!);
    for (const id of ['financial_strain', 'low_life_quality', 'unsafe_at_night', 'housing_cost_burden_high']) {
      const indicator = run.result.indicators.find((i) => i.id === id)!;
      const values = districts.map((d) => indicator.districts.find((c) => c.district === d.area)!.estimate!);
      expect(correlation(benefits, values), id).to.be.above(0.7);
    }
  });

  it('need follows the sub-district deprivation and the household type', () => {
    expect(demoNeedShift('Gera-West 1', 'couple')).to.be.closeTo(-1.045, 1e-12);
    expect(demoNeedShift('Bieblach-Ost 1', 'single_parent')).to.be.closeTo(1.1 * 0.95 + 0.45, 1e-12);
    expect(demoNeedShift(null, 'couple')).to.equal(null);
    expect(demoNeedShift('Nirgendwo', 'couple')).to.equal(null);
  });
});
