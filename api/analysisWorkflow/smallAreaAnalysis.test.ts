import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { AnalysisInput } from './analysisInput';
import { areaCovariateTable, type AnalysisArea, type AreaCovariate } from './areaCovariates';
import { computeAnalysis, type AnalysisRun } from './computeAnalysis';
import { exampleInput, type ExampleDistrict } from './exampleInput';
import { microdataCsv, modelCardsJson, reproduceR, resultsCsv, smallAreaInputsCsv } from './exports';
import { MIN_RESPONDENTS } from './smallAreaAnalysis';

const DISTRICTS: ExampleDistrict[] = Array.from({ length: 12 }, (_, i) => ({
  district: `B${String(i + 1).padStart(2, '0')}`,
  households: 600 + 97 * i,
  sampled: 110 + 5 * (i % 4),
  responseRate: 0.3 + 0.02 * (i % 5),
  satisfactionShift: -0.5 + (i % 6) / 5,
}));

/**
 * The seeded example with three sub-districts per district: units go round-robin to the first two, the third gets
 * every 25th unit (a few respondents, below the model's minimum), and B12-3 none at all (no respondents).
 * Covariates: a deprivation score driving the satisfaction shift, and a share with noise.
 */
function inputWithSubdistricts(): AnalysisInput {
  const input = exampleInput(DISTRICTS, 21);
  const counter = new Map<string, number>();
  for (const u of input.sampleUnits) {
    const k = counter.get(u.district) ?? 0;
    counter.set(u.district, k + 1);
    const third = k % 25 === 0 && u.district !== 'B12';
    u.subdistrict = `${u.district}-${third ? 3 : (k % 2) + 1}`;
  }
  const areas: AnalysisArea[] = [];
  const score = (i: number, j: number) => Math.sin(1.3 * i + 0.7 * j) * 0.5 + 0.5;
  DISTRICTS.forEach((d, i) => {
    const shift = d.satisfactionShift ?? 0;
    areas.push({ level: 'district', area: d.district, district: d.district, households: d.households, covariates: { deprivation: -shift, share_benefits: 0.2 - 0.1 * shift + 0.01 * score(i, 0) } });
  });
  DISTRICTS.forEach((d, i) => {
    const shift = d.satisfactionShift ?? 0;
    for (let j = 1; j <= 3; j++) {
      const households = j === 3 ? Math.round(d.households / 10) : Math.round((d.households * 0.45));
      areas.push({ level: 'subdistrict', area: `${d.district}-${j}`, district: d.district, households, covariates: { deprivation: -shift + 0.1 * score(i, j), share_benefits: 0.2 - 0.1 * shift + 0.02 * score(j, i) } });
    }
  });
  const covariates: AreaCovariate[] = (['district', 'subdistrict'] as const).flatMap((level) => [
    { level, name: 'deprivation', source: 'frame' as const, version: null },
    { level, name: 'share_benefits', source: 'import' as const, version: 1, label: { de: 'Anteil im Leistungsbezug', en: 'Share on benefits' } },
  ]);
  return { ...input, areas: areaCovariateTable(areas, covariates) };
}

const rscript = spawnSync('Rscript', ['--version']).status === 0;

