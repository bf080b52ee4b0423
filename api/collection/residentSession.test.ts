import { expect } from 'chai';
import { hashSessionId } from '../http/sessions';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { createInvitedHouseholds, type InvitedHousehold } from './testing/testHouseholds';

/** A raw browser: explicit cookie and CSRF token, so a test can also play the attacker who knows an old cookie. */
async function call(server: TestServer, method: string, path: string, sid: string, csrf: string, body?: unknown): Promise<{ status: number; sid: string | undefined; body: unknown }> {
  const res = await fetch(server.url + path, {
    method,
    headers: { cookie: `sid=${sid}`, 'x-csrf-token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const line = res.headers.getSetCookie().find((l) => l.startsWith('sid='));
  return { status: res.status, sid: line?.split(';')[0]!.slice(4), body: await res.json().catch(() => null) };
}

async function anonymousSession(server: TestServer): Promise<{ sid: string; csrf: string }> {
  const res = await fetch(`${server.url}/api/session`);
  const sid = res.headers.getSetCookie().find((l) => l.startsWith('sid='))!.split(';')[0]!.slice(4);
  return { sid, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

describe('resident session renewal on code entry (session fixation defence)', function () {
  this.timeout(60_000);
  let server: TestServer;
  let households: InvitedHousehold[];

  before(async () => {
    server = await startTestServer();
    households = await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), 3);
  });
  after(async () => server?.stop());

  it('gives the session a new id when a code is accepted; the old id (e.g. planted by an attacker) no longer reaches the survey', async () => {
    const planted = await anonymousSession(server);
    const entered = await call(server, 'POST', '/api/survey/enter', planted.sid, planted.csrf, { code: households[0]!.code });
    expect(entered.status).to.equal(200);
    expect(entered.sid).to.be.a('string').and.not.equal(planted.sid);

    // The attacker's copy of the old id: no session, so neither the answers nor a CSRF-protected write.
    expect((await call(server, 'GET', '/api/survey/current', planted.sid, planted.csrf)).body).to.deep.equal({ status: 'none' });
    expect((await call(server, 'PUT', '/api/survey/draft', planted.sid, planted.csrf, { answers: { children_count: 1 }, page: 0 })).status).to.equal(403);
    expect(await server.store.sessions.get(hashSessionId(planted.sid), new Date())).to.equal(null);

    // The resident's page keeps its CSRF token and continues with the new cookie.
    const renewed = entered.sid!;
    expect((await call(server, 'GET', '/api/survey/current', renewed, planted.csrf)).body).to.include({ status: 'draft' });
    expect((await call(server, 'PUT', '/api/survey/draft', renewed, planted.csrf, { answers: { children_count: 1 }, page: 0 })).status).to.equal(200);
  });

  it('renews again on every accepted code, and not at all for a rejected code', async () => {
    const browser = await anonymousSession(server);
    const rejected = await call(server, 'POST', '/api/survey/enter', browser.sid, browser.csrf, { code: 'WRONG-CODE' });
    expect(rejected.status).to.equal(404);
    expect(rejected.sid).to.equal(undefined);
    expect(await server.store.sessions.get(hashSessionId(browser.sid), new Date())).to.not.equal(null);

    const first = await call(server, 'POST', '/api/survey/enter', browser.sid, browser.csrf, { code: households[1]!.code });
    const second = await call(server, 'POST', '/api/survey/enter', first.sid!, browser.csrf, { code: households[2]!.code });
    expect(second.status).to.equal(200);
    expect(new Set([browser.sid, first.sid, second.sid]).size).to.equal(3);
    // The latest id is linked to the latest household; the earlier ids are gone with their links.
    const link = await server.store.surveyLinks.get(hashSessionId(second.sid!));
    expect(link?.householdId).to.equal(households[2]!.householdId);
    expect(await server.store.surveyLinks.get(hashSessionId(first.sid!))).to.equal(null);
  });
});
