import { expect } from 'chai';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';

describe('sessions, CSRF and login', function () {
  this.timeout(120_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  it('GET /api/session creates an anonymous pre-session with a CSRF token and a strict cookie', async () => {
    const res = await fetch(`${server.url}/api/session`);
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { user: null; csrfToken: string };
    expect(body.user).to.equal(null);
    expect(body.csrfToken).to.match(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers.getSetCookie().join('\n');
    expect(cookie).to.match(/^sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).to.contain('HttpOnly').and.contain('SameSite=Strict');
    expect(cookie).to.not.contain('Secure'); // plain HTTP without TRUST_PROXY
  });

  it('logs in, rotates the session id and CSRF token, and logs out', async () => {
    const client = new ApiClient(server.url);
    const anonymous = await client.session();
    const before = await server.store.audit.count();
    const res = await client.login('planner', 'Gera-planner-2026');
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).to.include({ username: 'planner', role: 'planner', displayName: 'Demo Planung' });
    expect(Object.keys(body.user).sort()).to.deep.equal(['displayName', 'id', 'role', 'username']);
    expect(body.csrfToken).to.not.equal(anonymous.csrfToken);
    const now = await client.session();
    expect(now.user?.username).to.equal('planner');
    expect(now.csrfToken).to.equal(body.csrfToken);

    expect((await client.post('/api/auth/logout')).status).to.equal(204);
    expect((await client.session()).user).to.equal(null);
    const entries = await server.store.audit.list({ limit: 2, offset: 0 });
    expect(entries.map((e) => e.action)).to.deep.equal(['auth.logout', 'auth.login']);
    expect(entries.every((e) => e.actorUsername === 'planner' && e.entityId === body.user.id)).to.equal(true);
    expect(await server.store.audit.count()).to.equal(before + 2);
  });

  it('the old session id is useless after login (no session fixation)', async () => {
    const client = new ApiClient(server.url);
    await client.session();
    const oldCookie = client.sessionCookie()!;
    await client.login('admin', 'Gera-admin-2026');
    const res = await fetch(`${server.url}/api/session`, { headers: { cookie: oldCookie } });
    expect(((await res.json()) as { user: unknown }).user).to.equal(null);
  });

  it('refuses state-changing requests without or with a wrong CSRF token (403)', async () => {
    const noSession = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Gera-admin-2026' }),
    });
    expect(noSession.status).to.equal(403);
    expect(((await noSession.json()) as { error: string }).error).to.contain('Sicherheitstoken');

    const client = new ApiClient(server.url);
    await client.session();
    const wrong = await client.post('/api/auth/login', { username: 'admin', password: 'Gera-admin-2026' }, { 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.status).to.equal(403);
    const missing = await client.request('POST', '/api/auth/login', { username: 'admin', password: 'Gera-admin-2026' }, { 'x-csrf-token': '' });
    expect(missing.status).to.equal(403);

    await client.login('admin', 'Gera-admin-2026');
    const count = await server.store.users.count();
    const res = await client.post('/api/admin/users', { username: 'eve', displayName: 'Eve', role: 'admin', password: 'long-enough-pw' }, { 'x-csrf-token': 'forged' });
    expect(res.status).to.equal(403);
    expect(await server.store.users.count()).to.equal(count);
  });

  it('answers 401 with the same message for an unknown user and a wrong password', async () => {
    const client = new ApiClient(server.url);
    const unknown = await client.login('nobody-here', 'whatever-password');
    const wrong = await client.login('staff2', 'wrong-password');
    expect(unknown.status).to.equal(401);
    expect(wrong.status).to.equal(401);
    expect(await unknown.json()).to.deep.equal(await wrong.json());
  });

  it('refuses a disabled account like a wrong password and ends its sessions', async () => {
    const admin = new ApiClient(server.url);
    await admin.login('admin', 'Gera-admin-2026');
    const created = await admin.post('/api/admin/users', { username: 'temp', displayName: 'Temp', role: 'staff', password: 'Temp-pass-2026' });
    const { user } = (await created.json()) as { user: { id: string } };
    const temp = new ApiClient(server.url);
    expect((await temp.login('temp', 'Temp-pass-2026')).status).to.equal(200);
    expect((await admin.patch(`/api/admin/users/${user.id}`, { disabled: true })).status).to.equal(200);
    expect((await temp.session()).user).to.equal(null);
    expect((await temp.login('temp', 'Temp-pass-2026')).status).to.equal(401);
  });
});

describe('login lockout', function () {
  this.timeout(180_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { LOGIN_MAX_FAILURES_PER_IP: '1000' } });
  });
  after(() => server.stop());

  it('locks a username for 15 minutes after 10 failures (429), audits the lockout once, even the right password is refused', async () => {
    const client = new ApiClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await client.login('staff', `wrong-password-${i}`)).status);
    expect(statuses).to.deep.equal([401, 401, 401, 401, 401, 401, 401, 401, 401, 429]);

    const locked = await client.login('staff', 'Gera-staff-2026');
    expect(locked.status).to.equal(429);
    expect(Number(locked.headers.get('retry-after'))).to.be.within(14 * 60, 15 * 60);
    expect(((await locked.json()) as { error: string }).error).to.equal(
      'Zu viele fehlgeschlagene Anmeldeversuche. Das Konto ist für 15 Minuten gesperrt.',
    );
    const english = await client.request('POST', '/api/auth/login', { username: 'STAFF', password: 'x' }, { 'accept-language': 'en' });
    expect(english.status).to.equal(429);
    expect(((await english.json()) as { error: string }).error).to.contain('locked for 15 minutes');

    const staff = await server.store.users.getByUsername('staff');
    const lockouts = (await server.store.audit.list({ limit: 100, offset: 0 })).filter((e) => e.action === 'auth.lockout');
    expect(lockouts).to.have.length(1);
    expect(lockouts[0]).to.include({ entityType: 'user', entityId: staff!.id, actorUserId: null });
    expect(lockouts[0]!.details).to.include({ scope: 'username', knownAccount: true, failures: 10 });

    // Other accounts are unaffected.
    expect((await new ApiClient(server.url).login('staff2', 'Gera-staff2-2026')).status).to.equal(200);
  });

  it('resets the username counter on a successful login', async () => {
    const client = new ApiClient(server.url);
    for (let i = 0; i < 3; i++) await client.login('planner', 'wrong-password');
    expect((await server.store.throttle.get('user:planner'))?.failures).to.equal(3);
    expect((await client.login('planner', 'Gera-planner-2026')).status).to.equal(200);
    expect(await server.store.throttle.get('user:planner')).to.equal(null);
  });
});

describe('login limit per client address', function () {
  this.timeout(120_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { LOGIN_MAX_FAILURES_PER_IP: '3' } });
  });
  after(() => server.stop());

  it('blocks the address after its limit across usernames and audits it without the address', async () => {
    const client = new ApiClient(server.url);
    const statuses = [];
    for (const name of ['a1', 'a2', 'a3']) statuses.push((await client.login(name, 'wrong-password')).status);
    expect(statuses).to.deep.equal([401, 401, 429]);
    const res = await client.login('admin', 'Gera-admin-2026');
    expect(res.status).to.equal(429);
    expect(((await res.json()) as { error: string }).error).to.contain('von dieser Adresse');
    const [entry] = (await server.store.audit.list({ limit: 1, offset: 0 }));
    expect(entry).to.include({ action: 'auth.lockout', entityType: 'client', entityId: null });
    expect(JSON.stringify(entry)).to.not.contain('127.0.0.1');
  });
});
