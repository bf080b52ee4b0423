/**
 * `cli estimate`: weighted means with linearisation SEs for a stratified survey, optionally after nonresponse
 * adjustment (weighting classes) and calibration to population margins — the pipeline R users know as
 * svydesign → (weighting-class adjustment) → calibrate → svymean / svyby.
 * Output columns exactly `scope,domain,variable,estimate,se,ci_low,ci_high,n`.
 * Also exports the shared weighting pipeline used by `cli weights`.
 */
import {
  AnalysisError,
  calibrate,
  domainIndex,
  domainStatistics,
  nonresponseAdjustment,
  normalInterval,
  populationMargins,
  svyDesign,
  type LonelyStratumRule,
  type PopulationMargin,
  type SurveyDesign,
} from '../../../analysis/index';
import { CliError, type CliCommand } from '../command';
import { numberOption, parseOptions, readCsvColumns, readCsvFile, requireColumns, required, writeCsvFile, type CsvColumnTable } from '../io';

export const weightingOptions = {
  data: { type: 'string' },
  id: { type: 'string' },
  strata: { type: 'string' },
  weight: { type: 'string' },
  fpc: { type: 'string' },
  margins: { type: 'string' },
  calfun: { type: 'string' },
  sample: { type: 'string' },
  responded: { type: 'string' },
  'nr-cells': { type: 'string' },
  'min-respondents': { type: 'string' },
  'max-factor': { type: 'string' },
  lonely: { type: 'string' },
  out: { type: 'string' },
} as const;

export const weightingUsage = `  --data       respondents CSV (one row per responding household)
  --id         id column (unique), e.g. household_id
  --strata     stratum column, e.g. district (omit for an unstratified sample)
  --weight     design weight column (N_h/n_h)
  --fpc        column with the population size N_h of the unit's stratum (finite population correction)
  --margins    population margins CSV with columns variable,category,total (variable = a data column)
  --calfun     raking | linear (with --margins; default linear, as R's calibrate)
  --sample     the full drawn sample CSV (id, weight and nr-cell columns + response flag): adds a nonresponse adjustment
  --responded  0/1 response column of --sample (default responded)
  --nr-cells   comma-separated cell columns of --sample, first = collapsing group (default: the --strata column)
  --min-respondents  collapse nonresponse cells with fewer respondents (default 20)
  --max-factor       collapse nonresponse cells with a larger factor (default 3)
  --lonely     fail | adjust | certainty: a stratum with one unit (default fail, as R)
Missing answers: empty cell or NA. Order: nonresponse adjustment, then calibration.
`;

const usage = `Usage: npm run --silent cli -- estimate --data RESPONDENTS.csv --id household_id --strata district --weight design_weight --fpc N_h --vars v1,v2 [--by district] [--margins MARGINS.csv --calfun raking|linear] [--sample SAMPLE.csv --responded responded --nr-cells district,household_type] --out ESTIMATES.csv

Weighted means (R svymean, na.rm = TRUE) with Taylor-linearisation SEs (calibration-aware after calibration)
and normal 95% intervals (R confint), overall and per domain of --by (R svyby).
${weightingUsage}  --vars       comma-separated numeric variables (0/1 indicators give proportions)
  --by         domain column: adds one row per (domain, variable) after the overall rows
  --out        output CSV: scope,domain,variable,estimate,se,ci_low,ci_high,n
`;

type WeightingValues = { [K in keyof typeof weightingOptions]?: string };

export interface WeightedSurvey {
  design: SurveyDesign;
  data: CsvColumnTable;
  idColumn: string;
}

function listOption(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Maps library errors (bad data, impossible margins, non-convergence) to user errors with exit code 2. */
export function asCliError<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof AnalysisError || err instanceof RangeError) throw new CliError(err.message);
    throw err;
  }
}

/** The numbers of a text column (NaN for a missing answer, empty or NA); throws naming the first bad field. */
function numericValues(fields: readonly string[], path: string, column: string, kind: 'variable' | 'weight'): Float64Array {
  const out = new Float64Array(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const raw = fields[i];
    if (raw === '' || raw === 'NA') {
      if (kind === 'weight') throw new CliError(`'${path}' line ${i + 2}, column '${column}': the design weight is missing`);
      out[i] = NaN;
      continue;
    }
    const x = Number(raw);
    if (!Number.isFinite(x)) throw new CliError(`'${path}' line ${i + 2}, column '${column}': '${raw}' is not a number`);
    if (kind === 'weight' && !(x > 0)) throw new CliError(`'${path}' line ${i + 2}, column '${column}': the design weight must be positive, got '${raw}'`);
    // Blanks inside quotes are a number to Number() but a missing answer to the estimators (isMissingValue).
    out[i] = raw.trim() === '' ? NaN : x;
  }
  return out;
}

