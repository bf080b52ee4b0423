import { expect } from 'chai';
import iconv from 'iconv-lite';
import { ApiClient } from '../testing/apiClient';
import { signedInClient, startTestServer, type TestServer } from '../testing/startTestServer';
import { MAX_COVARIATE_FILE_BYTES } from './covariateRoutes';

interface Overview {
  frame: { id: string; name: string };
  areas: { district: string[]; subdistrict: string[] };
  frameCovariates: { district: string[]; subdistrict: string[] };
  versions: { id: string; level: string; version: number; columns: string[]; rows: { area: string; values: number[] }[]; importedByUsername: string | null; fileName: string }[];
}

const base64 = (text: string, encoding: 'utf8' | 'win1252' = 'utf8') => (encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'win1252')).toString('base64');

describe('area covariate routes on the demo data', function () {
  this.timeout(120_000);
  let server: TestServer;
  let planner: ApiClient;

  before(async () => {
    server = await startTestServer();
    planner = await signedInClient(server, 'planner', { 'accept-language': 'de' });
  });
  after(async () => server?.stop());

  it('only planners and admins may list or upload; anonymous callers must sign in', async () => {
    const staff = await signedInClient(server, 'staff');
    expect((await staff.get('/api/analysis/covariates')).status).to.equal(403);
    expect((await staff.post('/api/analysis/covariates', { level: 'district', fileName: 'x.csv', content: '' })).status).to.equal(403);
    expect((await new ApiClient(server.url).get('/api/analysis/covariates')).status).to.equal(401);
  });

  it('lists the frame of the newest draw with its 12 districts, 40 sub-districts and frame covariates', async () => {
    const res = await planner.get('/api/analysis/covariates');
    expect(res.status).to.equal(200);
    const body = (await res.json()) as Overview;
    expect(body.areas.district).to.have.length(12);
    expect(body.areas.subdistrict).to.have.length(40);
    expect(body.frameCovariates.district).to.include.members(['share_single_parent', 'mean_children', 'share_large_families', 'share_youngest_under_6']);
  });

  it('uploads a German Windows-1252 file as the next version of its level, audited, and lists it', async () => {
    const before = (await (await planner.get('/api/analysis/covariates?level=district')).json()) as Overview;
    const previous = before.versions[0]?.version ?? 0;
    const csv = ['Bezirk;anteil_sgb2;kinder_0_17', ...before.areas.district.map((d, i) => `${d};${(0.1 + i / 100).toFixed(2).replace('.', ',')};${100 + i}`)].join('\r\n');
    const res = await planner.post('/api/analysis/covariates', { level: 'district', fileName: 'Gebietsmerkmale Bezirke 2026.csv', content: base64(csv, 'win1252') });
    expect(res.status, await res.clone().text()).to.equal(201);
    const { version } = (await res.json()) as { version: Overview['versions'][number] };
    expect(version).to.deep.include({ level: 'district', version: previous + 1, columns: ['anteil_sgb2', 'kinder_0_17'], importedByUsername: 'planner' });
    expect(version.rows[1]).to.deep.equal({ area: before.areas.district[1], values: [0.11, 101] });
    const after = (await (await planner.get(`/api/analysis/covariates?frameId=${before.frame.id}`)).json()) as Overview;
    expect(after.versions.filter((v) => v.level === 'district')[0]!.id).to.equal(version.id);
    const [audit] = await server.store.audit.list({ limit: 1, offset: 0 });
    expect(audit).to.deep.include({ action: 'covariates.import', actorUsername: 'planner', entityId: before.frame.id, afterId: version.id });
  });

  it('refuses a file with problems: 400 with every problem by row and column, unknown and missing areas; nothing stored', async () => {
    const before = (await (await planner.get('/api/analysis/covariates?level=subdistrict')).json()) as Overview;
    const [first, second, ...rest] = before.areas.subdistrict;
    const csv = ['area,benefits', `${first},0.2`, `${first},0.3`, 'Nirgendwo-Süd,0.1', `${second},n/a`].join('\n');
    const res = await planner.post('/api/analysis/covariates', { level: 'subdistrict', fileName: 'teilbezirke.csv', content: base64(csv) });
    expect(res.status).to.equal(400);
    const body = (await res.json()) as { error: string; errors: { row: number | null; column: string; code: string }[]; errorCount: number; unknownAreas: string[]; missingAreas: string[] };
    expect(body.error).to.match(/^Die Datei wurde nicht übernommen: \d+ Probleme\./);
    expect(body.errors.slice(0, 3).map((e) => [e.row, e.column, e.code])).to.deep.equal([
      [3, 'area', 'duplicateArea'],
      [4, 'area', 'unknownArea'],
      [5, 'benefits', 'badNumber'],
    ]);
    expect(body.unknownAreas).to.deep.equal(['Nirgendwo-Süd']);
    expect(body.missingAreas).to.deep.equal(rest);
    expect(body.errorCount).to.equal(3 + rest.length);
    const after = (await (await planner.get('/api/analysis/covariates?level=subdistrict')).json()) as Overview;
    expect(after.versions.map((v) => v.id)).to.deep.equal(before.versions.map((v) => v.id));
  });

  it('validates the request: level, file name and base64 content; a file over the limit answers 413', async () => {
    const bad = await planner.post('/api/analysis/covariates', { level: 'street', fileName: '../x.csv', content: 'not base64!' });
    expect(bad.status).to.equal(400);
    const paths = ((await bad.json()) as { details: { path: string }[] }).details.map((d) => d.path);
    expect(paths).to.have.members(['level', 'fileName', 'content']);
    const huge = Buffer.alloc(MAX_COVARIATE_FILE_BYTES + 3, 0x31).toString('base64');
    expect(huge.length).to.be.above(Math.ceil(MAX_COVARIATE_FILE_BYTES / 3) * 4);
    expect((await planner.post('/api/analysis/covariates', { level: 'district', fileName: 'x.csv', content: huge.slice(0, Math.ceil(MAX_COVARIATE_FILE_BYTES / 3) * 4) })).status).to.equal(413);
    const unknown = await planner.post('/api/analysis/covariates', { frameId: 'nope', level: 'district', fileName: 'x.csv', content: base64('area;x\nOst;1\n') });
    expect(unknown.status).to.equal(404);
  });
});
