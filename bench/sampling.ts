/**
 * Sampling benchmark: a seeded 1,000,000-household frame over 100 districts (written once to
 * fixtures/generated/, git-ignored), then parse (csv-parse) + allocate + stratified SRSWOR of 30,000
 * households, timed, with peak RSS. When Rscript with the `sampling` package is available, the same
 * draw runs in R (read.csv + sampling::strata(method = "srswor")) for the baseline.
 * Targets: ≤ 2 s for our side, ≥ 20× faster than R's read + draw, ≤ 1 GB peak RSS.
 *
 * Run: npx tsx bench/sampling.ts   (or through bench/run.ts). The frame is generated in a child process
 * so that its memory does not count towards the measured peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { FRAME_COLUMNS, generateFrame } from '../fixtures/syntheticFrame';
import { allocate, createRng, stratifiedSrswor } from '../sampling/index';

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
const framePath = join(generatedDir, `frame-${HOUSEHOLDS}-${DISTRICTS}-seed${FRAME_SEED}.csv`);
const allocationPath = join(generatedDir, `allocation-${HOUSEHOLDS}-${DISTRICTS}-n${SAMPLE_SIZE}.csv`);

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

function ensureFrameFile(): void {
  if (existsSync(framePath)) return;
  console.log(`generating ${framePath} …`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--generate-frame'], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`frame generation failed with exit code ${child.status}`);
}

interface OurFigures {
  readSeconds: number;
  parseSeconds: number;
  allocateSeconds: number;
  drawSeconds: number;
  totalSeconds: number;
  /** User + system CPU time of read … draw (less sensitive to other load on the machine than wall time). */
  cpuSeconds: number;
  peakRssMb: number;
  sampled: number;
}

const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** Our side: read + csv-parse + allocate (proportional, n = 30,000) + stratified SRSWOR. */
function runOurs(): OurFigures {
  const c0 = cpuSeconds();
  const t0 = performance.now();
  const text = readFileSync(framePath, 'utf8');
  const t1 = performance.now();
  // Rows as arrays (no per-row objects); a CSV row array is a frame record keyed by column position.
  const rows = parse(text, { bom: true, from_line: 2 }) as string[][];
  const t2 = performance.now();
  const idColumn = String(FRAME_COLUMNS.indexOf('household_id'));
  const stratumColumn = String(FRAME_COLUMNS.indexOf('district'));
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const district = row[Number(stratumColumn)];
    sizes.set(district, (sizes.get(district) ?? 0) + 1);
  }
  const allocation = allocate({ strata: [...sizes].map(([stratum, N]) => ({ stratum, N })), n: SAMPLE_SIZE, method: 'proportional' });
  const t3 = performance.now();
  const sample = stratifiedSrswor(rows, {
    id: idColumn,
    stratum: stratumColumn,
    allocation: new Map(allocation.strata.map((s) => [s.stratum, s.allocation])),
    rng: createRng(DRAW_SEED),
  });
  const t4 = performance.now();
  const c4 = cpuSeconds();
  // The allocation is shared with R so both sides draw the same sizes.
  writeFileSync(allocationPath, 'stratum,allocation\n' + allocation.strata.map((s) => `${csvField(s.stratum)},${s.allocation}`).join('\n') + '\n');
  return {
    readSeconds: (t1 - t0) / 1000,
    parseSeconds: (t2 - t1) / 1000,
    allocateSeconds: (t3 - t2) / 1000,
    drawSeconds: (t4 - t3) / 1000,
    totalSeconds: (t4 - t0) / 1000,
    cpuSeconds: c4 - c0,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    sampled: sample.length,
  };
}

interface RFigures {
  readDrawSeconds: number;
  readDrawCpuSeconds: number;
  totalSeconds: number;
  sampled: number;
}

