/**
 * Benchmark of the analysis library against R's survey package on the same file:
 * 100,000 respondents in 100 districts (seeded synthetic data in fixtures/generated/, git-ignored),
 * raking on two margins (district, household type), then 8 indicators overall and by district with
 * calibration-aware linearisation SEs. Prints time and peak RSS; when `Rscript` with survey is available,
 * runs the same job in R (timed inside R, after reading the file, like ours), and compares the numbers.
 * Targets: ≤ 1 s and ≥ 20× faster than R.
 * Run: npx tsx bench/analysis.ts  (or npm run bench -- analysis). Options: --no-r, --respondents N, --r-timeout MINUTES.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { calibrate, domainIndex, domainStatistics, populationMargins, svyDesign } from '../analysis/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'fixtures', 'generated');
export const INDICATORS = ['needs_childcare', 'needs_counselling', 'needs_housing', 'single_earner', 'uses_family_centre', 'satisfaction', 'commute_minutes', 'children'];
const TYPES = ['couple', 'single_parent', 'patchwork', 'other'];
const TYPE_SHARE = [0.55, 0.25, 0.12, 0.08];

/** Seeded synthetic respondents and margins (seed 20260127), written to fixtures/generated/ (shared with bench/cli.ts). */
export function generate(respondents: number, districts: number): { dataPath: string; marginsPath: string } {
  const rng = xoroshiro128plus(20260127);
  const uniform = () => (rng.next() >>> 0) / 4294967296;
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const perDistrict = Math.floor(respondents / districts);
  const lines = [['household_id', 'district', 'household_type', 'design_weight', 'N_h', ...INDICATORS].join(',')];
  const districtTotals: [string, number][] = [];
  let id = 0;
  let populationSize = 0;
  for (let h = 0; h < districts; h++) {
    const name = `D${String(h + 1).padStart(3, '0')}`;
    const n = h < respondents % districts ? perDistrict + 1 : perDistrict;
    const N = n * (3 + Math.floor(uniform() * 9));
    districtTotals.push([name, N]);
    populationSize += N;
    const w = N / n;
    const tilt = uniform() * 0.3;
    for (let i = 0; i < n; i++) {
      const u = uniform();
      const t = u < TYPE_SHARE[0] + tilt * 0.1 ? 0 : u < 0.8 ? 1 : u < 0.93 ? 2 : 3;
      const na = () => uniform() < 0.03;
      const bin = (p: number) => (na() ? 'NA' : uniform() < p ? '1' : '0');
      const values = [
        bin(t === 1 ? 0.6 : 0.35 + tilt),
        bin(t === 2 ? 0.3 : 0.15),
        bin(0.2 + tilt / 2),
        bin(t === 1 ? 0.9 : 0.3),
        bin(0.25),
        na() ? 'NA' : String(Math.min(5, Math.max(1, Math.round(3.4 - 0.4 * (t === 1 ? 1 : 0) + normal())))),
        na() ? '' : (Math.round(-Math.log(1 - uniform()) * 200 * (1 + tilt)) / 10).toString(),
        na() ? 'NA' : String(1 + Math.floor(uniform() * 3 + (t === 0 ? 0.5 : 0))),
      ];
      lines.push([`B${String(++id).padStart(6, '0')}`, name, TYPES[t], String(w), String(N), ...values].join(','));
    }
  }
  // Household-type population totals: shares of the population size, integers by largest remainder.
  const exact = TYPE_SHARE.map((s) => s * populationSize);
  const counts = exact.map(Math.floor);
  let left = populationSize - counts.reduce((a, b) => a + b, 0);
  exact.map((x, j) => [x - Math.floor(x), j]).sort((a, b) => b[0] - a[0]).forEach(([, j]) => { if (left-- > 0) counts[j]++; });
  const margins = ['variable,category,total', ...districtTotals.map(([d, N]) => `district,${d},${N}`), ...TYPES.map((t, j) => `household_type,${t},${counts[j]}`)];
  mkdirSync(outDir, { recursive: true });
  const dataPath = join(outDir, 'bench_respondents.csv');
  const marginsPath = join(outDir, 'bench_margins.csv');
  writeFileSync(dataPath, lines.join('\n') + '\n');
  writeFileSync(marginsPath, margins.join('\n') + '\n');
  return { dataPath, marginsPath };
}

let R_TIMEOUT_MINUTES = 30;

export interface Result { scope: string; domain: string; variable: string; estimate: number; se: number }

