import { expect } from 'chai';
import proj4 from 'proj4';
import { schematicGeraGeometry } from '../../fixtures/syntheticAreaGeometry';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import type { AreaFeatureCollection } from '../store/types';

const UTM32N = '+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs';

/** The demo districts as a geoportal would deliver them: ETRS89 / UTM 32N in metres, names in NAME, rings open. */
function utmFile(edit: (features: Record<string, unknown>[]) => Record<string, unknown>[] = (f) => f): string {
  const toUtm = proj4('WGS84', UTM32N);
  const features = schematicGeraGeometry().district.features.map((f) => ({
    type: 'Feature',
    properties: { NAME: f.properties.district, SCHLUESSEL: '01' },
    geometry: { type: 'Polygon', coordinates: f.geometry.coordinates.map((ring) => ring.slice(0, -1).map((p) => toUtm.forward(p as [number, number]).map((x) => Math.round(x * 100) / 100))) },
  }));
  return JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } }, features: edit(features) });
}

describe('area geometry and open results routes on the demo data', function () {
  this.timeout(120_000);
  let server: TestServer;
  let planner: ApiClient;

  before(async () => {
    server = await startTestServer();
    planner = new ApiClient(server.url, { 'accept-language': 'en' });
    expect((await planner.login('planner', 'Gera-planner-2026')).status).to.equal(200);
  });
  after(async () => server?.stop());

  it('the demo has schematic boundaries for 12 districts and 40 sub-districts and a published wave 1', async () => {
    const res = await planner.get('/api/geography/versions');
    expect(res.status).to.equal(200);
    const { versions } = (await res.json()) as { versions: { id: string; level: string; version: number; schematic: boolean }[] };
    for (const [level, count] of [['district', 12], ['subdistrict', 40]] as const) {
      const first = versions.find((v) => v.level === level && v.version === 1)!;
      expect(first.schematic).to.equal(true);
      const stored = (await server.store.areaGeometry.get(first.id))!;
      expect(stored.geojson.features).to.have.length(count);
      expect(stored.geojson.features.every((f) => f.properties.schematic === true)).to.equal(true);
    }
    const current = await planner.get('/api/geography/areas?level=subdistrict');
    expect(current.status).to.equal(200);
    const pub = (await (await new ApiClient(server.url).get('/api/public/results')).json()) as { waves: { wave: number }[] };
    expect(pub.waves.map((w) => w.wave)).to.deep.equal([1]);
  });

  it('only planners and admins upload, export and publish; anonymous callers must sign in', async () => {
    const staff = new ApiClient(server.url);
    await staff.login('staff', 'Gera-staff-2026');
    expect((await staff.get('/api/geography/areas')).status).to.equal(403);
    expect((await staff.post('/api/geography/areas', { level: 'district', fileName: 'x.geojson', content: '{}' })).status).to.equal(403);
    expect((await staff.post('/api/geography/publications', { wave: 1 })).status).to.equal(403);
    expect((await staff.get('/api/analysis/export/results.geojson')).status).to.equal(403);
    const anonymous = new ApiClient(server.url);
    expect((await anonymous.get('/api/geography/areas')).status).to.equal(401);
    expect((await anonymous.get('/api/geography/publications')).status).to.equal(401);
  });

  it('imports a UTM 32N file: reprojected to WGS 84, rings closed, names in the frame\'s spelling, next version, audited', async () => {
    const previous = (await server.store.areaGeometry.latest('district'))!.version;
    const file = utmFile((f) => f.map((x, i) => (i === 0 ? { ...x, properties: { NAME: '  stadtmitte ' } } : x)));
    const res = await planner.post('/api/geography/areas', { level: 'district', fileName: 'Statistische Bezirke 2026.geojson', content: file });
    expect(res.status, await res.clone().text()).to.equal(201);
    const { version } = (await res.json()) as { version: { id: string; version: number; sourceCrs: string; schematic: boolean; areas: number } };
    expect(version).to.deep.include({ version: previous + 1, sourceCrs: 'EPSG:25832', schematic: false, areas: 12 });
    const { geometry } = (await (await planner.get('/api/geography/areas?level=district')).json()) as { geometry: { id: string; geojson: AreaFeatureCollection } };
    expect(geometry.id).to.equal(version.id);
    const original = schematicGeraGeometry().district.features;
    geometry.geojson.features.forEach((f, i) => {
      expect(f.properties).to.deep.equal({ district: original[i]!.properties.district });
      const ring = f.geometry.coordinates[0] as number[][];
      const want = original[i]!.geometry.coordinates[0]!;
      expect(ring).to.have.length(want.length);
      expect(ring[0]).to.deep.equal(ring[ring.length - 1]);
      ring.forEach((p, j) => {
        expect(p[0]).to.be.closeTo(want[j]![0]!, 1e-6);
        expect(p[1]).to.be.closeTo(want[j]![1]!, 1e-6);
      });
    });
    const [audit] = await server.store.audit.list({ limit: 1, offset: 0 });
    expect(audit).to.deep.include({ action: 'geography.import', actorUsername: 'planner', afterId: version.id });
    expect(audit!.details).to.deep.include({ level: 'district', version: previous + 1, sourceCrs: 'EPSG:25832', closedRings: 12, areas: 12 });
  });

  it('refuses a file with unknown, missing or duplicate names or broken shapes: every problem listed, nothing stored', async () => {
    const before = await server.store.areaGeometry.list();
    const file = utmFile((f) => [
      { ...f[0], properties: { NAME: 'Nordstadt' } },
      ...f.slice(1, 9),
      { ...f[9], geometry: { type: 'LineString', coordinates: [[700000, 5640000], [701000, 5641000]] } },
      { ...f[10], properties: { NAME: 'Gera-Ost' } },
    ]);
    const res = await planner.post('/api/geography/areas', { level: 'district', fileName: 'bezirke.geojson', content: file });
    expect(res.status).to.equal(400);
    const body = (await res.json()) as { error: string; problems: { feature: number | null; name: string | null; reason: string }[]; notInFrame: string[]; missingInFile: string[]; duplicates: string[] };
    expect(body.error).to.equal('The boundaries (districts) were not accepted: 6 problems. Nothing was stored.');
    expect(body.notInFrame).to.deep.equal(['Nordstadt']);
    expect(body.missingInFile).to.have.members(['Stadtmitte', 'Lusan-Zentrum', 'Lusan-Brüte']);
    expect(body.duplicates).to.deep.equal(['Gera-Ost']);
    expect(body.problems).to.deep.include({ feature: 10, name: 'Lusan-Laune', reason: 'Geometry type LineString instead of Polygon or MultiPolygon.' });
    expect(body.problems).to.deep.include({ feature: 1, name: 'Nordstadt', reason: "This name is none of the frame's districts." });
    expect(await server.store.areaGeometry.list()).to.deep.equal(before);
    const [audit] = await server.store.audit.list({ limit: 1, offset: 0 });
    expect(audit).to.deep.include({ action: 'geography.import.rejected', actorUsername: 'planner' });
  });

  it('refuses files that are no JSON, in an unsupported CRS, or name an area of another level', async () => {
    const bad = await planner.post('/api/geography/areas', { level: 'district', fileName: 'x.geojson', content: '{"type": "FeatureCollection", ' });
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { error: string }).error).to.match(/^The file is no readable GeoJSON/);
    const gk = utmFile().replace('urn:ogc:def:crs:EPSG::25832', 'EPSG:31468');
    const crs = await planner.post('/api/geography/areas', { level: 'district', fileName: 'gk4.geojson', content: gk });
    expect(crs.status).to.equal(400);
    expect(((await crs.json()) as { error: string }).error).to.contain('EPSG:31468');
    const sub = await planner.post('/api/geography/areas', { level: 'subdistrict', fileName: 'x.geojson', content: utmFile() });
    const subBody = (await sub.json()) as { notInFrame: string[]; missingInFile: string[] };
    expect(sub.status).to.equal(400);
    expect(subBody.notInFrame).to.have.length(12);
    expect(subBody.missingInFile).to.have.length(40);
  });

  it('downloads the results as GeoJSON per level: one feature per area, suppressed values null', async () => {
    const res = await planner.get('/api/analysis/export/results.geojson?level=subdistrict');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.contain('application/geo+json');
    const fc = (await res.json()) as AreaFeatureCollection;
    expect(fc.features).to.have.length(40);
    const props = fc.features.map((f) => f.properties);
    expect(props.every((p) => p.schematic === true)).to.equal(true);
    const suppressed = props.filter((p) => p.childcare_unmet_flag === 'suppressed');
    expect(suppressed.length).to.be.greaterThan(0);
    for (const p of suppressed) expect([p.childcare_unmet, p.childcare_unmet_ci_low, p.childcare_unmet_ci_high]).to.deep.equal([null, null, null]);
  });

  it('publishes and unpublishes a wave; the public sees only live snapshots, as published', async () => {
    const anonymous = new ApiClient(server.url, { 'accept-language': 'de' });
    const shown = await anonymous.get('/api/public/results/1');
    expect(shown.status).to.equal(200);
    const published = (await shown.json()) as { snapshot: { wave: number; level: string; areas: string[]; indicators: { id: string; areas: { n: number | null; estimate: number | null; flag: string }[] }[] }; geometry: AreaFeatureCollection };
    expect(published.snapshot).to.deep.include({ wave: 1, level: 'district' });
    expect(published.snapshot).to.not.have.property('drawId');
    expect(published.snapshot.areas).to.have.length(12);
    expect(published.geometry.features).to.have.length(12);
    // The demo's publication draws the schematic boundaries it was published with …
    expect(published.geometry.features.every((f) => f.properties.schematic === true)).to.equal(true);
    // … and keeps them when newer boundaries are imported.
    const imported = await planner.post('/api/geography/areas', { level: 'district', fileName: 'bezirke-neu.geojson', content: utmFile() });
    expect(imported.status).to.equal(201);
    expect(((await (await anonymous.get('/api/public/results/1')).json()) as { geometry: AreaFeatureCollection }).geometry).to.deep.equal(published.geometry);
    for (const ind of published.snapshot.indicators) for (const c of ind.areas) if (c.flag === 'suppressed') expect([c.n, c.estimate]).to.deep.equal([null, null]);
    const csv = await anonymous.get('/api/public/results/1/results.csv');
    expect(csv.status).to.equal(200);
    expect((await csv.text()).split('\n')[0]).to.equal('wave,indicator,label,area,n,estimate,ci_low,ci_high,flag');
    const geo = (await (await anonymous.get('/api/public/results/1/results.geojson')).json()) as AreaFeatureCollection;
    expect(geo.features.map((f) => f.properties.district)).to.deep.equal(published.geometry.features.map((f) => f.properties.district));
    expect(Object.keys(geo.features[0]!.properties)).to.include.members(['district', 'schematic', 'childcare_unmet', 'childcare_unmet_ci_low', 'childcare_unmet_ci_high', 'childcare_unmet_flag']);

    const { publications } = (await (await planner.get('/api/geography/publications')).json()) as { publications: { id: string; wave: number; unpublishedAt: string | null }[] };
    const live = publications.find((p) => p.wave === 1 && p.unpublishedAt === null)!;
    const gone = await planner.post(`/api/geography/publications/${live.id}/unpublish`);
    expect(gone.status).to.equal(200);
    expect((await planner.post(`/api/geography/publications/${live.id}/unpublish`)).status).to.equal(404);
    expect((await anonymous.get('/api/public/results/1')).status).to.equal(404);
    expect((await anonymous.get('/api/public/results/1/results.geojson')).status).to.equal(404);
    expect(((await (await anonymous.get('/api/public/results')).json()) as { waves: unknown[] }).waves).to.deep.equal([]);
    expect((await anonymous.get('/api/public/results/2')).status).to.equal(404);
    expect((await planner.post('/api/geography/publications', { wave: 7 })).status).to.equal(404);

    const again = await planner.post('/api/geography/publications', { wave: 1 });
    expect(again.status, await again.clone().text()).to.equal(201);
    const republished = (await (await anonymous.get('/api/public/results/1')).json()) as { geometry: AreaFeatureCollection };
    // Published again, it draws the boundaries imported above (not schematic).
    expect(republished.geometry.features.every((f) => f.properties.schematic === undefined)).to.equal(true);
    const actions = (await server.store.audit.list({ limit: 3, offset: 0 })).map((a) => a.action);
    expect(actions).to.include.members(['results.publish', 'results.unpublish']);
  });
});
