/**
 * Collection benchmark: validated online submissions through the real HTTP stack (Express,
 * sessions, CSRF, compiled answer validation, SQLite with group commit and the WAL flushed before each acknowledgement), and
 * the gzipped size of the resident page's JavaScript.
 * Targets: ≥ 1,000 submissions/s with p99 ≤ 50 ms; resident JS ≤ 400 kB gzipped.
 *
 * The server runs in this process; the load generator runs in a child process (this file with
 * `--load-generator`), so that its CPU shows up as a separate process — on the same machine and
 * cores, which the output states. Flow per household, as the resident page does it: GET
 * /api/session → POST /api/survey/enter with the household's code (new session id) → POST
 * /api/survey/submit with complete answers. Every household is a different one, because repeated
 * submits of one code are no-ops (exactly once). Code entry is measured and printed separately;
 * then a warm-up of submissions, then the timed submissions.
 *
 * Run: npx tsx bench/collection.ts [households=4000] [connections=16]
 * BENCH_CPU_PROFILE=submit.cpuprofile also writes the server's CPU profile of the timed submissions.
 */
import { spawn } from 'node:child_process';
import { Session } from 'node:inspector';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createInvitedHouseholds } from '../api/collection/testing/testHouseholds';
import { loadQuestionnaire, simulateAnswers } from '../api/questionnaire';
import { accessCodeHashSecret } from '../api/secrets/accessCodeHashSecret';
import { startTestServer } from '../api/testing/startTestServer';
import { formatPageScripts, pageScriptSizes } from '../survey-ui/bundleSize';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const TARGET_RATE = 1000;
const TARGET_P99_MS = 50;

interface LoadPlan {
  url: string;
  codes: string[];
  warmUp: number;
  connections: number;
}

interface PhaseResult {
  requests: number;
  /** CPU time (user + system) of the load generator process during the phase. */
  generatorCpuMs?: number;
  seconds: number;
  non2xx: number;
  errors: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
}

interface LoadResult {
  entry: PhaseResult;
  warmUp: PhaseResult;
  submit: PhaseResult;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** The load generator (child process): code entry for every household, then submissions with autocannon. */
async function generateLoad(plan: LoadPlan): Promise<LoadResult> {
  const json = loadQuestionnaire(1);
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  // A pool of simulated complete answer sets (simulating costs ~5 ms each; households reuse them in turn).
  const bodies = Array.from({ length: 50 }, () => JSON.stringify({ answers: simulateAnswers(json, random) }));

  // Code entry: as many residents at once as the submit phase has connections.
  const sessions: { cookie: string; csrf: string }[] = new Array(plan.codes.length);
  const entryLatencies: number[] = [];
  let entryNon2xx = 0;
  let entryErrors = 0;
  let next = 0;
  const entryStart = performance.now();
  await Promise.all(
    Array.from({ length: plan.connections }, async () => {
      for (let i = next++; i < plan.codes.length; i = next++) {
        try {
          const start = performance.now();
          const session = await fetch(`${plan.url}/api/session`);
          const first = session.headers.getSetCookie().find((l) => l.startsWith('sid='))!.split(';')[0]!;
          const { csrfToken } = (await session.json()) as { csrfToken: string };
          const entered = await fetch(`${plan.url}/api/survey/enter`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: first, 'x-csrf-token': csrfToken },
            body: JSON.stringify({ code: plan.codes[i] }),
          });
          await entered.arrayBuffer();
          entryLatencies.push(performance.now() - start);
          if (entered.status !== 200) {
            entryNon2xx++;
            continue;
          }
          // The accepted code gave the session a new id.
          const renewed = entered.headers.getSetCookie().find((l) => l.startsWith('sid='))!.split(';')[0]!;
          sessions[i] = { cookie: renewed, csrf: csrfToken };
        } catch {
          entryErrors++;
        }
      }
    }),
  );
  const entrySeconds = (performance.now() - entryStart) / 1000;
  entryLatencies.sort((a, b) => a - b);
  const entry: PhaseResult = {
    requests: plan.codes.length,
    seconds: entrySeconds,
    non2xx: entryNon2xx,
    errors: entryErrors,
    p50: percentile(entryLatencies, 50),
    p975: percentile(entryLatencies, 97.5),
    p99: percentile(entryLatencies, 99),
    max: entryLatencies.at(-1) ?? 0,
  };

  const ready = sessions.filter((s) => s !== undefined);
  let cursor = 0;
  const submit = async (amount: number): Promise<PhaseResult> => {
    // autocannon's duration (and its promise) advance in whole sampling ticks of 1 s: the phase is
    // timed from its first request to its last response instead.
    let started = 0;
    let lastResponse = 0;
    const result = await autocannon({
      url: `${plan.url}/api/survey/submit`,
      connections: plan.connections,
      amount,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            if (started === 0) started = performance.now();
            const index = cursor++;
            const s = ready[index]!;
            return { ...req, body: bodies[index % bodies.length], headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf } };
          },
          onResponse: () => {
            lastResponse = performance.now();
          },
        },
      ],
    });
    const seconds = (lastResponse - started) / 1000;
    return {
      requests: result.requests.total,
      seconds,
      non2xx: result.non2xx,
      errors: result.errors,
      p50: result.latency.p50,
      p975: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    };
  };
  const warmUp = await submit(Math.min(plan.warmUp, ready.length));
  // Tells the server process to start counting its CPU time, then waits for its go.
  const cpuBefore = process.cpuUsage();
  process.send?.('timed-start');
  await new Promise((resolve) => process.once('message', resolve));
  const timed = await submit(ready.length - cursor);
  const cpu = process.cpuUsage(cpuBefore);
  process.send?.('timed-end');
  return { entry, warmUp, submit: { ...timed, generatorCpuMs: (cpu.user + cpu.system) / 1000 } };
}