const R_SCRIPT = `suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, na.strings = c("", "NA"))
m <- read.csv(args[2], stringsAsFactors = FALSE)
vars <- strsplit(args[3], ",")[[1]]
d$district <- factor(d$district, levels = sort(unique(d$district), method = "radix"))
d$household_type <- factor(d$household_type, levels = sort(unique(d$household_type), method = "radix"))
pop <- c(\`(Intercept)\` = sum(m$total[m$variable == "district"]))
for (v in c("district", "household_type")) for (l in levels(d[[v]])[-1]) pop[paste0(v, l)] <- m$total[m$variable == v & m$category == l]
t0 <- proc.time()
des <- svydesign(ids = ~1, strata = ~district, weights = ~design_weight, fpc = ~N_h, data = d)
cal <- calibrate(des, ~district + household_type, population = pop, calfun = "raking", epsilon = 1e-12, maxit = 100)
out <- list()
for (v in vars) {
  f <- as.formula(paste0("~", v))
  s <- svymean(f, cal, na.rm = TRUE)
  out[[length(out) + 1]] <- data.frame(scope = "overall", domain = "", variable = v, estimate = coef(s)[[1]], se = SE(s)[[1]])
  b <- svyby(f, ~district, cal, svymean, na.rm = TRUE)
  out[[length(out) + 1]] <- data.frame(scope = "district", domain = as.character(b$district), variable = v, estimate = unname(coef(b)), se = unname(SE(b)))
}
t1 <- proc.time()
res <- do.call(rbind, out)
res$estimate <- sprintf("%.17g", res$estimate); res$se <- sprintf("%.17g", res$se)
write.csv(res, args[4], row.names = FALSE)
dt <- t1 - t0
cat(sprintf("%.6f %.6f\\n", dt[["elapsed"]], dt[["user.self"]] + dt[["sys.self"]]))
`;

/**
 * The job in R, or why not (a sentence). seconds/cpuSeconds: the job timed inside R; processSeconds:
 * the whole Rscript process (start-up, loading survey, reading the CSV, the job, writing the results).
 */