function uniqueIds(table: CsvColumnTable, path: string, id: string): Map<string, number> {
  const index = new Map<string, number>();
  const ids = table.values[id];
  for (let i = 0; i < table.size; i++) {
    const value = ids[i];
    if (value === '') throw new CliError(`'${path}' line ${i + 2}: the id column '${id}' is empty`);
    const first = index.get(value);
    if (first !== undefined) throw new CliError(`'${path}' line ${i + 2}: id '${value}' occurs twice (first on line ${first + 2})`);
    index.set(value, i);
  }
  return index;
}

/**
 * Reads the respondents, applies the nonresponse adjustment (when --sample is given) and the calibration (when
 * --margins is given), and returns the final design. The numeric `variables` and the `domain` column are checked
 * to exist in the data; the variables are checked and read as numbers here, so the estimators parse no text.
 */
export function weightedSurvey(options: WeightingValues, variables: string[] = [], domain?: string): WeightedSurvey {
  const dataPath = required(options.data, 'data');
  const id = required(options.id, 'id');
  const weight = required(options.weight, 'weight');
  const calfun = options.calfun;
  if (calfun !== undefined && calfun !== 'raking' && calfun !== 'linear') throw new CliError(`unknown --calfun '${calfun}' (use raking or linear)`);
  if (calfun !== undefined && options.margins === undefined) throw new CliError('--calfun needs --margins MARGINS.csv');
  if (options.sample === undefined) {
    for (const name of ['responded', 'nr-cells', 'min-respondents', 'max-factor'] as const) {
      if (options[name] !== undefined) throw new CliError(`--${name} needs --sample SAMPLE.csv`);
    }
  }
  const lonely = (options.lonely ?? 'fail') as LonelyStratumRule;
  if (!['fail', 'adjust', 'certainty'].includes(lonely)) throw new CliError(`unknown --lonely '${lonely}' (use fail, adjust or certainty)`);
  const minRespondents = numberOption(options['min-respondents'], 'min-respondents');
  const maxFactor = numberOption(options['max-factor'], 'max-factor');

  // Weight, fpc and variables are read as numbers (no text kept for 100,000 rows); id, strata and domain as text.
  const asNumbers = new Set([weight, ...(options.fpc ? [options.fpc] : []), ...variables]);
  for (const name of [id, options.strata, domain]) if (name !== undefined) asNumbers.delete(name);
  const data = readCsvColumns(dataPath, 'data file', [...asNumbers]);
  const designColumns = [id, weight, ...(options.strata ? [options.strata] : []), ...(options.fpc ? [options.fpc] : [])];
  requireColumns(data, [...new Set([...designColumns, ...variables, ...(domain ? [domain] : [])])], `data file '${dataPath}'`);
  if (data.size === 0) throw new CliError(`data file '${dataPath}' has no respondents`);
  // The text of a column read as numbers, for a message or as categories: the file is read again (rarely needed).
  let asText: CsvColumnTable | null = null;
  const textOf = (name: string) => data.values[name] ?? (asText ??= readCsvColumns(dataPath, 'data file')).values[name];
  const dataIds = uniqueIds(data, dataPath, id);
  const read = data.numbers[weight];
  const weights = read !== undefined && read.every((w) => w > 0) ? read.slice() : numericValues(textOf(weight), dataPath, weight, 'weight');
  const numbers = new Map(variables.map((v) => [v, data.numbers[v] ?? numericValues(textOf(v), dataPath, v, 'variable')]));

  if (options.sample !== undefined) {
    const samplePath = options.sample;
    const responded = options.responded ?? 'responded';
    const cells = options['nr-cells'] !== undefined ? listOption(options['nr-cells']) : options.strata ? [options.strata] : [];
    if (cells.length === 0) throw new CliError('--nr-cells is required when there is no --strata column');
    const sample = readCsvColumns(samplePath, 'sample file');
    requireColumns(sample, [...new Set([id, weight, responded, ...cells])], `sample file '${samplePath}'`);
    const sampleIds = uniqueIds(sample, samplePath, id);
    const sampleWeights = numericValues(sample.values[weight], samplePath, weight, 'weight');
    const flags = sample.values[responded].map((v, i) => {
      if (v !== '0' && v !== '1') throw new CliError(`'${samplePath}' line ${i + 2}, column '${responded}': expected 0 or 1, got '${v}'`);
      return Number(v);
    });
    for (const [value, i] of dataIds) {
      const s = sampleIds.get(value);
      if (s === undefined) throw new CliError(`'${dataPath}' line ${i + 2}: id '${value}' is not in the sample file '${samplePath}'`);
      if (flags[s] !== 1) throw new CliError(`'${dataPath}' line ${i + 2}: id '${value}' answered, but '${samplePath}' line ${s + 2} has ${responded} = 0`);
    }
    sample.values[id].forEach((value, s) => {
      if (flags[s] === 1 && !dataIds.has(value)) {
        throw new CliError(`'${samplePath}' line ${s + 2}: id '${value}' has ${responded} = 1 but is not in the data file '${dataPath}'`);
      }
    });
    const cellColumns = cells.map((c) => sample.values[c]);
    const adjustment = asCliError(() =>
      nonresponseAdjustment({
        cells: Array.from({ length: sample.size }, (_, s) => cellColumns.map((column) => column[s])),
        designWeights: sampleWeights,
        responded: flags,
        minRespondents,
        maxFactor,
      }),
    );
    const ids = data.values[id];
    for (let i = 0; i < data.size; i++) weights[i] *= adjustment.factor[sampleIds.get(ids[i]) as number];
  }

  let margins: PopulationMargin[] | null = null;
  if (options.margins !== undefined) {
    const marginsPath = options.margins;
    const table = readCsvFile(marginsPath, 'margins file');
    requireColumns(table, ['variable', 'category', 'total'], `margins file '${marginsPath}'`);
    margins = asCliError(() => populationMargins(table.rows));
  }
  // The design sees the weight, fpc and variables as numbers, the other columns as text; a variable that is
  // also a category (stratum, domain, margin) keeps its text, so its labels stay as written.
  const categories = new Set([options.strata, domain, ...(margins ?? []).map((m) => m.variable)]);
  const columns: Record<string, ArrayLike<unknown>> = Object.create(null);
  for (const name of data.columns) columns[name] = categories.has(name) ? textOf(name) : (data.values[name] ?? data.numbers[name]);
  for (const [v, values] of numbers) if (!categories.has(v)) columns[v] = values;
  columns[weight] = weights;
  let design = asCliError(() => svyDesign({ data: columns, strata: options.strata, weights: weight, fpc: options.fpc, lonelyStratum: lonely }));
  if (margins !== null) {
    const population = margins;
    design = asCliError(() => calibrate(design, { margins: population, calfun: calfun ?? 'linear' }));
  }
  return { design, data, idColumn: id };
}

