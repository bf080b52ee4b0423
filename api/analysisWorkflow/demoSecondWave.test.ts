import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { generateFrame } from '../../fixtures/syntheticFrame';
import { PRNG_NAME } from '../../sampling';
import { openStore } from '../store';
import { newId } from '../store/ids';
import type { Store } from '../store/types';
import { runDraw } from '../samplingWorkflow/drawService';
import { parse } from 'csv-parse/sync';
import { loadAnalysisInput } from './analysisInput';
import { AnalysisService } from './analysisService';
import { codebookCsv, microdataCsv, reproduceR, resultsCsv } from './exports';
import { seedSimulatedResponses } from './demoResponses';
import { demoNeedChange, seedSecondWave } from './demoSecondWave';

describe('demo wave 2 (questionnaire version 2)', function () {
  this.timeout(60_000);
  let dir: string;
  let store: Store;
  let wave1: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-wave2-'));
    store = await openStore({ dataDir: dir });
    // A small synthetic frame with sub-districts and a wave-1 draw, as the demo has (smaller, to stay fast).
    const rows = generateFrame({ seed: 11, districts: 3, households: 1500, subdistricts: true });
    const frameId = newId();
    const households = rows.map((r, i) => ({
      frameId,
      householdId: `H${i}`,
      district: r.district,
      householdType: r.household_type,
      children: r.children,
      youngestChildAge: r.youngest_child_age,
      sortKey: r.postcode,
      subdistrict: r.subdistrict ?? null,
    }));
    const sizes = new Map<string, number>();
    for (const h of households) sizes.set(h.district, (sizes.get(h.district) ?? 0) + 1);
    await store.frames.create({
      id: frameId,
      name: 'Testrahmen',
      importedAt: new Date().toISOString(),
      importedBy: null,
      rowCount: households.length,
      fingerprint: 'f'.repeat(64),
      columnMapping: { householdId: 'household_id', district: 'district', name: 'name', street: 'street', houseNumber: 'house_number', postcode: 'postcode', city: 'city' },
      districts: [...sizes].map(([district, n]) => ({ district, households: n })),
    });
    await store.households.insertMany(households);
    const allocation = Object.fromEntries([...sizes.keys()].map((d) => [d, 180]));
    const drawn = runDraw(households, { method: 'srswor', seed: 5, allocation, reserve: {}, sortKey: null });
    const draw = await store.draws.create({ frameId, wave: 1, method: 'srswor', seed: 5, prng: PRNG_NAME, frameFingerprint: drawn.fingerprint, sortKey: null, allocationExact: allocation, allocation, reserve: {}, createdBy: null });
    wave1 = draw.id;
    await store.sampleUnits.insertMany(
      drawn.invited.map((u) => ({ drawId: draw.id, householdId: u.householdId, district: u.district, inclusionProbability: 180 / sizes.get(u.district)!, designWeight: sizes.get(u.district)! / 180, status: 'invited' as const, wave: 1, reserveRank: null, releasedAt: null })),
    );
    await seedSimulatedResponses(store, { rate: 0.45 });
    expect(await seedSecondWave(store)).to.be.within(80, 130); // about a third of 324 invitations
  });
  after(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws wave 2 among households not drawn in wave 1, tied to the published version 2, answered with it', async () => {
    const draws = await store.draws.list();
    const wave2 = draws.find((d) => d.wave === 2)!;
    expect(wave2.frameId).to.equal(draws.find((d) => d.id === wave1)!.frameId);
    const before = new Set((await store.sampleUnits.listByDraw(wave1)).map((u) => u.householdId));
    const units = await store.sampleUnits.listByDraw(wave2.id);
    expect(units.length).to.equal(3 * Math.round(180 * 0.6));
    expect(units.some((u) => before.has(u.householdId))).to.equal(false);
    expect((await store.questionnaireVersions.get('family-life-quality', 2))!.status).to.equal('published');
    expect(await store.questionnaireVersions.waveBinding(wave2.id)).to.include({ questionnaireId: 'family-life-quality', questionnaireVersion: 2 });
    const responses = (await store.responses.list({ status: 'submitted' })).filter((r) => r.drawId === wave2.id);
    expect(responses.every((r) => r.questionnaireVersion === 2 && r.wave === 2)).to.equal(true);
    // Only version 2 has the commute question; some households answer it.
    expect(responses.some((r) => typeof r.answers.commute_minutes === 'number')).to.equal(true);
    // Seeding again adds nothing.
    expect(await seedSecondWave(store)).to.equal(0);
  });

  it('makes Auswertung show the change since wave 1 per district and the trend break of moving_away_intention', async () => {
    const result = (await AnalysisService.forStore(store).run()).result;
    expect(result.wave).to.equal(2);
    expect(result.previousWave).to.include({ wave: 1, drawId: wave1 });
    expect(result.questionnaire.versions).to.deep.equal([2]);
    const breaks = result.indicators.filter((i) => i.trendBreak).map((i) => i.id);
    expect(breaks).to.deep.equal(['moving_away_intention']);
    const changed = result.indicators.flatMap((i) => i.districts).filter((c) => c.change);
    expect(changed.length).to.be.greaterThan(20);
    // The simulated need fell in the first district and rose in the second: life satisfaction follows.
    const low = result.indicators.find((i) => i.id === 'low_life_quality')!;
    const [fell, rose] = [...result.districts].sort().slice(0, 2);
    expect([demoNeedChange(result.districts, fell!), demoNeedChange(result.districts, rose!)]).to.deep.equal([-0.35, 0.35]);
    const changeOf = (d: string) => low.districts.find((c) => c.district === d)!.change!.change;
    expect(changeOf(fell!)).to.be.lessThan(changeOf(rose!));
  });

  it('exports wave 2 microdata and codebook with the questions of version 2 (stored in the app, not shipped)', async () => {
    const run = await AnalysisService.forStore(store).run();
    const micro = microdataCsv(run);
    expect(micro.columns).to.include('commute_minutes');
    const rows = parse(micro.text, { columns: true }) as Record<string, string>[];
    expect(rows.length).to.equal(run.result.respondents);
    const book = parse(codebookCsv(run).text, { columns: true }) as Record<string, string>[];
    expect(book.some((r) => Object.values(r).includes('commute_minutes'))).to.equal(true);
    expect(book.some((r) => Object.values(r).includes('moving_intention') && Object.values(r).includes('6'))).to.equal(true);
  });

  const rscript = spawnSync('Rscript', ['--version']).status === 0;
  it('reproduce.R rebuilds every published wave-2 estimate and SE from the v2 microdata with R survey', async function () {
    if (!rscript) {
      console.log('    (skipped: Rscript is not installed)');
      this.skip();
    }
    const run = await AnalysisService.forStore(store).run();
    const out = mkdtempSync(join(tmpdir(), 'demo-wave2-r-'));
    try {
      writeFileSync(join(out, 'microdata.csv'), microdataCsv(run).text);
      writeFileSync(join(out, 'results.csv'), resultsCsv(run, 'standard', 'en').text);
      writeFileSync(join(out, 'reproduce.R'), reproduceR(run));
      expect(execFileSync('Rscript', [join(out, 'reproduce.R'), out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).to.match(/compared \d+ published cells/);
      const reproduced = parse(readFileSync(join(out, 'reproduced.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
      const published = (parse(resultsCsv(run, 'standard', 'en').text, { columns: true }) as Record<string, string>[]).filter((x) => x.suppressed === '0' && x.level !== 'subdistrict');
      for (const p of published) {
        const q = reproduced.find((x) => x.indicator === p.indicator && x.level === p.level && x.district === (p.level === 'city' ? '' : p.district))!;
        expect(Math.abs(Number(q.estimate) - Number(p.estimate)), `${p.indicator} ${p.district}`).to.be.below(1e-8);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('computes wave 2 again when a late answer of wave 1 arrives (the change since wave 1 depends on it)', async () => {
    const before = await loadAnalysisInput(store);
    expect(before.wave).to.equal(2);
    const answered = new Set((await store.responses.list({ status: 'submitted' })).map((r) => r.householdId));
    const late = (await store.sampleUnits.listByDraw(wave1)).find((u) => !answered.has(u.householdId))!;
    await store.responses.createSubmitted({ householdId: late.householdId, questionnaireId: 'family-life-quality', questionnaireVersion: 1, mode: 'paper', district: late.district, wave: 1, drawId: wave1, answers: { life_quality: 2 } });
    const after = await loadAnalysisInput(store);
    expect(after.drawId).to.equal(before.drawId);
    expect(after.dataVersion).to.not.equal(before.dataVersion);
  });
});
