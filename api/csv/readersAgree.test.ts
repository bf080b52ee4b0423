/**
 * Every CSV reader of the platform reads the same file the same way: the server's upload preview and
 * frame import (also with its tokenizer fed in pieces cut anywhere), the covariate upload, the CLI's
 * readCsvFile and readCsvColumns (the respondents of `cli estimate`) and the frame extractor of `cli draw`.
 * The files are random in every choice the dialect makes (api/csv/dialect.ts); the one refusal by design is
 * stated: the CLI's readers refuse Windows-1252.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CliError } from '../cli/command';
import { readCsvColumns, readCsvFile } from '../cli/io';
import { extractFrameColumns } from '../frames/frameCsv';
import { frameRecordBatches } from '../samplingWorkflow/frameImport';
import { csvHeader, readCsvBytes, UploadRegistry } from '../samplingWorkflow/uploads';
import { csvChunkDecoder } from './decodeCsv';
import type { CsvDelimiter, CsvEncoding } from './dialect';
import { CsvTextStream, type CsvRecords } from './parseCsv';

/** What one reader made of a file: the header's column names and the data rows' fields. */
interface Reading {
  encoding: string;
  delimiter: string;
  columns: string[];
  rows: string[][];
}

/** Cuts bytes into pieces of the given sizes (cycled), as a network or a file stream may deliver them. */
function pieces(bytes: Uint8Array, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let k = 0, i = 0; k < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    out.push(Buffer.from(bytes.subarray(k, k + size)));
    k += size;
  }
  return out;
}

/** The frame import's decoder and tokenizer fed the file in pieces of the given sizes, header first. */
function recordsInPieces(path: string, encoding: CsvEncoding, delimiter: CsvDelimiter, chunkSizes: readonly number[]): string[][] {
  const decoder = csvChunkDecoder(encoding);
  const stream = new CsvTextStream(delimiter);
  const out: CsvRecords = { records: [], lines: [] };
  for (const chunk of pieces(readFileSync(path), chunkSizes)) stream.push(decoder.write(chunk), out);
  stream.push(decoder.end(), out);
  stream.end(out);
  return out.records;
}

/**
 * Reads the bytes with every reader. The CLI's readers give `refused` for Windows-1252 files.
 * The frame extractor takes the first column as id and the second as stratum.
 */
async function readWithEveryReader(bytes: Uint8Array, dir: string, chunkSizes: readonly number[] = [bytes.length || 1], blockSize?: number) {
  const path = join(dir, 'input.csv');
  writeFileSync(path, bytes);

  const registry = new UploadRegistry(dir);
  const upload = await registry.receive(Readable.from(pieces(bytes, chunkSizes)), { userId: 'u', fileName: 'frame.csv' });
  const preview: Reading = { encoding: upload.encoding, delimiter: upload.delimiter, columns: upload.columns, rows: upload.previewRows };
  const imported: string[][] = [];
  for await (const batch of frameRecordBatches(upload, () => {})) imported.push(...batch);
  const frameImport: Reading = { encoding: upload.encoding, delimiter: upload.delimiter, columns: upload.columns, rows: imported };
  const inPieces = recordsInPieces(upload.path, upload.encoding, upload.delimiter, chunkSizes);
  const frameImportInPieces: Reading = { encoding: upload.encoding, delimiter: upload.delimiter, columns: csvHeader(inPieces[0]), rows: inPieces.slice(1) };
  registry.remove(upload.id);

  const covariates = readCsvBytes(bytes);
  const covariateUpload: Reading = { encoding: covariates.encoding, delimiter: covariates.delimiter, columns: csvHeader(covariates.records[0]), rows: covariates.records.slice(1) };

  let cli: Reading | { refused: string };
  try {
    const table = readCsvFile(path, 'data file');
    cli = { encoding: 'utf-8', delimiter: table.delimiter, columns: table.columns, rows: table.rows.map((row) => table.columns.map((c) => row[c])) };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    cli = { refused: err.message };
  }

  let cliColumns: Reading | { refused: string };
  try {
    const table = readCsvColumns(path, 'data file');
    const rows = Array.from({ length: table.size }, (_, i) => table.columns.map((c) => table.values[c][i]));
    cliColumns = { encoding: 'utf-8', delimiter: table.delimiter, columns: table.columns, rows };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    cliColumns = { refused: err.message };
  }

  const frame = extractFrameColumns(bytes, { id: covariateUpload.columns[0], stratum: covariateUpload.columns[1] }, { blockSize });
  const frameExtractor: Reading = { encoding: frame.encoding, delimiter: frame.delimiter, columns: [...frame.columns], rows: frame.rows(Array.from({ length: frame.size }, (_, i) => i)) };

  return { preview, bom: upload.bom, frameImport, frameImportInPieces, covariateUpload, cli, cliColumns, frameExtractor };
}

/** A field as written: quoted or not, with blanks around it outside the quotes. */
interface Cell {
  value: string;
  quote: boolean;
  before: string;
  after: string;
}

/** Characters of values: letters, digits, umlauts and the Windows-1252 specials, spaces (NBSP too), delimiters, quotes, line breaks. */
const CHARACTERS = ['a', 'Z', '7', '.', '-', ' ', '\u00a0', '\t', 'ä', 'Ö', 'ü', 'ß', '€', '„', '“', '–', ';', ',', '"', '\n', '\r\n'];
const value = fc.array(fc.constantFrom(...CHARACTERS), { maxLength: 6 }).map((a) => a.join(''));
const blanks = fc.constantFrom('', '', ' ', '\t', '  ');
const cell = (values: fc.Arbitrary<string>): fc.Arbitrary<Cell> => fc.record({ value: values, quote: fc.boolean(), before: blanks, after: blanks });

