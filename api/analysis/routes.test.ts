import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';

describe('analysis routes on the demo data', function () {
  this.timeout(120_000);
  let server: TestServer;
  let planner: ApiClient;

  before(async () => {
    server = await startTestServer();
    planner = new ApiClient(server.url, { 'accept-language': 'de' });
    expect((await planner.login('planner', 'Gera-planner-2026')).status).to.equal(200);
  });
  after(async () => server?.stop());

  it('staff may not see the analysis; anonymous callers must sign in', async () => {
    const staff = new ApiClient(server.url);
    await staff.login('staff', 'Gera-staff-2026');
    expect((await staff.get('/api/analysis/indicators')).status).to.equal(403);
    expect((await new ApiClient(server.url).get('/api/analysis/overview')).status).to.equal(401);
  });

  it('overview: weights add up to the frame per district; computed once, then cached', async () => {
    const started = performance.now();
    const res = await planner.get('/api/analysis/overview');
    const firstMs = performance.now() - started;
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { respondents: number; cached: boolean; durationMs: number; weighting: { overall: { sumWeights: number; population: number }; districts: { domain: string; sumWeights: number; population: number }[] } };
    expect(body.respondents).to.be.greaterThan(300);
    expect(body.weighting.districts).to.have.length(12);
    for (const d of body.weighting.districts) expect(d.sumWeights, d.domain).to.be.closeTo(d.population, 1e-6 * d.population);
    console.log(`      (demo: ${body.respondents} respondents, first computation ${body.durationMs} ms, request ${Math.round(firstMs)} ms)`);
    const again = (await (await planner.get('/api/analysis/overview')).json()) as { cached: boolean };
    expect(again.cached).to.equal(true);
  });

  it('indicators in German and English; results CSV downloads are audited', async () => {
    const de = (await (await planner.get('/api/analysis/indicators?lang=de')).json()) as { indicators: { id: string; label: string }[] };
    const en = (await (await planner.get('/api/analysis/indicators?lang=en')).json()) as { indicators: { id: string; label: string }[] };
    expect(de.indicators.find((i) => i.id === 'unsafe_at_night')!.label).to.match(/unsicher/);
    expect(en.indicators.find((i) => i.id === 'unsafe_at_night')!.label).to.match(/unsafe/);
    const csv = await planner.get('/api/analysis/export/results.csv?dialect=excel-de&lang=de');
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-disposition')).to.match(/attachment/);
    const rows = parse(await csv.text(), { columns: true, delimiter: ';', bom: true }) as Record<string, string>[];
    expect(rows.length).to.equal(de.indicators.length * 13);
    const admin = new ApiClient(server.url);
    await admin.login('admin', 'Gera-admin-2026');
    const audit = (await (await admin.get('/api/admin/audit?limit=20')).json()) as { entries: { action: string; actorUsername: string; details: { file: string; rows: number } }[] };
    const entry = audit.entries.find((e) => e.action === 'analysis.export');
    expect(entry?.actorUsername).to.equal('planner');
    expect(entry?.details).to.include({ file: 'ergebnisse-excel.csv', rows: rows.length });
  });

  it('a household recorded as no longer eligible changes the data version and leaves the weighting', async () => {
    type Overview = { notEligible: number; cached: boolean; dataVersion: string; drawId: string; weighting: { overall: { sumWeights: number } } };
    const before = (await (await planner.get('/api/analysis/overview')).json()) as Overview;
    const answered = new Set((await server.store.responses.list({ status: 'submitted' })).map((r) => r.householdId));
    const recorded = new Set((await server.store.dispositions.list({ drawId: before.drawId })).map((d) => d.householdId));
    const silent = (await server.store.sampleUnits.listByDraw(before.drawId)).find((u) => u.status === 'invited' && !answered.has(u.householdId) && !recorded.has(u.householdId))!;
    await server.store.dispositions.set({ drawId: before.drawId, householdId: silent.householdId, disposition: 'not_eligible', note: null, recordedByUserId: null, recordedByUsername: null });
    const after = (await (await planner.get('/api/analysis/overview')).json()) as Overview;
    expect(after.cached).to.equal(false);
    expect(after.dataVersion).to.not.equal(before.dataVersion);
    expect(after.notEligible).to.equal(before.notEligible + 1);
    expect(after.weighting.overall.sumWeights).to.be.closeTo(before.weighting.overall.sumWeights - silent.designWeight, 1e-6);
  });

  it('rejects an unknown dialect with a field error', async () => {
    const res = await planner.get('/api/analysis/export/results.csv?dialect=xlsx');
    expect(res.status).to.equal(400);
  });
});
