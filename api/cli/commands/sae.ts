/**
 * `cli sae`: model-based small-area estimates (area-level Fay–Herriot, EBLUP) from direct estimates and area
 * covariates — what R users do with `sae::mseFH` (or `emdi::fh` with the arcsine for shares).
 * One row per area in and out; an area with empty estimate and variance has no respondents and gets the
 * synthetic estimate. Output columns exactly `area,direct,direct_se,fh,mse,gamma,synthetic,sampled`; the model
 * card (σ̂ᵤ², β̂, fit, warnings) goes to --model as JSON. Nothing is written when the input is unusable or the
 * fit does not converge.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { smallAreaEstimates, type SmallAreaInputRow, type SmallAreaResult } from '../../../analysis/index';
import { createRng } from '../../../sampling/index';
import { CliError, type CliCommand } from '../command';
import { numberOption, parseOptions, readCsvFile, requireColumns, required, writeCsvFile } from '../io';
import { asCliError } from './estimate';

const usage = `Usage: npm run --silent cli -- sae --direct DIRECT.csv --area area --estimate estimate --variance variance \\
    --covariates x1,x2,x3 --method reml|ml [--transform none|arcsine --effective-n COLUMN --bootstrap B --seed S] \\
    [--benchmark VALUE --shares COLUMN] --out OUT.csv [--model MODEL.json]

Area-level Fay–Herriot model (Rao & Molina 2015, ch. 6), EBLUP with MSE as R sae::mseFH.
  --direct      CSV with one row per area (',' or ';'; a decimal comma is read in ';' files)
  --area        area name column (unique)
  --estimate    direct estimate column; empty (with an empty variance) = no respondents in the area
  --variance    design variance of the direct estimate (> 0 without transformation)
  --covariates  comma-separated covariate columns, required for every area; an intercept is added
  --method      reml (default; MSE Prasad–Rao) | ml (MSE Datta–Lahiri)
  --transform   none (default) | arcsine: shares in [0, 1] modelled as asin(√p) with variance 1/(4ñ),
                bias-corrected back-transformation, parametric-bootstrap MSE
  --effective-n column with the effective sample size ñ (arcsine; default p(1 − p)/variance)
  --bootstrap   bootstrap replicates for the arcsine MSE (default 200)
  --seed        seed of the bootstrap (integer 0 … 4294967295, default 1)
  --benchmark   ratio-benchmark the estimates so that their population-weighted mean equals VALUE
  --shares      population share (or size) column for --benchmark
  --out         output CSV: area,direct,direct_se,fh,mse,gamma,synthetic,sampled
  --max-iterations  Fisher-scoring iterations before giving up (default 100)
  --model       model card JSON: sigma2u, beta, beta_se, iterations, converged, loglik, aic, bic, warnings, …
Exit code 2 on unusable input (the message names the area and column) or when σᵤ² does not converge.
`;

const options = {
  direct: { type: 'string' },
  area: { type: 'string' },
  estimate: { type: 'string' },
  variance: { type: 'string' },
  covariates: { type: 'string' },
  method: { type: 'string' },
  transform: { type: 'string' },
  'effective-n': { type: 'string' },
  bootstrap: { type: 'string' },
  seed: { type: 'string' },
  benchmark: { type: 'string' },
  shares: { type: 'string' },
  out: { type: 'string' },
  model: { type: 'string' },
  'max-iterations': { type: 'string' },
} as const;

/** A number cell: empty → null; a decimal comma accepted when the file uses ';'. */
function numberCell(raw: string | undefined, decimalComma: boolean, where: string): number | null {
  const text = (raw ?? '').trim();
  if (text === '' || text === 'NA') return null;
  const normalised = decimalComma && /^[-+]?\d*,\d+(e[-+]?\d+)?$/i.test(text) ? text.replace(',', '.') : text;
  const x = Number(normalised);
  if (!Number.isFinite(x)) throw new CliError(`${where}: '${text}' is not a number`);
  return x;
}

function modelJson(result: SmallAreaResult, seed: number | null): string {
  const m = result.model;
  return `${JSON.stringify(
    {
      sigma2u: m.sigma2u,
      beta: m.beta,
      beta_se: m.betaSe,
      iterations: m.iterations,
      converged: m.converged,
      loglik: m.loglik,
      aic: m.aic,
      bic: m.bic,
      warnings: m.warnings.map((w) => w.message),
      terms: m.terms,
      beta_z: m.betaZ,
      beta_p: m.betaP,
      method: m.method,
      transform: m.transform,
      areas: m.areas,
      sampled_areas: m.sampledAreas,
      bootstrap: m.bootstrapReplicates,
      seed,
      benchmark: m.benchmark,
      wald: m.wald,
      vif: m.varianceInflation,
      standardised_residuals: m.standardisedResiduals,
    },
    null,
    2,
  )}\n`;
}

