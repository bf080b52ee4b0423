/**
 * Sampling benchmark: a seeded 1,000,000-household frame over 100 districts (written once to
 * fixtures/generated/, git-ignored), then read the file and extract its columns (one streaming pass) +
 * allocate + stratified SRSWOR of 30,000 households + reading the drawn rows in full — the same functions
 * the CLI `draw` command uses (api/cli/io.ts readFrameCsvFile → api/frames/frameCsv,
 * sampling/stratifiedSrsworOfUnits).
 * Each phase is timed (wall and CPU); the whole in-process path runs three times (the first run is cold,
 * as in a CLI call) and the best and the spread are printed, with peak RSS.
 * When Rscript with the `sampling` package is available, the same draw runs in R: system.time around
 * read.csv and around sampling::strata(method = "srswor") separately, plus R's wall time including start-up;
 * our CLI (`draw`, as a fresh process) is timed the same way for the start-up-inclusive comparison.
 * Then the same path on other frame shapes: the rows in a seeded random order (not sorted by id) and a
 * systematic draw sorted by postcode and street.
 * Targets: ≤ 2 s for our side, ≥ 20× faster than R's read + draw, ≤ 1 GB peak RSS.
 *
 * Run: npx tsx bench/sampling.ts   (or through bench/run.ts). The frame is generated in a child process
 * so that its memory does not count towards the measured peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFrameCsvFile } from '../api/cli/io';
import { FRAME_COLUMNS, generateFrame } from '../fixtures/syntheticFrame';
import { allocate, createRng, partialShuffle, stratifiedSrsworOfUnits, stratifiedSystematicOfUnits } from '../sampling/index';

const HOUSEHOLDS = 1_000_000;
const DISTRICTS = 100;
const FRAME_SEED = 42;
const SAMPLE_SIZE = 30_000;
const DRAW_SEED = 42;
const TARGET_SECONDS = 2;
const TARGET_SPEEDUP = 20;
const TARGET_RSS_MB = 1024;

const here = dirname(fileURLToPath(import.meta.url));
const generatedDir = join(here, '..', 'fixtures', 'generated');
/** The seeded frame and its proportional allocation of SAMPLE_SIZE (shared with bench/cli.ts). */
export const framePath = join(generatedDir, `frame-${HOUSEHOLDS}-${DISTRICTS}-seed${FRAME_SEED}.csv`);
export const allocationPath = join(generatedDir, `allocation-${HOUSEHOLDS}-${DISTRICTS}-n${SAMPLE_SIZE}.csv`);
export const DRAW = { households: HOUSEHOLDS, districts: DISTRICTS, n: SAMPLE_SIZE, seed: DRAW_SEED } as const;
/** The same frame with its rows in a seeded random order (a register extract not sorted by id). */
const SHUFFLE_SEED = 7;
const shuffledFramePath = join(generatedDir, `frame-${HOUSEHOLDS}-${DISTRICTS}-seed${FRAME_SEED}-shuffled${SHUFFLE_SEED}.csv`);

/** Quotes a CSV field only when needed (RFC 4180). */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes the seeded frame in chunks (a direct writer: csv-stringify is the slow part for a million rows). */
function writeFrameFile(path: string): void {
  const rows = generateFrame({ households: HOUSEHOLDS, districts: DISTRICTS, seed: FRAME_SEED });
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, FRAME_COLUMNS.join(',') + '\n');
    for (let start = 0; start < rows.length; start += 50_000) {
      const chunk = rows.slice(start, start + 50_000).map((r) => FRAME_COLUMNS.map((c) => csvField(r[c])).join(','));
      writeSync(fd, chunk.join('\n') + '\n');
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Writes the frame's rows in a seeded random order (a full partial Fisher–Yates shuffle). */
function writeShuffledFrameFile(): void {
  const [header, ...rows] = readFileSync(framePath, 'utf8').trimEnd().split('\n');
  const order = partialShuffle(rows.length, rows.length, createRng(SHUFFLE_SEED));
  const tmp = `${shuffledFramePath}.tmp-${process.pid}`;
  writeFileSync(tmp, [header, ...Array.from(order, (i) => rows[i])].join('\n') + '\n');
  renameSync(tmp, shuffledFramePath);
}

/** Generates a frame file once, in a child process (its memory does not count towards the peak RSS). */
export function ensureFile(path: string, flag: string): void {
  if (existsSync(path)) return;
  console.log(`generating ${path} …`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), flag], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`generating ${path} failed with exit code ${child.status}`);
}

/** Wall and CPU seconds of one phase. */
interface Timing {
  wall: number;
  cpu: number;
}

const PHASES = ['extract', 'allocate', 'draw', 'rows', 'total'] as const;
type Phase = (typeof PHASES)[number];

interface OurRun {
  timings: Record<Phase, Timing>;
  sampled: number;
  allocation: Map<string, number>;
}

