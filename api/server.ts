/**
 * Entry point, compiled to dist/server.mjs (`npm start` runs `node --enable-source-maps
 * dist/server.mjs`). Reads the environment (see .env.example), opens the store (SQLite in
 * DATA_DIR, or MongoDB when MONGODB_URI is set), migrates, seeds the demo into an empty store,
 * serves API and built UI, and shuts down gracefully on SIGTERM/SIGINT.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { loadConfig } from './config';
import { DEMO_START_STEPS, seedDemo } from './demo/seedDemo';
import { createLogger } from './logger';
import { startServerRetention } from './operations/serverRetention';
import { openStore } from './store';

/** How often expired sessions (mostly anonymous pre-sessions) and old attempt counters (they hold client addresses) are removed. */
const SESSION_SWEEP_MS = 10 * 60_000;

/** While stopping, keep-alive connections without a running request are closed this often. */
const IDLE_SWEEP_MS = 100;

/** In-flight requests get this long to finish after a shutdown signal before connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const store = await openStore(config);
  const seed = await seedDemo(store, DEMO_START_STEPS, { dataDir: config.dataDir });
  const app = createApp({ store, logger, config });

  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  // Attempt counters are kept a day, or longer than the longest counting window configured.
  const throttleKeptMs = Math.max(86_400_000, 2 * config.login.windowMinutes * 60_000);
  const sweep = setInterval(() => {
    const now = new Date();
    store.sessions.deleteExpired(now).catch((err: unknown) => logger.error({ err }, 'removing expired sessions failed'));
    store.throttle
      .deleteStale(now, new Date(now.getTime() - throttleKeptMs))
      .catch((err: unknown) => logger.error({ err }, 'removing old attempt counters failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();
  // Daily data retention (contact data after fieldwork, old answers); one instance applies it.
  const retention = startServerRetention({ store, logger });

  let stopping = false;
  // Once stopping, every response (of a running request, or of one arriving on an open keep-alive
  // connection) tells the client to close the connection. Otherwise a busy client keeps its
  // connection in use with request after request, close() never completes, and the forced cut
  // after the grace period aborts whatever is running then.
  const running = new Set<ServerResponse>();
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.setHeader('Connection', 'close');
    running.add(res);
    res.once('close', () => running.delete(res));
  });
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweep);
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    // Responses whose headers went out before the signal still leave keep-alive connections
    // behind: close each as soon as it has no request running.
    const idleSweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    idleSweep.unref();
    for (const res of running) if (!res.headersSent) res.setHeader('Connection', 'close');
    // close() stops accepting, lets running requests finish, then calls back.
    server.close(async (err) => {
      clearTimeout(force);
      clearInterval(idleSweep);
      await retention.stop().catch((e: unknown) => logger.error({ err: e }, 'stopping the retention schedule failed'));
      await store.close().catch((e: unknown) => logger.error({ err: e }, 'closing the store failed'));
      logger.info('stopped');
      logger.flush();
      process.exitCode = err ? 1 : 0;
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  // Printed last: whoever waits for the URL may send SIGTERM at once and must find the handlers installed.
  const port = (server.address() as AddressInfo).port;
  const url = config.publicBaseUrl ?? `http://localhost:${port}`;
  console.log(`Familienbefragung läuft auf ${url} (Speicher: ${store.kind === 'sqlite' ? config.dataDir : 'MongoDB'})`);
  if (!existsSync(config.uiDir)) {
    console.log(`Hinweis: keine gebaute Oberfläche in ${config.uiDir} – nur die API ist erreichbar. Bauen mit: npm run build:ui`);
  }
  if (seed.seeded) {
    console.log('Demo-Daten angelegt. Demo-Zugänge (nur für die Vorführung):');
    for (const l of seed.logins) console.log(`  ${l.role.padEnd(8)} ${l.username.padEnd(8)} ${l.password}`);
    for (const line of seed.notes) console.log(line);
  }
}

main().catch((err: unknown) => {
  console.error(`Start fehlgeschlagen: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
