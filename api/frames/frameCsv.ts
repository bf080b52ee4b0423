/**
 * Column extractor for large frame CSV files: streams the bytes of a frame once through one reused
 * buffer and keeps only what a draw needs — per row its stratum (as a small integer code) and where the
 * row starts in the file, plus the sort columns of a systematic draw. The ids are compared on the fly;
 * they are kept only when the file is not in id order. The selected rows are read in full afterwards
 * with `rows(indices)`, by their file positions.
 *
 * Why a stream and not the whole file in memory: a frame of a million households is ≈ 50 MB, and
 * touching that much fresh memory costs more than reading and scanning it (on virtual machines, where
 * every first touch of a page is a fault into the hypervisor, several times more).
 *
 * Pure apart from the byte source it is given (`ByteSource`: random access to a file or to bytes in
 * memory), so the CLI (`api/cli/io.ts`) and tests share it.
 *
 * The CSV dialect is the one of every reader (api/csv/dialect.ts), whose decisions — BOM, encoding,
 * line end, delimiter, blanks, quoting errors — it takes from there; only the loops over bytes are its
 * own, for speed. A file that is not valid UTF-8 is read as Windows-1252, as the server's frame upload
 * does. Every row must have as many fields as the header.
 *
 * The parts: scanFrame.ts (the pass) with frameHeader.ts, plainLines.ts (fast path), recordSpans.ts
 * (general path), rowStore.ts, rowIds.ts, strata.ts; drawnRows.ts (rows read again) with rowSpans.ts.
 */
import type { FrameUnits } from '../../sampling/index';
import { csvDecoder, SEMICOLON, type CsvDelimiter, type CsvEncoding } from '../csv/dialect';
import { compareBytes } from './bytes';
import { bytesSource, isUtf8Source, type ByteSource } from './byteSource';
import { drawnRowsReader } from './drawnRows';
import { idOrderOfBytes } from './idOrder';
import { NotUtf8 } from './readBuffer';
import { decode, utf8Decoder } from './recordFields';
import { compareText, IdsNotAscending } from './rowIds';
import { scanFrame, type FrameCsvColumns, type Scan } from './scanFrame';

export type { FrameCsvColumns } from './scanFrame';

/** A frame read by extractFrameColumns: FrameUnits for the draw, plus the header and full rows on demand. */
export interface FrameCsv extends FrameUnits {
  /** Column names from the header row (trimmed), in file order. */
  readonly columns: readonly string[];
  /** Delimiter found in the header line. */
  readonly delimiter: CsvDelimiter;
  /** UTF-8, or Windows-1252 when the bytes are not valid UTF-8. */
  readonly encoding: CsvEncoding;
  /** All fields of data rows (0-based), in column order, as readCsvFile would give them; one read pass in file order. */
  rows(indices: readonly number[]): string[][];
  /** All fields of data row i; for many rows, `rows` reads the source once. */
  row(i: number): string[];
}

/** Tuning for tests: the size of the reused read buffer (it grows when one record does not fit). */
export interface ExtractOptions {
  /** Bytes per read (default 1 MiB). */
  blockSize?: number;
}

const DEFAULT_BLOCK = 1 << 20;

/**
 * Extracts the id, stratum and sort columns of a frame CSV (see the module comment for the dialect),
 * streaming the source once. Strata become small integer codes. While the ids ascend in row order (a
 * frame exported sorted by id) only the previous id is held; otherwise the file is read a second time
 * and the ids kept in one compact byte arena (UTF-16 code-unit order, as JavaScript's `<`).
 * Cost: O(size of the file), one pass (two for a frame not in id order, the first stopping at the first
 * id out of order); memory ≈ 2 bytes per row (+ the ids' bytes when not in id order, + the sort
 * columns' text) and one read buffer.
 * @throws RangeError naming the line (and for data problems the frame row, 1-based, header excluded)
 *   for: no header row, a missing id/stratum/sort column, a row with the wrong number of fields, an
 *   unclosed quote, a quote inside an unquoted field, text after a closing quote, an empty id or stratum.
 * @example extractFrameColumns(new TextEncoder().encode('id;district\nB;Ost\nA;Ost\n'), { id: 'id', stratum: 'district' }).size // → 2
 */
