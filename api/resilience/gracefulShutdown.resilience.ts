/**
 * Graceful shutdown under load: SIGTERM while residents submit. The server must stop accepting,
 * let every request it has started finish with a complete response (none aborted), exit 0, and
 * lose no acknowledged submission. The residents whose connection was refused carry on after a
 * restart, so the run ends with every household submitted.
 *
 * "Started" is judged by the server's own request log (api/http/requestLog.ts at level info): each request
 * it began is logged either as 'request completed' or as 'request aborted'/'request errored'.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SQLITE_FILE_NAME } from '../store/sqlite/sqliteStore';
import { seedInvitedStore } from '../testing/seedInvitedStore';
import { startServerProcess, type ServerProcess } from '../testing/serverProcess';
import { auditStore, LoadStats, residentPlans, runPool, runResident } from './testing/residentLoad';

interface LogLine {
  msg?: string;
  time?: number;
  res?: { statusCode: number };
}

/** The server's JSON log lines (pino), ignoring the plain start-up text. */
function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

describe('graceful shutdown: SIGTERM under resident load (SQLite)', function () {
  this.timeout(10 * 60_000);
  const households = 400;
  const concurrency = 24;
  let dataDir: string;
  let server: ServerProcess | undefined;

  after(async () => {
    await server?.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes in-flight requests, exits 0 and loses no acknowledged submission', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'familien-survey-sigterm-'));
    const secret = randomBytes(32).toString('base64');
    const env = { CODE_HMAC_SECRET: secret, LOG_LEVEL: 'info' };
    const plans = residentPlans(await seedInvitedStore(dataDir, households, secret), 1);
    server = await startServerProcess({ dataDir, env });
    const first = server;
    const port = server.port;
    const stats = new LoadStats();
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

    let signalledAt = 0;
    let exitedAt = 0;
    let acksAtSignal = 0;
    let firstExit: { code: number | null; signal: string | null } | undefined;
    const stopper = (async () => {
      while (stats.acknowledged.size < households / 4) await new Promise((r) => setTimeout(r, 10));
      acksAtSignal = stats.acknowledged.size;
      signalledAt = Date.now();
      first.child.kill('SIGTERM');
      firstExit = await first.exited;
      exitedAt = Date.now();
      // The residents who were turned away come back once the server runs again.
      server = await startServerProcess({ dataDir, port, env });
    })();

    await runPool(plans, concurrency, (plan) => runResident(plan, { baseUrl: `http://127.0.0.1:${port}`, agent, stats, deadline: Date.now() + 8 * 60_000 }));
    await stopper;
    agent.destroy();
    const finalExit = await server.stop();
    server = undefined;

    const lines = logLines(first.output());
    const shutdownLine = lines.findIndex((l) => l.msg === 'shutting down: finishing in-flight requests');
    const afterSignal = lines.slice(shutdownLine + 1);
    const completedAfterSignal = afterSignal.filter((l) => l.msg === 'request completed').length;
    const aborted = lines.filter((l) => l.msg === 'request aborted' || l.msg === 'request errored');
    const audit = auditStore(join(dataDir, SQLITE_FILE_NAME), plans, stats.acknowledged);

    console.log(
      [
        `    SIGTERM after ${acksAtSignal} acknowledged submissions; exit code ${firstExit?.code} after ${exitedAt - signalledAt} ms`,
        `    requests completed by the stopping server after the signal: ${completedAfterSignal}; aborted or errored: ${aborted.length}`,
        `    requests turned away while stopped (retried after restart): ${stats.networkErrors}; HTTP statuses: ${JSON.stringify(Object.fromEntries(stats.statuses))}`,
        `    submissions acknowledged: ${audit.acknowledged}, stored: ${audit.stored}, lost: ${audit.lost.length}, duplicated: ${audit.duplicated.length}, half-written: ${audit.halfWritten.length}, server errors: ${stats.serverErrors}`,
        `    integrity_check: ${audit.integrity}`,
      ].join('\n'),
    );

    expect(shutdownLine, 'shutdown logged').to.be.greaterThan(-1);
    expect(firstExit).to.deep.equal({ code: 0, signal: null });
    expect(finalExit.code).to.equal(0);
    expect(aborted, 'requests the stopping server started but did not finish').to.deep.equal([]);
    expect(stats.unexpected).to.deep.equal([]);
    expect(stats.serverErrors).to.equal(0);
    expect(audit.integrity).to.equal('ok');
    expect(audit.lost).to.deep.equal([]);
    expect(audit.duplicated).to.deep.equal([]);
    expect(audit.halfWritten).to.deep.equal([]);
    expect(audit.stored).to.equal(audit.acknowledged);
    expect(audit.acknowledged + stats.confirmedOnReentry.size).to.equal(households);
  });
});
