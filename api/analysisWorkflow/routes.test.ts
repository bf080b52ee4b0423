import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { ApiClient } from '../testing/apiClient';
import { signedInClient, startTestServer, type TestServer } from '../testing/startTestServer';

describe('analysis routes on the demo data', function () {
  this.timeout(120_000);
  let server: TestServer;
  let planner: ApiClient;

  before(async () => {
    server = await startTestServer();
    planner = await signedInClient(server, 'planner', { 'accept-language': 'de' });
  });
  after(async () => server?.stop());

  it('staff may not see the analysis; anonymous callers must sign in', async () => {
    const staff = await signedInClient(server, 'staff');
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
    const de = (await (await planner.get('/api/analysis/indicators?lang=de')).json()) as { indicators: { id: string; label: string }[]; smallArea: { subdistricts: unknown[] } };
    const en = (await (await planner.get('/api/analysis/indicators?lang=en')).json()) as { indicators: { id: string; label: string }[] };
    expect(de.indicators.find((i) => i.id === 'unsafe_at_night')!.label).to.match(/unsicher/);
    expect(en.indicators.find((i) => i.id === 'unsafe_at_night')!.label).to.match(/unsafe/);
    const csv = await planner.get('/api/analysis/export/results.csv?dialect=excel-de&lang=de');
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-disposition')).to.match(/attachment/);
    const rows = parse(await csv.text(), { columns: true, delimiter: ';', bom: true }) as Record<string, string>[];
    // City, 12 districts and the demo's sub-districts, per indicator.
    expect(de.smallArea.subdistricts.length).to.be.at.least(30);
    expect(rows.length).to.equal(de.indicators.length * (13 + de.smallArea.subdistricts.length));
    const admin = await signedInClient(server, 'admin');
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

  it('model-based values: district and sub-district models on the demo, the median district CV well down', async () => {
    type Cell = { district: string; n: number; cv: number | null; model: { estimate: number; kind: string; gamma: number; cv: number } | null };
    type Body = { indicators: { id: string; districts: Cell[]; subdistricts: (Cell & { parent: string })[]; models: { district: { covariates: string[]; warnings: { code: string }[] } | null; subdistrict: unknown }; modelFailures: { subdistrict?: string } }[]; smallArea: { levels: string[]; medianCv: { direct: number; model: number }; defaults: { district: string[] }; covariates: { level: string; name: string; source: string }[] } };
    const body = (await (await planner.get('/api/analysis/indicators?lang=en')).json()) as Body;
    expect(body.smallArea.levels).to.deep.equal(['district', 'subdistrict']);
    expect(body.indicators.every((i) => i.models.district !== null)).to.equal(true);
    for (const ind of body.indicators) for (const c of ind.districts) expect(c.model, `${ind.id} ${c.district}`).to.not.equal(null);
    // Sub-districts: indicators about few households (childcare for young children) may have too few sub-districts
    // with ≥ 10 answers for a model; they say why.
    const modelled = body.indicators.filter((i) => i.models.subdistrict);
    expect(modelled.length).to.be.at.least(15);
    for (const ind of modelled) for (const c of ind.subdistricts) expect(c.model, `${ind.id} ${c.district}`).to.not.equal(null);
    for (const ind of body.indicators.filter((i) => !i.models.subdistrict)) expect(ind.modelFailures.subdistrict, ind.id).to.match(/Too few areas with at least 10 answers/);
    expect(body.smallArea.covariates.some((c) => c.source === 'import')).to.equal(true);
    const { direct, model } = body.smallArea.medianCv;
    console.log(`      (demo: median CV of district values over ${body.indicators.length} indicators: direct ${(100 * direct).toFixed(1)} %, model ${(100 * model).toFixed(1)} %)`);
    // Measured on the demo: about 0.55 × the direct median CV (docs/small-area-estimation.md).
    expect(model).to.be.at.most(0.65 * direct);
  });

  it('the planner chooses covariates per indicator (checked, audited); unknown ones are refused', async () => {
    const body = (await (await planner.get('/api/analysis/indicators')).json()) as { indicators: { id: string; models: { district: { covariates: string[] } } }[]; smallArea: { covariates: { level: string; name: string }[] } };
    const id = body.indicators[0].id;
    const choice = body.smallArea.covariates.filter((c) => c.level === 'district').map((c) => c.name).slice(0, 1);
    const put = (covariates: string[] | null) => planner.request('PUT', '/api/analysis/model-settings', { indicatorId: id, level: 'district', covariates });
    expect((await put(choice)).status).to.equal(200);
    const after = (await (await planner.get('/api/analysis/indicators')).json()) as typeof body & { indicators: { models: { district: { covariates: string[] } } }[] };
    expect(after.indicators.find((i) => i.id === id)!.models.district.covariates).to.deep.equal(choice);
    const refused = await put(['no_such_covariate']);
    expect(refused.status).to.equal(422);
    expect(((await refused.json()) as { error: string }).error).to.match(/no_such_covariate/);
    expect((await put(null)).status).to.equal(200);
    const settings = (await (await planner.get('/api/analysis/model-settings')).json()) as { settings: Record<string, unknown> };
    expect(settings.settings).to.deep.equal({});
    const admin = await signedInClient(server, 'admin');
    const audit = (await (await admin.get('/api/admin/audit?limit=20')).json()) as { entries: { action: string; entityId: string; afterSummary: string }[] };
    expect(audit.entries.filter((e) => e.action === 'analysis.model-covariates' && e.entityId === id).map((e) => e.afterSummary)).to.include.members([choice.join(', '), 'default']);
  });

  it('exports the small-area inputs and the model cards', async () => {
    const inputs = await planner.get('/api/analysis/export/small-area-inputs.csv');
    expect(inputs.status).to.equal(200);
    const rows = parse(await inputs.text(), { columns: true }) as Record<string, string>[];
    expect(rows[0]).to.include.keys('indicator', 'level', 'area', 'direct', 'effective_n', 'covariates_used');
    const cards = await planner.get('/api/analysis/export/model-cards.json');
    expect(cards.status).to.equal(200);
    expect(((await cards.json()) as { models: unknown[] }).models.length).to.be.at.least(20);
  });

  it('rejects an unknown dialect with a field error', async () => {
    const res = await planner.get('/api/analysis/export/results.csv?dialect=xlsx');
    expect(res.status).to.equal(400);
  });
});
