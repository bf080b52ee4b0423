import { Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createLogger } from './logger';
import { ApiClient } from './testing/apiClient';
import { startTestServer, type TestServer } from './testing/startTestServer';

describe('app: health, headers, unknown routes', function () {
  this.timeout(120_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  it('/healthz answers while the process lives; /readyz checks the store and migrations', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).to.equal(200);
    expect(await health.json()).to.deep.equal({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).to.equal(200);
    const body = (await ready.json()) as { status: string; store: string; migrations: { pending: string[]; current: number; latest: number } };
    expect(body).to.include({ status: 'ready', store: 'sqlite' });
    expect(body.migrations.pending).to.deep.equal([]);
    expect(body.migrations.current).to.equal(body.migrations.latest);
  });

  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const res = await fetch(`${server.url}/api/session`);
    const csp = res.headers.get('content-security-policy')!;
    const directives = Object.fromEntries(csp.split(';').map((d) => { const [k, ...v] = d.trim().split(' '); return [k, v.join(' ')]; }));
    expect(directives).to.include({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(csp).to.not.contain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(res.headers.get('referrer-policy')).to.equal('no-referrer');
    expect(res.headers.get('x-powered-by')).to.equal(null);
    expect(res.headers.get('cache-control')).to.equal('no-store');
  });

  it('answers unknown API routes with a JSON 404 in the preferred language', async () => {
    const de = await fetch(`${server.url}/api/no-such-thing`);
    expect(de.status).to.equal(404);
    expect(await de.json()).to.deep.equal({ error: 'Nicht gefunden.' });
    const en = await fetch(`${server.url}/api/no-such-thing`, { headers: { 'accept-language': 'en-US,en;q=0.8' } });
    expect(await en.json()).to.deep.equal({ error: 'Not found.' });
    const deFirst = await fetch(`${server.url}/api/no-such-thing`, { headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' } });
    expect(await deFirst.json()).to.deep.equal({ error: 'Nicht gefunden.' });
  });

  it('marks the session cookie Secure behind a trusted TLS proxy', async () => {
    const proxied = await startTestServer({ env: { TRUST_PROXY: 'loopback' } });
    try {
      const res = await fetch(`${proxied.url}/api/session`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.getSetCookie()[0]).to.contain('Secure');
      expect(res.headers.get('strict-transport-security')).to.match(/max-age=31536000/);
    } finally {
      await proxied.stop();
    }
  });
});

describe('app: durability across restarts', function () {
  this.timeout(120_000);
  it('keeps accounts, sessions and audit after stop and start on the same data directory, without seeding again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'restart-'));
    try {
      let server = await startTestServer({ dataDir });
      const admin = new ApiClient(server.url);
      await admin.login('admin', 'Gera-admin-2026');
      const created = await admin.post('/api/admin/users', { username: 'kept', displayName: 'Kept', role: 'staff', password: 'Kept-pass-2026' });
      expect(created.status).to.equal(201);
      const auditCount = await server.store.audit.count();
      await server.stop();

      server = await startTestServer({ dataDir });
      try {
        expect(await server.store.users.count()).to.equal(5);
        expect(await server.store.audit.count()).to.equal(auditCount);
        // Same cookie, new process: the session lives in the store, not in memory.
        const again = admin.on(server.url);
        const session = await again.session();
        expect(session.user?.username).to.equal('admin');
        expect((await new ApiClient(server.url).login('kept', 'Kept-pass-2026')).status).to.equal(200);
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('app: logs', function () {
  this.timeout(120_000);
  it('never contain passwords, cookies, CSRF tokens or usernames; request lines carry the user id', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const server = await startTestServer({ logger: createLogger({ level: 'trace', destination: sink }) });
    try {
      const client = new ApiClient(server.url);
      await client.login('planner', 'Wrong-secret-123');
      const ok = await client.login('planner', 'Gera-planner-2026');
      const plannerId = ((await ok.json()) as { user: { id: string } }).user.id;
      await client.post('/api/auth/login', '{"username":"planner","password":"Broken-json-secret', {});
      await client.get('/api/admin/users?code=SECRET-QUERY');
      await client.post('/api/auth/logout');
      await new Promise((r) => setTimeout(r, 50));
      const log = lines.join('\n');
      expect(lines.length).to.be.greaterThan(4);
      for (const secret of ['Wrong-secret-123', 'Gera-planner-2026', 'Broken-json-secret', 'SECRET-QUERY', client.csrfToken!, 'sid=', 'planner"']) {
        expect(log, secret).to.not.contain(secret);
      }
      const requestLines = lines.map((l) => JSON.parse(l) as { req?: { path: string; method: string }; userId?: string });
      const forbidden = requestLines.find((l) => l.req?.path === '/api/admin/users');
      expect(forbidden).to.include({ userId: plannerId });
    } finally {
      await server.stop();
    }
  });
});