const command: CliCommand = {
  summary: 'weighted means with SEs, overall and by domain (nonresponse adjustment, calibration)',
  usage,
  async run(argv) {
    const options = parseOptions(argv, { ...weightingOptions, vars: { type: 'string' }, by: { type: 'string' } }, usage);
    const out = required(options.out, 'out');
    const vars = listOption(required(options.vars, 'vars'));
    if (vars.length === 0) throw new CliError('--vars names no variable');
    const by = options.by;
    const { design } = weightedSurvey(options, vars, by);

    const rows: (string | number)[][] = [];
    const push = (scope: string, domain: string, variable: string, estimate: number, variance: number, n: number) => {
      const se = Math.sqrt(variance);
      const [low, high] = normalInterval(estimate, se, 0.95);
      rows.push([scope, domain, variable, estimate, se, low, high, n]);
    };
    asCliError(() => {
      for (const v of vars) {
        const s = domainStatistics(design, v, 'mean', null, 1);
        push('overall', '', v, s.estimate[0], s.variance[0], s.n[0]);
      }
      if (by) {
        const domains = domainIndex(design, by);
        const perVariable = vars.map((v) => domainStatistics(design, v, 'mean', domains.domainOf, domains.labels.length));
        domains.labels.forEach((label, d) => {
          vars.forEach((v, k) => push(by, label, v, perVariable[k].estimate[d], perVariable[k].variance[d], perVariable[k].n[d]));
        });
      }
    });
    writeCsvFile(out, ['scope', 'domain', 'variable', 'estimate', 'se', 'ci_low', 'ci_high', 'n'], rows);
  },
};

export default command;
