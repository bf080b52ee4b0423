import { expect } from 'chai';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { parsePagePayload } from './pageIdentity';
import { paperLayout } from './paperLayout';
import { loadQuestionnaire } from '../questionnaire/registry';
import { decodeQrCodes, pdfPageCount, pdfText, renderPdfPage } from './testing/renderedPdf';
import { json, smallDraw } from './testing/smallDraw';

describe('Printed questionnaires of a draw (POST /api/sampling/draws/:id/paper-forms)', function () {
  this.timeout(120_000);
  let server: TestServer;
  let planner: ApiClient;
  let admin: ApiClient;
  let staff: ApiClient;
  /** A draw for the tests that print nothing or read only; the others make a draw of their own. */
  let drawId: string;
  /** The draws of the demo, listed before any test adds its own. */
  let demoDraws: Awaited<ReturnType<TestServer['store']['draws']['list']>>;
  /** The first contacted household of a draw, in letter order. */
  const firstContacted = async (draw: string) => (await server.store.sampleUnits.listByDraw(draw)).find((u) => u.status !== 'reserve')!.householdId;
  const pages = paperLayout(loadQuestionnaire(1), { questionnaire: 'family-life-quality@1', lang: 'de', largePrint: false }).pages.length;

  before(async () => {
    server = await startTestServer();
    planner = new ApiClient(server.url);
    admin = new ApiClient(server.url);
    staff = new ApiClient(server.url);
    expect((await planner.login('planner', 'Gera-planner-2026')).status).to.equal(200);
    expect((await admin.login('admin', 'Gera-admin-2026')).status).to.equal(200);
    expect((await staff.login('staff', 'Gera-staff-2026')).status).to.equal(200);
    demoDraws = await server.store.draws.list();
    ({ drawId } = await smallDraw(planner));
  });
  after(async () => {
    await server?.stop();
  });

  it('gives every contacted household of the demo draw a form reference when the demo is seeded', async () => {
    const demoDraw = demoDraws[0]!;
    const contacted = (await server.store.sampleUnits.listByDraw(demoDraw.id)).filter((u) => u.status !== 'reserve');
    const refs = await server.store.paperForms.listByDraw(demoDraw.id);
    expect(refs.length).to.equal(contacted.length).and.be.greaterThan(1000);
    expect(new Set(refs.map((r) => r.formId)).size).to.equal(refs.length);
    expect(refs.every((r) => r.questionnaireId === 'family-life-quality' && r.questionnaireVersion === 1)).to.equal(true);
  });

  it('prints one merged PDF in letter order with a random reference per contacted household, the same on a reprint', async () => {
    const { drawId } = await smallDraw(planner);
    const res = await planner.post(`/api/sampling/draws/${drawId}/paper-forms`, { lang: 'de' });
    expect(res.status, await res.clone().text()).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/pdf');
    expect(res.headers.get('x-form-count')).to.equal('6');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('x-estimated-bytes'))).to.be.closeTo(pdf.length, pdf.length * 0.1);
    expect(pdfPageCount(pdf)).to.equal(6 * pages);

    const letterOrder = (await server.store.sampleUnits.listByDraw(drawId)).filter((u) => u.status !== 'reserve').map((u) => u.householdId);
    const refs = await server.store.paperForms.listByDraw(drawId);
    const byHousehold = new Map(refs.map((r) => [r.householdId, r.formId]));
    expect([...byHousehold.keys()].sort()).to.deep.equal([...letterOrder].sort());
    const printed = pdfText(pdf).split('\n').filter((l) => l.startsWith('FBQ1;')).map((l) => parsePagePayload(l));
    expect(printed.filter((p) => p.page === 1).map((p) => p.formId)).to.deep.equal(letterOrder.map((h) => byHousehold.get(h)));
    for (const r of refs) {
      expect(r.formId).to.match(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(r.formId).not.to.contain(r.householdId);
    }
    const codes = (await server.store.accessCodes.listByDraw(drawId)).map((c) => c.codeHash);
    expect(refs.some((r) => codes.includes(r.formId))).to.equal(false);

    const again = await planner.post(`/api/sampling/draws/${drawId}/paper-forms`, { lang: 'en', largePrint: true });
    expect(again.status).to.equal(200);
    const second = pdfText(Buffer.from(await again.arrayBuffer()));
    expect(second).to.contain(';lang=en;lp=1;');
    expect((await server.store.paperForms.listByDraw(drawId)).map((r) => r.formId).sort()).to.deep.equal(refs.map((r) => r.formId).sort());
    const audit = (await server.store.audit.list({ limit: 10, offset: 0 })).filter((e) => e.action === 'paperForms.print');
    expect(audit.map((e) => e.details)).to.deep.include({ forms: 6, created: 6, questionnaire: 'family-life-quality@1', lang: 'de', largePrint: false, single: false });
  });

  it("prints one household's form whose QR codes name its reference", async () => {
    const { drawId } = await smallDraw(planner);
    const householdId = await firstContacted(drawId);
    const res = await planner.post(`/api/sampling/draws/${drawId}/paper-forms`, { householdId });
    expect(res.status).to.equal(200);
    const ref = (await server.store.paperForms.listByDraw(drawId)).find((r) => r.householdId === householdId);
    expect(ref, 'the printed household has a form reference').to.not.equal(undefined);
    expect(res.headers.get('content-disposition')).to.contain(ref!.formId);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdfPageCount(pdf)).to.equal(pages);
    const [qr] = await decodeQrCodes(renderPdfPage(pdf, 1, 150));
    expect(parsePagePayload(qr!).formId).to.equal(ref!.formId);
  });

  it('prints the questionnaire version the wave is tied to (a stored version 41)', async () => {
    const { drawId } = await smallDraw(planner);
    const json = structuredClone(loadQuestionnaire(1)) as Record<string, unknown>;
    json.title = { default: 'Familienbefragung, Welle mit Version 41', en: 'Family survey, wave with version 41' };
    await server.store.questionnaireVersions.publish({ questionnaireId: 'family-life-quality', version: 41, json });
    await server.store.questionnaireVersions.bindWave({ drawId, questionnaireId: 'family-life-quality', questionnaireVersion: 41, boundBy: null });
    const res = await planner.post(`/api/sampling/draws/${drawId}/paper-forms`, { householdId: await firstContacted(drawId) });
    expect(res.status, await res.clone().text()).to.equal(200);
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).to.contain('Welle mit Version 41').and.contain('q=family-life-quality@41;');
  });

  it('refuses other roles, unknown draws, households outside the draw and bad options', async () => {
    expect((await staff.post(`/api/sampling/draws/${drawId}/paper-forms`, {})).status).to.equal(403);
    expect((await planner.post('/api/sampling/draws/nope/paper-forms', {})).status).to.equal(404);
    const outside = await planner.post(`/api/sampling/draws/${drawId}/paper-forms`, { householdId: 'P-NOT-HERE' });
    expect(outside.status).to.equal(404);
    expect((await json<{ error: string }>(outside)).error).to.contain('P-NOT-HERE');
    expect((await planner.post(`/api/sampling/draws/${drawId}/paper-forms`, { lang: 'fr' })).status).to.equal(400);
    expect((await planner.post(`/api/sampling/draws/${drawId}/paper-forms`, { questionnaire: 'family-life-quality@9' })).status).to.equal(404);
  });

  it('forgets the references with the contacts of the frame; printing is refused afterwards', async () => {
    const { frameId, drawId } = await smallDraw(planner);
    expect((await planner.post(`/api/sampling/draws/${drawId}/paper-forms`, {})).status).to.equal(200);
    expect((await server.store.paperForms.listByDraw(drawId)).length).to.equal(6);
    const purge = await admin.post(`/api/sampling/frames/${frameId}/purge-contacts`, { confirm: true });
    expect(purge.status, await purge.clone().text()).to.equal(200);
    expect(await server.store.paperForms.listByDraw(drawId)).to.deep.equal([]);
    expect((await planner.post(`/api/sampling/draws/${drawId}/paper-forms`, {})).status).to.equal(409);
  });
});
