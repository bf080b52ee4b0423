/**
 * The district report as a user makes it: `npm run --silent cli -- report` as a fresh process on the demo store
 * (`cli seed` into a temporary folder: 12 districts, waves 1 and 2, so the run analyses both waves for the change
 * column), as German PDF, English PDF and HTML. Prints best / median wall time, the split the command reports
 * (analysis of the waves vs the report itself) and the page count. Target: ≤ 3 s through npm (median).
 * Run: npm run bench -- report   Options: --runs N (default 5).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
const TARGET_SECONDS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (seconds: number) => `${seconds.toFixed(2)} s`;

const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
const env = { ...process.env, MONGODB_URI: '', DATA_DIR: join(dir, 'store') };

/** One fresh process through npm; its wall seconds and what it printed. */
function cli(args: string[]): { seconds: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: root, env, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`cli ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return { seconds, stdout: run.stdout };
}

try {
  cli(['seed']); // compiles first if a source changed; not timed
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 shared cores: wall times are upper bounds)`);
  console.log(`cli report on the demo store, fresh processes through npm, ${runs} runs each (best / median):`);
  const medians: number[] = [];
  for (const [label, args] of [
    ['PDF, German', ['--out', join(dir, 'report.pdf')]],
    ['PDF, English', ['--out', join(dir, 'report-en.pdf'), '--lang', 'en']],
    ['HTML, German', ['--out', join(dir, 'report.html')]],
  ] as const) {
    const results = Array.from({ length: runs }, () => cli(['report', ...args]));
    const times = results.map((r) => r.seconds);
    medians.push(median(times));
    const last = results.at(-1)!.stdout;
    const split = /took ([\d.]+ s) \(analysis ([\d.]+ s), report ([\d.]+ s)\)/.exec(last);
    const pages = /(\d+) pages/.exec(last)?.[1];
    console.log(
      `  ${label.padEnd(13)} ${s(Math.min(...times))} / ${s(median(times))}` +
        (split ? `   (last run inside the command: ${split[1]}, analysis ${split[2]}, report ${split[3]}${pages ? `, ${pages} pages` : ''})` : ''),
    );
  }
  console.log(`  target ≤ ${TARGET_SECONDS} s (median): ${medians.every((m) => m <= TARGET_SECONDS) ? 'met' : 'NOT met'}`);
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
