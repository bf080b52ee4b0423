import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import iconv from 'iconv-lite';
import { openStore } from '../store';
import type { Household, Store } from '../store/types';
import { AppError } from '../errors/appError';
import { covariateNumber, covariateRefusal, importAreaCovariates, type AreaCovariateUpload, type CovariateRefusal } from './areaCovariateImport';

const PLANNER = { id: 'u-planner', username: 'planner' };

/** A frame with two districts and three sub-districts (one household each, two in Ost 1). */
async function frameWithSubdistricts(store: Store, id = 'f1'): Promise<void> {
  await store.frames.create({
    id,
    name: 'Melderegister',
    importedAt: '2026-11-01T10:00:00.000Z',
    importedBy: null,
    rowCount: 4,
    fingerprint: 'a'.repeat(64),
    columnMapping: { householdId: 'hh', district: 'bezirk', name: 'n', street: 's', houseNumber: 'h', postcode: 'p', city: 'c', subdistrict: 'teilbezirk' },
    districts: [
      { district: 'Nord', households: 1 },
      { district: 'Ost', households: 3 },
    ],
  });
  const h = (householdId: string, district: string, subdistrict: string): Household => ({
    frameId: id,
    householdId,
    district,
    subdistrict,
    householdType: 'couple',
    children: 2,
    youngestChildAge: 4,
    sortKey: null,
  });
  await store.households.insertMany([h(`${id}-1`, 'Ost', 'Ost 1'), h(`${id}-2`, 'Ost', 'Ost 1'), h(`${id}-3`, 'Ost', 'Ost 2'), h(`${id}-4`, 'Nord', 'Nord-A')]);
}

const upload = (text: string, level: 'district' | 'subdistrict' = 'district', extra: Partial<AreaCovariateUpload> = {}): AreaCovariateUpload => ({
  frameId: 'f1',
  level,
  fileName: 'gebietsmerkmale.csv',
  bytes: Buffer.from(text, 'utf8'),
  ...extra,
});

/** The refusal's AppError with the fields it adds to the error body. */
async function refusal(promise: Promise<unknown>): Promise<CovariateRefusal & Pick<AppError, 'kind' | 'text'>> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(covariateRefusal(err)).to.not.equal(null);
  const error = err as AppError;
  return { ...covariateRefusal(err)!, kind: error.kind, text: (lang) => error.text(lang) };
}