const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** Our side, in process: read + extract id and district, allocate (proportional), SRSWOR, read the drawn rows. */
function runOurs(): OurRun {
  const marks: Timing[] = [];
  const mark = () => marks.push({ wall: performance.now() / 1000, cpu: cpuSeconds() });
  mark();
  const frame = readFrameCsvFile(framePath, { id: 'household_id', stratum: 'district' });
  mark();
  const sizes = new Array<number>(frame.strata.length).fill(0);
  const { stratumOfRow } = frame;
  for (let i = 0; i < stratumOfRow.length; i++) sizes[stratumOfRow[i]]++;
  const allocation = allocate({ strata: frame.strata.map((stratum, h) => ({ stratum, N: sizes[h] })), n: SAMPLE_SIZE, method: 'proportional' });
  mark();
  const sizesByStratum = new Map(allocation.strata.map((s) => [s.stratum, s.allocation]));
  const sample = stratifiedSrsworOfUnits(frame, { allocation: sizesByStratum, rng: createRng(DRAW_SEED) });
  mark();
  const rows: (string | number)[][] = frame.rows(sample.map((u) => u.rowIndex));
  sample.forEach((u, k) => rows[k].push(u.inclusionProbability, u.designWeight));
  mark();
  // The allocation is shared with R (and the CLI run) so every side draws the same sizes.
  writeFileSync(allocationPath, 'stratum,allocation\n' + allocation.strata.map((s) => `${csvField(s.stratum)},${s.allocation}`).join('\n') + '\n');
  const span = (from: number, to: number): Timing => ({ wall: marks[to].wall - marks[from].wall, cpu: marks[to].cpu - marks[from].cpu });
  const timings = { extract: span(0, 1), allocate: span(1, 2), draw: span(2, 3), rows: span(3, 4), total: span(0, 4) };
  return { timings, sampled: rows.length, allocation: sizesByStratum };
}