/** Whether a value must be quoted to be read back as it is under a delimiter. */
const mustQuote = (v: string, delimiter: string) => v.includes(delimiter) || /["\r\n]/.test(v) || v !== v.trim();
const written = (c: Cell, delimiter: string) =>
  c.before + (c.quote || mustQuote(c.value, delimiter) ? `"${c.value.replaceAll('"', '""')}"` : c.value) + c.after;
/** Occurrences of a character outside quotes in the written cells (only unquoted cells hold any). */
const unquotedCount = (cells: readonly Cell[], delimiter: string, ch: string) =>
  cells.filter((c) => !(c.quote || mustQuote(c.value, delimiter))).reduce((n, c) => n + c.value.split(ch).length - 1, 0);

const file = fc.integer({ min: 2, max: 5 }).chain((width) =>
  fc.record({
    delimiter: fc.constantFrom(';', ','),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    // Column names: distinct and not empty once trimmed.
    header: fc.uniqueArray(cell(value.filter((v) => v.trim() !== '')), { minLength: width, maxLength: width, selector: (c) => c.value.trim() }),
    // The id and stratum columns (the frame extractor's) have a value in every row.
    rows: fc.array(fc.tuple(cell(value.filter((v) => v.trim() !== '')), cell(value.filter((v) => v.trim() !== '')), fc.array(cell(value), { minLength: width - 2, maxLength: width - 2 })), { minLength: 0, maxLength: 8 }),
    blankLines: fc.array(fc.constantFrom('', ' ', '\t'), { maxLength: 3 }),
    blankAt: fc.nat(),
    finalNewline: fc.boolean(),
    bom: fc.boolean(),
    encoding: fc.constantFrom('utf-8', 'windows-1252'),
    chunkSizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }),
    blockSize: fc.constantFrom(undefined, 1, 3, 16),
  }),
);

describe('every CSV reader reads the one dialect alike', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'csv-readers-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a;b,c as the columns a and b,c everywhere (; wins a tie: German office files)', async () => {
    const all = await readWithEveryReader(Buffer.from('a;b,c\r\n1;2,5\r\n'), dir);
    for (const reading of [all.preview, all.frameImport, all.frameImportInPieces, all.covariateUpload, all.cli, all.cliColumns, all.frameExtractor]) {
      expect(reading).to.deep.equal({ encoding: 'utf-8', delimiter: ';', columns: ['a', 'b,c'], rows: [['1', '2,5']] });
    }
    // Quoted delimiters do not count: one , outside quotes against none.
    const quoted = await readWithEveryReader(Buffer.from('"Name; Vorname",Bezirk\n"Muster; Max",Ost\n'), dir);
    for (const reading of [quoted.preview, quoted.frameImport, quoted.frameImportInPieces, quoted.covariateUpload, quoted.cli, quoted.cliColumns, quoted.frameExtractor]) {
      expect(reading).to.deep.include({ delimiter: ',', columns: ['Name; Vorname', 'Bezirk'], rows: [['Muster; Max', 'Ost']] });
    }
  });

  it('gives the same encoding, delimiter, columns and fields for random files (the CLI refusing Windows-1252)', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const { delimiter, newline } = f;
        const other = delimiter === ';' ? ',' : ';';
        // The header holds width − 1 delimiters outside quotes; unquoted names may hold the other character
        // (as in a;b,c) as long as the dialect's rule still picks the intended delimiter.
        const others = unquotedCount(f.header, delimiter, other);
        fc.pre(delimiter === ';' ? f.header.length - 1 >= others : f.header.length - 1 > others);
        const records = [f.header, ...f.rows.map(([id, stratum, rest]) => [id, stratum, ...rest])];
        const lines = records.map((r) => r.map((c) => written(c, delimiter)).join(delimiter));
        lines.splice(f.blankAt % (lines.length + 1), 0, ...f.blankLines);
        const text = lines.join(newline) + (f.finalNewline ? newline : '');
        const body = f.encoding === 'utf-8' ? Buffer.from(text) : iconv.encode(text, 'win1252');
        const bytes = f.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
        // Windows-1252 bytes that happen to be valid UTF-8 (Ä€ is the UTF-8 of Ā) are UTF-8 by the rule.
        fc.pre(f.encoding === 'utf-8' || !isUtf8(body) || /^[\x00-\x7f]*$/.test(text));

        const all = await readWithEveryReader(bytes, dir, f.chunkSizes, f.blockSize);
        const expected: Reading = {
          encoding: isUtf8(bytes) ? 'utf-8' : 'windows-1252',
          delimiter,
          columns: f.header.map((c) => c.value.trim()),
          rows: records.slice(1).map((r) => r.map((c) => c.value)),
        };
        expect(all.bom).to.equal(f.bom);
        expect(all.preview).to.deep.equal({ ...expected, rows: expected.rows.slice(0, 5) });
        expect(all.frameImport).to.deep.equal(expected);
        expect(all.frameImportInPieces).to.deep.equal(expected);
        expect(all.covariateUpload).to.deep.equal(expected);
        expect(all.frameExtractor).to.deep.equal(expected);
        for (const cli of [all.cli, all.cliColumns]) {
          if (expected.encoding === 'utf-8') expect(cli).to.deep.equal(expected);
          else expect(cli).to.deep.equal({ refused: `data file '${join(dir, 'input.csv')}' is not UTF-8 text (perhaps saved as Windows-1252/ANSI): save it as "CSV UTF-8"` });
        }
      }),
      { numRuns: Number(process.env.CSV_RUNS ?? 300) },
    );
  });
});
