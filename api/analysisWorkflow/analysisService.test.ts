import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { INDICATORS } from '../../analysis/indicators';
import { AnalysisService } from './analysisService';
import { computeAnalysis } from './computeAnalysis';
import { exampleInput } from './exampleInput';
import { codebookCsv, microdataCsv, reproduceR, resultsCsv } from './exports';

const DISTRICTS = [
  { district: 'Nord', households: 1800, sampled: 260, responseRate: 0.5 },
  { district: 'Ost', households: 1200, sampled: 200, responseRate: 0.45, satisfactionShift: -0.6 },
  { district: 'Süd', households: 900, sampled: 150, responseRate: 0.5 },
  // Few answers: most district cells must be suppressed (n < 10).
  { district: 'Klein', households: 300, sampled: 22, responseRate: 0.6 },
];

/** Runs the exported reproduce.R with Rscript and compares every published cell with R's estimate and SE. */
function expectRReproduces(run: ReturnType<typeof computeAnalysis>): void {
  const dir = mkdtempSync(join(tmpdir(), 'analysis-reproduce-'));
  try {
    writeFileSync(join(dir, 'microdata.csv'), microdataCsv(run).text);
    writeFileSync(join(dir, 'results.csv'), resultsCsv(run, 'standard', 'en').text);
    writeFileSync(join(dir, 'reproduce.R'), reproduceR(run));
    const out = execFileSync('Rscript', [join(dir, 'reproduce.R'), dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).to.match(/compared \d+ published cells/);
    const reproduced = parse(readFileSync(join(dir, 'reproduced.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    const published = (parse(resultsCsv(run, 'standard', 'en').text, { columns: true }) as Record<string, string>[]).filter((x) => x.suppressed === '0');
    for (const p of published) {
      const q = reproduced.find((x) => x.indicator === p.indicator && x.level === p.level && x.district === (p.level === 'city' ? '' : p.district))!;
      expect(Math.abs(Number(q.estimate) - Number(p.estimate)), `${p.indicator} ${p.district}`).to.be.below(1e-8);
      expect(Math.abs(Number(q.se) - Number(p.se)), `${p.indicator} ${p.district} SE`).to.be.below(1e-8);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const rscript = spawnSync('Rscript', ['--version']).status === 0;

describe('analysis service on a seeded example', function () {
  this.timeout(60_000);
  const input = exampleInput(DISTRICTS, 11);
  // An open-link response must not enter the probability sample.
  input.responses.push({ householdId: input.sampleUnits[1].householdId, mode: 'open', probabilitySample: false, questionnaireVersion: 1, answers: { life_quality: 0 } });
  const run = computeAnalysis(input, { now: () => new Date('2026-11-28T00:00:00Z') });
  const r = run.result;

  it('weights respondents to the frame: Σ final weights = households per district and per type', () => {
    expect(r.respondents).to.equal(input.responses.filter((x) => x.mode !== 'open').length);
    expect(r.excludedOpenResponses).to.equal(1);
    for (const d of DISTRICTS) {
      const w = r.weighting.districts.find((x) => x.domain === d.district)!;
      expect(w.sumWeights, d.district).to.be.closeTo(d.households, 1e-6);
      expect(w.ratioToPopulation).to.be.closeTo(1, 1e-9);
      expect(w.kishDeff).to.be.at.least(1);
      expect(w.sampled).to.equal(d.sampled);
    }
    expect(r.weighting.overall.sumWeights).to.be.closeTo(4200, 1e-6);
    expect(r.weighting.calibration.variables).to.deep.equal(['district', 'household_type']);
    const types = new Map<string, number>();
    run.microdata.forEach((row) => types.set(String(row.household_type), (types.get(String(row.household_type)) ?? 0) + Number(row.final_weight)));
    for (const m of r.weighting.calibration.margins.filter((x) => x.variable === 'household_type')) expect(types.get(m.category)).to.be.closeTo(m.total, 1e-6);
    // The small district's type cells are collapsed (fewer than 20 respondents each).
    expect(r.weighting.nonresponse.cells.some((c) => c.group === 'Klein' && c.collapsed)).to.equal(true);
  });

  it('estimates every indicator per district and overall; suppresses n < 10 and flags n < 30 or CV > 30 %', () => {
    expect(r.indicators.map((i) => i.id)).to.deep.equal(INDICATORS.map((i) => i.id));
    let suppressed = 0;
    let caution = 0;
    for (const ind of r.indicators) {
      for (const cell of [ind.overall, ...ind.districts]) {
        if (cell.n < 10) {
          expect(cell.flag, `${ind.id} ${cell.district}`).to.equal('suppressed');
          expect([cell.estimate, cell.se, cell.ciLow, cell.ciHigh, cell.vsRest]).to.deep.equal([null, null, null, null, null]);
          suppressed++;
        } else {
          expect(cell.estimate).to.be.within(0, 1);
          expect(cell.ciLow!).to.be.at.most(cell.estimate!);
          expect(cell.ciHigh!).to.be.at.least(cell.estimate!);
          const shouldCaution = cell.n < 30 || (cell.cv !== null && cell.cv > 0.3);
          expect(cell.flag).to.equal(shouldCaution ? 'caution' : 'ok');
          if (shouldCaution) caution++;
        }
      }
      expect(ind.overall.vsRest).to.equal(null);
    }
    expect(suppressed).to.be.greaterThan(5);
    expect(caution).to.be.greaterThan(0);
    const lifeKlein = r.indicators.find((i) => i.id === 'single_parent_share')!.districts.find((d) => d.district === 'Klein')!;
    expect(lifeKlein.n).to.be.at.least(10); // asked of everyone: the small district still has ≥ 10 answers
  });

  it('results CSV in both dialects parses back, with suppressed cells empty and flagged', () => {
    const std = resultsCsv(run, 'standard', 'en');
    const de = resultsCsv(run, 'excel-de', 'de');
    const a = parse(std.text, { columns: true }) as Record<string, string>[];
    const b = parse(de.text, { columns: true, delimiter: ';', bom: true }) as Record<string, string>[];
    expect(a.length).to.equal(std.rows).and.equal(INDICATORS.length * 5);
    expect(b.length).to.equal(a.length);
    expect(de.text.startsWith('\uFEFF')).to.equal(true);
    expect(de.text).to.include('\r\n');
    for (let k = 0; k < a.length; k++) {
      if (a[k].suppressed === '1') {
        expect([a[k].estimate, a[k].se, a[k].ci_low, a[k].ci_high, a[k].diff_vs_rest], JSON.stringify(a[k])).to.deep.equal(['', '', '', '', '']);
        expect(b[k].estimate).to.equal('');
      } else {
        expect(Number(b[k].estimate.replace(',', '.'))).to.equal(Number(a[k].estimate));
      }
    }
    expect(a.filter((x) => x.district === 'Whole city')).to.have.length(INDICATORS.length);
    expect(b.filter((x) => x.district === 'Stadt gesamt')).to.have.length(INDICATORS.length);
  });

  it('microdata carry weights and coded answers but no household id, name, address, code or free text', () => {
    const m = microdataCsv(run);
    const rows = parse(m.text, { columns: true }) as Record<string, string>[];
    expect(rows.length).to.equal(r.respondents);
    const cols = Object.keys(rows[0]);
    for (const c of ['respondent', 'district', 'household_type', 'N_h', 'design_weight', 'nr_weight', 'final_weight', 'life_quality', 'info_channels_1']) expect(cols).to.include(c);
    for (const c of cols) expect(c).to.not.match(/name|address|street|code|household_id|comment|postcode/i);
    const ids = new Set(input.sampleUnits.map((u) => u.householdId));
    expect(m.text.split(/[,\n]/).some((cell) => ids.has(cell))).to.equal(false);
    const book = parse(codebookCsv(run).text, { columns: true }) as Record<string, string>[];
    expect(book.find((x) => x.variable === 'life_quality' && x.value === '10')!.value_label_en).to.match(/completely satisfied/);
    expect(book.filter((x) => x.type === 'indicator')).to.have.length(INDICATORS.length);
    expect(book.every((x) => x.questionnaire_version === '1')).to.equal(true);
  });

  it('caches per (draw, data version) and recomputes after a change', async () => {
    let version = 'v1';
    const service = new AnalysisService(async () => ({ ...input, dataVersion: version }));
    const first = await service.run();
    const second = await service.run();
    expect(first.cached).to.equal(false);
    expect(second.cached).to.equal(true);
    expect(second.result).to.equal(first.result);
    version = 'v2';
    expect((await service.run()).cached).to.equal(false);
  });

  it('adds the change since the previous wave with SE √(se₁² + se₂²) (independent samples)', async () => {
    const previous = { ...exampleInput(DISTRICTS, 5), drawId: 'wave-1', wave: 1 };
    const current = { ...input, drawId: 'wave-2', wave: 2 };
    const service = new AnalysisService(async (id) => (id === 'wave-1' ? previous : current), 8, async () => 'wave-1');
    const result = (await service.run()).result;
    const before = computeAnalysis(previous).result;
    const ind = result.indicators.find((i) => i.id === 'unsafe_at_night')!;
    const old = before.indicators.find((i) => i.id === 'unsafe_at_night')!.overall;
    expect(ind.overall.change!.previousWave).to.equal(1);
    expect(ind.overall.change!.change).to.be.closeTo(ind.overall.estimate! - old.estimate!, 1e-15);
    expect(ind.overall.change!.se).to.be.closeTo(Math.hypot(ind.overall.se!, old.se!), 1e-15);
    const small = ind.districts.find((c) => c.district === 'Klein')!;
    if (small.flag === 'suppressed') expect(small.change).to.equal(null);
  });

  if (!rscript) {
    console.log('    (skipped: Rscript is not installed, so reproduce.R cannot be run against the exported estimates)');
  } else {
    it('reproduce.R run with Rscript on the exported files reproduces every published estimate and SE to 1e-8', () => expectRReproduces(run));
  }
});

describe('households found no longer eligible in fieldwork', function () {
  this.timeout(60_000);
  const base = exampleInput(DISTRICTS, 11);
  const answered = new Set(base.responses.map((x) => x.householdId));
  // Eight silent households of 'Nord' and two of 'Ost' are no longer eligible; one 'Ost' household is marked so too
  // but sent its questionnaire back: the questionnaire wins.
  const silent = (district: string, k: number) => base.sampleUnits.filter((u) => u.district === district && !answered.has(u.householdId)).slice(0, k);
  const ineligible = [...silent('Nord', 8), ...silent('Ost', 2)];
  const answeredAnyway = base.sampleUnits.find((u) => u.district === 'Ost' && answered.has(u.householdId))!;
  const marked = new Set([...ineligible, answeredAnyway].map((u) => u.householdId));
  const input = { ...base, sampleUnits: base.sampleUnits.map((u) => (marked.has(u.householdId) ? { ...u, notEligible: true } : u)) };
  const plain = computeAnalysis(base).result;
  const r = computeAnalysis(input).result;
  const estimated = (district: string) => ineligible.filter((u) => u.district === district).reduce((s, u) => s + u.designWeight, 0);

  it('are neither respondents nor nonrespondents; a returned questionnaire outweighs the note', () => {
    expect(r.notEligible).to.equal(10);
    expect(r.respondents).to.equal(plain.respondents);
    expect(r.sampled).to.equal(plain.sampled);
    const sampledIn = (result: typeof r, district: string) =>
      result.weighting.nonresponse.cells.filter((c) => c.group === district).reduce((s, c) => s + c.sampled, 0);
    expect(sampledIn(r, 'Nord')).to.equal(sampledIn(plain, 'Nord') - 8);
    expect(sampledIn(r, 'Ost')).to.equal(sampledIn(plain, 'Ost') - 2);
    expect(sampledIn(r, 'Süd')).to.equal(sampledIn(plain, 'Süd'));
  });

  it('reduce the frame counts by their estimated number Σ d_i, and the weights add up to that', () => {
    for (const d of DISTRICTS) {
      const expected = d.households - estimated(d.district);
      const margin = r.weighting.calibration.margins.find((m) => m.variable === 'district' && m.category === d.district)!;
      expect(margin.total, d.district).to.be.closeTo(expected, 1e-9);
      expect(r.weighting.districts.find((x) => x.domain === d.district)!.sumWeights, d.district).to.be.closeTo(expected, 1e-6);
    }
    expect(estimated('Nord')).to.be.greaterThan(0);
    const typeTotal = r.weighting.calibration.margins.filter((m) => m.variable === 'household_type').reduce((s, m) => s + m.total, 0);
    expect(typeTotal).to.be.closeTo(4200 - estimated('Nord') - estimated('Ost'), 1e-9);
    expect(r.weighting.calibration.note).to.match(/no longer eligible \(10 found in the sample\)/);
  });

  if (!rscript) console.log('    (skipped: Rscript is not installed, so reproduce.R with the reduced margins cannot be compared with R)');
  else it('R (reproduce.R on the export) gives the same estimates and SEs with the reduced margins', () => expectRReproduces(computeAnalysis(input)));

  it('change nothing when none is recorded', () => {
    expect(plain.notEligible).to.equal(0);
    expect(plain.weighting.calibration.margins.find((m) => m.category === 'Nord')!.total).to.equal(1800);
  });
});
