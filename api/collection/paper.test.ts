import { expect } from 'chai';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { ApiClient } from '../testing/apiClient';
import { signedInClient, startTestServer, type TestServer } from '../testing/startTestServer';
import { createInvitedHouseholds, type InvitedHousehold } from './testing/testHouseholds';

const form = { children_count: 2, youngest_child_age: 4, oldest_child_age: 9, single_parent: 2, adults_count: 2, life_quality: 4 };

describe('paper entry with blind double entry', function () {
  this.timeout(60_000);
  let server: TestServer;
  let households: InvitedHousehold[];
  let staff: ApiClient;
  let staff2: ApiClient;
  let admin: ApiClient;

  const login = (name: 'staff' | 'staff2' | 'admin') => signedInClient(server, name);
  const put = (c: ApiClient, id: string, answers: object) => c.request('PUT', `/api/paper/entries/${id}`, { answers });

  before(async () => {
    server = await startTestServer();
    households = await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), 6);
    [staff, staff2, admin] = await Promise.all([login('staff'), login('staff2'), login('admin')]);
  });
  after(async () => server?.stop());

  it('looks a form up by its printed code and refuses residents and planners', async () => {
    // A household no other test enters a form for: its status is still 'not-entered'.
    const res = await staff.post('/api/paper/lookup', { code: households[4]!.code });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.include({ householdId: households[4]!.householdId, paperStatus: 'not-entered', yourEntry: 1, completedBy: null });
    expect((await staff.post('/api/paper/lookup', { code: 'nonsense' })).status).to.equal(404);
    const anonymous = new ApiClient(server.url);
    await anonymous.session();
    expect((await anonymous.post('/api/paper/lookup', { code: households[4]!.code })).status).to.equal(401);
    const planner = await signedInClient(server, 'planner');
    expect((await planner.post('/api/paper/lookup', { code: households[4]!.code })).status).to.equal(403);
  });

  it('keeps the two entries blind, shows differences to the reconciler, and counts only the reconciled form', async () => {
    const id = households[0]!.householdId;
    expect((await put(staff, id, form)).status).to.equal(200);
    const second = await staff2.post('/api/paper/lookup', { code: households[0]!.code });
    const seen = (await second.json()) as { yourEntry: number; yourAnswers: unknown; paperStatus: string };
    expect(seen).to.include({ yourEntry: 2, paperStatus: 'awaiting-second-entry' });
    expect(seen.yourAnswers).to.equal(null); // entry 1 stays hidden
    expect(await server.store.responses.list({ householdId: id })).to.deep.equal([]);

    const res2 = await put(staff2, id, { ...form, adults_count: 3 });
    expect(await res2.json()).to.include({ status: 'awaiting-reconciliation' });
    expect((await put(admin, id, form)).status).to.equal(409); // a third person cannot add an entry

    const view = (await (await admin.get(`/api/paper/reconcile/${id}`)).json()) as { differences: string[]; revision: number; entry1: object; entry2: object };
    expect(view.differences).to.deep.equal(['adults_count']);
    const incomplete = await admin.post(`/api/paper/reconcile/${id}`, { revision: view.revision, resolutions: {} });
    expect(incomplete.status).to.equal(422);
    expect(((await incomplete.json()) as { details: { path: string }[] }).details[0]!.path).to.equal('adults_count');

    const done = await admin.post(`/api/paper/reconcile/${id}`, { revision: view.revision, resolutions: { adults_count: { choice: 'entry1' } } });
    expect(done.status).to.equal(200);
    const responses = await server.store.responses.list({ householdId: id });
    expect(responses).to.have.length(1);
    expect(responses[0]).to.deep.include({ mode: 'paper', status: 'submitted', answers: form });

    const audit = (await server.store.audit.list({ limit: 50, offset: 0 })).filter((e) => e.entityId === id);
    expect(audit.map((e) => e.action).sort()).to.deep.equal(['paper.entry', 'paper.entry', 'paper.reconcile']);
    const reconcile = audit.find((e) => e.action === 'paper.reconcile')!;
    expect(reconcile.beforeId).to.be.a('string');
    expect(reconcile.afterId).to.be.a('string');
    expect(JSON.stringify(audit)).to.not.include('"adults_count":3');
  });

  it('lets one of two simultaneous reconcilers win; the other gets a 409 conflict', async () => {
    const id = households[1]!.householdId;
    await put(staff, id, form);
    await put(staff2, id, { ...form, life_quality: 2 });
    const { revision } = (await (await admin.get(`/api/paper/reconcile/${id}`)).json()) as { revision: number };
    const [a, b] = await Promise.all([
      admin.post(`/api/paper/reconcile/${id}`, { revision, resolutions: { life_quality: { choice: 'entry1' } } }),
      staff.post(`/api/paper/reconcile/${id}`, { revision, resolutions: { life_quality: { choice: 'corrected', value: 3 } } }),
    ]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(((await loser.json()) as { error: string }).error).to.match(/Jemand anderes/);
    expect(await server.store.responses.list({ householdId: id })).to.have.length(1);
  });

  it('reconciles identical entries at once and keeps the earlier online response when both channels completed', async () => {
    const id = households[2]!.householdId;
    await server.store.responses.createSubmitted({ householdId: id, questionnaireId: 'family-life-quality', questionnaireVersion: 1, mode: 'online', answers: form });
    await put(staff, id, form);
    const res = await put(staff2, id, form);
    expect(await res.json()).to.include({ status: 'reconciled', outcome: 'duplicate' });
    const responses = await server.store.responses.list({ householdId: id });
    expect(responses.map((r) => r.mode)).to.deep.equal(['online']);
    const cases = (await (await staff.get('/api/fieldwork/both-channels')).json()) as { cases: { householdId: string; kept: string }[] };
    expect(cases.cases).to.deep.include({ ...cases.cases.find((c) => c.householdId === id)!, kept: 'online' });
  });

  it('names invalid questions of a paper entry', async () => {
    const res = await put(staff, households[3]!.householdId, { children_count: 'zwei' });
    expect(res.status).to.equal(422);
    expect(((await res.json()) as { details: { path: string }[] }).details.map((d) => d.path)).to.deep.equal(['children_count']);
  });
});
