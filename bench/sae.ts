/**
 * Benchmark of the small-area estimation: 20 indicators, each modelled at 40 sub-districts and at 12 districts
 * (area-level Fay–Herriot, REML on the arcsine scale, bias-corrected back-transformation, parametric-bootstrap
 * MSE with B = 500) on seeded synthetic direct estimates. Target: ≤ 2 s on 2 cores for all 40 models.
 * Baseline: the same job in base R with the formulas of fixtures/r/sae/fayHerriot.R (Fisher scoring on full
 * matrices, integrate() for the back-transformation), run on 2 of the 20 indicators and scaled ×10; skipped
 * without Rscript.
 * Also times `cli sae` on one 40-area model as a fresh process (npm start-up included).
 * Run: npm run bench -- sae   (options: --no-r, --bootstrap B)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smallAreaEstimates, standardNormal, type SmallAreaInputRow } from '../analysis/index';
import { createRng } from '../sampling/index';

const args = process.argv.slice(2);
const B = Number(args[args.indexOf('--bootstrap') + 1]) || 500;
const withR = !args.includes('--no-r');
const INDICATORS = 20;

/** Seeded areas: two covariates, shares from a logistic model with area effects, effective n 5–60. */
function syntheticLevel(areas: number, indicator: number, seed: number): SmallAreaInputRow[] {
  const rng = createRng(seed);
  const u = () => rng.uniform();
  return Array.from({ length: areas }, (_, i) => {
    const x1 = u();
    const x2 = u();
    const n = 5 + Math.floor(u() * 56);
    const eta = -1.2 + 0.3 * (indicator % 5) + 1.5 * x1 - 0.8 * x2 + 0.3 * standardNormal(u);
    const p = 1 / (1 + Math.exp(-eta));
    let successes = 0;
    for (let k = 0; k < n; k++) if (u() < p) successes++;
    const share = Math.min(Math.max(successes / n, 0.5 / n), 1 - 0.5 / n);
    const sampled = i % 13 !== 5; // a few areas without respondents
    return { area: `A${i + 1}`, estimate: sampled ? share : null, variance: sampled ? (share * (1 - share)) / n : null, effectiveN: sampled ? n : null, covariates: [x1, x2] };
  });
}

const jobs = Array.from({ length: INDICATORS }, (_, k) => [syntheticLevel(40, k, 1000 + k), syntheticLevel(12, k, 2000 + k)]).flat();

function runAll(): number {
  let checksum = 0;
  for (const [j, rows] of jobs.entries()) {
    const rng = createRng(j + 1);
    const result = smallAreaEstimates(rows, { covariateNames: ['x1', 'x2'], transform: 'arcsine', bootstrap: B, random: () => rng.uniform() });
    for (const e of result.estimates) checksum += e.estimate + e.mse;
  }
  return checksum;
}

runAll(); // warm-up (JIT)
const times: number[] = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  runAll();
  times.push((performance.now() - t0) / 1000);
}
const best = Math.min(...times);
console.log(`SAE: ${INDICATORS} indicators × (40 sub-districts + 12 districts), arcsine, bootstrap B = ${B}: ${jobs.length} models`);
console.log(`  ours (in-process, best of 3): ${best.toFixed(3)} s   [runs ${times.map((t) => t.toFixed(3)).join(', ')}]   target ≤ 2 s: ${best <= 2 ? 'met' : 'NOT met'}`);
console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

// As a user meets it: one 40-area model through `npm run --silent cli -- sae` in a fresh process (start-up included).
{
  const dir = mkdtempSync(join(tmpdir(), 'bench-sae-cli-'));
  const rows = jobs[0];
  writeFileSync(join(dir, 'direct.csv'), ['area,share,variance,effective_n,x1,x2', ...rows.map((r) => [r.area, r.estimate ?? '', r.variance ?? '', r.effectiveN ?? '', ...r.covariates].join(','))].join('\n'));
  const cliTimes: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const run = spawnSync('npm', ['run', '--silent', 'cli', '--', 'sae', '--direct', join(dir, 'direct.csv'), '--area', 'area', '--estimate', 'share', '--variance', 'variance',
      '--covariates', 'x1,x2', '--method', 'reml', '--transform', 'arcsine', '--effective-n', 'effective_n', '--bootstrap', String(B), '--seed', '1', '--out', join(dir, 'out.csv')], { encoding: 'utf8' });
    cliTimes.push((performance.now() - t0) / 1000);
    if (run.status !== 0) console.log(`  cli sae failed: ${run.stderr.trim()}`);
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`  cli sae, one 40-area model, B = ${B}, fresh process via npm run (best of 3): ${Math.min(...cliTimes).toFixed(2)} s`);
}

