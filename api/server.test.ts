/**
 * The real entry point as a child process: start-up output, demo seeding once, and graceful
 * shutdown on SIGTERM that lets an in-flight request (a login: scrypt takes tens of ms) finish.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ApiClient } from './testing/apiClient';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  exited: Promise<number | null>;
}

async function startServer(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', MONGODB_URI: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!out.includes('Familienbefragung läuft auf')) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url: `http://127.0.0.1:${port}`, stdout: () => out, exited };
}

describe('server.ts process', function () {
  this.timeout(180_000);
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'server-process-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the URL and the demo logins once, on the start that seeded; says when the UI is not built', async () => {
    const first = await startServer(dataDir, { UI_DIR: join(dataDir, 'no-ui-here') });
    first.child.kill('SIGTERM');
    expect(await first.exited).to.equal(0);
    expect(first.stdout()).to.contain('Demo-Zugänge').and.contain('Gera-admin-2026').and.contain('staff2');
    expect(first.stdout()).to.contain('keine gebaute Oberfläche').and.contain('npm run build:ui');

    const second = await startServer(dataDir);
    second.child.kill('SIGTERM');
    expect(await second.exited).to.equal(0);
    expect(second.stdout()).to.contain('http://localhost:');
    expect(second.stdout()).to.not.contain('Gera-admin-2026');
  });

  it('on SIGTERM finishes the in-flight request, then stops accepting and exits 0', async () => {
    const server = await startServer(dataDir);
    const client = new ApiClient(server.url);
    await client.session();
    const cookie = (client as unknown as { cookie: string }).cookie;
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
    expect(await server.exited).to.equal(0);
    const after = await fetch(`${server.url}/healthz`).catch((e: unknown) => e);
    expect(after).to.be.instanceOf(Error);
  });

  it('exits with a clear message on invalid configuration', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
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
