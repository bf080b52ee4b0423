import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';

interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: string;
  disabled: boolean;
  createdAt: string;
}

describe('admin: user accounts', function () {
  this.timeout(120_000);
  let server: TestServer;
  let admin: ApiClient;
  let adminId: string;
  before(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    const res = await admin.login('admin', 'Gera-admin-2026');
    adminId = ((await res.json()) as { user: { id: string } }).user.id;
  });
  after(() => server.stop());

  const lastAudit = async () => (await server.store.audit.list({ limit: 1, offset: 0 }))[0]!;

  it('lists the accounts without password hashes', async () => {
    const res = await admin.get('/api/admin/users');
    expect(res.status).to.equal(200);
    const { users } = (await res.json()) as { users: UserView[] };
    const names = users.map((u) => u.username);
    // The demo accounts, sorted by name; accounts the other tests create may be among them.
    expect(names).to.include.members(['admin', 'planner', 'staff', 'staff2']);
    expect(names).to.deep.equal([...names].sort());
    expect(Object.keys(users[0]!).sort()).to.deep.equal(['createdAt', 'disabled', 'displayName', 'id', 'role', 'username']);
  });

  it('creates an account (201), audits it, and the new user can sign in', async () => {
    const res = await admin.post('/api/admin/users', { username: 'jana', displayName: 'Jana Müller', role: 'planner', password: 'Jana-pass-2026' });
    expect(res.status).to.equal(201);
    const { user } = (await res.json()) as { user: UserView };
    expect(user).to.include({ username: 'jana', displayName: 'Jana Müller', role: 'planner', disabled: false });
    expect(await lastAudit()).to.include({
      action: 'user.create',
      actorUserId: adminId,
      actorUsername: 'admin',
      entityType: 'user',
      entityId: user.id,
      afterSummary: 'jana · planner · active',
    });
    expect(JSON.stringify(await server.store.audit.list({ limit: 100, offset: 0 }))).to.not.contain('Jana-pass-2026');
    expect((await new ApiClient(server.url).login('jana', 'Jana-pass-2026')).status).to.equal(200);
  });

  it('answers 409 for a duplicate username in any letter case', async () => {
    const res = await admin.post('/api/admin/users', { username: 'PLANNER', displayName: 'X', role: 'staff', password: 'Some-pass-2026' });
    expect(res.status).to.equal(409);
    expect(((await res.json()) as { error: string }).error).to.equal('Dieser Benutzername ist bereits vergeben.');
  });

  it('rejects malformed bodies with field paths and stores nothing', async () => {
    const usersBefore = await server.store.users.count();
    const auditBefore = await server.store.audit.count();
    const cases: [unknown, string[]][] = [
      [{ username: 'ok-name', displayName: 'X', role: 'staff', password: 'short' }, ['password']],
      [{ username: 'a b', displayName: '', role: 'root', password: 'Long-enough-1' }, ['username', 'displayName', 'role']],
      [{ username: 'ok-name', displayName: 'X', role: 'staff', password: 'Long-enough-1', passwordHash: 'x' }, ['']],
      [{ username: 42, displayName: ['x'], role: 'staff', password: 'Long-enough-1' }, ['username', 'displayName']],
      [[1, 2, 3], ['']],
      ['not json at all', []],
    ];
    for (const [body, paths] of cases) {
      const res = await admin.post('/api/admin/users', body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      const json = (await res.json()) as { error: string; details?: { path: string; message: string }[] };
      expect(json.error).to.be.a('string').and.not.empty;
      expect((json.details ?? []).map((d) => d.path), JSON.stringify(body)).to.deep.equal(paths);
    }
    const english = await admin.post('/api/admin/users', { username: 'ok-name', displayName: 'X', role: 'staff', password: 'short' }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(await english.json()).to.deep.equal({ error: 'The input is invalid.', details: [{ path: 'password', message: 'At least 10 characters.' }] });
    const tooLarge = await admin.post('/api/admin/users', { username: 'x'.repeat(1_100_000) });
    expect(tooLarge.status).to.equal(413);
    expect(await server.store.users.count()).to.equal(usersBefore);
    expect(await server.store.audit.count()).to.equal(auditBefore);
  });

  it('updates name, role and disabled state with a before/after audit record', async () => {
    const staff2 = (await server.store.users.getByUsername('staff2'))!;
    const res = await admin.patch(`/api/admin/users/${staff2.id}`, { displayName: 'Erfassung Zwei', role: 'planner' });
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { user: UserView }).user).to.include({ displayName: 'Erfassung Zwei', role: 'planner', disabled: false });
    expect(await lastAudit()).to.deep.include({
      action: 'user.update',
      entityId: staff2.id,
      beforeSummary: 'staff2 · staff · active',
      afterSummary: 'staff2 · planner · active',
      details: { changed: ['displayName', 'role'] },
    });
    const back = await admin.patch(`/api/admin/users/${staff2.id}`, { role: 'staff' });
    expect(((await back.json()) as { user: UserView }).user.role).to.equal('staff');
  });

  it('refuses empty or unknown patches and unknown ids', async () => {
    const staff = (await server.store.users.getByUsername('staff'))!;
    expect((await admin.patch(`/api/admin/users/${staff.id}`, {})).status).to.equal(400);
    expect((await admin.patch(`/api/admin/users/${staff.id}`, { disabled: 'yes' })).status).to.equal(400);
    expect((await admin.patch(`/api/admin/users/${staff.id}`, { password: 'Long-enough-1' })).status).to.equal(400);
    const missing = await admin.patch('/api/admin/users/no-such-id', { disabled: true });
    expect(missing.status).to.equal(404);
  });

  it('an admin cannot disable or demote themselves (409)', async () => {
    const auditBefore = await server.store.audit.count();
    const disable = await admin.patch(`/api/admin/users/${adminId}`, { disabled: true });
    expect(disable.status).to.equal(409);
    expect(((await disable.json()) as { error: string }).error).to.equal('Sie können Ihr eigenes Konto nicht deaktivieren.');
    const demote = await admin.patch(`/api/admin/users/${adminId}`, { role: 'staff' }, { 'accept-language': 'en' });
    expect(demote.status).to.equal(409);
    expect(((await demote.json()) as { error: string }).error).to.equal('You cannot remove the admin role from yourself.');
    expect((await server.store.users.getById(adminId))).to.include({ role: 'admin', disabled: false });
    expect(await server.store.audit.count()).to.equal(auditBefore);
    expect((await admin.patch(`/api/admin/users/${adminId}`, { displayName: 'Chef' })).status).to.equal(200);
  });

  it('resets a password (204): old password fails, new works, sessions of that user end, audited without the password', async () => {
    const planner = new ApiClient(server.url);
    await planner.login('planner', 'Gera-planner-2026');
    const plannerUser = (await server.store.users.getByUsername('planner'))!;
    expect((await admin.post(`/api/admin/users/${plannerUser.id}/password`, { password: 'short' })).status).to.equal(400);
    const res = await admin.post(`/api/admin/users/${plannerUser.id}/password`, { password: 'New-planner-pass-1' });
    expect(res.status).to.equal(204);
    expect((await planner.session()).user).to.equal(null);
    expect((await new ApiClient(server.url).login('planner', 'Gera-planner-2026')).status).to.equal(401);
    expect((await new ApiClient(server.url).login('planner', 'New-planner-pass-1')).status).to.equal(200);
    const entries = await server.store.audit.list({ limit: 5, offset: 0 });
    const reset = entries.find((e) => e.action === 'user.password_reset')!;
    expect(reset).to.include({ entityId: plannerUser.id, actorUsername: 'admin' });
    expect(reset.details).to.deep.equal({ endedSessions: 1 });
    expect(JSON.stringify(entries)).to.not.contain('New-planner-pass-1');
    expect((await admin.post('/api/admin/users/no-such-id/password', { password: 'New-planner-pass-1' })).status).to.equal(404);
  });
});

