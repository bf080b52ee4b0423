/**
 * The real entry point (`api/server.ts`, compiled to dist/server.mjs as `npm start` runs it) as a
 * child process on a chosen data directory and port, for tests that must crash, signal or restart
 * the server:
 *
 *   const server = await startServerProcess({ dataDir, port: await freePort() });
 *   await server.kill('SIGKILL'); // or 'SIGTERM' for a graceful stop
 *   const again = await startServerProcess({ dataDir, port: server.port });
 *
 * The child is `node --enable-source-maps dist/server.mjs` itself (no npm/npx wrapper in between),
 * so a signal reaches the server process and nothing else; dist/ is rebuilt first when a source is newer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ensureCompiled, repoRoot, serverEntry } from './compiledApp';

/** Printed by server.ts once it listens and the signal handlers are installed. */
const STARTED_LINE = 'Familienbefragung läuft auf';

/** A port that was free a moment ago (the OS picks it; the probe socket is closed again). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** e.g. `http://127.0.0.1:41234`, without trailing slash. */
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<ServerExit>;
  /** Sends the signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<ServerExit>;
  /** Graceful stop: SIGTERM, and SIGKILL when the process has not ended after 20 s. */
  stop(): Promise<ServerExit>;
}

export interface ServerProcessOptions {
  dataDir: string;
  /** Default: a free port. Pass the previous port to restart "the same" server. */
  port?: number;
  /** Added to the inherited environment (MONGODB_URI is cleared: these runs are about SQLite). */
  env?: Record<string, string>;
  /** Start-up (store open, migrations, demo check) must finish within this; default 90 s (a busy CI machine). */
  startTimeoutMs?: number;
}

/**
 * Starts the server and resolves once it printed its URL and `/readyz` answers 200.
 * @throws Error with the process output when it exits early or does not become ready in time.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  ensureCompiled();
  const child = spawn(process.execPath, ['--enable-source-maps', serverEntry], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: options.dataDir, LOG_LEVEL: 'warn', MONGODB_URI: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<ServerExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let ended = false;
  void exited.then(() => (ended = true));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  for (;;) {
    if (ended) throw new Error(`server exited during start-up:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready within ${options.startTimeoutMs ?? 90_000} ms:\n${out}`);
    }
    if (out.includes(STARTED_LINE)) {
      const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    port,
    url,
    output: () => out,
    exited,
    async kill(signal) {
      if (!ended) child.kill(signal);
      return exited;
    },
    async stop() {
      if (!ended) child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const exit = await exited;
      clearTimeout(force);
      return exit;
    },
  };
}