describe('area covariate import', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'covariates-'));
    store = await openStore({ dataDir: dir });
    await frameWithSubdistricts(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a German Windows-1252 file with ; and decimal commas, stores it as version 1, then 2, audited', async () => {
    const text = 'Gebiet;anteil_sgb2;kinder_0_17;anteil_zugewanderte_Familien_ä\r\nOst;12,5;1.5;0,081\r\nNord;7;210;,5\r\n';
    const first = await importAreaCovariates(store, upload('', 'district', { bytes: iconv.encode(text, 'win1252') }), PLANNER);
    expect(first).to.deep.include({ frameId: 'f1', level: 'district', version: 1, columns: ['anteil_sgb2', 'kinder_0_17', 'anteil_zugewanderte_Familien_ä'], importedBy: 'u-planner', fileName: 'gebietsmerkmale.csv' });
    expect(first.rows).to.deep.equal([
      { area: 'Ost', values: [12.5, 1.5, 0.081] },
      { area: 'Nord', values: [7, 210, 0.5] },
    ]);
    const second = await importAreaCovariates(store, upload('area,benefits\nNord,0.1\nOst,0.2\n'), PLANNER);
    expect(second.version).to.equal(2);
    expect((await store.areaCovariates.latest('f1', 'district'))!.id).to.equal(second.id);
    const audit = (await store.audit.list({ limit: 10, offset: 0 })).filter((a) => a.action === 'covariates.import');
    expect(audit.map((a) => a.afterSummary)).to.deep.equal(['district v2 · 1 covariates · 2 areas · gebietsmerkmale.csv', 'district v1 · 3 covariates · 2 areas · gebietsmerkmale.csv']);
    expect(audit[1]!.details).to.deep.include({ encoding: 'windows-1252', delimiter: ';', version: 1 });
  });

  it('imports sub-district covariates for every sub-district of the frame', async () => {
    const stored = await importAreaCovariates(store, upload('area;anteil_sgb2\nOst 2;0,3\nNord-A;0,1\nOst 1;0,2\n', 'subdistrict'), PLANNER);
    expect(stored.rows.map((r) => [r.area, r.values[0]])).to.deep.equal([
      ['Ost 2', 0.3],
      ['Nord-A', 0.1],
      ['Ost 1', 0.2],
    ]);
  });

  it('refuses a file naming each problem by row and column, lists unknown and missing areas, and stores nothing', async () => {
    const text = [
      'area;anteil_sgb2;kinder_0_17',
      'Ost 1;0,2;100',
      'Ost 9;0,3;100',
      'Ost 1;0,2;100',
      ';0,1;5',
      'Mondstadt;abc;',
      'Nord-A;1.234;1.234,5',
      'Nord-A;0,1',
    ].join('\r\n');
    const err = await refusal(importAreaCovariates(store, upload(text, 'subdistrict'), PLANNER));
    expect(err.kind).to.equal('invalid'); // 400
    expect(err.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
      [3, 'area', 'unknownArea'],
      [4, 'area', 'duplicateArea'],
      [5, 'area', 'missingArea'],
      [6, 'area', 'unknownArea'],
      [6, 'anteil_sgb2', 'badNumber'],
      [6, 'kinder_0_17', 'missingValue'],
      [7, 'anteil_sgb2', 'ambiguousNumber'],
      [7, 'kinder_0_17', 'badNumber'],
      [8, '', 'fieldCount'],
      [null, 'area', 'areaWithoutRow'],
    ]);
    expect(err.errorCount).to.equal(10);
    expect(err.unknownAreas).to.deep.equal(['Ost 9', 'Mondstadt']);
    expect(err.missingAreas).to.deep.equal(['Ost 2']);
    expect(err.errors[1]!.reason).to.equal('„Ost 1“ steht schon in Zeile 2.');
    expect(err.errors[9]!.reason).to.equal('Für den Teilbezirk „Ost 2“ der Auswahlgrundlage fehlt eine Zeile.');
    expect(err.text('de')).to.equal('Die Datei wurde nicht übernommen: 10 Probleme. Es wurde nichts gespeichert.');
    expect(await store.areaCovariates.list('f1')).to.deep.equal([]);
    const [rejected] = await store.audit.list({ limit: 1, offset: 0 });
    expect(rejected).to.deep.include({ action: 'covariates.import.rejected', entityId: 'f1' });
    expect(rejected!.details).to.deep.include({ level: 'subdistrict', errorCount: 10, unknownAreas: 2, missingAreas: 1 });
  });

  it('answers in English when asked and refuses names a model cannot use or the frame already provides', async () => {
    const err = await refusal(importAreaCovariates(store, upload('area,share_couple,2nd value,ok\nOst,1,2,3\nNord,1,2,3\n'), PLANNER, 'en'));
    expect(err.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
      [1, 'share_couple', 'frameColumnName'],
      [1, '2nd value', 'badColumnName'],
    ]);
    expect(err.errors[0]!.reason).to.equal("'share_couple' is already computed from the frame; please use another name.");
  });

  it('reads numbers by dialect: decimal comma only with ;, no thousands separators, no percent', () => {
    expect(covariateNumber(' 12,5 ', true)).to.equal(12.5);
    expect(covariateNumber('-0,25', true)).to.equal(-0.25);
    expect(covariateNumber('0.125', true)).to.equal(0.125);
    expect(covariateNumber('1234', true)).to.equal(1234);
    expect(covariateNumber('1.234', true)).to.equal('ambiguousNumber');
    expect(covariateNumber('1e-3', false)).to.equal(0.001);
    expect(covariateNumber('12,5', false)).to.equal('badNumber');
    expect(covariateNumber('12 %', true)).to.equal('badNumber');
    expect(covariateNumber('1e999', false)).to.equal('badNumber');
    expect(covariateNumber('NaN', false)).to.equal('badNumber');
    expect(covariateNumber('', false)).to.equal('missingValue');
  });

  it('refuses sub-district covariates for a frame without sub-districts, an empty file and an unknown frame', async () => {
    await store.frames.create({ ...(await store.frames.get('f1'))!, id: 'plain' });
    await store.households.insertMany([{ frameId: 'plain', householdId: 'p-1', district: 'Ost', subdistrict: null, householdType: null, children: null, youngestChildAge: null, sortKey: null }]);
    const noSub = await importAreaCovariates(store, upload('area;x\nOst;1\n', 'subdistrict', { frameId: 'plain' }), PLANNER).catch((e: unknown) => e);
    expect(noSub).to.be.instanceOf(AppError).with.property('kind', 'invalid'); // 400
    expect((noSub as AppError).text('en')).to.match(/has no sub-districts/);
    const empty = await importAreaCovariates(store, upload(''), PLANNER).catch((e: unknown) => e);
    expect((empty as AppError).text('de')).to.equal('Die Datei ist leer.');
    const oneColumn = await importAreaCovariates(store, upload('area\nOst\n'), PLANNER).catch((e: unknown) => e);
    expect((oneColumn as AppError).text('en')).to.match(/fewer than two columns/);
    const unknown = await importAreaCovariates(store, upload('area;x\nOst;1\n', 'district', { frameId: 'nope' }), PLANNER).catch((e: unknown) => e);
    expect(unknown).to.be.instanceOf(AppError).with.property('kind', 'notFound'); // 404
    expect(await store.areaCovariates.list('f1')).to.deep.equal([]);
  });

  it('defaults to the frame of the newest draw', async () => {
    await frameWithSubdistricts(store, 'f2');
    await store.draws.create({ frameId: 'f1', wave: 1, method: 'srswor', seed: 1, prng: 'p', frameFingerprint: 'b', sortKey: null, allocationExact: {}, allocation: {}, reserve: {}, createdBy: null });
    const stored = await importAreaCovariates(store, upload('area;x\nOst;1\nNord;2\n', 'district', { frameId: undefined }), PLANNER);
    expect(stored.frameId).to.equal('f1');
  });
});
