import { expect } from 'chai';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { pdfPages } from './testing/pdfText';

describe('district report route on the demo data', function () {
  this.timeout(120_000);
  let server: TestServer;
  let planner: ApiClient;
  let districts: string[];

  before(async () => {
    server = await startTestServer();
    planner = new ApiClient(server.url, { 'accept-language': 'de' });
    expect((await planner.login('planner', 'Gera-planner-2026')).status).to.equal(200);
    const draw = (await server.store.draws.list())[0]!;
    districts = (await server.store.frames.get(draw.frameId))!.districts.map((d) => d.district);
  });
  after(async () => server?.stop());

  it('staff may not download the report; anonymous callers must sign in', async () => {
    const staff = new ApiClient(server.url);
    await staff.login('staff', 'Gera-staff-2026');
    expect((await staff.get('/api/analysis/report')).status).to.equal(403);
    expect((await new ApiClient(server.url).get('/api/analysis/report')).status).to.equal(401);
  });

  it('sends the PDF in the language of the browser as a download with every district, and audits it', async () => {
    const res = await planner.get('/api/analysis/report');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/pdf');
    expect(res.headers.get('content-disposition')).to.equal('attachment; filename="stadtteilbericht-welle-1.pdf"');
    const pages = pdfPages(Buffer.from(await res.arrayBuffer()));
    const text = pages.join('\n');
    for (const d of districts) expect(text, d).to.contain(d);
    expect(text).to.contain('Stadtteilprofile');
    const admin = new ApiClient(server.url);
    await admin.login('admin', 'Gera-admin-2026');
    const audit = (await (await admin.get('/api/admin/audit?limit=20')).json()) as { entries: { action: string; actorUsername: string; details: Record<string, unknown> }[] };
    const entry = audit.entries.find((e) => e.action === 'analysis.export' && e.details.file === 'stadtteilbericht-welle-1.pdf');
    expect(entry?.actorUsername).to.equal('planner');
    expect(entry?.details).to.include({ rows: pages.length, lang: 'de', format: 'pdf' });
  });

  it('sends HTML in English on request, and refuses an unknown format with the field named', async () => {
    const res = await planner.get('/api/analysis/report?format=html&lang=en');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).to.equal('attachment; filename="district-report-wave-1.html"');
    const html = await res.text();
    expect(html).to.contain('<html lang="en">').and.contain('District profiles');
    const bad = await planner.get('/api/analysis/report?format=docx');
    expect(bad.status).to.equal(400);
    expect(await bad.text()).to.contain('format');
  });
});
