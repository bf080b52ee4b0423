import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadAnalysisInput } from '../../analysisWorkflow/analysisInput';
import { computeAnalysis } from '../../analysisWorkflow/computeAnalysis';
import { seedDemo } from '../../demo/seedDemo';
import { openSqliteStore } from '../../store/sqlite/sqliteStore';
import { runCli } from '../../testing/runCli';

const cli = (args: string[], dataDir: string) => runCli(args, { MONGODB_URI: '', DATA_DIR: dataDir });

interface Feature {
  type: string;
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

/** Every ring closed, with ≥ 4 positions, in the WGS 84 range. */
function checkGeometry(f: Feature) {
  expect(f.type).to.equal('Feature');
  expect(['Polygon', 'MultiPolygon']).to.include(f.geometry.type);
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      expect(ring.length).to.be.at.least(4);
      expect(ring[0]).to.deep.equal(ring[ring.length - 1]);
      for (const [lon, lat] of ring) {
        expect(lon).to.be.within(-180, 180);
        expect(lat).to.be.within(-90, 90);
      }
    }
  }
}

describe('cli export-geojson', function () {
  this.timeout(180_000);
  let dir: string;
  let work: string;
  let run: ReturnType<typeof computeAnalysis>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cli-geojson-'));
    work = mkdtempSync(join(tmpdir(), 'cli-geojson-out-'));
    const store = openSqliteStore({ dataDir: dir });
    try {
      await store.migrate();
      await seedDemo(store, undefined, { dataDir: dir });
      run = computeAnalysis(await loadAnalysisInput(store));
    } finally {
      await store.close();
    }
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  for (const level of ['district', 'subdistrict'] as const) {
    it(`writes one feature per ${level} with closed WGS 84 rings and the estimate, CI and flag of every indicator`, async () => {
      const out = join(work, `${level}.geojson`);
      const res = await cli(['export-geojson', '--out', out, ...(level === 'district' ? [] : ['--level', level]), '--wave', '1'], dir);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stdout).to.match(new RegExp(`^${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\d+ `));
      const fc = JSON.parse(readFileSync(out, 'utf8')) as { type: string; features: Feature[] };
      expect(fc.type).to.equal('FeatureCollection');
      const areas = level === 'district' ? run.result.districts : run.result.smallArea.subdistricts.map((s) => s.area);
      expect(fc.features.map((f) => f.properties.district).sort()).to.deep.equal([...areas].sort());
      let suppressed = 0;
      for (const f of fc.features) {
        checkGeometry(f);
        expect(f.properties.schematic).to.equal(true);
        for (const ind of run.result.indicators) {
          const cell = (level === 'district' ? ind.districts : ind.subdistricts).find((c) => c.district === f.properties.district)!;
          const p = f.properties;
          expect(p).to.include.keys(ind.id, `${ind.id}_ci_low`, `${ind.id}_ci_high`, `${ind.id}_flag`);
          expect(p[`${ind.id}_flag`]).to.equal(cell.flag);
          if (cell.flag === 'suppressed') {
            suppressed++;
            expect([p[ind.id], p[`${ind.id}_ci_low`], p[`${ind.id}_ci_high`]]).to.deep.equal([null, null, null]);
          } else {
            expect(p[ind.id]).to.equal(cell.estimate);
            expect([p[`${ind.id}_ci_low`], p[`${ind.id}_ci_high`]]).to.deep.equal([cell.ciLow, cell.ciHigh]);
          }
        }
      }
      // The demo has suppressed sub-district cells; the district level may have some too.
      if (level === 'subdistrict') expect(suppressed).to.be.greaterThan(0);
    });
  }

  it('refuses bad options, an unknown wave and a store without boundaries, writing nothing', async () => {
    const out = join(work, 'none.geojson');
    const level = await cli(['export-geojson', '--out', out, '--level', 'city'], dir);
    expect(level.code).to.equal(2);
    expect(level.stderr).to.contain("unknown --level 'city'");
    const wave = await cli(['export-geojson', '--out', out, '--wave', '9'], dir);
    expect(wave.code).to.equal(2);
    expect(wave.stderr).to.contain('no draw of wave 9 (waves: 1)');
    expect((await cli(['export-geojson', '--out', out, '--wave', 'x'], dir)).stderr).to.contain('--wave must be a whole number');
    expect((await cli(['export-geojson'], dir)).stderr).to.contain('missing required option --out');
    const empty = mkdtempSync(join(tmpdir(), 'cli-geojson-empty-'));
    try {
      const res = await cli(['export-geojson', '--out', out], empty);
      expect(res.code).to.equal(2);
      expect(res.stderr).to.contain('the store has no district boundaries');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect(existsSync(out)).to.equal(false);
  });
});
