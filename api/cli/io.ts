/**
 * File helpers shared by CLI commands: strict option parsing, CSV in, CSV out.
 * Output is written to a temporary file and renamed, so a failing command leaves no output file.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { decodeCsv, type CsvText } from '../csv/decodeCsv';
import { csvColumnNames, type CsvDelimiter } from '../csv/dialect';
import { parseCsv } from '../csv/parseCsv';
import { parseCsvColumns, type CsvColumns } from '../csv/parseCsvColumns';
import type { ByteSource } from '../frames/byteSource';
import { extractFrameColumns, type FrameCsv, type FrameCsvColumns } from '../frames/frameCsv';
import { formulaSafeCell } from '../../analysis';
import { CliError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `--name value` options; unknown options and stray arguments are errors. */
export function parseOptions<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${usage.trimEnd()}`);
  }
}

/** Returns the option's value or throws a CliError naming the missing option. */
export function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new CliError(`missing required option --${name}`);
  return value;
}

/** Parses a number option; throws naming the option when it is not a finite number. */
export function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new CliError(`--${name} must be a number, got '${value}'`);
  return x;
}

export interface CsvTable {
  columns: string[];
  rows: Record<string, string>[];
  /** `;` marks a German file, whose numbers may have a decimal comma. */
  delimiter: CsvDelimiter;
}

/**
 * Reads a whole CSV file with a header row in the one dialect (api/csv/dialect.ts: `;` or `,` from the
 * header, `;` on a tie; UTF-8 with or without BOM; RFC 4180 quotes; unquoted fields trimmed; blank lines
 * skipped); every row as many fields as the header. Windows-1252 is refused: these files are typed or
 * exported by analysts, and a misread umlaut would quietly stop a category from matching.
 * @throws CliError naming the file (and the line and row of a bad record).
 */
export function readCsvFile(path: string, what = 'file'): CsvTable {
  const csv = readCsvText(path, what);
  let records: string[][];
  let lines: number[];
  try {
    ({ records, lines } = parseCsv(csv.text, csv));
  } catch (err) {
    if (err instanceof RangeError) throw new CliError(`${what} '${path}' is not valid CSV: ${err.message}`);
    throw err;
  }
  if (records.length === 0) throw new CliError(`${what} '${path}' is empty (no header row)`);
  const columns = csvColumnNames(records[0]);
  const rows = records.slice(1).map((record, i) => {
    if (record.length !== columns.length) {
      throw new CliError(`${what} '${path}' is not valid CSV: line ${lines[i + 1]}: row ${i + 1} has ${record.length} fields, the header has ${columns.length}`);
    }
    return Object.fromEntries(columns.map((column, k) => [column, record[k]]));
  });
  return { columns, rows, delimiter: csv.delimiter };
}

export interface CsvColumnTable {
  columns: string[];
  /**
   * The fields of each column by name, in row order (a name used twice in the header: its last column);
   * every column but those in `numbers`.
   */
  values: Readonly<Record<string, string[]>>;
  /** The columns asked for as numbers whose every field is a number, empty or NA (NaN). */
  numbers: Readonly<Record<string, Float64Array>>;
  /** Number of data rows. */
  size: number;
  delimiter: CsvDelimiter;
}

/**
 * Reads a whole CSV file like readCsvFile, with the same checks and messages, but as columns: no object
 * per row, for the large respondent files of `cli estimate` and `cli weights`. The columns named in
 * `numbers` come as numbers when all their fields are numbers (`Number(field)`; NaN for an empty field or
 * NA), without keeping their text; a column with another field comes as text, so the command can say which
 * field is wrong.
 * @throws CliError naming the file (and the line and row of a bad record).
 */
export function readCsvColumns(path: string, what = 'file', numbers: readonly string[] = []): CsvColumnTable {
  const csv = readCsvText(path, what);
  const parse = (asNumbers: ReadonlySet<string>) => {
    try {
      return parseCsvColumns(csv.text, csv, (name) => asNumbers.has(name));
    } catch (err) {
      if (err instanceof RangeError) throw new CliError(`${what} '${path}' is not valid CSV: ${err.message}`);
      throw err;
    }
  };
  let table = parse(new Set(numbers));
  if (table === null) throw new CliError(`${what} '${path}' is empty (no header row)`);
  const failed = new Set(table.names.filter((_, k) => table!.text[k] === null && table!.numbers[k] === null));
  if (failed.size > 0) table = parse(new Set(numbers.filter((name) => !failed.has(name)))) as CsvColumns;
  const values: Record<string, string[]> = Object.create(null);
  const numberColumns: Record<string, Float64Array> = Object.create(null);
  table.names.forEach((name, k) => {
    const text = table.text[k];
    if (text !== null) {
      values[name] = text;
      delete numberColumns[name];
    } else {
      numberColumns[name] = table.numbers[k] as Float64Array;
      delete values[name];
    }
  });
  return { columns: table.names, values, numbers: numberColumns, size: table.size, delimiter: csv.delimiter };
}

/** The decoded text and dialect of a CSV file that must be UTF-8. */
function readCsvText(path: string, what: string): CsvText {
  if (!existsSync(path)) throw new CliError(`${what} '${path}' does not exist`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new CliError(`cannot read ${what} '${path}': ${(err as Error).message}`);
  }
  const csv = decodeCsv(bytes);
  if (csv.encoding !== 'utf-8') throw new CliError(`${what} '${path}' is not UTF-8 text (perhaps saved as Windows-1252/ANSI): save it as "CSV UTF-8"`);
  return csv;
}

/**
 * A frame file as a ByteSource: opened for each pass and closed after it. A file whose size or
 * modification time differs from the first look is refused, since the rows read again by position
 * would no longer be the rows that were drawn.
 */
export function fileByteSource(path: string, what = 'frame file'): ByteSource {
  const stat = (fd: number) => {
    const status = fstatSync(fd);
    if (!status.isFile()) throw new CliError(`${what} '${path}' is not a file`);
    return { size: status.size, mtimeMs: status.mtimeMs };
  };
  const open = () => {
    try {
      return openSync(path, 'r');
    } catch (err) {
      throw new CliError(`cannot read ${what} '${path}': ${(err as Error).message}`);
    }
  };
  const fd = open();
  let first: { size: number; mtimeMs: number };
  try {
    first = stat(fd);
  } finally {
    closeSync(fd);
  }
  return {
    size: first.size,
    withReader(use) {
      const fd = open();
      try {
        const now = stat(fd);
        if (now.size !== first.size || now.mtimeMs !== first.mtimeMs) throw new CliError(`${what} '${path}' was changed while it was being read`);
        return use((target, position) => readSync(fd, target, 0, target.length, position));
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * Reads a frame CSV for a draw with the column extractor (api/frames/frameCsv), streaming the file:
 * only the id, stratum and sort columns are kept, the drawn rows are read again later with `rows()`.
 * Same dialect as readCsvFile, but a file that is not UTF-8 is read as Windows-1252 (frames are
 * register exports, often "ANSI"); a problem in the file becomes a CliError naming the file, line, row
 * and column.
 */
export function readFrameCsvFile(path: string, columns: FrameCsvColumns, what = 'frame file'): FrameCsv {
  if (!existsSync(path)) throw new CliError(`${what} '${path}' does not exist`);
  try {
    return extractFrameColumns(fileByteSource(path, what), columns);
  } catch (err) {
    if (err instanceof RangeError) throw new CliError(`${what} '${path}': ${err.message}`);
    throw err;
  }
}

/** Throws when one of the named columns is missing from the table. */
export function requireColumns(table: { columns: readonly string[] }, names: string[], what: string): void {
  const missing = names.filter((n) => !table.columns.includes(n));
  if (missing.length > 0) {
    throw new CliError(`${what} has no column ${missing.map((m) => `'${m}'`).join(', ')} (columns: ${table.columns.join(', ')})`);
  }
}

/** Writes rows as a `,`-separated UTF-8 CSV atomically (temp file + rename); text cells formula-safe. */
export function writeCsvFile(path: string, columns: string[], rows: (string | number)[][]): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    // Text cells are formula-safe (analysis/formulaSafeCell.ts): ids and domain names come from user files.
    writeFileSync(tmp, stringify(rows, { header: true, columns, cast: { number: (x) => formatNumber(x), string: (x) => formulaSafeCell(x) } }));
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write '${path}': ${(err as Error).message}`);
  }
}

/** Full double precision, shortest round-trip form (`String(x)`), NaN as empty. */
export function formatNumber(x: number): string {
  return Number.isNaN(x) ? '' : String(x);
}