export function runR(
  dataPath: string,
  marginsPath: string,
  timeoutMinutes = R_TIMEOUT_MINUTES,
): { seconds: number; cpuSeconds: number; processSeconds: number; results: Result[] } | string {
  const probe = spawnSync('Rscript', ['-e', 'suppressMessages(library(survey)); cat("ok")'], { encoding: 'utf8' });
  if (probe.status !== 0 || !probe.stdout.includes('ok')) return 'Rscript with the survey package is not available';
  const scriptPath = join(outDir, 'bench_analysis.R');
  const resultPath = join(outDir, 'bench_r_results.csv');
  writeFileSync(scriptPath, R_SCRIPT);
  const started = performance.now();
  const run = spawnSync('Rscript', [scriptPath, dataPath, marginsPath, INDICATORS.join(','), resultPath], { encoding: 'utf8', timeout: timeoutMinutes * 60 * 1000 });
  const processSeconds = (performance.now() - started) / 1000;
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    return `R did not finish within ${timeoutMinutes} min wall time (so at least ${timeoutMinutes * 60} s; raise it with --r-timeout MINUTES)`;
  }
  if (run.status !== 0) return `R failed: ${run.stderr || run.error?.message}`;
  const rows = parse(readFileSync(resultPath, 'utf8'), { columns: true }) as Record<string, string>[];
  const [elapsed, cpu] = (run.stdout.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return {
    seconds: elapsed,
    cpuSeconds: cpu,
    processSeconds,
    results: rows.map((r) => ({ scope: r.scope, domain: r.domain, variable: r.variable, estimate: Number(r.estimate), se: Number(r.se) })),
  };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const countArg = argv.indexOf('--respondents');
  const respondents = countArg >= 0 ? Number(argv[countArg + 1]) : 100_000;
  const timeoutArg = argv.indexOf('--r-timeout');
  if (timeoutArg >= 0) R_TIMEOUT_MINUTES = Number(argv[timeoutArg + 1]);
  const { dataPath, marginsPath } = generate(respondents, 100);
  console.log(`data: ${respondents} respondents, 100 districts → ${dataPath}`);

  const parseStart = performance.now();
  const rows = parse(readFileSync(dataPath, 'utf8'), { columns: true }) as Record<string, string>[];
  const margins = populationMargins(parse(readFileSync(marginsPath, 'utf8'), { columns: true }) as Record<string, string>[]);
  // Column form: numeric columns as Float64Array (NaN = missing), as a caller with large files would pass them.
  const columns: Record<string, ArrayLike<unknown>> = {
    household_id: rows.map((r) => r.household_id),
    district: rows.map((r) => r.district),
    household_type: rows.map((r) => r.household_type),
  };
  for (const c of ['design_weight', 'N_h', ...INDICATORS]) {
    columns[c] = Float64Array.from(rows, (r) => (r[c] === '' || r[c] === 'NA' ? NaN : Number(r[c])));
  }
  const parseMs = performance.now() - parseStart;

  // The job, run 3 times on the same in-memory data: the first run includes JIT warm-up.
  const job = () => {
    const design = svyDesign({ data: columns, strata: 'district', weights: 'design_weight', fpc: 'N_h' });
    const raked = calibrate(design, { margins, calfun: 'raking' });
    const domains = domainIndex(raked, 'district');
    const results: Result[] = [];
    for (const v of INDICATORS) {
      const overall = domainStatistics(raked, v, 'mean', null, 1);
      results.push({ scope: 'overall', domain: '', variable: v, estimate: overall.estimate[0], se: Math.sqrt(overall.variance[0]) });
      const by = domainStatistics(raked, v, 'mean', domains.domainOf, domains.labels.length);
      domains.labels.forEach((label, d) => results.push({ scope: 'district', domain: label, variable: v, estimate: by.estimate[d], se: Math.sqrt(by.variance[d]) }));
    }
    return { results, iterations: raked.calibrations[0].iterations, domainCount: domains.labels.length };
  };
  // Wall time, and CPU time of this process (a fairer figure when the machine is shared).
  const timed = () => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const result = job();
    const used = process.cpuUsage(cpu);
    return { result, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  };
  const cold = timed();
  const warm = [timed(), timed()];
  const { results } = cold.result;
  const outcome = cold.result;
  const seconds = cold.seconds;
  const best = Math.min(...warm.map((w) => w.seconds));
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`TypeScript: ${seconds.toFixed(3)} s (first run, incl. JIT warm-up; warm runs: best ${best.toFixed(3)} s) for design + raking (${outcome.iterations} Newton steps) + ${INDICATORS.length} indicators × (overall + ${outcome.domainCount} districts) with SEs`);
  console.log(`            CPU time: first run ${cold.cpuSeconds.toFixed(3)} s, warm best ${Math.min(...warm.map((w) => w.cpuSeconds)).toFixed(3)} s`);
  console.log(`            (reading + parsing the CSV, not timed in either language: ${(parseMs / 1000).toFixed(3)} s); peak RSS ${peakRssMb.toFixed(0)} MB`);
  console.log(`target ≤ 1 s (first run): ${seconds <= 1 ? 'met' : 'NOT met'} by wall time, ${cold.cpuSeconds <= 1 ? 'met' : 'NOT met'} by CPU time`);

  if (argv.includes('--no-r')) return;
  const r = runR(dataPath, marginsPath);
  if (typeof r === 'string') {
    console.log(`R comparison skipped: ${r}`);
    return;
  }
  const key = (x: Result) => `${x.scope}|${x.domain}|${x.variable}`;
  const ours = new Map(results.map((x) => [key(x), x]));
  let maxEstimate = 0;
  let maxSe = 0;
  let missing = 0;
  for (const x of r.results) {
    const y = ours.get(key(x));
    if (!y) {
      missing++;
      continue;
    }
    maxEstimate = Math.max(maxEstimate, Math.abs(y.estimate - x.estimate) / Math.abs(x.estimate));
    maxSe = Math.max(maxSe, Math.abs(y.se - x.se) / Math.abs(x.se));
  }
  const ratio = r.seconds / seconds;
  const cpuRatio = r.cpuSeconds / cold.cpuSeconds;
  console.log(`R survey:   ${r.seconds.toFixed(3)} s wall, ${r.cpuSeconds.toFixed(3)} s CPU for the same job (timed inside R with proc.time)`);
  console.log(`ratio:      ${ratio.toFixed(1)}× faster than R by wall time, ${cpuRatio.toFixed(1)}× by CPU time (our first run) — target ≥ 20×: ${ratio >= 20 ? 'met' : 'NOT met'} (wall), ${cpuRatio >= 20 ? 'met' : 'NOT met'} (CPU)`);
  console.log(`numbers:    ${r.results.length} estimates compared${missing ? `, ${missing} missing on our side` : ''}; max relative difference estimate ${maxEstimate.toExponential(2)}, SE ${maxSe.toExponential(2)} → ${maxEstimate <= 1e-9 && maxSe <= 1e-8 && missing === 0 ? 'identical within 1e-9 / 1e-8' : 'NOT identical'}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