/** The product path as a user runs it: `npm run --silent cli -- draw` in a fresh process (npm, start-up, read, draw, write CSV). */
export function runCliDraw(): { wall: number; sampled: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-draw-'));
  try {
    const out = join(dir, 'sample.csv');
    const started = performance.now();
    const run = spawnSync(
      'npm',
      ['run', '--silent', 'cli', '--', 'draw', '--frame', framePath, '--id', 'household_id', '--stratum', 'district', '--allocation', allocationPath, '--seed', String(DRAW_SEED), '--out', out],
      { encoding: 'utf8', cwd: join(here, '..') },
    );
    const wall = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`cli draw failed: ${run.stderr}`);
    return { wall, sampled: readFileSync(out, 'utf8').trim().split('\n').length - 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The frame and the allocation file `cli draw` and R read (the allocation is written by a run of ours). */
export function ensureDrawInputs(): void {
  ensureFile(framePath, '--generate-frame');
  if (!existsSync(allocationPath)) runOurs();
}

export interface RFigures {
  read: Timing;
  draw: Timing;
  /** Rscript wall time including R's start-up and loading the sampling package. */
  processWall: number;
  sampled: number;
}

const R_SCRIPT = `
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(sampling))
read_time <- system.time({
  frame <- read.csv(args[1], stringsAsFactors = FALSE)
  alloc <- read.csv(args[2], stringsAsFactors = FALSE)
})
draw_time <- system.time({
  frame <- frame[order(frame$district), ]
  sizes <- alloc$allocation[match(unique(frame$district), alloc$stratum)]
  s <- strata(frame, stratanames = "district", size = sizes, method = "srswor")
  sample <- getdata(frame, s)
})
cpu <- function(t) t[["user.self"]] + t[["sys.self"]]
cat(sprintf("R_READ_WALL=%.6f\\nR_READ_CPU=%.6f\\nR_DRAW_WALL=%.6f\\nR_DRAW_CPU=%.6f\\nR_SAMPLED=%d\\n",
            read_time[["elapsed"]], cpu(read_time), draw_time[["elapsed"]], cpu(draw_time), nrow(sample)))
`;

/** R baseline, or null when Rscript or the sampling package is missing. */
export function runR(): RFigures | null {
  const probe = spawnSync('Rscript', ['-e', 'quit(status = if (requireNamespace("sampling", quietly = TRUE)) 0 else 3)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  const started = performance.now();
  const run = spawnSync('Rscript', ['-e', R_SCRIPT, framePath, allocationPath], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const processWall = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`R baseline failed: ${run.stderr}`);
  const value = (name: string) => Number(new RegExp(`${name}=([0-9.]+)`).exec(run.stdout)?.[1]);
  return {
    read: { wall: value('R_READ_WALL'), cpu: value('R_READ_CPU') },
    draw: { wall: value('R_DRAW_WALL'), cpu: value('R_DRAW_CPU') },
    processWall,
    sampled: value('R_SAMPLED'),
  };
}

const fmt = (seconds: number) => `${seconds.toFixed(3)} s`;

const both = (t: Timing) => `${fmt(t.wall)} wall / ${fmt(t.cpu)} CPU`;
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
const RUNS = 3;

/** Runs the benchmark, prints the figures and returns them (for a bench runner). */
/**
 * Other frame shapes through the same path, best of 2 runs (wall): the rows out of id order (second pass,
 * radix sort of the ids), and a systematic draw sorted by postcode and street.
 */
function runOtherShapes(allocation: Map<string, number>): { shuffled: number; systematic: number } {
  const time = (path: string, systematic: boolean) => {
    let best = Infinity;
    for (let k = 0; k < 2; k++) {
      const started = performance.now();
      const frame = readFrameCsvFile(path, { id: 'household_id', stratum: 'district', sortKeys: systematic ? ['postcode', 'street'] : [] });
      const rng = createRng(DRAW_SEED);
      const sample = systematic ? stratifiedSystematicOfUnits(frame, { allocation, rng }) : stratifiedSrsworOfUnits(frame, { allocation, rng });
      const rows = frame.rows(sample.map((u) => u.rowIndex));
      if (rows.length !== SAMPLE_SIZE) throw new Error(`expected ${SAMPLE_SIZE} rows, got ${rows.length}`);
      best = Math.min(best, (performance.now() - started) / 1000);
    }
    return best;
  };
  return { shuffled: time(shuffledFramePath, false), systematic: time(framePath, true) };
}

export function main(): { best: Record<Phase, Timing>; r: RFigures | null; met: boolean } {
  ensureFile(framePath, '--generate-frame');
  ensureFile(shuffledFramePath, '--generate-shuffled-frame');
  const runs: OurRun[] = [];
  for (let k = 0; k < RUNS; k++) runs.push(runOurs());
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const best = Object.fromEntries(
    PHASES.map((p) => [p, { wall: Math.min(...runs.map((r) => r.timings[p].wall)), cpu: Math.min(...runs.map((r) => r.timings[p].cpu)) }]),
  ) as Record<Phase, Timing>;
  const totals = runs.map((r) => r.timings.total.wall);
  console.log(`frame: ${HOUSEHOLDS.toLocaleString('en')} households, ${DISTRICTS} districts, ${SAMPLE_SIZE.toLocaleString('en')} drawn (${framePath})`);
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on a shared machine: CPU times are the steadier figure`);
  console.log(`ours (best of ${RUNS} in-process runs; first run is cold):`);
  for (const p of PHASES) {
    const label = { extract: 'read + extract', allocate: 'allocate', draw: 'draw (SRSWOR)', rows: 'read drawn rows', total: 'total' }[p];
    console.log(`  ${label.padEnd(16)} ${both(best[p])}`);
  }
  console.log(`  total per run (wall): ${totals.map((t) => fmt(t)).join(', ')}; peak RSS ${peakRssMb.toFixed(0)} MB`);
  const cli = runCliDraw();
  console.log(`  npm run cli -- draw as a fresh process (npm + start-up + read + draw + write CSV): ${fmt(cli.wall)} wall, ${cli.sampled.toLocaleString('en')} rows written`);
  const shapes = runOtherShapes(runs[0].allocation);
  console.log(`  other frame shapes (best of 2, wall, after the peak RSS above): rows out of id order ${fmt(shapes.shuffled)}; systematic by postcode, street ${fmt(shapes.systematic)}`);
  const timeMet = best.total.wall <= TARGET_SECONDS;
  const rssMet = peakRssMb <= TARGET_RSS_MB;
  console.log(`target ≤ ${TARGET_SECONDS} s (in-process total, wall): ${verdict(timeMet)}; target ≤ ${TARGET_RSS_MB} MB peak RSS: ${verdict(rssMet)}`);
  const r = runR();
  let speedMet = true;
  if (r) {
    const rTotal = { wall: r.read.wall + r.draw.wall, cpu: r.read.cpu + r.draw.cpu };
    console.log('R baseline (read.csv + sampling::strata srswor + getdata, timed inside R with system.time):');
    console.log(`  read.csv         ${both(r.read)}`);
    console.log(`  strata           ${both(r.draw)}`);
    console.log(`  total            ${both(rTotal)}; ${fmt(r.processWall)} wall incl. R start-up; ${r.sampled.toLocaleString('en')} sampled`);
    const wallRatio = rTotal.wall / best.total.wall;
    const cpuRatio = rTotal.cpu / best.total.cpu;
    speedMet = wallRatio >= TARGET_SPEEDUP;
    console.log(
      `ratio R / ours: ${wallRatio.toFixed(1)}× wall, ${cpuRatio.toFixed(1)}× CPU (in process); ` +
        `read ${(r.read.cpu / best.extract.cpu).toFixed(1)}× CPU, draw ${(r.draw.cpu / (best.allocate.cpu + best.draw.cpu + best.rows.cpu)).toFixed(1)}× CPU; ` +
        `${(r.processWall / cli.wall).toFixed(1)}× wall as processes incl. start-up`,
    );
    console.log(`target ≥ ${TARGET_SPEEDUP}× (in-process wall): ${verdict(speedMet)}`);
  } else {
    console.log('R baseline: skipped (Rscript with the sampling package not available)');
  }
  return { best, r, met: timeMet && rssMet && speedMet };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--generate-frame')) writeFrameFile(framePath);
  else if (process.argv.includes('--generate-shuffled-frame')) writeShuffledFrameFile();
  else main();
}
