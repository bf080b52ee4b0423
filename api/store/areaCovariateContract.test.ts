/**
 * Behavioural contract of the imported area covariates repository, run against SQLite always and
 * against MongoDB when MONGODB_URI points at a server.
 */
import { expect } from 'chai';
import { DuplicateKeyError, type NewAreaCovariateImport, type NewFrame, type Store } from './types';
import { forEveryAdapter, freshStorePerTest, type AdapterUnderTest } from './testing/contractAdapters';

const frame = (id: string): NewFrame => ({
  id,
  name: `Melderegister ${id}`,
  importedAt: '2026-11-01T10:00:00.000Z',
  importedBy: null,
  rowCount: 3,
  fingerprint: 'a'.repeat(64),
  columnMapping: { householdId: 'hh', district: 'bezirk', name: 'name', street: 'strasse', houseNumber: 'nr', postcode: 'plz', city: 'ort', subdistrict: 'teilbezirk' },
  districts: [
    { district: 'Debschwitz', households: 1 },
    { district: 'Stadtmitte', households: 2 },
  ],
});

const entry = (frameId: string, level: 'district' | 'subdistrict', version: number, share = 0.125): NewAreaCovariateImport => ({
  frameId,
  level,
  version,
  columns: ['anteil_sgb2', 'kinder_0_17'],
  rows:
    level === 'district'
      ? [
          { area: 'Stadtmitte', values: [share, 410] },
          { area: 'Debschwitz', values: [0.0625, 233] },
        ]
      : [{ area: 'Stadtmitte-Nord', values: [share, 99] }],
  importedAt: `2026-11-0${version}T09:00:00.000Z`,
  importedBy: 'u-planner',
  fileName: `kovariaten-${level}-v${version}.csv`,
});

function areaCovariateContract(adapter: AdapterUnderTest) {
  describe(`Area covariates store contract: ${adapter.name}`, function () {
    this.timeout(20_000);
    let store: Store;
    const fixture = freshStorePerTest(adapter, (opened) => (store = opened));

    it('stores a version with its columns and rows exactly as given and reads it back', async () => {
      await store.frames.create(frame('f1'));
      const stored = await store.areaCovariates.create(entry('f1', 'district', 1, 0.1 + 0.2));
      expect(stored.id).to.be.a('string').and.not.equal('');
      const { importedAt: _at, ...given } = entry('f1', 'district', 1, 0.1 + 0.2);
      expect(stored).to.deep.include({ ...given, importedAt: '2026-11-01T09:00:00.000Z' });
      expect(stored.rows[0]!.values[0]).to.equal(0.30000000000000004);
      expect(await store.areaCovariates.get(stored.id)).to.deep.equal(stored);
      expect(await store.areaCovariates.get('nope')).to.equal(null);
    });

    it('keeps every version: latest per level, list newest first with the district level first', async () => {
      await store.frames.create(frame('f1'));
      await store.frames.create(frame('f2'));
      await store.areaCovariates.create(entry('f1', 'subdistrict', 1));
      await store.areaCovariates.create(entry('f1', 'district', 1));
      await store.areaCovariates.create(entry('f1', 'district', 2, 0.5));
      await store.areaCovariates.create(entry('f2', 'district', 1));
      expect((await store.areaCovariates.latest('f1', 'district'))!.version).to.equal(2);
      expect((await store.areaCovariates.latest('f1', 'district'))!.rows[0]!.values[0]).to.equal(0.5);
      expect((await store.areaCovariates.latest('f1', 'subdistrict'))!.version).to.equal(1);
      expect(await store.areaCovariates.latest('f2', 'subdistrict')).to.equal(null);
      expect((await store.areaCovariates.list('f1')).map((c) => `${c.level}@${c.version}`)).to.deep.equal(['district@2', 'district@1', 'subdistrict@1']);
      expect((await store.areaCovariates.list('f1', 'subdistrict')).map((c) => c.version)).to.deep.equal([1]);
      expect(await store.areaCovariates.list('nope')).to.deep.equal([]);
    });

    it('refuses a version number the frame already has for the level (two imports at once)', async () => {
      await store.frames.create(frame('f1'));
      await store.areaCovariates.create(entry('f1', 'district', 1));
      const err = await store.areaCovariates.create(entry('f1', 'district', 1, 0.9)).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(DuplicateKeyError);
      expect((err as DuplicateKeyError).field).to.equal('version');
      expect((await store.areaCovariates.latest('f1', 'district'))!.rows[0]!.values[0]).to.equal(0.125);
      // The same number on the other level is another version.
      expect((await store.areaCovariates.create(entry('f1', 'subdistrict', 1))).version).to.equal(1);
    });

    it('rolls a version back with the transaction it was stored in', async function () {
      if (!adapter.atomicTransactions) {
        console.log(`      (skipped on ${adapter.name}: no multi-document transactions without a replica set, so nothing rolls back)`);
        this.skip();
      }
      await store.frames.create(frame('f1'));
      const err = await store
        .transaction(async (tx) => {
          await tx.areaCovariates.create(entry('f1', 'district', 1));
          throw new Error('audit failed');
        })
        .catch((e: unknown) => e);
      expect((err as Error).message).to.equal('audit failed');
      expect(await store.areaCovariates.list('f1')).to.deep.equal([]);
    });

    it('keeps versions across close and reopen', async () => {
      await store.frames.create(frame('f1'));
      const stored = await store.areaCovariates.create(entry('f1', 'subdistrict', 1));
      await fixture.reopen();
      expect(await store.migrate()).to.deep.equal([]);
      expect(await store.areaCovariates.get(stored.id)).to.deep.equal(stored);
    });
  });
}

await forEveryAdapter('area covariate', areaCovariateContract);