/** BENCH_CPU_PROFILE=file.cpuprofile: the server's CPU profile of the timed submissions only (open in Chrome DevTools). */
const profileFile = process.env.BENCH_CPU_PROFILE;
const inspector = profileFile ? new Session() : undefined;
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) => inspector!.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
async function startProfile(): Promise<void> {
  if (!inspector) return;
  inspector.connect();
  await post('Profiler.enable');
  await post('Profiler.start');
}
async function stopProfile(): Promise<void> {
  if (!inspector) return;
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(profileFile!, JSON.stringify(profile));
  inspector.disconnect();
}

/** Runs the child; also measures this (server) process's CPU time during the timed submissions. */
function runLoadGenerator(plan: LoadPlan): Promise<LoadResult & { serverCpuMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'collection-bench-'));
  const planFile = join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--load-generator', planFile], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let out = '';
    let cpuStart: NodeJS.CpuUsage | undefined;
    let serverCpuMs = 0;
    child.on('message', (message) => {
      if (message === 'timed-start') {
        void startProfile().then(() => {
          cpuStart = process.cpuUsage();
          child.send('go');
        });
      } else if (message === 'timed-end' && cpuStart) {
        const cpu = process.cpuUsage(cpuStart);
        serverCpuMs = (cpu.user + cpu.system) / 1000;
        void stopProfile();
      }
    });
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
      else resolve({ ...(JSON.parse(out) as LoadResult), serverCpuMs });
    });
  });
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const phaseLine = (name: string, r: PhaseResult, unit: string) =>
  `${name}: ${r.requests} ${unit} in ${r.seconds.toFixed(2)} s = ${(r.requests / r.seconds).toFixed(0)}/s; latency p50 ${ms(r.p50)}, p97.5 ${ms(r.p975)}, p99 ${ms(r.p99)}, max ${ms(r.max)}; non-2xx ${r.non2xx}, errors ${r.errors}`;

export async function main(households = Number(process.argv[2] ?? 4000), connections = Number(process.argv[3] ?? 16)): Promise<void> {
  const server = await startTestServer();
  try {
    const invited = await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), households);
    const warmUp = Math.min(500, Math.floor(households / 5));
    console.log(`machine: ${availableParallelism()} CPU(s) (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`server in this process, load generator (fetch + autocannon, ${connections} connections) in a child process — both on the same ${availableParallelism()} cores`);
    const result = await runLoadGenerator({ url: server.url, codes: invited.map((h) => h.code), warmUp, connections });
    const stored = (await server.store.responses.list({ status: 'submitted' })).filter((r) => r.householdId?.startsWith('T')).length;
    console.log(phaseLine('code entry (GET /api/session + POST /api/survey/enter)', result.entry, 'households'));
    console.log(phaseLine('warm-up submissions', result.warmUp, 'submissions'));
    console.log(phaseLine('submissions (POST /api/survey/submit)', result.submit, 'submissions'));
    // CPU time per request does not depend on how busy the shared machine is; wall-clock rates do.
    const serverCpu = result.serverCpuMs / result.submit.requests;
    const generatorCpu = (result.submit.generatorCpuMs ?? 0) / result.submit.requests;
    console.log(
      `CPU per submission: server ${serverCpu.toFixed(2)} ms, load generator ${generatorCpu.toFixed(2)} ms ` +
        `(server process, all threads: JavaScript, garbage collection and the WAL flushes on libuv's pool)`,
    );
    const expected = result.warmUp.requests + result.submit.requests - result.warmUp.non2xx - result.submit.non2xx;
    console.log(`stored: ${stored} submitted responses for ${expected} acknowledged submissions (one per household)`);
    const rate = result.submit.requests / result.submit.seconds;
    const rateMet = rate >= TARGET_RATE;
    const p99Met = result.submit.p99 <= TARGET_P99_MS;
    const clean = result.submit.non2xx === 0 && result.submit.errors === 0 && stored === expected;
    console.log(
      `throughput: ${rate.toFixed(0)} submissions/s (target ≥ ${TARGET_RATE}) → ${(rate / TARGET_RATE).toFixed(2)}× target, ${rateMet ? 'met' : 'NOT met'}; ` +
        `p99 ${ms(result.submit.p99)} (target ≤ ${TARGET_P99_MS} ms) ${p99Met ? 'met' : 'NOT met'}${clean ? '' : '; errors or missing rows — see above'}`,
    );
  } finally {
    await server.stop();
  }
  const uiDir = join(repoRoot, 'dist', 'ui');
  if (existsSync(join(uiDir, 'teilnahme.html'))) {
    // Everything the page fetches, dynamic imports included (SurveyJS loads right after the start page).
    const sizes = pageScriptSizes(uiDir);
    const met = sizes.totalGzipBytes <= 400_000 ? 'met' : 'NOT met';
    console.log(
      `resident page JS: ${(sizes.totalGzipBytes / 1000).toFixed(1)} kB gzipped incl. dynamic imports (target ≤ 400 kB: ${met}), ` +
        `${(sizes.startGzipBytes / 1000).toFixed(1)} kB before the questionnaire\n${formatPageScripts(sizes)}`,
    );
  } else console.log('resident page JS: dist/ui/teilnahme.html missing (run npm run build:ui)');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const run =
    process.argv[2] === '--load-generator'
      ? generateLoad(JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as LoadPlan).then((r) => void process.stdout.write(JSON.stringify(r)))
      : main();
  run.catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
