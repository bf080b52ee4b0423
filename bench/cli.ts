/**
 * The command line as a user meets it: every figure is a fresh process started through
 * `npm run --silent cli -- …` (npm, Node start-up, the stale-build check, the compiled CLI), and R
 * is a fresh `Rscript` process doing the same job, reading and writing its files.
 *   1. `cli --help` start-up (target ≤ 0.25 s through npm), also without npm and without the check;
 *   2. `cli draw`: 1,000,000 households in 100 districts, n = 30,000 (the frame and allocation of
 *      bench/sampling.ts) vs R read.csv + sampling::strata + getdata (target ≥ 6× R);
 *   3. `cli estimate` with raking to district and household-type margins, 8 indicators overall and by
 *      district, 100,000 respondents (the data of bench/analysis.ts) vs R survey: svydesign,
 *      calibrate(calfun = "raking"), svymean and svyby (target ≥ 200× R); the numbers are compared.
 * Run: npm run bench -- cli   Options: --no-r, --r-timeout MINUTES (default 30, for each R job),
 * --runs N (start-up runs, default 10).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { generate, INDICATORS, runR as runSurveyR, type Result } from './analysis';
import { DRAW, ensureDrawInputs, runCliDraw, runR as runSamplingR } from './sampling';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const withR = !argv.includes('--no-r');
const rTimeoutMinutes = option('--r-timeout', 30);
const startupRuns = option('--runs', 10);

const HELP_TARGET_SECONDS = 0.25;
const DRAW_TARGET_RATIO = 6;
const ESTIMATE_TARGET_RATIO = 200;
const RESPONDENTS = 100_000;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const s = (seconds: number, digits = 3) => `${seconds.toFixed(digits)} s`;
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

/** Wall seconds of one fresh process; throws with its stderr when it fails. */
function timed(command: string, args: string[]): number {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return seconds;
}

function startup(): void {
  timed('npm', ['run', '--silent', 'cli', '--', '--help']); // compiles first if a source changed; not timed
  const ways: [string, string, string[]][] = [
    ['npm run --silent cli -- --help', 'npm', ['run', '--silent', 'cli', '--', '--help']],
    ['node scripts/cli.mjs --help (no npm)', process.execPath, [join(root, 'scripts', 'cli.mjs'), '--help']],
    ['node dist/cli/main.mjs --help (no check)', process.execPath, ['--enable-source-maps', join(root, 'dist', 'cli', 'main.mjs'), '--help']],
    ['node -e 0 (Node alone)', process.execPath, ['-e', '0']],
  ];
  console.log(`cli start-up, fresh processes, ${startupRuns} runs each (best / median):`);
  const medians: number[] = [];
  for (const [label, command, args] of ways) {
    const times = Array.from({ length: startupRuns }, () => timed(command, args));
    medians.push(median(times));
    console.log(`  ${label.padEnd(42)} ${s(Math.min(...times))} / ${s(median(times))}`);
  }
  console.log(`  target ≤ ${HELP_TARGET_SECONDS} s through npm (median): ${verdict(medians[0]! <= HELP_TARGET_SECONDS)}`);
}

function draw(): void {
  ensureDrawInputs();
  const runs = [runCliDraw(), runCliDraw(), runCliDraw()];
  const best = Math.min(...runs.map((r) => r.wall));
  console.log(`cli draw, ${DRAW.households.toLocaleString('en')} households, ${DRAW.districts} districts, n = ${DRAW.n.toLocaleString('en')}, fresh processes:`);
  console.log(`  npm run --silent cli -- draw   ${s(best, 2)} best of 3 (${runs.map((r) => s(r.wall, 2)).join(', ')}); ${runs[0]!.sampled.toLocaleString('en')} rows written`);
  if (!withR) return console.log('  R: skipped (--no-r)');
  const r = runSamplingR();
  if (!r) return console.log('  R: skipped (Rscript with the sampling package not available)');
  console.log(`  Rscript read.csv + strata + getdata   ${s(r.processWall, 2)} (inside R: read ${s(r.read.wall, 2)}, draw ${s(r.draw.wall, 2)}); ${r.sampled.toLocaleString('en')} sampled`);
  const ratio = r.processWall / best;
  console.log(`  ratio R / ours: ${ratio.toFixed(1)}× — target ≥ ${DRAW_TARGET_RATIO}×: ${verdict(ratio >= DRAW_TARGET_RATIO)}`);
}

function estimate(): void {
  const { dataPath, marginsPath } = generate(RESPONDENTS, 100);
  const dir = mkdtempSync(join(tmpdir(), 'bench-estimate-'));
  try {
    const out = join(dir, 'estimates.csv');
    const args = ['run', '--silent', 'cli', '--', 'estimate', '--data', dataPath, '--id', 'household_id', '--strata', 'district', '--weight', 'design_weight', '--fpc', 'N_h',
      '--vars', INDICATORS.join(','), '--by', 'district', '--margins', marginsPath, '--calfun', 'raking', '--out', out];
    const runs = [timed('npm', args), timed('npm', args), timed('npm', args)];
    const best = Math.min(...runs);
    console.log(`cli estimate, raking, ${RESPONDENTS.toLocaleString('en')} respondents, ${INDICATORS.length} indicators overall and by 100 districts, fresh processes:`);
    console.log(`  npm run --silent cli -- estimate   ${s(best, 2)} best of 3 (${runs.map((t) => s(t, 2)).join(', ')})`);
    if (!withR) return console.log('  R: skipped (--no-r)');
    console.log(`  Rscript survey … (time-out ${rTimeoutMinutes} min)`);
    const r = runSurveyR(dataPath, marginsPath, rTimeoutMinutes);
    if (typeof r === 'string') {
      console.log(`  R: ${r}`);
      if (r.startsWith('R did not finish')) {
        const bound = (rTimeoutMinutes * 60) / best;
        console.log(`  ratio R / ours: more than ${bound.toFixed(0)}× (R unfinished) — target ≥ ${ESTIMATE_TARGET_RATIO}×: ${bound >= ESTIMATE_TARGET_RATIO ? 'met' : 'not known'}`);
      }
      return;
    }
    console.log(`  Rscript read.csv + svydesign + calibrate + svymean/svyby + write.csv   ${s(r.processSeconds, 1)} (the job inside R: ${s(r.seconds, 1)})`);
    const ratio = r.processSeconds / best;
    console.log(`  ratio R / ours: ${ratio.toFixed(0)}× — target ≥ ${ESTIMATE_TARGET_RATIO}×: ${verdict(ratio >= ESTIMATE_TARGET_RATIO)}`);
    const ours = new Map(
      (parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[]).map((x) => [`${x.scope}|${x.domain}|${x.variable}`, x]),
    );
    let maxEstimate = 0;
    let maxSe = 0;
    let missing = 0;
    for (const x of r.results as Result[]) {
      const y = ours.get(`${x.scope}|${x.domain}|${x.variable}`);
      if (!y) {
        missing++;
        continue;
      }
      maxEstimate = Math.max(maxEstimate, Math.abs(Number(y.estimate) - x.estimate) / Math.abs(x.estimate));
      maxSe = Math.max(maxSe, Math.abs(Number(y.se) - x.se) / Math.abs(x.se));
    }
    console.log(`  numbers: ${r.results.length} estimates compared${missing ? `, ${missing} missing in ours` : ''}; max relative difference estimate ${maxEstimate.toExponential(1)}, SE ${maxSe.toExponential(1)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 shared cores: wall times are upper bounds)`);
startup();
draw();
estimate();