describe('admin: audit trail', function () {
  this.timeout(120_000);
  let server: TestServer;
  let admin: ApiClient;
  before(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login('admin', 'Gera-admin-2026');
  });
  after(() => server.stop());

  it('pages entries newest first with the total', async () => {
    // A sign-in of its own is the newest entry, whatever the other tests recorded before.
    const admin = new ApiClient(server.url);
    await admin.login('admin', 'Gera-admin-2026');
    const total = await server.store.audit.count();
    const res = await admin.get('/api/admin/audit?limit=2&offset=0');
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { entries: { action: string; id: string }[]; total: number };
    expect(body.total).to.equal(total);
    expect(body.entries.map((e) => e.id)).to.deep.equal((await server.store.audit.list({ limit: 2, offset: 0 })).map((e) => e.id));
    expect(body.entries[0]!.action).to.equal('auth.login');
    const next = (await (await admin.get('/api/admin/audit?limit=2&offset=1')).json()) as { entries: { id: string }[] };
    expect(next.entries[0]!.id).to.equal(body.entries[1]!.id);
    const defaults = (await (await admin.get('/api/admin/audit')).json()) as { entries: unknown[] };
    expect(defaults.entries).to.have.length(Math.min(50, total));
    for (const bad of ['limit=0', 'limit=501', 'offset=-1', 'limit=abc', 'foo=1']) {
      const r = await admin.get(`/api/admin/audit?${bad}`);
      expect(r.status, bad).to.equal(400);
      expect(((await r.json()) as { details: unknown[] }).details).to.have.length.greaterThan(0);
    }
  });

  it('exports all entries as CSV with formula-injection-safe cells', async () => {
    await admin.post('/api/admin/users', { username: 'formula', displayName: '=HYPERLINK("http://x")', role: 'staff', password: 'Formula-pass-1' });
    const staff = (await server.store.users.getByUsername('staff'))!;
    await admin.patch(`/api/admin/users/${staff.id}`, { displayName: '@SUM(A1)' });
    const res = await admin.get('/api/admin/audit.csv');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).to.match(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await res.text();
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).to.have.length(await server.store.audit.count());
    expect(rows[0]).to.include({ action: 'user.update', actorUsername: 'admin', entityId: staff.id });
    expect(Object.keys(rows[0]!)).to.deep.equal([
      'id', 'at', 'actorUserId', 'actorUsername', 'action', 'entityType', 'entityId',
      'beforeId', 'beforeSummary', 'afterId', 'afterSummary', 'details',
    ]);
    expect(JSON.parse(rows[0]!.details!)).to.deep.equal({ changed: ['displayName'] });
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).to.not.match(/^[=+\-@]/);
  });
});
