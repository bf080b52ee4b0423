/**
 * Behavioural contract of the area geometry and result publication repositories, run against SQLite
 * always and against MongoDB when MONGODB_URI points at a server.
 */
import { expect } from 'chai';
import { DuplicateKeyError, type AreaFeatureCollection, type NewAreaGeometryVersion, type NewResultPublication, type Store } from './types';
import { forEveryAdapter, freshStorePerTest, type AdapterUnderTest } from './testing/contractAdapters';

const square = (name: string, x: number, y: number): AreaFeatureCollection['features'][number] => ({
  type: 'Feature',
  properties: { district: name, '$ref': 'kept as text', 'a.b': 1 },
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] },
});

const geometry = (level: 'district' | 'subdistrict', version: number, x = 12.08): NewAreaGeometryVersion => ({
  level,
  version,
  geojson: { type: 'FeatureCollection', features: [square('Stadtmitte', x, 50.88), square('Debschwitz', x, 50.87)] },
  sourceCrs: 'EPSG:25832',
  schematic: version === 1,
  importedAt: `2026-11-0${version}T09:00:00.000Z`,
  importedBy: 'u-planner',
  fileName: `bezirke-v${version}.geojson`,
});

const publication = (wave: number, geometryId: string | null = null): NewResultPublication => ({
  drawId: `d${wave}`,
  wave,
  geometryId,
  snapshot: { wave, indicators: [{ id: 'childcare', districts: [{ district: 'Stadtmitte', estimate: null, flag: 'suppressed' }] }] },
  publishedAt: `2026-11-1${wave}T10:00:00.000Z`,
  publishedBy: 'u-planner',
});

function geographyContract(adapter: AdapterUnderTest) {
  describe(`Area geometry and publications store contract: ${adapter.name}`, function () {
    this.timeout(20_000);
    let store: Store;
    const fixture = freshStorePerTest(adapter, (opened) => (store = opened));

    it('stores a geometry version exactly as given and reads it back; latest per level; listings without geometry', async () => {
      const first = await store.areaGeometry.create(geometry('district', 1, 12.1 + 0.2));
      expect(first.id).to.be.a('string').and.not.equal('');
      const { importedAt: _at, ...given } = geometry('district', 1, 12.1 + 0.2);
      expect(first).to.deep.include({ ...given, importedAt: '2026-11-01T09:00:00.000Z' });
      expect(first.geojson.features[0]!.geometry.coordinates[0]![0]).to.deep.equal([12.299999999999999, 50.88]);
      expect(first.geojson.features[0]!.properties).to.deep.equal({ district: 'Stadtmitte', '$ref': 'kept as text', 'a.b': 1 });
      expect(await store.areaGeometry.get(first.id)).to.deep.equal(first);
      expect(await store.areaGeometry.get('nope')).to.equal(null);
      await store.areaGeometry.create(geometry('subdistrict', 1));
      await store.areaGeometry.create(geometry('district', 2));
      expect((await store.areaGeometry.latest('district'))!.version).to.equal(2);
      expect((await store.areaGeometry.latest('district'))!.schematic).to.equal(false);
      expect((await store.areaGeometry.latest('subdistrict'))!.version).to.equal(1);
      const listed = await store.areaGeometry.list();
      expect(listed.map((g) => `${g.level}@${g.version}`)).to.deep.equal(['district@2', 'district@1', 'subdistrict@1']);
      expect(listed[0]).to.not.have.property('geojson');
      expect((await store.areaGeometry.list('subdistrict')).map((g) => g.version)).to.deep.equal([1]);
    });

    it('refuses a version number the level already has', async () => {
      await store.areaGeometry.create(geometry('district', 1));
      const err = await store.areaGeometry.create(geometry('district', 1, 13)).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(DuplicateKeyError);
      expect((err as DuplicateKeyError).field).to.equal('version');
      expect((await store.areaGeometry.latest('district'))!.geojson.features[0]!.geometry.coordinates[0]![0]).to.deep.equal([12.08, 50.88]);
      expect(await store.areaGeometry.latest('subdistrict')).to.equal(null);
    });

    it('publishes a wave once at a time, lists live ones newest wave first, and unpublishes only once', async () => {
      const g = await store.areaGeometry.create(geometry('district', 1));
      const p1 = await store.resultPublications.create(publication(1, g.id));
      expect(p1).to.deep.include({ drawId: 'd1', wave: 1, geometryId: g.id, publishedBy: 'u-planner', unpublishedAt: null, unpublishedBy: null });
      expect(p1.snapshot).to.deep.equal(publication(1).snapshot);
      expect(await store.resultPublications.get(p1.id)).to.deep.equal(p1);
      const p2 = await store.resultPublications.create(publication(2));
      const dup = await store.resultPublications.create(publication(1)).catch((e: unknown) => e);
      expect(dup).to.be.instanceOf(DuplicateKeyError);
      expect((dup as DuplicateKeyError).field).to.equal('wave');
      expect((await store.resultPublications.listLive()).map((p) => p.wave)).to.deep.equal([2, 1]);
      const gone = await store.resultPublications.unpublish(p1.id, '2026-11-20T08:00:00.000Z', 'u-admin');
      expect(gone).to.deep.include({ id: p1.id, unpublishedAt: '2026-11-20T08:00:00.000Z', unpublishedBy: 'u-admin' });
      expect(gone!.snapshot).to.deep.equal(p1.snapshot);
      expect(await store.resultPublications.unpublish(p1.id, '2026-11-21T08:00:00.000Z', 'u-admin')).to.equal(null);
      expect(await store.resultPublications.unpublish('nope', '2026-11-21T08:00:00.000Z', null)).to.equal(null);
      expect((await store.resultPublications.listLive()).map((p) => p.id)).to.deep.equal([p2.id]);
      // Unpublished, the wave can be published again; the old record stays for the audit trail.
      const again = await store.resultPublications.create(publication(1));
      expect((await store.resultPublications.listLive()).map((p) => p.id)).to.deep.equal([p2.id, again.id]);
      expect((await store.resultPublications.list()).map((p) => p.id).sort()).to.deep.equal([p1.id, p2.id, again.id].sort());
      expect((await store.resultPublications.get(p1.id))!.unpublishedAt).to.equal('2026-11-20T08:00:00.000Z');
    });

    it('rolls a geometry version and a publication back with their transaction', async function () {
      if (!adapter.atomicTransactions) {
        console.log(`      (skipped on ${adapter.name}: no multi-document transactions without a replica set, so nothing rolls back)`);
        this.skip();
      }
      const err = await store
        .transaction(async (tx) => {
          await tx.areaGeometry.create(geometry('district', 1));
          await tx.resultPublications.create(publication(1));
          throw new Error('audit failed');
        })
        .catch((e: unknown) => e);
      expect((err as Error).message).to.equal('audit failed');
      expect(await store.areaGeometry.list()).to.deep.equal([]);
      expect(await store.resultPublications.list()).to.deep.equal([]);
    });

    it('keeps versions and publications across close and reopen', async () => {
      const g = await store.areaGeometry.create(geometry('subdistrict', 1));
      const p = await store.resultPublications.create(publication(3, null));
      await fixture.reopen();
      expect(await store.migrate()).to.deep.equal([]);
      expect(await store.areaGeometry.get(g.id)).to.deep.equal(g);
      expect(await store.resultPublications.get(p.id)).to.deep.equal(p);
    });
  });
}

await forEveryAdapter('geography', geographyContract);