describe('model-based district and sub-district values in the analysis run', function () {
  this.timeout(120_000);
  const input = inputWithSubdistricts();
  const run: AnalysisRun = computeAnalysis(input, { now: () => new Date('2026-12-06T00:00:00Z') });
  const r = run.result;
  const withModel = r.indicators.filter((i) => i.models.district !== null);

  it('fits a district and a sub-district model for the indicators, with the model card', () => {
    expect(r.smallArea.levels).to.deep.equal(['district', 'subdistrict']);
    expect(r.smallArea.subdistricts).to.have.length(36);
    expect(withModel.length).to.be.at.least(15);
    for (const ind of withModel) {
      const card = ind.models.district!;
      expect(card.terms.map((t) => t.name)).to.deep.equal(['(Intercept)', ...card.covariates]);
      expect(card.selection).to.equal('automatic');
      expect(card.areas).to.equal(12);
      expect(card.bootstrap).to.equal(r.smallArea.bootstrap);
      expect(card.warnings.map((w) => w.code), ind.id).to.include('few-areas');
      expect(ind.overall.model).to.equal(null);
      for (const c of ind.districts) {
        expect(c.model, `${ind.id} ${c.district}`).to.not.equal(null);
        const m = c.model!;
        expect(m.estimate).to.be.within(0, 1);
        expect(m.se).to.be.above(0);
        expect(m.ciLow!).to.be.at.most(m.estimate!);
        expect(m.ciHigh!).to.be.at.least(m.estimate!);
      }
    }
  });

  it('benchmarks: the household-weighted mean of the district values equals the direct city value', () => {
    for (const ind of withModel) {
      const total = DISTRICTS.reduce((s, d) => s + d.households, 0);
      const mean = ind.districts.reduce((s, c) => s + (c.model!.estimate! * DISTRICTS.find((d) => d.district === c.district)!.households) / total, 0);
      if (ind.districts.every((c) => c.model!.estimate! < 1)) expect(mean, ind.id).to.be.closeTo(ind.overall.estimate!, 1e-12);
      expect(ind.models.district!.benchmark.to).to.equal('city');
    }
  });

  it('sub-districts: benchmarked to their district, synthetic without respondents or with fewer than the minimum', () => {
    // The indicator with the most answers in sub-district B01-1 (every household is in its denominator).
    const ind = withModel.filter((i) => i.models.subdistrict !== null).sort((a, b) => b.subdistricts.find((c) => c.district === 'B01-1')!.n - a.subdistricts.find((c) => c.district === 'B01-1')!.n)[0]!;
    expect(ind, 'an indicator with a sub-district model').to.not.equal(undefined);
    const none = ind.subdistricts.find((c) => c.district === 'B12-3')!;
    expect(none.n).to.equal(0);
    expect(none.model).to.include({ kind: 'synthetic', reason: 'no-respondents', gamma: 0 });
    const few = ind.subdistricts.find((c) => c.district === 'B01-3')!;
    expect(few.n).to.be.above(0).and.below(MIN_RESPONDENTS);
    expect(few.flag).to.equal('suppressed');
    expect(few.estimate).to.equal(null);
    expect(few.model).to.include({ kind: 'synthetic', reason: 'few-respondents', gamma: 0 });
    const full = ind.subdistricts.find((c) => c.district === 'B01-1')!;
    expect(full.model!.kind).to.equal('model');
    // γ = σ̂ᵤ²/(σ̂ᵤ² + ψ): positive unless the covariates explain all differences (σ̂ᵤ² = 0).
    if (ind.models.subdistrict!.sigma2u > 0) expect(full.model!.gamma).to.be.above(0);
    else expect(full.model!.gamma).to.equal(0);
    const inputs = run.modelInputs.filter((x) => x.indicator === ind.id && x.level === 'subdistrict');
    expect(inputs.find((x) => x.area === 'B01-3')!.modelled).to.equal(false);
    for (const d of DISTRICTS) {
      const parts = ind.subdistricts.filter((c) => c.parent === d.district);
      const rows = inputs.filter((x) => x.district === d.district);
      const households = rows.reduce((s, x) => s + x.households, 0);
      const mean = parts.reduce((s, c) => s + (c.model!.estimate! * rows.find((x) => x.area === c.district)!.households) / households, 0);
      const target = ind.districts.find((c) => c.district === d.district)!.model!.estimate!;
      if (parts.every((c) => c.model!.estimate! < 1)) expect(mean, `${ind.id} ${d.district}`).to.be.closeTo(target, 1e-12);
    }
  });

  it('is reproducible: the same data give the same model values and bootstrap MSE', () => {
    const again = computeAnalysis(inputWithSubdistricts(), { now: () => new Date('2026-12-06T00:00:00Z') }).result;
    expect(again.indicators.map((i) => i.districts.map((c) => c.model))).to.deep.equal(r.indicators.map((i) => i.districts.map((c) => c.model)));
  });

  it('uses the planner’s covariates when they exist, the defaults otherwise', () => {
    const id = withModel.find((i) => i.models.district!.modelledAreas === 12)!.id;
    const chosen = computeAnalysis({ ...inputWithSubdistricts(), modelSettings: { [id]: { district: ['share_benefits'] }, other: { district: ['gone'] } } }).result;
    const planner = chosen.indicators.find((i) => i.id === id)!.models.district!;
    expect(planner.covariates).to.deep.equal(['share_benefits']);
    expect(planner.selection).to.equal('planner');
    // Without a choice: selected by BIC from every covariate of the level.
    expect(r.smallArea.defaults.district).to.deep.equal(['deprivation', 'share_benefits']);
    const automatic = withModel.find((i) => i.id === id)!.models.district!;
    expect(automatic.selection).to.equal('automatic');
    expect(automatic.candidates).to.deep.equal(['deprivation', 'share_benefits']);
    for (const c of automatic.covariates) expect(automatic.candidates).to.include(c);
    const unknown = chosen.indicators.find((i) => i.id === 'other');
    expect(unknown).to.equal(undefined);
  });

  it('the median district CV drops with the model', () => {
    expect(r.smallArea.medianCv.direct).to.be.a('number');
    expect(r.smallArea.medianCv.model!).to.be.below(r.smallArea.medianCv.direct!);
  });

  it('exports carry both estimates and the model cards', () => {
    const rows = parse(resultsCsv(run, 'standard', 'en').text, { columns: true }) as Record<string, string>[];
    const sub = rows.filter((x) => x.level === 'subdistrict');
    expect(sub).to.have.length(36 * r.indicators.length);
    const district = rows.find((x) => x.level === 'district' && x.indicator === withModel[0].id)!;
    expect(Number(district.model_estimate)).to.be.within(0, 1);
    expect(['model', 'synthetic']).to.include(district.model_kind);
    const cards = JSON.parse(modelCardsJson(run).text);
    expect(cards.models.length).to.be.at.least(withModel.length);
    expect(cards.models[0].model.terms[0].name).to.equal('(Intercept)');
    const inputsCsv = parse(smallAreaInputsCsv(run).text, { columns: true }) as Record<string, string>[];
    expect(inputsCsv[0]).to.include.keys('covariates_used', 'effective_n', 'deprivation', 'share_benefits');
  });

  if (!rscript) {
    console.log('    (skipped: Rscript is not installed, so reproduce.R cannot refit the small-area models)');
  } else {
    it('reproduce.R refits every small-area model in base R from the exported inputs (estimates and γ to 1e-8)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'analysis-sae-'));
      try {
        writeFileSync(join(dir, 'microdata.csv'), microdataCsv(run).text);
        writeFileSync(join(dir, 'results.csv'), resultsCsv(run, 'standard', 'en').text);
        writeFileSync(join(dir, 'small-area-inputs.csv'), smallAreaInputsCsv(run).text);
        writeFileSync(join(dir, 'reproduce.R'), reproduceR(run));
        const out = execFileSync('Rscript', [join(dir, 'reproduce.R'), dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        expect(out).to.match(/compared \d+ published cells/);
        const refit = /refitted (\d+) small-area models \((\d+) areas\): max \|diff\| model estimate and weight on the survey (\S+)/.exec(out);
        expect(refit, out).to.not.equal(null);
        expect(Number(refit![1])).to.equal(run.result.indicators.reduce((s, i) => s + (i.models.district ? 1 : 0) + (i.models.subdistrict ? 1 : 0), 0));
        expect(Number(refit![3])).to.be.below(1e-8);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
