/**
 * Starts the real application on an ephemeral port with a temporary SQLite data directory and
 * the demo accounts (see DEMO_LOGINS) — for API and browser tests. Stable interface:
 *
 *   const server = await startTestServer();
 *   await fetch(`${server.url}/api/session`);
 *   await server.stop();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { DEMO_LOGINS, DEMO_START_STEPS, seedDemo } from '../demo/seedDemo';
import { createLogger, type Logger } from '../logger';
import { openStore } from '../store';
import type { Store } from '../store/types';
import { ApiClient } from './apiClient';

export interface TestServer {
  /** e.g. `http://127.0.0.1:41234`, without trailing slash. */
  url: string;
  store: Store;
  dataDir: string;
  logins: typeof DEMO_LOGINS;
  /** Closes connections and the store; removes the data directory if it was created here. */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** Reuse a directory (e.g. to test a restart); default: a fresh temporary directory. */
  dataDir?: string;
  /** Extra environment variables as in .env.example (process.env is not read). */
  env?: Record<string, string>;
  /** Default: silent unless env.LOG_LEVEL is set. */
  logger?: Logger;
  /** Seed the demo's second wave too, as `npm start` does (DEMO_START_STEPS); default: wave 1 only. */
  demoWaves?: boolean;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'familien-survey-test-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', ...options.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const store = await openStore(config);
  await seedDemo(store, options.demoWaves ? DEMO_START_STEPS : undefined, { dataDir });
  const app = createApp({ store, logger, config });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    dataDir,
    logins: DEMO_LOGINS,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * An API client signed in as one of the test server's demo users; throws when the login is refused.
 * `headers` go with every request (e.g. `{ 'accept-language': 'en' }`).
 */
export async function signedInClient(server: Pick<TestServer, 'url' | 'logins'>, username: string, headers: Record<string, string> = {}): Promise<ApiClient> {
  const login = server.logins.find((l) => l.username === username);
  if (!login) throw new Error(`no demo login '${username}'`);
  const client = new ApiClient(server.url, headers);
  const res = await client.login(login.username, login.password);
  if (res.status !== 200) throw new Error(`login as '${username}' answered ${res.status}`);
  return client;
}
