/**
 * The real entry point as a child process: start-up output, demo seeding once, and graceful
 * shutdown on SIGTERM that lets an in-flight request (a login: scrypt takes tens of ms) finish.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ApiClient } from './testing/apiClient';
import { ensureCompiled, repoRoot, serverEntry } from './testing/compiledApp';
import { startServerProcess } from './testing/serverProcess';

describe('server process (dist/server.mjs)', function () {
  this.timeout(180_000);
  let dataDir: string;
  /** How the first start on the empty data directory ended, the one that seeded the demo. */
  let firstStart: { code: number | null; output: string };
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'server-process-'));
    const first = await startServerProcess({ dataDir, env: { UI_DIR: join(dataDir, 'no-ui-here') } });
    first.child.kill('SIGTERM');
    firstStart = { code: (await first.exited).code, output: first.output() };
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the URL and the demo logins once, on the start that seeded; says when the UI is not built', async () => {
    expect(firstStart.code).to.equal(0);
    expect(firstStart.output).to.contain('Demo-Zugänge').and.contain('Gera-admin-2026').and.contain('staff2');
    expect(firstStart.output).to.contain('keine gebaute Oberfläche').and.contain('npm run build:ui');

    const later = await startServerProcess({ dataDir });
    later.child.kill('SIGTERM');
    expect((await later.exited).code).to.equal(0);
    expect(later.output()).to.contain('http://localhost:');
    expect(later.output()).to.not.contain('Gera-admin-2026');
  });

  it('on SIGTERM finishes the in-flight request, then stops accepting and exits 0', async () => {
    const server = await startServerProcess({ dataDir });
    const client = new ApiClient(server.url);
    await client.session();
    const cookie = client.sessionCookie()!;
    // A login whose body arrives in two parts: the request is surely in progress when SIGTERM
    // comes, and its scrypt work still runs after the signal.
    const body = Buffer.from(JSON.stringify({ username: 'admin', password: 'Gera-admin-2026' }));
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, cookie, 'x-csrf-token': client.csrfToken! },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(10)), 500);
      }, 1000);
    });
    const res = await response;
    expect(res.status).to.equal(200);
    expect((JSON.parse(res.text) as { user: { username: string } }).user.username).to.equal('admin');
    expect((await server.exited).code).to.equal(0);
    const after = await fetch(`${server.url}/healthz`).catch((e: unknown) => e);
    expect(after).to.be.instanceOf(Error);
  });

  it('on SIGTERM, tells a keep-alive client to close after its running request, so a busy client cannot hold the server up', async () => {
    const server = await startServerProcess({ dataDir, env: { LOG_LEVEL: 'info' } });
    const client = new ApiClient(server.url);
    await client.session();
    const cookie = client.sessionCookie()!;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (path: string, body?: Buffer, beforeEnd?: () => Promise<void>) =>
      new Promise<{ status: number; connection: string | undefined } | 'failed'>((resolve) => {
        const req = request(`${server.url}${path}`, {
          agent,
          method: body ? 'POST' : 'GET',
          headers: body ? { 'content-type': 'application/json', 'content-length': body.length, cookie, 'x-csrf-token': client.csrfToken! } : {},
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
        });
        req.on('error', () => resolve('failed'));
        if (!body) return void req.end();
        // The body arrives in two parts, so the request is surely running when the signal comes.
        req.write(body.subarray(0, 10));
        void beforeEnd!().then(() => req.end(body.subarray(10)));
      });
    expect(await send('/healthz')).to.deep.include({ status: 200, connection: 'keep-alive' });

    let signalledAt = 0;
    const body = Buffer.from(JSON.stringify({ username: 'admin', password: 'Gera-admin-2026' }));
    const login = await send('/api/auth/login', body, async () => {
      await new Promise((r) => setTimeout(r, 500));
      signalledAt = Date.now();
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
    });
    expect(login).to.deep.equal({ status: 200, connection: 'close' });
    // A client that goes on sending at once: before the fix it kept the connection in use until
    // the forced cut after the 10 s grace period.
    let servedAfterLogin = 0;
    while ((await send('/healthz')) !== 'failed') servedAfterLogin++;
    const exit = await server.exited;
    const stoppedWithin = Date.now() - signalledAt;
    agent.destroy();

    expect(exit.code).to.equal(0);
    expect(servedAfterLogin).to.equal(0);
    expect(stoppedWithin).to.be.below(8_000);
    const log = server.output().split('\n').filter((l) => l.startsWith('{'));
    expect(log.filter((l) => l.includes('"request aborted"') || l.includes('"request errored"'))).to.deep.equal([]);
  });

  it('exits with a clear message on invalid configuration', async () => {
    ensureCompiled();
    const child = spawn(process.execPath, ['--enable-source-maps', serverEntry], {
      cwd: repoRoot,
      env: { ...process.env, PORT: 'eighty', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).to.equal(1);
    expect(err).to.contain('invalid configuration').and.contain('PORT');
  });
});
