import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { openStore } from '../store';
import type { Household, Store } from '../store/types';
import { loadAnalysisInput } from './analysisInput';
import { importAreaCovariates } from './areaCovariateImport';
import { loadAreaCovariates } from './areaCovariates';

const PLANNER = { id: 'u-planner', username: 'planner' };

async function frame(store: Store, id: string, subdistricts: boolean): Promise<void> {
  await store.frames.create({
    id,
    name: id,
    importedAt: '2026-11-01T10:00:00.000Z',
    importedBy: null,
    rowCount: 4,
    fingerprint: 'a'.repeat(64),
    columnMapping: { householdId: 'hh', district: 'bezirk', name: 'n', street: 's', houseNumber: 'h', postcode: 'p', city: 'c' },
    districts: [
      { district: 'Nord', households: 1 },
      { district: 'Ost', households: 3 },
    ],
  });
  const h = (n: number, district: string, subdistrict: string, householdType: string, children: number, youngestChildAge: number): Household => ({
    frameId: id,
    householdId: `${id}-${n}`,
    district,
    subdistrict: subdistricts ? subdistrict : null,
    householdType,
    children,
    youngestChildAge,
    sortKey: null,
  });
  await store.households.insertMany([
    h(1, 'Ost', 'Ost 1', 'couple', 1, 2),
    h(2, 'Ost', 'Ost 1', 'single_parent', 3, 8),
    h(3, 'Ost', 'Ost 2', 'couple', 2, 5),
    h(4, 'Nord', 'Nord-A', 'single_parent', 1, 0),
  ]);
}

describe('loadAreaCovariates', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'area-covariates-'));
    store = await openStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every district and sub-district with frame covariates and the newest import of each level', async () => {
    await frame(store, 'f1', true);
    const before = await loadAreaCovariates(store, 'f1');
    expect(before.areas.map((a) => `${a.level}:${a.area}:${a.district}:${a.households}`)).to.deep.equal([
      'district:Nord:Nord:1',
      'district:Ost:Ost:3',
      'subdistrict:Nord-A:Nord:1',
      'subdistrict:Ost 1:Ost:2',
      'subdistrict:Ost 2:Ost:1',
    ]);
    expect(before.covariates.filter((c) => c.level === 'district')).to.deep.equal([
      { level: 'district', name: 'share_couple', source: 'frame', version: null, label: { de: 'Anteil Haushaltstyp „couple“', en: "Share of household type 'couple'" } },
      { level: 'district', name: 'share_single_parent', source: 'frame', version: null, label: { de: 'Anteil Haushaltstyp „single_parent“', en: "Share of household type 'single_parent'" } },
      { level: 'district', name: 'mean_children', source: 'frame', version: null, label: { de: 'Kinder je Haushalt (Mittelwert)', en: 'Children per household (mean)' } },
      { level: 'district', name: 'share_large_families', source: 'frame', version: null, label: { de: 'Anteil kinderreicher Familien (3 und mehr Kinder)', en: 'Share of large families (3 or more children)' } },
      { level: 'district', name: 'share_youngest_under_6', source: 'frame', version: null, label: { de: 'Anteil mit jüngstem Kind unter 6 Jahren', en: 'Share whose youngest child is under 6' } },
    ]);
    expect(before.areas[1]!.covariates).to.deep.equal({ share_couple: 2 / 3, share_single_parent: 1 / 3, mean_children: 2, share_large_families: 1 / 3, share_youngest_under_6: 2 / 3 });
    expect(before.version).to.match(/^[0-9a-f]{12}$/);

    await importAreaCovariates(store, { frameId: 'f1', level: 'district', fileName: 'd1.csv', bytes: Buffer.from('area;anteil_sgb2\nOst;0,2\nNord;0,1\n') }, PLANNER);
    await importAreaCovariates(store, { frameId: 'f1', level: 'district', fileName: 'd2.csv', bytes: Buffer.from('area;anteil_sgb2;kinder_0_17\nOst;0,25;300\nNord;0,1;90\n') }, PLANNER);
    await importAreaCovariates(store, { frameId: 'f1', level: 'subdistrict', fileName: 's1.csv', bytes: Buffer.from('area,benefits\nOst 1,0.3\nOst 2,0.2\nNord-A,0.1\n') }, PLANNER);
    const after = await loadAreaCovariates(store, 'f1');
    expect(after.covariates.filter((c) => c.source === 'import')).to.deep.equal([
      { level: 'district', name: 'anteil_sgb2', source: 'import', version: 2 },
      { level: 'district', name: 'kinder_0_17', source: 'import', version: 2 },
      { level: 'subdistrict', name: 'benefits', source: 'import', version: 1 },
    ]);
    expect(after.areas.find((a) => a.area === 'Ost')!.covariates).to.deep.include({ anteil_sgb2: 0.25, kinder_0_17: 300 });
    expect(after.areas.find((a) => a.area === 'Ost 2')!.covariates).to.deep.include({ benefits: 0.2, share_couple: 1 });
    expect(after.areas.find((a) => a.area === 'Ost 2')!.covariates).to.not.have.property('anteil_sgb2');
    expect(after.version).to.not.equal(before.version);
    expect((await loadAreaCovariates(store, 'f1')).version).to.equal(after.version);
  });

  it('is part of the analysis input: units carry their sub-district, and an import changes the data version', async () => {
    await frame(store, 'f1', true);
    const draw = await store.draws.create({ frameId: 'f1', wave: 1, method: 'srswor', seed: 1, prng: 'p', frameFingerprint: 'b', sortKey: null, allocationExact: {}, allocation: {}, reserve: {}, createdBy: null });
    const unit = (n: number, district: string) => ({ drawId: draw.id, householdId: `f1-${n}`, district, inclusionProbability: 1, designWeight: 1, status: 'invited' as const, wave: 1, reserveRank: null, releasedAt: null });
    await store.sampleUnits.insertMany([unit(1, 'Ost'), unit(3, 'Ost'), unit(4, 'Nord')]);
    const input = await loadAnalysisInput(store);
    expect(input.sampleUnits.map((u) => [u.householdId, u.subdistrict])).to.deep.equal([
      ['f1-4', 'Nord-A'],
      ['f1-1', 'Ost 1'],
      ['f1-3', 'Ost 2'],
    ]);
    expect(input.areas).to.deep.equal(await loadAreaCovariates(store, 'f1'));
    await importAreaCovariates(store, { frameId: 'f1', level: 'district', fileName: 'd1.csv', bytes: Buffer.from('area;anteil_sgb2\nOst;0,2\nNord;0,1\n') }, PLANNER);
    const again = await loadAnalysisInput(store);
    expect(again.areas.version).to.not.equal(input.areas.version);
    expect(again.dataVersion).to.not.equal(input.dataVersion);
  });

  it('has the district level only for a frame without sub-districts', async () => {
    await frame(store, 'plain', false);
    const table = await loadAreaCovariates(store, 'plain');
    expect(table.areas.map((a) => a.area)).to.deep.equal(['Nord', 'Ost']);
    expect(table.covariates.every((c) => c.level === 'district')).to.equal(true);
  });

  it('refuses an unknown frame', async () => {
    const err = await loadAreaCovariates(store, 'nope').catch((e: unknown) => e);
    expect(err).to.have.property('kind', 'notFound'); // 404
  });
});
