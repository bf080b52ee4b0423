import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { geoArea } from 'd3-geo';
import { normaliseAreaGeometry } from '../../analysis/maps';
import { schematicAreaGeometry, schematicGeraGeometry } from '../../fixtures/syntheticAreaGeometry';
import { GERA_SUBDISTRICTS } from '../../fixtures/syntheticSubdistricts';
import { samplingDemoStep } from '../samplingWorkflow/demoSampling';
import { openSqliteStore } from '../store/sqlite/sqliteStore';
import type { Store } from '../store/types';
import { geometryDemoStep } from './demoGeometry';

/** Area in km² of a WGS 84 collection (d3 wants clockwise exterior rings: the RFC 7946 rings are turned round). */
function km2(collection: { features: { geometry: { coordinates: number[][][] } }[] }): number {
  const R = 6371.0088;
  return collection.features.reduce((sum, f) => sum + geoArea({ type: 'Polygon', coordinates: f.geometry.coordinates.map((r) => [...r].reverse()) }) * R * R, 0);
}

describe('schematic demo boundaries', function () {
  this.timeout(60_000);

  it("cover Gera's 12 districts and 40 sub-districts without gaps: valid RFC 7946 polygons around 50.88 N, 12.08 E, about 150 km²", () => {
    const g = schematicGeraGeometry();
    expect(g.district.features).to.have.length(12);
    expect(g.subdistrict.features.map((f) => f.properties.district).sort()).to.deep.equal(GERA_SUBDISTRICTS.map((s) => s.name).sort());
    for (const level of [g.district, g.subdistrict]) {
      const checked = normaliseAreaGeometry(level, 'district');
      expect(checked.problems).to.deep.equal([]);
      expect([checked.closedRings, checked.rewoundRings]).to.deep.equal([0, 0]);
      expect(level.features.every((f) => f.properties.schematic === true)).to.equal(true);
    }
    const districts = km2(g.district);
    expect(districts).to.be.within(140, 175);
    // The sub-districts partition the districts: same total area.
    expect(km2(g.subdistrict)).to.be.closeTo(districts, 0.01);
    const lons = g.district.features.flatMap((f) => f.geometry.coordinates[0]!.map((p) => p[0]!));
    const lats = g.district.features.flatMap((f) => f.geometry.coordinates[0]!.map((p) => p[1]!));
    expect((Math.min(...lons) + Math.max(...lons)) / 2).to.be.closeTo(12.07, 0.03);
    expect((Math.min(...lats) + Math.max(...lats)) / 2).to.be.closeTo(50.87, 0.03);
    // Deterministic: drawn the same every time.
    expect(JSON.stringify(schematicGeraGeometry())).to.equal(JSON.stringify(g));
  });

  it("draws any other frame's districts on a spiral, so every seeded store has boundaries", () => {
    const names = Array.from({ length: 20 }, (_, i) => `D${String(i + 1).padStart(3, '0')}`);
    const g = schematicAreaGeometry(names, [{ name: 'D001-a', district: 'D001' }, { name: 'D001-b', district: 'D001' }, { name: 'D002-a', district: 'D002' }]);
    expect(g.district.features.map((f) => f.properties.district)).to.deep.equal(names);
    expect(normaliseAreaGeometry(g.district, 'district').problems).to.deep.equal([]);
    expect(normaliseAreaGeometry(g.subdistrict, 'district').problems).to.deep.equal([]);
    expect(g.subdistrict.features.map((f) => [f.properties.district, f.properties.parent])).to.deep.equal([['D001-a', 'D001'], ['D001-b', 'D001'], ['D002-a', 'D002']]);
    for (const f of g.district.features) expect(km2({ features: [f] })).to.be.greaterThan(1);
  });

  it('the demo seed stores them as version 1 of each level, marked schematic and audited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-geometry-'));
    let store: Store | undefined;
    try {
      store = openSqliteStore({ dataDir: dir });
      await store.migrate();
      await store.transaction(async (tx) => {
        await samplingDemoStep.run(tx, await samplingDemoStep.prepare?.(), { notes: [] });
        await geometryDemoStep.run(tx, undefined, { notes: [] });
      });
      const versions = await store.areaGeometry.list();
      expect(versions.map((v) => [v.level, v.version, v.schematic, v.sourceCrs])).to.deep.equal([
        ['district', 1, true, 'EPSG:4326'],
        ['subdistrict', 1, true, 'EPSG:4326'],
      ]);
      const frame = (await store.frames.list())[0]!;
      const districts = (await store.areaGeometry.latest('district'))!.geojson.features.map((f) => f.properties.district);
      expect(districts.sort()).to.deep.equal(frame.districts.map((d) => d.district).sort());
      const audit = (await store.audit.list({ limit: 10, offset: 0 })).filter((a) => a.action === 'geography.import');
      expect(audit).to.have.length(2);
      expect(audit.every((a) => a.actorUsername === null && (a.details as { schematic: boolean }).schematic === true)).to.equal(true);
    } finally {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

