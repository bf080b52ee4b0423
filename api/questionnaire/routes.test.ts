import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { createInvitedHouseholds, type InvitedHousehold } from '../collection/testing/testHouseholds';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { ApiClient } from '../testing/apiClient';
import { signedInClient, startTestServer, type TestServer } from '../testing/startTestServer';

const v2Text = readFileSync(join(__dirname, 'family-life-quality.v2.json'), 'utf8');
const QID = 'family-life-quality';

describe('questionnaire registry over HTTP', function () {
  this.timeout(60_000);
  let server: TestServer;
  let households: InvitedHousehold[];
  let planner: ApiClient;

  before(async () => {
    server = await startTestServer();
    households = await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), 4);
    planner = await signedInClient(server, 'planner');
  });
  after(async () => server?.stop());

  it('checks an upload without storing it: malformed JSON and unsupported types get problems with question and path', async () => {
    const versions = async () => ((await (await planner.get('/api/questionnaires')).json()) as { versions: unknown[] }).versions.length;
    const stored = await versions();
    const malformed = (await (await planner.post('/api/questionnaires/check', { text: '{"pages": [' })).json()) as { ok: boolean; problems: { question: string | null; path: string; message: { de: string; en: string } }[] };
    expect(malformed.ok).to.equal(false);
    expect(malformed.problems[0]).to.include({ question: null, path: '$' });
    const file = JSON.stringify({ pages: [{ name: 'p', elements: [{ type: 'signaturepad', name: 'sig', title: { default: 'Unterschrift', en: 'Signature' } }] }] });
    const unsupported = (await (await planner.post('/api/questionnaires/check', { text: file })).json()) as typeof malformed;
    expect(unsupported.problems.map((p) => `${p.question} ${p.path}`)).to.deep.equal(['sig $.pages[0].elements[0].type']);
    const accepted = (await (await planner.post('/api/questionnaires/check', { text: v2Text, questionnaireId: QID })).json()) as typeof malformed & { questions: number };
    expect(accepted).to.include({ ok: true, questions: 60 });
    expect(accepted).to.not.have.property('json');
    expect(await versions(), 'versions stored before and after the checks').to.equal(stored);
  });

  it('imports v2, shows its diff, publishes it, ties the wave to it; residents and paper entry of that wave then use v2', async () => {
    const refused = await planner.post(`/api/questionnaires/${QID}/versions`, { text: '{"pages": [' });
    expect(refused.status).to.equal(422);
    const created = await planner.post(`/api/questionnaires/${QID}/versions`, { text: v2Text });
    expect(created.status).to.equal(201);
    expect(((await created.json()) as { version: { version: number; status: string } }).version).to.include({ version: 2, status: 'draft' });

    const diff = (await (await planner.get(`/api/questionnaires/diff?from=${QID}@1&to=${QID}@2`)).json()) as { rows: { change: string; question: string; trendBreaks: string[] }[] };
    expect(diff.rows.map((r) => `${r.change} ${r.question} ${r.trendBreaks.join(',')}`)).to.deep.equal(['added commute_minutes ', 'choices-changed moving_intention moving_away_intention']);
    const preview = (await (await planner.get(`/api/questionnaires/${QID}/versions/2`)).json()) as { version: { json: { pages: unknown[] } } };
    expect(preview.version.json.pages).to.have.length(10);

    const { drawId } = (await server.store.roster.get(households[0]!.householdId))!;
    const tooEarly = await planner.request('PUT', `/api/questionnaires/waves/${drawId}`, { questionnaireId: QID, version: 2 });
    expect(tooEarly.status).to.equal(409);
    expect((await planner.post(`/api/questionnaires/${QID}/versions/2/publish`, {})).status).to.equal(200);
    expect((await planner.post(`/api/questionnaires/${QID}/versions/2/publish`, {})).status).to.equal(409);
    expect((await planner.request('PUT', `/api/questionnaires/waves/${drawId}`, { questionnaireId: QID, version: 2 })).status).to.equal(200);
    const overview = (await (await planner.get('/api/questionnaires')).json()) as { waves: { drawId: string; version: number; bound: boolean }[] };
    expect(overview.waves.find((w) => w.drawId === drawId)).to.include({ version: 2, bound: true });

    const resident = new ApiClient(server.url);
    await resident.session();
    const entered = (await (await resident.post('/api/survey/enter', { code: households[0]!.code })).json()) as { questionnaire: { version: number } };
    expect(entered.questionnaire.version).to.equal(2);

    const staff = await signedInClient(server, 'staff');
    const lookup = (await (await staff.post('/api/paper/lookup', { code: households[1]!.code })).json()) as { questionnaire: { id: string; version: number } };
    expect(lookup.questionnaire).to.deep.equal({ id: QID, version: 2 });
    const form = (await (await staff.get(`/api/paper/questionnaire?householdId=${households[1]!.householdId}`)).json()) as { version: number; questions: { name: string }[] };
    expect(form.version).to.equal(2);
    expect(form.questions.map((q) => q.name)).to.include('commute_minutes');
    const saved = await staff.request('PUT', `/api/paper/entries/${households[1]!.householdId}`, { answers: { commute_minutes: 25, moving_intention: 6 } });
    expect(saved.status).to.equal(200);
    expect(await server.store.paperEntries.get(households[1]!.householdId)).to.include({ questionnaireVersion: 2 });

    // The wave now has answers in v2: it keeps its version.
    const back = await planner.request('PUT', `/api/questionnaires/waves/${drawId}`, { questionnaireId: QID, version: 1 });
    expect(back.status).to.equal(409);
    expect((await staff.get('/api/questionnaires')).status).to.equal(403);
  });
});