if (withR && spawnSync('Rscript', ['--version']).status === 0) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sae-'));
  const csv = (rows: SmallAreaInputRow[]) => ['area,share,n,x1,x2', ...rows.map((r) => [r.area, r.estimate ?? 'NA', r.effectiveN ?? 'NA', ...r.covariates].join(','))].join('\n');
  const rJobs = [0, 1, 2, 3]; // 2 indicators × 2 levels
  rJobs.forEach((j) => writeFileSync(join(dir, `job${j}.csv`), csv(jobs[j])));
  const script = `
fh <- function(y, psi, X, tol = 1e-10, maxit = 100) {
  s2 <- median(psi); k <- 0
  repeat {
    Vi <- 1 / (s2 + psi); XtVi <- t(Vi * X); Q <- solve(XtVi %*% X)
    P <- diag(Vi) - t(XtVi) %*% Q %*% XtVi; Py <- P %*% y
    s <- -0.5 * sum(diag(P)) + 0.5 * sum(Py^2); F <- 0.5 * sum(diag(P %*% P))
    s2new <- s2 + s / F; k <- k + 1
    done <- abs((s2new - s2) / s2) <= tol || k >= maxit; s2 <- s2new
    if (done) break
  }
  s2 <- max(s2, 0); Vi <- 1 / (s2 + psi); Q <- solve(t(Vi * X) %*% X)
  beta <- Q %*% t(Vi * X) %*% y; xb <- drop(X %*% beta); g <- s2 / (s2 + psi)
  list(s2 = s2, beta = drop(beta), eblup = xb + g * (y - xb), g1 = g * psi)
}
back <- function(mu, v) {
  if (v <= 0) return(sin(min(max(mu, 0), pi / 2))^2)
  s <- sqrt(v)
  integrate(function(t) sin(t)^2 * dnorm(t, mu, s), 0, pi / 2, rel.tol = 1e-10)$value + pnorm(pi / 2, mu, s, lower.tail = FALSE)
}
estimate <- function(y, psi, X, XA, sampled) {
  f <- fh(y, psi, X); out <- numeric(nrow(XA)); k <- 0
  for (i in seq_len(nrow(XA))) {
    if (sampled[i]) { k <- k + 1; out[i] <- back(f$eblup[k], f$g1[k]) } else out[i] <- back(sum(XA[i, ] * f$beta), f$s2)
  }
  list(est = out, fit = f)
}
set.seed(1)
t0 <- proc.time()[["elapsed"]]
for (file in commandArgs(TRUE)) {
  d <- read.csv(file); sampled <- !is.na(d$share); XA <- cbind(1, d$x1, d$x2); X <- XA[sampled, , drop = FALSE]
  y <- asin(sqrt(d$share[sampled])); psi <- 1 / (4 * d$n[sampled])
  e <- estimate(y, psi, X, XA, sampled); mse <- numeric(nrow(XA)); xb <- drop(XA %*% e$fit$beta)
  for (b in 1:${B}) {
    th <- xb + rnorm(nrow(XA), 0, sqrt(e$fit$s2)); truth <- sin(pmin(pmax(th, 0), pi / 2))^2
    ys <- th[sampled] + rnorm(sum(sampled), 0, sqrt(psi))
    mse <- mse + (estimate(ys, psi, X, XA, sampled)$est - truth)^2
  }
}
cat(proc.time()[["elapsed"]] - t0, "\\n")
`;
  writeFileSync(join(dir, 'bench.R'), script);
  const result = spawnSync('Rscript', [join(dir, 'bench.R'), ...rJobs.map((j) => join(dir, `job${j}.csv`))], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (result.status === 0) {
    const rSeconds = Number(result.stdout.trim()) * (jobs.length / rJobs.length);
    console.log(`  base R, same formulas (${rJobs.length} of ${jobs.length} models timed, scaled): ${rSeconds.toFixed(1)} s   ratio R/ours: ${(rSeconds / best).toFixed(0)}×`);
  } else {
    console.log(`  base R baseline failed: ${result.stderr.trim().split('\n').slice(-2).join(' ')}`);
  }
} else {
  console.log('  base R baseline skipped (Rscript not found or --no-r)');
}
