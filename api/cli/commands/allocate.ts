/**
 * `cli allocate`: allocates a total sample size over the strata of a CSV file.
 * Output columns exactly `stratum,N,exact,allocation` in input order (exact = full double precision).
 */
import { allocate, ALLOCATION_METHODS, type AllocationMethod, type StratumSpec } from '../../../sampling/index';
import { CliError, type CliCommand } from '../command';
import { numberOption, parseOptions, readCsvFile, requireColumns, required, writeCsvFile } from '../io';

const usage = `Usage: npm run --silent cli -- allocate --strata STRATA.csv --n 3000 --method proportional|equal|neyman|power [--q 0.5] [--min 0] [--max N] --out ALLOC.csv

Allocates the total net sample size n over the strata.
  --strata  CSV with columns stratum,N and optionally S (standard deviation; required for neyman)
  --n       total sample size (integer, at most the sum of N)
  --method  proportional (n·N_h/N), equal (n/H), neyman (n·N_h·S_h/ΣN·S), power (∝ S_h·N_h^q, Bankier 1988)
  --q       exponent of power allocation in [0, 1] (default 0.5; used only by power)
  --min     minimum sample size per stratum (integer; a stratum smaller than it is taken completely)
  --max     maximum sample size per stratum (integer; never more than N_h)
  --out     output CSV: stratum,N,exact,allocation (exact unrounded, allocation integers summing to n)
Strata fixed at a bound free their remainder for the others (iterative reallocation); integers by the
largest remainder method (ties: larger remainder, larger N_h, input order).
`;

/** Parses a cell that must be a non-negative integer, naming file, line and column otherwise. */
function integerCell(value: string, what: string): number {
  const x = Number(value);
  if (value === '' || !Number.isInteger(x) || x < 0) throw new CliError(`${what}: '${value}' is not a non-negative integer`);
  return x;
}

function integerOption(value: string | undefined, name: string): number | undefined {
  const x = numberOption(value, name);
  if (x !== undefined && (!Number.isInteger(x) || x < 0)) throw new CliError(`--${name} must be a non-negative integer, got '${value}'`);
  return x;
}

const command: CliCommand = {
  summary: 'allocate a sample size over strata (proportional, equal, Neyman, power)',
  usage,
  async run(argv) {
    const options = parseOptions(
      argv,
      {
        strata: { type: 'string' },
        n: { type: 'string' },
        method: { type: 'string' },
        q: { type: 'string' },
        min: { type: 'string' },
        max: { type: 'string' },
        out: { type: 'string' },
      },
      usage,
    );
    const strataPath = required(options.strata, 'strata');
    const n = integerOption(required(options.n, 'n'), 'n') as number;
    const method = required(options.method, 'method');
    const out = required(options.out, 'out');
    if (!ALLOCATION_METHODS.includes(method as AllocationMethod)) {
      throw new CliError(`unknown --method '${method}' (use ${ALLOCATION_METHODS.join(', ')})`);
    }
    const q = numberOption(options.q, 'q') ?? 0.5;
    if (method === 'power' && (q < 0 || q > 1)) throw new CliError(`--q must lie in [0, 1], got '${options.q}'`);
    const min = integerOption(options.min, 'min');
    const max = integerOption(options.max, 'max');

    const table = readCsvFile(strataPath, 'strata file');
    requireColumns(table, ['stratum', 'N'], `strata file '${strataPath}'`);
    if (table.rows.length === 0) throw new CliError(`strata file '${strataPath}' has no strata`);
    const hasS = table.columns.includes('S');
    if (method === 'neyman' && !hasS) throw new CliError(`--method neyman needs a column 'S' (standard deviation per stratum) in '${strataPath}'`);

    const strata: StratumSpec[] = table.rows.map((row, i) => {
      const where = `strata file '${strataPath}' line ${i + 2}`;
      if (row.stratum === '') throw new CliError(`${where}, column stratum: empty stratum name`);
      const N = integerCell(row.N, `${where}, column N`);
      const spec: StratumSpec = { stratum: row.stratum, N };
      if (hasS && (method === 'neyman' || method === 'power')) {
        const S = Number(row.S);
        if (row.S === '' || !Number.isFinite(S) || S < 0) throw new CliError(`${where}, column S: '${row.S}' is not a non-negative number`);
        spec.S = S;
      }
      // A global minimum means "at least min, or the whole stratum when it is smaller".
      if (min !== undefined) spec.min = Math.min(min, N);
      if (max !== undefined) spec.max = max;
      return spec;
    });

    let result;
    try {
      result = allocate({ strata, n, method: method as AllocationMethod, ...(method === 'power' ? { q } : {}) });
    } catch (err) {
      if (err instanceof RangeError) throw new CliError(err.message);
      throw err;
    }
    writeCsvFile(
      out,
      ['stratum', 'N', 'exact', 'allocation'],
      result.strata.map((s) => [s.stratum, s.N, s.exact, s.allocation]),
    );
  },
};

export default command;
