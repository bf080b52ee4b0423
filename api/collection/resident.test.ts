import { expect } from 'chai';
import { loadQuestionnaire, simulateAnswers } from '../questionnaire';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { createInvitedHouseholds, type InvitedHousehold } from './testing/testHouseholds';
import { seededUniform } from '../testing/seededUniform';

const json = loadQuestionnaire(1);
const completeAnswers = (seed: number) => simulateAnswers(json, seededUniform(seed));

async function resident(server: TestServer, ip?: string): Promise<ApiClient> {
  const client = new ApiClient(server.url, ip ? { 'x-forwarded-for': ip } : {});
  await client.session();
  return client;
}

describe('resident survey API', function () {
  this.timeout(60_000);
  let server: TestServer;
  let households: InvitedHousehold[];

  before(async () => {
    process.env.SURVEY_OPEN_LINK = 'true';
    // trust proxy lets each test use its own client address for the throttle.
    server = await startTestServer({ env: { TRUST_PROXY: 'true' } });
    households = await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), 12);
  });
  after(async () => {
    delete process.env.SURVEY_OPEN_LINK;
    await server?.stop();
  });

  it('enters with a code, returns the questionnaire and never echoes the code', async () => {
    const client = await resident(server, '198.51.100.1');
    const res = await client.post('/api/survey/enter', { code: households[0]!.code.toLowerCase() });
    expect(res.status).to.equal(200);
    const text = await res.text();
    expect(text).to.not.include(households[0]!.code);
    const body = JSON.parse(text) as { status: string; questionnaire: { version: number; json: { pages: unknown[] } }; answers: object; currentPage: number };
    expect(body.status).to.equal('draft');
    expect(body.questionnaire.version).to.equal(1);
    expect(body.questionnaire.json.pages).to.have.length(10);
    expect(body.answers).to.deep.equal({});
    expect(body.currentPage).to.equal(0);
  });

  it('gives unknown and malformed codes the same status and body', async () => {
    const client = await resident(server, '198.51.100.2');
    const code = households[1]!.code;
    const unknown = await client.post('/api/survey/enter', { code: '23456789ABCDEF'.slice(0, 13) + 'X' });
    const typo = await client.post('/api/survey/enter', { code: code.slice(0, 13) + (code[13] === '2' ? '3' : '2') });
    const garbage = await client.post('/api/survey/enter', { code: 'hello' });
    const bodies = await Promise.all([unknown, typo, garbage].map((r) => r.text()));
    expect([unknown.status, typo.status, garbage.status]).to.deep.equal([404, 404, 404]);
    expect(new Set(bodies).size).to.equal(1);
    expect(JSON.parse(bodies[0]!).error).to.match(/Zugangscode passt nicht/);
  });

  it('locks a client out after 10 wrong codes, also for a right code, and audits the lockout once', async () => {
    const client = await resident(server, '198.51.100.3');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await client.post('/api/survey/enter', { code: `WRONG${i}` })).status);
    expect(statuses.slice(0, 9)).to.deep.equal(Array(9).fill(404));
    expect(statuses.slice(9)).to.deep.equal([429, 429]);
    const right = await client.post('/api/survey/enter', { code: households[2]!.code });
    expect(right.status).to.equal(429);
    expect(right.headers.get('retry-after')).to.match(/^\d+$/);
    expect(((await right.json()) as { error: string }).error).to.match(/Zu viele falsche Codes/);
    // Another client is not affected.
    const other = await resident(server, '198.51.100.4');
    expect((await other.post('/api/survey/enter', { code: households[2]!.code })).status).to.equal(200);
    const lockouts = (await server.store.audit.list({ limit: 100, offset: 0 })).filter((e) => e.action === 'survey.code_lockout');
    expect(lockouts).to.have.length(1);
    expect(JSON.stringify(lockouts[0])).to.not.include('198.51.100.3');
  });

  it('requires the CSRF token', async () => {
    const client = await resident(server, '198.51.100.5');
    const res = await client.request('POST', '/api/survey/enter', { code: households[3]!.code }, { 'x-csrf-token': 'forged' });
    expect(res.status).to.equal(403);
  });

  it('autosaves page by page and resumes on another device with the code', async () => {
    const phone = await resident(server, '198.51.100.6');
    await phone.post('/api/survey/enter', { code: households[4]!.code });
    const save = await phone.request('PUT', '/api/survey/draft', { answers: { children_count: 2, youngest_child_age: 3 }, page: 1 });
    expect(save.status).to.equal(200);
    const laptop = await resident(server, '198.51.100.7');
    const resumed = (await (await laptop.post('/api/survey/enter', { code: households[4]!.code })).json()) as { answers: object; currentPage: number };
    expect(resumed.answers).to.deep.equal({ children_count: 2, youngest_child_age: 3 });
    expect(resumed.currentPage).to.equal(1);
    // null clears an answer
    await laptop.request('PUT', '/api/survey/draft', { answers: { youngest_child_age: null }, page: 1 });
    const current = (await (await phone.get('/api/survey/current')).json()) as { answers: object };
    expect(current.answers).to.deep.equal({ children_count: 2 });
  });

  it('rejects an invalid autosave with 422 naming the question', async () => {
    const client = await resident(server, '198.51.100.8');
    await client.post('/api/survey/enter', { code: households[5]!.code });
    const res = await client.request('PUT', '/api/survey/draft', { answers: { children_count: 'many', no_such_question: 1 }, page: 0 });
    expect(res.status).to.equal(422);
    const body = (await res.json()) as { error: string; details: { path: string; message: string }[] };
    expect(body.details.map((d) => d.path)).to.deep.equal(['children_count', 'no_such_question']);
  });

  it('keeps every page under 20 concurrent autosaves', async () => {
    const client = await resident(server, '198.51.100.9');
    await client.post('/api/survey/enter', { code: households[6]!.code });
    const questions = ['safety_day', 'safety_night', 'traffic_safety', 'car_available', 'transit_use', 'housing_tenure', 'enough_space', 'moving_intention', 'service_family_counselling', 'service_early_help', 'service_debt_counselling', 'service_youth_office', 'caring_for_relative', 'family_portal_use', 'district_office_use', 'volunteer_centre_use', 'volunteering', 'employment_respondent', 'financial_situation', 'transit_satisfaction'];
    const results = await Promise.all(questions.map((name, i) => client.request('PUT', '/api/survey/draft', { answers: { [name]: 1 }, page: i % 10 })));
    expect(results.map((r) => r.status)).to.deep.equal(Array(20).fill(200));
    const current = (await (await client.get('/api/survey/current')).json()) as { answers: Record<string, unknown> };
    expect(Object.keys(current.answers).sort()).to.deep.equal([...questions].sort());
  });

  it('rejects an incomplete submit with 422 listing the required questions', async () => {
    const client = await resident(server, '198.51.100.10');
    await client.post('/api/survey/enter', { code: households[7]!.code });
    const res = await client.post('/api/survey/submit', { answers: { children_count: 2 } });
    expect(res.status).to.equal(422);
    const body = (await res.json()) as { details: { path: string; message: string }[] };
    const paths = body.details.map((d) => d.path);
    expect(paths).to.include.members(['youngest_child_age', 'single_parent', 'adults_count']);
    expect(body.details[0]!.message).to.be.a('string').and.not.empty;
  });

  it('stores exactly one response under 20 concurrent submits of one code; later entries see the thank-you state', async () => {
    const household = households[8]!;
    const clients = await Promise.all(Array.from({ length: 20 }, (_, i) => resident(server, `198.51.101.${i}`)));
    await Promise.all(clients.map((c) => c.post('/api/survey/enter', { code: household.code })));
    const answers = completeAnswers(8);
    const results = await Promise.all(clients.map((c) => c.post('/api/survey/submit', { answers })));
    expect(results.map((r) => r.status)).to.deep.equal(Array(20).fill(200));
    const bodies = await Promise.all(results.map((r) => r.json()));
    expect(bodies.every((b) => (b as { status: string }).status === 'submitted')).to.equal(true);
    const stored = await server.store.responses.list({ householdId: household.householdId });
    expect(stored).to.have.length(1);
    expect(stored[0]).to.include({ status: 'submitted', mode: 'online', probabilitySample: true, district: household.district });
    expect(stored[0]!.answers).to.deep.equal(answers);
    const again = await resident(server, '198.51.100.11');
    expect(await (await again.post('/api/survey/enter', { code: household.code })).json()).to.deep.equal({ status: 'submitted' });
    expect((await again.request('PUT', '/api/survey/draft', { answers: { children_count: 1 }, page: 0 })).status).to.equal(200);
    expect((await server.store.responses.get(stored[0]!.id))!.answers).to.deep.equal(answers);
  });

  it('never stores address fields or the code in response rows', async () => {
    const rows = await server.store.responses.list();
    expect(rows.length).to.be.greaterThan(0);
    const text = JSON.stringify(rows);
    for (const field of ['street', 'houseNumber', 'postcode', 'Teststraße', 'Familie ']) expect(text).to.not.include(field);
    for (const h of households) expect(text).to.not.include(h.code);
  });

  it('stores open-link responses as mode open outside the probability sample', async () => {
    const client = await resident(server, '198.51.100.12');
    const opened = await client.post('/api/survey/open');
    expect(opened.status).to.equal(201);
    const submitted = await client.post('/api/survey/submit', { answers: completeAnswers(99) });
    expect(submitted.status).to.equal(200);
    const open = await server.store.responses.list({ mode: 'open' });
    expect(open).to.have.length(1);
    expect(open[0]).to.include({ householdId: null, status: 'submitted', probabilitySample: false });
  });

  it('reports no survey before a code was entered and refuses autosave', async () => {
    const client = await resident(server, '198.51.100.13');
    expect(await (await client.get('/api/survey/current')).json()).to.deep.equal({ status: 'none' });
    expect((await client.request('PUT', '/api/survey/draft', { answers: {}, page: 0 })).status).to.equal(404);
  });
});
