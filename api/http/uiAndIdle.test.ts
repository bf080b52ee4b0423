import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ApiClient } from '../testing/apiClient';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { hashSessionId } from './sessions';

describe('serving the built UI', function () {
  this.timeout(120_000);
  let server: TestServer;
  let uiDir: string;
  before(async () => {
    uiDir = mkdtempSync(join(tmpdir(), 'ui-'));
    writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Familienbefragung</title><script type="module" src="/app.js"></script>');
    writeFileSync(join(uiDir, 'app.js'), 'console.log("app")');
    server = await startTestServer({ env: { UI_DIR: uiDir } });
  });
  after(async () => {
    await server.stop();
    rmSync(uiDir, { recursive: true, force: true });
  });

  it('serves static files and falls back to index.html for client-side routes, never for /api', async () => {
    const asset = await fetch(`${server.url}/app.js`);
    expect(asset.status).to.equal(200);
    expect(await asset.text()).to.equal('console.log("app")');
    for (const path of ['/', '/admin/users', '/sampling/draws/123']) {
      const page = await fetch(server.url + path);
      expect(page.status, path).to.equal(200);
      expect(page.headers.get('content-type')).to.contain('text/html');
      expect(await page.text()).to.contain('<title>Familienbefragung</title>');
      expect(page.headers.get('content-security-policy')).to.contain("script-src 'self'");
    }
    const api = await fetch(`${server.url}/api/admin/nothing-here`);
    expect(api.status).to.equal(404);
    expect(await api.json()).to.deep.equal({ error: 'Nicht gefunden.' });
  });

  it('answers 404 for non-GET requests outside the API', async () => {
    const res = await fetch(`${server.url}/admin/users`, { method: 'POST' });
    expect(res.status).to.equal(404);
  });
});

describe('session idle expiry', function () {
  this.timeout(120_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { SESSION_IDLE_MINUTES: '5' } });
  });
  after(() => server.stop());

  it('sets the idle expiry from SESSION_IDLE_MINUTES and treats an idle session as signed out', async () => {
    const client = new ApiClient(server.url);
    await client.login('staff', 'Gera-staff-2026');
    const sid = client.sessionCookie()!.slice('sid='.length);
    const stored = await server.store.sessions.get(hashSessionId(sid), new Date());
    expect(stored?.userId).to.be.a('string');
    expect(Date.parse(stored!.expiresAt) - Date.parse(stored!.lastSeenAt)).to.equal(5 * 60_000);
    // The session id itself is not stored, only its hash.
    expect(stored!.idHash).to.not.contain(sid);

    const past = new Date(Date.now() - 60_000).toISOString();
    await server.store.sessions.touch(stored!.idHash, past, past);
    const after = await client.get('/api/admin/users');
    expect(after.status).to.equal(401);
    expect((await client.session()).user).to.equal(null);
  });
});
