/**
 * Two server processes on one SQLite store behave as one instance behind a load balancer:
 * sessions, CSRF tokens, lockout counters, autosaved drafts and exactly-once submission live in
 * the store, not in process memory. Both processes start at the same moment on an empty data
 * directory, so migration and demo seeding must also happen exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from './config';
import { createInvitedHouseholds, type InvitedHousehold } from './collection/testing/testHouseholds';
import { loadQuestionnaire, simulateAnswers } from './questionnaire';
import { accessCodeHashSecret } from './secrets/accessCodeHashSecret';
import { openStore } from './store';
import type { Store } from './store/types';
import { ApiClient } from './testing/apiClient';
import { startServerProcess, type ServerProcess } from './testing/serverProcess';
import { seededUniform } from './testing/seededUniform';

describe('two server processes on one SQLite store', function () {
  this.timeout(300_000);
  let dataDir: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let store: Store;
  let households: InvitedHousehold[];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'familien-survey-scale-'));
    const env = { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_IP: '1000' };
    // Generous: on a busy machine the demo seed alone can take a minute.
    [a, b] = await Promise.all([startServerProcess({ dataDir, env, startTimeoutMs: 240_000 }), startServerProcess({ dataDir, env, startTimeoutMs: 240_000 })]);
    store = await openStore(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    households = await createInvitedHouseholds(store, accessCodeHashSecret(dataDir, {}), 3);
  });
  afterEach(function () {
    // A failure on the server side shows up as a 500 here; its log line explains it.
    if (this.currentTest?.state === 'failed') console.log(`--- server A ---\n${a?.output()}\n--- server B ---\n${b?.output()}`);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('started together, they migrate and seed the demo exactly once', async () => {
    const seededLines = [a.output(), b.output()].filter((o) => o.includes('Demo-Daten angelegt'));
    expect(seededLines).to.have.length(1);
    expect(await store.users.count()).to.equal(4);
    expect((await store.migrationStatus()).pending).to.deep.equal([]);
  });

  it('accepts a login made on one process on the other, CSRF token included', async () => {
    const onA = new ApiClient(a.url);
    expect((await onA.login('planner', 'Gera-planner-2026')).status).to.equal(200);
    const onB = onA.on(b.url);
    const session = (await (await onB.get('/api/session')).json()) as { user: { username: string } | null };
    expect(session.user?.username).to.equal('planner');
    // A state-changing request on B with the token issued by A: logging out ends the session on both.
    expect((await onB.post('/api/auth/logout')).status).to.be.within(200, 204);
    const afterLogout = (await (await onA.get('/api/session')).json()) as { user: unknown };
    expect(afterLogout.user).to.equal(null);
  });

  it('counts failed logins on both processes towards one lockout', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const client = new ApiClient(i % 2 === 0 ? a.url : b.url);
      statuses.push((await client.login('staff2', `wrong-password-${i}`)).status);
    }
    expect(statuses).to.deep.equal([401, 401, 401, 401, 401, 401, 401, 401, 401, 429]);
    for (const url of [a.url, b.url]) {
      expect((await new ApiClient(url).login('staff2', 'Gera-staff2-2026')).status).to.equal(429);
    }
  });

  it('counts wrong access codes from one client on both processes towards one lockout', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const client = new ApiClient(i % 2 === 0 ? a.url : b.url, ip);
      await client.session();
      statuses.push((await client.post('/api/survey/enter', { code: `WRONG${i}` })).status);
    }
    expect(statuses.slice(0, 9)).to.deep.equal(Array(9).fill(404));
    expect(statuses[9]).to.equal(429);
    const onB = new ApiClient(b.url, ip);
    await onB.session();
    expect((await onB.post('/api/survey/enter', { code: households[2]!.code })).status).to.equal(429);
  });

  it('resumes on one process what was autosaved on the other', async () => {
    const household = households[0]!;
    const onA = new ApiClient(a.url, { 'x-forwarded-for': '203.0.113.1' });
    await onA.session();
    expect((await onA.post('/api/survey/enter', { code: household.code })).status).to.equal(200);
    const saved = await onA.request('PUT', '/api/survey/draft', { answers: { children_count: 2, single_parent: 1 }, page: 1 });
    expect(saved.status).to.equal(200);

    // The same browser, routed to B by the load balancer.
    const sameBrowser = (await (await onA.on(b.url).get('/api/survey/current')).json()) as { answers: object; currentPage: number };
    expect(sameBrowser.answers).to.deep.equal({ children_count: 2, single_parent: 1 });
    expect(sameBrowser.currentPage).to.equal(1);

    // Another device entering the code on B.
    const phone = new ApiClient(b.url, { 'x-forwarded-for': '203.0.113.2' });
    await phone.session();
    const resumed = (await (await phone.post('/api/survey/enter', { code: household.code })).json()) as { answers: object; currentPage: number };
    expect(resumed.answers).to.deep.equal({ children_count: 2, single_parent: 1 });
    expect(resumed.currentPage).to.equal(1);
  });

  it('stores exactly one response for 20 concurrent submits of one code spread over both', async () => {
    const household = households[1]!;
    const answers = simulateAnswers(loadQuestionnaire(1), seededUniform(17));
    const clients = Array.from({ length: 20 }, (_, i) => new ApiClient(i % 2 === 0 ? a.url : b.url, { 'x-forwarded-for': `203.0.113.${100 + i}` }));
    await Promise.all(clients.map((c) => c.session()));
    const entered = await Promise.all(clients.map((c) => c.post('/api/survey/enter', { code: household.code })));
    expect(entered.map((r) => r.status)).to.deep.equal(Array(20).fill(200));
    const submitted = await Promise.all(clients.map((c) => c.post('/api/survey/submit', { answers })));
    expect(submitted.map((r) => r.status)).to.deep.equal(Array(20).fill(200));
    const stored = await store.responses.list({ householdId: household.householdId });
    expect(stored).to.have.length(1);
    expect(stored[0]).to.include({ status: 'submitted', mode: 'online' });
    expect(stored[0]!.answers).to.deep.equal(answers);
  });
});
