/**
 * Crash safety of the resident survey on SQLite: the real server process under a load of
 * resident submissions is killed with SIGKILL (no shutdown code runs) at random moments, at
 * least five times, and restarted on the same data directory. At the end every submission that
 * was acknowledged must be stored exactly once with exactly the answers sent, nothing may be
 * half-written, and SQLite's integrity check must pass.
 *
 * Environment: RESILIENCE_SEED (repeat a run's kill moments), RESILIENCE_HOUSEHOLDS (default 1200),
 * RESILIENCE_KILLS (default 6), RESILIENCE_CONCURRENCY (default 24 residents at a time).
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
import { auditStore, LoadStats, residentPlans, runPool, runResident, seededUniform, type ResidentPlan } from './testing/residentLoad';

const intFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

describe('crash safety: kill -9 under resident load (SQLite)', function () {
  this.timeout(15 * 60_000);
  const households = intFromEnv('RESILIENCE_HOUSEHOLDS', 1200);
  const kills = intFromEnv('RESILIENCE_KILLS', 6);
  const concurrency = intFromEnv('RESILIENCE_CONCURRENCY', 24);
  const seed = intFromEnv('RESILIENCE_SEED', Date.now() % 2147483646);
  let dataDir: string;
  let server: ServerProcess | undefined;

  after(async () => {
    await server?.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`acknowledged submissions survive ${kills} kills: stored exactly once, complete, integrity ok`, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'familien-survey-crash-'));
    const secret = randomBytes(32).toString('base64');
    const env = { CODE_HMAC_SECRET: secret };
    const plans: ResidentPlan[] = residentPlans(await seedInvitedStore(dataDir, households, secret), 1);
    server = await startServerProcess({ dataDir, env });
    const port = server.port;

    // Kill moments: random numbers of acknowledged submissions between 5 % and 85 % of the load,
    // plus a random delay, so the kills land while requests of every kind are in progress.
    const random = seededUniform(seed);
    const killAt = Array.from({ length: kills }, () => Math.floor(households * (0.05 + 0.8 * random()))).sort((a, b) => a - b);
    const killLog: { afterAcks: number; delayMs: number; signal: string | null; restartMs: number }[] = [];
    const stats = new LoadStats();
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    let loadDone = false;

    const killer = (async () => {
      for (const threshold of killAt) {
        while (stats.acknowledged.size < threshold && !loadDone) await new Promise((r) => setTimeout(r, 10));
        if (loadDone) break;
        const delayMs = Math.floor(random() * 250);
        await new Promise((r) => setTimeout(r, delayMs));
        const afterAcks = stats.acknowledged.size;
        const exit = await server!.kill('SIGKILL');
        const restartStarted = Date.now();
        server = await startServerProcess({ dataDir, port, env });
        killLog.push({ afterAcks, delayMs, signal: exit.signal, restartMs: Date.now() - restartStarted });
      }
    })();

    const started = Date.now();
    try {
      await runPool(plans, concurrency, (plan) => runResident(plan, { baseUrl: `http://127.0.0.1:${port}`, agent, stats, deadline: started + 10 * 60_000 }));
    } finally {
      loadDone = true;
      await killer;
      agent.destroy();
    }
    const loadSeconds = (Date.now() - started) / 1000;
    const exit = await server.stop();
    server = undefined;
    const audit = auditStore(join(dataDir, SQLITE_FILE_NAME), plans, stats.acknowledged);

    console.log(
      [
        `    crash run (seed ${seed}): ${households} households, ${concurrency} at a time, ${loadSeconds.toFixed(1)} s, ${stats.requests} requests`,
        `    kills (SIGKILL): ${killLog.length} — after ${killLog.map((k) => `${k.afterAcks} acks (+${k.delayMs} ms, restart ${(k.restartMs / 1000).toFixed(1)} s)`).join(', ')}`,
        `    requests without response while down: ${stats.networkErrors}; HTTP statuses: ${JSON.stringify(Object.fromEntries(stats.statuses))}`,
        `    submissions acknowledged: ${audit.acknowledged}`,
        `    stored (exactly once, answers as sent): ${audit.stored}`,
        `    lost: ${audit.lost.length}`,
        `    duplicated: ${audit.duplicated.length}`,
        `    half-written: ${audit.halfWritten.length}`,
        `    server errors (5xx): ${stats.serverErrors}`,
        `    stored although the acknowledgement was cut off by a kill: ${audit.storedWithoutAcknowledgement} (each confirmed by the thank-you state on re-entry: ${stats.confirmedOnReentry.size})`,
        `    integrity_check: ${audit.integrity}; foreign key violations: ${audit.foreignKeyViolations}`,
      ].join('\n'),
    );

    expect(killLog.length, 'kills').to.be.at.least(5);
    expect(killLog.every((k) => k.signal === 'SIGKILL')).to.equal(true);
    expect(exit.code, 'graceful stop at the end').to.equal(0);
    expect(stats.unexpected, 'unexpected responses').to.deep.equal([]);
    expect(stats.serverErrors).to.equal(0);
    expect(audit.integrity).to.equal('ok');
    expect(audit.foreignKeyViolations).to.equal(0);
    expect(audit.lost).to.deep.equal([]);
    expect(audit.duplicated).to.deep.equal([]);
    expect(audit.halfWritten).to.deep.equal([]);
    expect(audit.acknowledged).to.be.at.least(1000);
    expect(audit.stored).to.equal(audit.acknowledged);
    // Every household finished: acknowledged, or its submit committed and the re-entry showed the thank-you page.
    expect(audit.acknowledged + stats.confirmedOnReentry.size).to.equal(households);
    expect(audit.storedWithoutAcknowledgement).to.equal(stats.confirmedOnReentry.size);
    expect(audit.drafts).to.equal(0);
  });
});
