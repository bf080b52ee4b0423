/**
 * `cli draw`: draws a stratified sample from a frame CSV by an allocation CSV and a seed.
 * Output: all frame columns (original order and names) plus inclusion_probability,design_weight.
 */
import { createRng, stratifiedSrsworOfUnits, stratifiedSystematicOfUnits, type DrawnUnit } from '../../../sampling/index';
import { CliError, type CliCommand } from '../command';
import { parseOptions, readCsvFile, readFrameCsvFile, requireColumns, required, writeCsvFile } from '../io';

const usage = `Usage: npm run --silent cli -- draw --frame FRAME.csv --id household_id --stratum district --allocation ALLOC.csv --seed 42 [--method srswor|systematic --sort postcode] --out SAMPLE.csv

Draws a stratified sample without replacement.
  --frame       frame CSV (',' or ';', UTF-8 with or without BOM, or Windows-1252)
  --id          column with the unique unit id
  --stratum     column with the stratum
  --allocation  CSV with columns stratum,allocation (as written by \`allocate\`); every frame stratum needs a row
  --seed        integer seed in [0, 4294967295]; the same seed and frame give the same sample
  --method      srswor (default): simple random sampling per stratum;
                systematic: sorted by --sort (then id), random start, fractional interval N_h/n_h
  --sort        sort column(s) for systematic sampling, comma-separated (e.g. postcode,street)
  --out         output CSV: the sampled frame rows plus inclusion_probability (n_h/N_h) and design_weight (N_h/n_h)
Units are sorted by id within each stratum before drawing, so the input row order does not change the sample.
`;

const command: CliCommand = {
  summary: 'draw a stratified random sample (SRSWOR or systematic) from a frame',
  usage,
  async run(argv) {
    const options = parseOptions(
      argv,
      {
        frame: { type: 'string' },
        id: { type: 'string' },
        stratum: { type: 'string' },
        allocation: { type: 'string' },
        seed: { type: 'string' },
        method: { type: 'string' },
        sort: { type: 'string' },
        out: { type: 'string' },
      },
      usage,
    );
    const framePath = required(options.frame, 'frame');
    const idColumn = required(options.id, 'id');
    const stratumColumn = required(options.stratum, 'stratum');
    const allocationPath = required(options.allocation, 'allocation');
    const seedText = required(options.seed, 'seed');
    const out = required(options.out, 'out');
    const method = options.method ?? 'srswor';
    if (method !== 'srswor' && method !== 'systematic') throw new CliError(`unknown --method '${method}' (use srswor or systematic)`);
    const seed = Number(seedText);
    if (!/^\d+$/.test(seedText.trim()) || !Number.isSafeInteger(seed) || seed > 4294967295) {
      throw new CliError(`--seed must be an integer between 0 and 4294967295, got '${seedText}'`);
    }
    const sortKeys = method === 'systematic' ? required(options.sort, 'sort').split(',').map((s) => s.trim()) : [];
    if (sortKeys.some((k) => k === '')) throw new CliError(`--sort has an empty column name: '${options.sort}'`);

    const allocationTable = readCsvFile(allocationPath, 'allocation file');
    requireColumns(allocationTable, ['stratum', 'allocation'], `allocation file '${allocationPath}'`);
    const allocation = new Map<string, number>();
    allocationTable.rows.forEach((row, i) => {
      const where = `allocation file '${allocationPath}' line ${i + 2}`;
      const n = Number(row.allocation);
      if (row.allocation === '' || !Number.isInteger(n) || n < 0) {
        throw new CliError(`${where}, column allocation: '${row.allocation}' is not a non-negative integer`);
      }
      if (allocation.has(row.stratum)) throw new CliError(`${where}, column stratum: stratum '${row.stratum}' appears more than once`);
      allocation.set(row.stratum, n);
    });

    // Only the id, stratum and sort columns are read for every row; the drawn rows are read in full at the end.
    const frame = readFrameCsvFile(framePath, { id: idColumn, stratum: stratumColumn, sortKeys }, 'frame file');
    if (frame.size === 0) throw new CliError(`frame file '${framePath}' has no rows`);
    for (const added of ['inclusion_probability', 'design_weight']) {
      if (frame.columns.includes(added)) throw new CliError(`frame file '${framePath}' already has a column '${added}'`);
    }

    let sample: DrawnUnit[];
    try {
      const rng = createRng(seed);
      sample = method === 'systematic' ? stratifiedSystematicOfUnits(frame, { allocation, rng }) : stratifiedSrsworOfUnits(frame, { allocation, rng });
    } catch (err) {
      // Library messages count data rows from 1; in the file that is line row + 1 (after the header).
      if (err instanceof RangeError) {
        const note = /\brows? \d/.test(err.message) ? ' (data rows, header excluded)' : '';
        throw new CliError(`frame file '${framePath}': ${err.message}${note}`);
      }
      throw err;
    }
    let drawnRows: (string | number)[][];
    try {
      drawnRows = frame.rows(sample.map((u) => u.rowIndex));
    } catch (err) {
      if (err instanceof RangeError) throw new CliError(`frame file '${framePath}': ${err.message}`);
      throw err;
    }
    sample.forEach((u, k) => drawnRows[k].push(u.inclusionProbability, u.designWeight));
    writeCsvFile(out, [...frame.columns, 'inclusion_probability', 'design_weight'], drawnRows);
  },
};

export default command;