const R_SCRIPT = `
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(sampling))
timing <- system.time({
  frame <- read.csv(args[1], stringsAsFactors = FALSE)
  alloc <- read.csv(args[2], stringsAsFactors = FALSE)
  frame <- frame[order(frame$district), ]
  sizes <- alloc$allocation[match(unique(frame$district), alloc$stratum)]
  s <- strata(frame, stratanames = "district", size = sizes, method = "srswor")
})
cat(sprintf("R_READ_DRAW_SECONDS=%.6f\\nR_READ_DRAW_CPU_SECONDS=%.6f\\nR_SAMPLED=%d\\n",
            timing[["elapsed"]], timing[["user.self"]] + timing[["sys.self"]], nrow(s)))
`;

/** R baseline, or null when Rscript or the sampling package is missing. */
function runR(): RFigures | null {
  const probe = spawnSync('Rscript', ['-e', 'quit(status = if (requireNamespace("sampling", quietly = TRUE)) 0 else 3)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  const started = performance.now();
  const run = spawnSync('Rscript', ['-e', R_SCRIPT, framePath, allocationPath], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const totalSeconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`R baseline failed: ${run.stderr}`);
  const value = (name: string) => Number(new RegExp(`${name}=([0-9.]+)`).exec(run.stdout)?.[1]);
  return { readDrawSeconds: value('R_READ_DRAW_SECONDS'), readDrawCpuSeconds: value('R_READ_DRAW_CPU_SECONDS'), totalSeconds, sampled: value('R_SAMPLED') };
}

const fmt = (seconds: number) => `${seconds.toFixed(3)} s`;

/** Runs the benchmark, prints the figures and returns them (for a bench runner). */
export function main(): { ours: OurFigures; r: RFigures | null; met: boolean } {
  ensureFrameFile();
  const ours = runOurs();
  console.log(`frame: ${HOUSEHOLDS.toLocaleString('en')} households, ${DISTRICTS} districts (${framePath})`);
  console.log(`read ${fmt(ours.readSeconds)}, parse (csv-parse) ${fmt(ours.parseSeconds)}, allocate ${fmt(ours.allocateSeconds)}, draw ${fmt(ours.drawSeconds)}`);
  console.log(
    `ours: ${fmt(ours.totalSeconds)} wall (${fmt(ours.cpuSeconds)} CPU) for ${ours.sampled.toLocaleString('en')} sampled households; ` +
      `peak RSS ${ours.peakRssMb.toFixed(0)} MB; load average ${loadavg()[0].toFixed(1)}`,
  );
  const timeMet = ours.totalSeconds <= TARGET_SECONDS;
  const rssMet = ours.peakRssMb <= TARGET_RSS_MB;
  console.log(`target ≤ ${TARGET_SECONDS} s: ${timeMet ? 'met' : 'NOT met'}; target ≤ ${TARGET_RSS_MB} MB RSS: ${rssMet ? 'met' : 'NOT met'}`);
  const r = runR();
  let speedMet = true;
  if (r) {
    const ratio = r.readDrawSeconds / ours.totalSeconds;
    const cpuRatio = r.readDrawCpuSeconds / ours.cpuSeconds;
    speedMet = ratio >= TARGET_SPEEDUP;
    console.log(
      `R baseline: ${fmt(r.readDrawSeconds)} wall (${fmt(r.readDrawCpuSeconds)} CPU) read + draw inside R (system.time), ` +
        `${fmt(r.totalSeconds)} total incl. R start-up; ${r.sampled.toLocaleString('en')} sampled; ` +
        `ratio: ${ratio.toFixed(1)}× wall, ${cpuRatio.toFixed(1)}× CPU (R time / our time; target ≥ ${TARGET_SPEEDUP}×: ${speedMet ? 'met' : 'NOT met'})`,
    );
  } else {
    console.log('R baseline: skipped (Rscript with the sampling package not available)');
  }
  return { ours, r, met: timeMet && rssMet && speedMet };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--generate-frame')) writeFrameFile(framePath);
  else main();
}