const command: CliCommand = {
  summary: 'small-area estimates: Fay–Herriot EBLUP with MSE from direct estimates and area covariates',
  usage,
  async run(argv) {
    const o = parseOptions(argv, options, usage);
    const directPath = required(o.direct, 'direct');
    const out = required(o.out, 'out');
    const areaColumn = required(o.area, 'area');
    const estimateColumn = required(o.estimate, 'estimate');
    const varianceColumn = required(o.variance, 'variance');
    const covariateNames = required(o.covariates, 'covariates').split(',').map((c) => c.trim()).filter((c) => c !== '');
    if (covariateNames.length === 0) throw new CliError('--covariates names no column');
    if (new Set(covariateNames).size !== covariateNames.length) throw new CliError(`--covariates names a column twice: ${covariateNames.join(',')}`);
    const method = (o.method ?? 'reml').toLowerCase();
    if (method !== 'reml' && method !== 'ml') throw new CliError(`unknown --method '${o.method}' (use reml or ml)`);
    const transform = (o.transform ?? 'none').toLowerCase();
    if (transform !== 'none' && transform !== 'arcsine') throw new CliError(`unknown --transform '${o.transform}' (use none or arcsine)`);
    if (transform === 'none') {
      for (const name of ['effective-n', 'bootstrap', 'seed'] as const) if (o[name] !== undefined) throw new CliError(`--${name} needs --transform arcsine`);
    }
    const bootstrap = numberOption(o.bootstrap, 'bootstrap') ?? 200;
    if (!Number.isInteger(bootstrap) || bootstrap < 1) throw new CliError(`--bootstrap must be a whole number ≥ 1, got '${o.bootstrap}'`);
    const seed = numberOption(o.seed, 'seed') ?? 1;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new CliError(`--seed must be a whole number from 0 to 4294967295, got '${o.seed}'`);
    const benchmark = numberOption(o.benchmark, 'benchmark');
    if ((benchmark === undefined) !== (o.shares === undefined)) throw new CliError('--benchmark VALUE and --shares COLUMN go together');
    const effectiveNColumn = o['effective-n'];
    const maxIterations = numberOption(o['max-iterations'], 'max-iterations') ?? 100;
    if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new CliError(`--max-iterations must be a whole number ≥ 1, got '${o['max-iterations']}'`);

    const table = readCsvFile(directPath, 'direct estimates file');
    const file = `direct estimates file '${directPath}'`;
    requireColumns(table, [...new Set([areaColumn, estimateColumn, varianceColumn, ...covariateNames, ...(effectiveNColumn ? [effectiveNColumn] : []), ...(o.shares ? [o.shares] : [])])], file);
    if (table.rows.length === 0) throw new CliError(`${file} has no area`);
    const decimalComma = table.delimiter === ';';
    const seen = new Map<string, number>();
    const shares: number[] = [];
    const rows: SmallAreaInputRow[] = table.rows.map((row, i) => {
      const line = i + 2;
      const area = (row[areaColumn] ?? '').trim();
      if (area === '') throw new CliError(`${file} line ${line}: column '${areaColumn}' is empty`);
      if (seen.has(area)) throw new CliError(`${file} line ${line}: area '${area}' occurs twice (first on line ${seen.get(area)})`);
      seen.set(area, line);
      const where = (column: string) => `${file} line ${line}, area '${area}', column '${column}'`;
      const estimate = numberCell(row[estimateColumn], decimalComma, where(estimateColumn));
      const variance = numberCell(row[varianceColumn], decimalComma, where(varianceColumn));
      if ((estimate === null) !== (variance === null)) {
        const missing = estimate === null ? estimateColumn : varianceColumn;
        throw new CliError(`${where(missing)}: empty, but '${missing === estimateColumn ? varianceColumn : estimateColumn}' is given (leave both empty for an area without respondents)`);
      }
      if (variance !== null) {
        if (transform === 'none' ? !(variance > 0) : variance < 0) throw new CliError(`${where(varianceColumn)}: the variance must be ${transform === 'none' ? 'positive' : 'non-negative'}, got ${variance}`);
      }
      const covariates = covariateNames.map((c) => {
        const value = numberCell(row[c], decimalComma, where(c));
        if (value === null) throw new CliError(`${where(c)}: the covariate value is missing (covariates are needed for every area, with or without respondents)`);
        return value;
      });
      let effectiveN: number | null = null;
      if (effectiveNColumn && estimate !== null) {
        effectiveN = numberCell(row[effectiveNColumn], decimalComma, where(effectiveNColumn));
        if (effectiveN === null || !(effectiveN > 0)) throw new CliError(`${where(effectiveNColumn)}: the effective sample size must be positive, got '${row[effectiveNColumn] ?? ''}'`);
      }
      if (o.shares) {
        const share = numberCell(row[o.shares], decimalComma, where(o.shares));
        if (share === null || !(share >= 0)) throw new CliError(`${where(o.shares)}: the population share must be a number ≥ 0, got '${row[o.shares] ?? ''}'`);
        shares.push(share);
      }
      return { area, estimate, variance, effectiveN, covariates };
    });

    const rng = createRng(seed);
    const result = asCliError(() =>
      smallAreaEstimates(rows, {
        covariateNames,
        method,
        transform,
        bootstrap,
        random: () => rng.uniform(),
        benchmark: benchmark === undefined ? null : { value: benchmark, shares },
        maxIterations,
        columns: { estimate: estimateColumn, variance: varianceColumn, effectiveN: effectiveNColumn ?? 'effective_n' },
      }),
    );
    if (!result.model.converged) {
      throw new CliError(`σᵤ² did not converge within ${result.model.iterations} Fisher-scoring iterations (last value ${result.model.sigma2u}); nothing written`);
    }
    for (const w of result.model.warnings) process.stderr.write(`warning: ${w.message}\n`);
    writeCsvFile(
      out,
      ['area', 'direct', 'direct_se', 'fh', 'mse', 'gamma', 'synthetic', 'sampled'],
      result.estimates.map((e) => [e.area, e.direct ?? '', e.directSe ?? '', e.estimate, e.mse, e.gamma, e.synthetic, e.sampled ? 1 : 0]),
    );
    if (o.model) {
      const tmp = `${o.model}.tmp-${process.pid}`;
      try {
        writeFileSync(tmp, modelJson(result, transform === 'arcsine' ? seed : null));
        renameSync(tmp, o.model);
      } catch (err) {
        rmSync(tmp, { force: true });
        rmSync(out, { force: true });
        throw new CliError(`cannot write '${o.model}': ${(err as Error).message}`);
      }
    }
  },
};

export default command;