export function extractFrameColumns(input: Uint8Array | ByteSource, columns: FrameCsvColumns, options: ExtractOptions = {}): FrameCsv {
  const source = input instanceof Uint8Array ? bytesSource(input) : input;
  const blockSize = options.blockSize ?? DEFAULT_BLOCK;
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`blockSize must be a positive integer, got ${blockSize}`);
  // First as UTF-8 checking the id order only; again as Windows-1252 when the bytes are not UTF-8, and
  // again keeping every id when two ids are out of order.
  let encoding: CsvEncoding = 'utf-8';
  let collectIds = false;
  let scan: Scan;
  for (;;) {
    try {
      scan = scanFrame(source, columns, encoding, collectIds, blockSize);
      break;
    } catch (err) {
      if (err instanceof NotUtf8 && encoding === 'utf-8') encoding = 'windows-1252';
      else if (err instanceof IdsNotAscending && !collectIds) collectIds = true;
      // A problem met before the first byte that is not UTF-8 was read in the wrong encoding.
      else if (err instanceof RangeError && encoding === 'utf-8' && !isUtf8Source(source, blockSize)) encoding = 'windows-1252';
      else throw err;
    }
  }
  return frameCsv(source, columns, encoding, scan, blockSize);
}

/** The FrameCsv view of a scan: ids, comparators and rows read again by position. */
function frameCsv(source: ByteSource, columns: FrameCsvColumns, encoding: CsvEncoding, scan: Scan, blockSize: number): FrameCsv {
  const { rows: size, sortValues } = scan;
  const rows = drawnRowsReader(source, scan, csvDecoder(encoding), blockSize);
  const idColumnIndex = scan.columns.indexOf(columns.id);

  const ids = scan.ids;
  // Ids outside ASCII are compared as strings (UTF-16 code units), like the record path.
  const idStrings = ids && !ids.ascii ? Array.from({ length: size }, (_, i) => decode(ids.arena, ids.offset[i], ids.offset[i + 1], utf8Decoder)) : null;
  let id: (i: number) => string;
  let compareIds: (a: number, b: number) => number;
  let idOrder: (() => Int32Array) | undefined;
  if (idStrings) {
    id = (i) => idStrings[i];
    compareIds = (a, b) => compareText(idStrings[a], idStrings[b]);
  } else if (ids) {
    const { arena, offset } = ids;
    id = (i) => decode(arena, offset[i], offset[i + 1], utf8Decoder);
    compareIds = (a, b) => compareBytes(arena, offset[a], offset[a + 1], arena, offset[b], offset[b + 1]);
    idOrder = () => idOrderOfBytes(arena, offset, size);
  } else {
    // Strictly ascending ids: row order is id order, and an id is read again only for a message.
    id = (i) => rows([i])[0][idColumnIndex];
    compareIds = (a, b) => a - b;
  }
  const compareSortKeys =
    sortValues.length === 0
      ? undefined
      : (a: number, b: number) => {
          for (const values of sortValues) {
            const x = values[a];
            const y = values[b];
            if (x !== y) return x < y ? -1 : 1;
          }
          return 0;
        };

  return {
    size,
    idColumn: columns.id,
    stratumOfRow: scan.stratumOfRow,
    strata: scan.strata,
    idsAscending: scan.idsAscending,
    columns: scan.columns,
    delimiter: scan.dialect.delimiter === SEMICOLON ? ';' : ',',
    encoding,
    id,
    compareIds,
    idOrder,
    compareSortKeys,
    rows,
    row: (i) => rows([i])[0],
  };
}
