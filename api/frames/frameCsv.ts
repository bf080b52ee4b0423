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
 */
import { Buffer, isUtf8 } from 'node:buffer';
import type { FrameUnits } from '../../sampling/index';
import { COMMA, CR, csvColumnNames, csvDecoder, csvSyntaxError, delimiterFor, hasUtf8Bom, headerCounts, isCsvBlank as isBlank, LF, lineEndOf, QUOTE, SEMICOLON, type CsvDecoder, type CsvDelimiter, type CsvEncoding } from '../csv/dialect';
import { compareBytes, hashBytes, isAscii } from './bytes';
import { idOrderOfBytes } from './idOrder';

/** Which columns of the frame a draw uses. */
export interface FrameCsvColumns {
  /** Column with the unique unit id (e.g. household_id). */
  id: string;
  /** Column with the stratum (e.g. district). */
  stratum: string;
  /** Sort columns of a systematic draw (e.g. postcode, street). */
  sortKeys?: readonly string[];
}

/** Reads up to target.length bytes at a byte position into target; returns how many were read (0 at the end). */
export type ReadAt = (target: Uint8Array, position: number) => number;

/** Random access to the bytes of a frame: a file, or bytes in memory (`bytesSource`). */
export interface ByteSource {
  /** Length in bytes. */
  readonly size: number;
  /** Runs `use` with a reader that is valid during the call (a file is opened before and closed after). */
  withReader<T>(use: (readAt: ReadAt) => T): T;
}

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

const decoders: Record<CsvEncoding, CsvDecoder> = { 'utf-8': csvDecoder('utf-8'), 'windows-1252': csvDecoder('windows-1252') };
const utf8Encoder = new TextEncoder();

/** Random access to bytes in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    withReader: (use) =>
      use((target, position) => {
        const part = bytes.subarray(position, position + target.length);
        target.set(part);
        return part.length;
      }),
  };
}

/** Text of a byte range; short ASCII is built directly (cheaper than a decoder call), the rest decoded. */
function decode(bytes: Uint8Array, start: number, stop: number, decoder: CsvDecoder): string {
  if (stop - start <= 32) {
    let text = '';
    for (let k = start; k < stop; k++) {
      const c = bytes[k];
      if (c >= 0x80) return decoder.decode(bytes.subarray(start, stop));
      text += String.fromCharCode(c);
    }
    return text;
  }
  return decoder.decode(bytes.subarray(start, stop));
}

/** The text of a field: quotes undone; unquoted values trimmed (also of Unicode spaces such as NBSP). */
function fieldText(bytes: Uint8Array, start: number, stop: number, quoted: boolean, escaped: boolean, decoder: CsvDecoder): string {
  const text = decode(bytes, start, stop, decoder);
  if (quoted) return escaped ? text.replaceAll('""', '"') : text;
  return text.trim();
}

/** The CSV dialect of one file. */
interface Dialect {
  delimiter: number;
  newline: number;
}

/**
 * Reads a whole record that lies completely in bytes[pos…] (all fields as text). Used for the header
 * and for rows read again by position; the scan has already checked them.
 */
function readRecord(bytes: Uint8Array, pos: number, dialect: Dialect, decoder: CsvDecoder): string[] {
  const end = bytes.length;
  const { delimiter, newline } = dialect;
  const fields: string[] = [];
  let p = pos;
  for (;;) {
    while (p < end && isBlank(bytes[p]) && bytes[p] !== newline) p++;
    if (p < end && bytes[p] === QUOTE) {
      let k = p + 1;
      let escaped = false;
      while (k < end && !(bytes[k] === QUOTE && bytes[k + 1] !== QUOTE)) {
        if (bytes[k] === QUOTE) {
          escaped = true;
          k++;
        }
        k++;
      }
      fields.push(fieldText(bytes, p + 1, k, true, escaped, decoder));
      p = k + 1;
      while (p < end && bytes[p] !== delimiter && bytes[p] !== newline) p++;
    } else {
      const start = p;
      while (p < end && bytes[p] !== delimiter && bytes[p] !== newline) p++;
      fields.push(fieldText(bytes, start, p, false, false, decoder));
    }
    if (p >= end || bytes[p] === newline) return fields;
    p++;
  }
}

/** A record that ends beyond the bytes read so far: read more, then parse it again from its start. */
const INCOMPLETE = -1;

/** Thrown inside the scan when the bytes are not UTF-8; the scan is repeated as Windows-1252. */
class NotUtf8 extends Error {}

/** What one pass over the file gives. */
interface Scan {
  columns: string[];
  dialect: Dialect;
  rows: number;
  /** Row starts in the file, as the gap to the previous row's start (see rowSpanFinder). */
  rowGap: NarrowArray;
  firstRowStart: number;
  stratumOfRow: NarrowArray;
  strata: string[];
  idsAscending: boolean;
  /** Collected ids (UTF-8 of the id text, quotes undone), when asked for. */
  ids: { arena: Uint8Array; offset: Int32Array; ascii: boolean } | null;
  sortValues: string[][];
}

/**
 * One pass over the frame through a reused buffer. A record that crosses the end of the buffer is
 * moved to the buffer's front and parsed again once more bytes are in; nothing about a row is kept
 * until its record is complete.
 */
function scanFrame(source: ByteSource, columns: FrameCsvColumns, encoding: CsvEncoding, collectIds: boolean, blockSize: number): Scan {
  const size = source.size;
  if (size > 0x7fffffff) throw new RangeError('the frame file is larger than 2 GB');
  const decoder = decoders[encoding];
  return source.withReader((readAt) => {
    // A Buffer, for its indexOf (memchr); only buf[0…filled) is ever read.
    let buf = Buffer.alloc(Math.max(1, Math.min(blockSize, size)));
    /** File position of buf[0]; buf[0…filled) holds file bytes [base, base + filled). */
    let base = 0;
    let filled = 0;
    let eof = size === 0;
    /** buf[0…checked) is known to be valid UTF-8 (or need not be). */
    let checked = 0;

    /** Keeps buf[keep…filled), moved to the front, and reads more (growing the buffer when it is full). */
    const refill = (keep: number) => {
      if (keep > 0) {
        buf.copyWithin(0, keep, filled);
        base += keep;
        filled -= keep;
        checked = Math.max(0, checked - keep);
      }
      if (filled === buf.length) {
        const bigger = Buffer.alloc(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      while (filled < buf.length && base + filled < size) {
        const n = readAt(buf.subarray(filled, Math.min(buf.length, size - base)), base + filled);
        if (n <= 0) throw new RangeError(`the frame file ended after ${base + filled} of ${size} bytes (was it changed while being read?)`);
        filled += n;
      }
      eof = base + filled >= size;
      if (encoding === 'utf-8') {
        // Check up to the last ASCII byte (always a character boundary); the rest is checked with the next block.
        let cut = filled;
        if (!eof) while (cut > checked && buf[cut - 1] >= 0x80) cut--;
        if (!isUtf8(buf.subarray(checked, cut))) throw new NotUtf8();
        checked = cut;
      }
    };
    refill(0);
    // The first three bytes decide about a BOM (a tiny read buffer grows to hold them).
    while (filled < 3 && !eof) refill(0);
    let pos = hasUtf8Bom(buf.subarray(0, filled)) ? 3 : 0;
    let line = 1;

    // Line end: the first CR or LF decides (CR alone is an old Mac file); CR before LF is trimmed as blank.
    let newlineText: '\n' | '\r' | null;
    while ((newlineText = lineEndOf(buf, pos, filled, eof)) === null) {
      refill(pos);
      pos = 0;
    }
    const newline = newlineText === '\r' ? CR : LF;

    /** Skips blank lines (whitespace only counts as blank, as with csv-parse's trim); false when more bytes are needed. */
    const skipBlankLines = (): boolean => {
      for (;;) {
        let k = pos;
        while (k < filled && isBlank(buf[k]) && buf[k] !== newline) k++;
        if (k === filled && !eof) return false;
        if (k < filled && buf[k] === newline) {
          pos = k + 1;
          line++;
          continue;
        }
        if (k === filled) pos = filled;
        return true;
      }
    };

    // Field spans of the record being parsed (the needed columns only); -1 = not reached.
    let idIndex = -1;
    let stratumIndex = -1;
    let sortIndexes: number[] = [];
    let idStart = 0;
    let idEnd = 0;
    let idQuoted = false;
    let idEscaped = false;
    let stratumStart = 0;
    let stratumEnd = 0;
    let stratumQuoted = false;
    let stratumEscaped = false;
    let sortStart: number[] = [];
    let sortEnd: number[] = [];
    let sortQuoted: boolean[] = [];
    let sortEscaped: boolean[] = [];
    let fields = 0;
    let recordLines = 0;
    let delimiter = COMMA;

    const noteField = (field: number, start: number, stop: number, quoted: boolean, escaped: boolean) => {
      if (field === idIndex) {
        idStart = start;
        idEnd = stop;
        idQuoted = quoted;
        idEscaped = escaped;
      }
      if (field === stratumIndex) {
        stratumStart = start;
        stratumEnd = stop;
        stratumQuoted = quoted;
        stratumEscaped = escaped;
      }
      for (let k = 0; k < sortIndexes.length; k++) {
        if (sortIndexes[k] === field) {
          sortStart[k] = start;
          sortEnd[k] = stop;
          sortQuoted[k] = quoted;
          sortEscaped[k] = escaped;
        }
      }
    };

    /** Parses a record at pos field by field (quotes, line breaks in quotes); its end, or INCOMPLETE. */
    const parseRecord = (): number => {
      let p = pos;
      fields = 0;
      recordLines = 0;
      for (;;) {
        while (p < filled && isBlank(buf[p]) && buf[p] !== newline) p++;
        if (p < filled && buf[p] === QUOTE) {
          const opened = line + recordLines;
          let k = p + 1;
          let escaped = false;
          for (;;) {
            if (k >= filled) {
              if (eof) throw csvSyntaxError.unclosedQuote(opened);
              return INCOMPLETE;
            }
            const c = buf[k];
            if (c === QUOTE) {
              if (k + 1 >= filled && !eof) return INCOMPLETE;
              // buf beyond `filled` holds bytes of an earlier block: a quote there is not a doubled quote.
              if (k + 1 < filled && buf[k + 1] === QUOTE) {
                escaped = true;
                k += 2;
                continue;
              }
              break;
            }
            if (c === newline) recordLines++;
            k++;
          }
          const start = p + 1;
          const stop = k;
          k++;
          while (k < filled && isBlank(buf[k]) && buf[k] !== newline) k++;
          if (k >= filled && !eof) return INCOMPLETE;
          if (k < filled && buf[k] !== delimiter && buf[k] !== newline) {
            throw csvSyntaxError.textAfterQuote(line + recordLines);
          }
          noteField(fields, start, stop, true, escaped);
          p = k;
        } else {
          const start = p;
          while (p < filled) {
            const c = buf[p];
            if (c === delimiter || c === newline) break;
            if (c === QUOTE) throw csvSyntaxError.quoteInField(line + recordLines);
            p++;
          }
          if (p >= filled && !eof) return INCOMPLETE;
          let stop = p;
          while (stop > start && isBlank(buf[stop - 1])) stop--;
          noteField(fields, start, stop, false, false);
        }
        fields++;
        if (p >= filled) return p;
        if (buf[p++] === newline) {
          recordLines++;
          return p;
        }
      }
    };

    // Header: skip leading blank lines; the delimiter by the dialect's rule over the header record.
    while (!skipBlankLines()) {
      refill(pos);
      pos = 0;
    }
    if (pos >= filled) throw new RangeError('the frame is empty (no header row)');
    for (;;) {
      const { semicolons, commas, end } = headerCounts(buf, pos, filled);
      if (end !== -1 || eof) {
        delimiter = delimiterFor(semicolons, commas) === ';' ? SEMICOLON : COMMA;
        break;
      }
      refill(pos);
      pos = 0;
    }
    const dialect: Dialect = { delimiter, newline };
    let headerEnd: number;
    while ((headerEnd = parseRecord()) === INCOMPLETE) {
      refill(pos);
      pos = 0;
    }
    const names = csvColumnNames(readRecord(buf.subarray(0, headerEnd), pos, dialect, decoder));
    pos = headerEnd;
    line += recordLines;
    const columnIndex = (name: string) => {
      const k = names.indexOf(name);
      if (k === -1) throw new RangeError(`the frame has no column '${name}' (columns: ${names.join(', ')})`);
      return k;
    };
    idIndex = columnIndex(columns.id);
    stratumIndex = columnIndex(columns.stratum);
    sortIndexes = (columns.sortKeys ?? []).map(columnIndex);
    sortStart = sortIndexes.map(() => 0);
    sortEnd = sortIndexes.map(() => 0);
    sortQuoted = sortIndexes.map(() => false);
    sortEscaped = sortIndexes.map(() => false);
    const sortValues: string[][] = sortIndexes.map(() => []);
    const width = names.length;

    // Per-row arrays, sized by the line ends in the first block scaled to the file (doubled if too small).
    let linesInBlock = 0;
    for (let k = buf.indexOf(newline, pos); k !== -1 && k < filled; k = buf.indexOf(newline, k + 1)) linesInBlock++;
    const scale = eof ? 1 : (size - base - pos) / Math.max(1, filled - pos);
    const store = newRowStore(Math.ceil((linesInBlock + 1) * scale * 1.1) + 1024, collectIds);
    const texts = fieldTexts(decoder);
    const layout: PlainLayout = { delimiter, newline, idIndex, stratumIndex, width, sortIndexes: Int32Array.from(sortIndexes), sortValues, texts };

    const strata: string[] = [];
    const codeOfStratum = new Map<string, number>();
    const stratumCode = (text: string, row: number, recordLine: number): number => {
      if (text === '') throw new RangeError(`frame row ${row + 1} (line ${recordLine}) has an empty stratum in column '${columns.stratum}'`);
      let code = codeOfStratum.get(text);
      if (code === undefined) {
        code = strata.length;
        codeOfStratum.set(text, code);
        strata.push(text);
      }
      return code;
    };

    /** Takes over the record just parsed (general path) as the next frame row. */
    const commitRow = (recordStart: number, recordLine: number) => {
      const row = store.count;
      if (fields > idIndex) {
        let start = idStart;
        const stop = idEnd;
        if (!idQuoted) while (start < stop && isBlank(buf[start])) start++;
        const ascii = !idEscaped && isAscii(buf, start, stop);
        const text = ascii ? null : fieldText(buf, start, stop, idQuoted, idEscaped, decoder);
        if (ascii ? start === stop : text === '') {
          throw new RangeError(`frame row ${row + 1} (line ${recordLine}) has an empty id in column '${columns.id}'`);
        }
        if (text === null) nextId(store, buf, start, stop, decoder);
        else nextIdText(store, text);
      }
      if (fields > stratumIndex) {
        let code: number;
        let start = stratumStart;
        const stop = stratumEnd;
        if (stratumQuoted) code = stratumCode(fieldText(buf, start, stop, true, stratumEscaped, decoder), row, recordLine);
        else {
          while (start < stop && isBlank(buf[start])) start++;
          code = cachedStratum(store, buf, start, stop);
          if (code === -1) {
            code = stratumCode(fieldText(buf, start, stop, false, false, decoder), row, recordLine);
            cacheStratum(store, buf, start, stop, code);
          }
        }
        if (code > store.stratumMax) widenStrata(store, code);
        store.stratumOfRow[row] = code;
      }
      if (fields !== width) {
        throw new RangeError(`line ${recordLine}: frame row ${row + 1} has ${fields} fields, the header has ${width} (${names.join(', ')})`);
      }
      for (let k = 0; k < sortIndexes.length; k++) {
        sortValues[k].push(sortQuoted[k] ? fieldText(buf, sortStart[k], sortEnd[k], true, sortEscaped[k], decoder) : texts.text(buf, sortStart[k], sortEnd[k], sortIndexes[k]));
      }
      setRowStart(store, base + recordStart);
      store.count++;
    };

    /** Position of the next quote at or after pos in buf (filled when none). */
    let nextQuote = -1;
    for (;;) {
      if (nextQuote < pos) {
        nextQuote = buf.indexOf(QUOTE, pos);
        if (nextQuote === -1 || nextQuote >= filled) nextQuote = filled;
      }
      // Most records: the fast path, until something it does not handle.
      const rowsBefore = store.count;
      pos = scanPlainLines(store, layout, buf, base, pos, nextQuote);
      line += store.count - rowsBefore;

      if (pos >= filled && eof) break;
      const first = pos < filled ? buf[pos] : -1;
      if (first === -1 || isBlank(first) || first === newline) {
        if (!skipBlankLines()) {
          refill(pos);
          pos = 0;
          nextQuote = -1;
          continue;
        }
        if (pos >= filled) {
          if (eof) break;
          refill(pos);
          pos = 0;
          nextQuote = -1;
          continue;
        }
      }
      // Anything else — quotes, leading blanks, the first row, a row that needs a message — field by field.
      if (store.count === store.rowGap.length) growRowStore(store);
      const recordLine = line;
      const end = parseRecord();
      if (end === INCOMPLETE) {
        refill(pos);
        pos = 0;
        nextQuote = -1;
        continue;
      }
      commitRow(pos, recordLine);
      line += recordLines;
      pos = end;
    }
    // A file that ends inside a multi-byte character: the last bytes were never checked.
    if (encoding === 'utf-8' && checked < filled && !isUtf8(buf.subarray(checked, filled))) throw new NotUtf8();
    const rows = store.count;
    return {
      columns: names,
      dialect,
      rows,
      rowGap: store.rowGap.subarray(0, rows),
      firstRowStart: store.firstRowStart,
      stratumOfRow: store.stratumOfRow.subarray(0, rows),
      strata,
      idsAscending: store.idsAscending,
      ids: collectIds ? { arena: store.idArena.subarray(0, store.idArenaUsed), offset: store.idOffset.subarray(0, rows + 1), ascii: store.idsAscii } : null,
      sortValues,
    };
  });
}

/** Thrown in a first pass as soon as two ids are out of order: the ids must then be kept, in a second pass. */
class IdsNotAscending extends Error {}

/** What the scan keeps per row; shared by the general record path and the plain-line fast path. */
interface RowStore {
  count: number;
  /** Row i starts rowGap[i] bytes after row i − 1 (rowGap[0] = 0; row 0 starts at firstRowStart). */
  rowGap: NarrowArray;
  /** Largest gap rowGap can hold. */
  gapMax: number;
  firstRowStart: number;
  previousRowStart: number;
  stratumOfRow: NarrowArray;
  /** Largest code stratumOfRow can hold. */
  stratumMax: number;
  /** Keep every id (second pass), or only check their order (first pass). */
  collectIds: boolean;
  idsAscending: boolean;
  /** Ids of rows 0…count−1 as UTF-8: row i is idArena[idOffset[i] … idOffset[i + 1]). */
  idArena: Uint8Array;
  idArenaUsed: number;
  idOffset: Int32Array;
  idsAscii: boolean;
  /** The previous row's id: its bytes (ASCII), or its text. */
  previousId: Uint8Array;
  previousIdLength: number;
  previousIdText: string | null;
  /** Raw bytes of unquoted stratum values seen so far, by hash, with their code. */
  cacheOfHash: Map<number, number>;
  cacheBytes: Uint8Array[];
  cacheCode: number[];
  /** Cache entry of the previous row's stratum (frames are often grouped by district), or −1. */
  previousEntry: number;
}

function newRowStore(capacity: number, collectIds: boolean): RowStore {
  return {
    count: 0,
    rowGap: new Uint8Array(capacity),
    gapMax: 0xff,
    firstRowStart: -1,
    previousRowStart: -1,
    stratumOfRow: new Uint8Array(capacity),
    stratumMax: 0xff,
    collectIds,
    idsAscending: !collectIds,
    idArena: new Uint8Array(collectIds ? capacity * 12 : 0),
    idArenaUsed: 0,
    idOffset: new Int32Array(collectIds ? capacity + 1 : 0),
    idsAscii: true,
    previousId: new Uint8Array(64),
    previousIdLength: -1,
    previousIdText: null,
    cacheOfHash: new Map(),
    cacheBytes: [],
    cacheCode: [],
    previousEntry: -1,
  };
}

/**
 * Unsigned integers per row in the narrowest typed array that holds them: for a million rows the
 * first touch of fresh memory costs more than the scan, so one byte per row where one byte is enough.
 */
type NarrowArray = Uint8Array | Uint16Array | Int32Array;

/** Largest value a NarrowArray holds. */
const narrowMax = (array: NarrowArray) => (array instanceof Uint8Array ? 0xff : array instanceof Uint16Array ? 0xffff : 0x7fffffff);

/** A copy of array with the same length that holds values up to `value`. */
function widen(array: NarrowArray, value: number): NarrowArray {
  const wider = value <= 0xffff ? new Uint16Array(array.length) : new Int32Array(array.length);
  wider.set(array);
  return wider;
}

function widenStrata(store: RowStore, code: number): void {
  store.stratumOfRow = widen(store.stratumOfRow, code);
  store.stratumMax = narrowMax(store.stratumOfRow);
}

/** Records where row store.count starts. */
function setRowStart(store: RowStore, start: number): void {
  if (store.count === 0) store.firstRowStart = start;
  const gap = store.count === 0 ? 0 : start - store.previousRowStart;
  if (gap > store.gapMax) {
    store.rowGap = widen(store.rowGap, gap);
    store.gapMax = narrowMax(store.rowGap);
  }
  store.rowGap[store.count] = gap;
  store.previousRowStart = start;
}

function growRowStore(store: RowStore): void {
  const grow = <T extends NarrowArray>(array: T, length: number): T => {
    const bigger = new (array.constructor as new (length: number) => T)(length);
    bigger.set(array);
    return bigger;
  };
  const capacity = store.rowGap.length * 2;
  store.rowGap = grow(store.rowGap, capacity);
  store.stratumOfRow = grow(store.stratumOfRow, capacity);
  if (store.collectIds) store.idOffset = grow(store.idOffset, capacity + 1);
}

/** Rows between two absolute row starts kept by rowSpanFinder. */
const CHECKPOINT_EVERY = 256;

/**
 * Where rows lie in the file, from the gaps: an absolute start every CHECKPOINT_EVERY rows, the rest
 * summed from the nearest one. Returns a function giving start and end (the next row's start, or the
 * end of the file) of rows asked in ascending order, in one walk.
 */
function rowSpanFinder(rowGap: NarrowArray, firstRowStart: number, fileSize: number): (ascending: ArrayLike<number>) => { starts: Float64Array; ends: Float64Array } {
  const rows = rowGap.length;
  const checkpoints = new Float64Array(Math.ceil(rows / CHECKPOINT_EVERY));
  let start = firstRowStart;
  for (let i = 0; i < rows; i++) {
    start += rowGap[i];
    if (i % CHECKPOINT_EVERY === 0) checkpoints[i / CHECKPOINT_EVERY] = start;
  }
  return (ascending) => {
    const starts = new Float64Array(ascending.length);
    const ends = new Float64Array(ascending.length);
    let row = -1;
    let at = 0;
    for (let k = 0; k < ascending.length; k++) {
      const target = ascending[k];
      if (target < row) throw new RangeError('rows must be asked for in ascending order');
      if (row === -1 || target - row >= CHECKPOINT_EVERY) {
        row = target - (target % CHECKPOINT_EVERY);
        at = checkpoints[row / CHECKPOINT_EVERY];
      }
      while (row < target) at += rowGap[++row];
      starts[k] = at;
      ends[k] = target + 1 < rows ? at + rowGap[target + 1] : fileSize;
    }
    return { starts, ends };
  };
}

/** Appends an id's UTF-8 bytes to the arena. */
function collectId(store: RowStore, bytes: Uint8Array, from: number, to: number): void {
  while (store.idArenaUsed + (to - from) > store.idArena.length) {
    const bigger = new Uint8Array(Math.max(1024, store.idArena.length * 2));
    bigger.set(store.idArena.subarray(0, store.idArenaUsed));
    store.idArena = bigger;
  }
  const arena = store.idArena;
  let used = store.idArenaUsed;
  for (let k = from; k < to; k++) arena[used++] = bytes[k];
  store.idArenaUsed = used;
  store.idOffset[store.count + 1] = used;
}

/** The next row's id, plain ASCII in bytes[start…stop): checks the order (first pass) or keeps it (second pass). */
function nextId(store: RowStore, bytes: Uint8Array, start: number, stop: number, decoder: CsvDecoder): void {
  if (store.collectIds) return collectId(store, bytes, start, stop);
  if (store.previousIdLength !== -1) {
    const order =
      store.previousIdText === null
        ? compareBytes(store.previousId, 0, store.previousIdLength, bytes, start, stop)
        : compareText(store.previousIdText, decode(bytes, start, stop, decoder));
    if (order >= 0) throw new IdsNotAscending();
  }
  rememberId(store, bytes, start, stop);
}

/** Keeps a copy of the previous row's id (the read buffer is reused). */
function rememberId(store: RowStore, bytes: Uint8Array, start: number, stop: number): void {
  if (stop - start > store.previousId.length) store.previousId = new Uint8Array(2 * (stop - start));
  const previous = store.previousId;
  for (let k = start; k < stop; k++) previous[k - start] = bytes[k];
  store.previousIdLength = stop - start;
  store.previousIdText = null;
}

/** The next row's id as text (quoted with `""`, or outside ASCII); compared in UTF-16 code units. */
function nextIdText(store: RowStore, text: string): void {
  if (store.collectIds) {
    const bytes = utf8Encoder.encode(text);
    if (!isAscii(bytes, 0, bytes.length)) store.idsAscii = false;
    return collectId(store, bytes, 0, bytes.length);
  }
  if (store.previousIdLength !== -1) {
    const previous = store.previousIdText ?? decode(store.previousId, 0, store.previousIdLength, decoders['utf-8']);
    if (compareText(previous, text) >= 0) throw new IdsNotAscending();
  }
  store.previousIdText = text;
  store.previousIdLength = 0;
}

/** The code of an unquoted stratum value seen before (same bytes), or −1. */
function cachedStratum(store: RowStore, bytes: Uint8Array, start: number, stop: number): number {
  const previous = store.previousEntry;
  if (previous !== -1) {
    const cached = store.cacheBytes[previous];
    if (compareBytes(cached, 0, cached.length, bytes, start, stop) === 0) return store.cacheCode[previous];
  }
  const entry = store.cacheOfHash.get(hashBytes(bytes, start, stop));
  if (entry === undefined) return -1;
  const cached = store.cacheBytes[entry];
  if (compareBytes(cached, 0, cached.length, bytes, start, stop) !== 0) return -1;
  store.previousEntry = entry;
  return store.cacheCode[entry];
}

/** Remembers the raw bytes of a stratum value (a hash collision keeps the first value; the other is decoded each time). */
function cacheStratum(store: RowStore, bytes: Uint8Array, start: number, stop: number, code: number): void {
  const hash = hashBytes(bytes, start, stop);
  if (store.cacheOfHash.has(hash)) return;
  store.cacheOfHash.set(hash, store.cacheBytes.length);
  store.previousEntry = store.cacheBytes.length;
  store.cacheBytes.push(Uint8Array.from(bytes.subarray(start, stop)));
  store.cacheCode.push(code);
}

/** Number of bytes equal to `byte` in bytes[from…to). */
export function countByte(bytes: Uint8Array, from: number, to: number, byte: number): number {
  let count = 0;
  for (let k = from; k < to; k++) if (bytes[k] === byte) count++;
  return count;
}

/**
 * countByte four bytes at a time: `words` is the same memory as `bytes` read as 32-bit integers
 * (bytes.byteOffset divisible by 4). A byte of x = word XOR (byte repeated) is zero exactly when
 * ((x & 0x7f7f7f7f) + 0x7f7f7f7f | x) leaves its high bit clear — no carry crosses bytes, so there
 * are no false positives (S. E. Anderson, Bit Twiddling Hacks, "Determine if a word has a zero byte").
 * The high bits are summed with one multiplication. Cost: O(to − from), about ¼ of the loads.
 */
export function countByteInWords(bytes: Uint8Array, words: Int32Array, from: number, to: number, byte: number): number {
  const repeated = Math.imul(byte, 0x01010101);
  let count = 0;
  let k = from;
  for (; k < to && (k & 3) !== 0; k++) if (bytes[k] === byte) count++;
  const lastWord = to & ~3;
  for (; k < lastWord; k += 4) {
    const x = words[k >> 2] ^ repeated;
    const zeroBytes = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
    if (zeroBytes !== 0) count += Math.imul(zeroBytes >>> 7, 0x01010101) >>> 24;
  }
  for (; k < to; k++) if (bytes[k] === byte) count++;
  return count;
}

/** Where the fast path finds the id and stratum, and the field count every row must have. */
interface PlainLayout {
  delimiter: number;
  newline: number;
  idIndex: number;
  stratumIndex: number;
  width: number;
  /** Sort columns of a systematic draw, their values by row, and the texts they are taken from. */
  sortIndexes: Int32Array;
  sortValues: string[][];
  texts: FieldTexts;
}

/**
 * Fast path over consecutive one-line records without quotes in buf[pos…limit): finds the id and the
 * stratum, checks or keeps the id, looks the stratum up among the values seen before and takes the
 * sort columns' texts (repeated values shared); other fields are only counted. It returns its position at anything else — a line starting with a blank, a line
 * not ending before `limit` (a quote, or the end of the bytes read so far), a row that needs a message,
 * an id outside ASCII, a stratum not seen before, full row arrays — for the general record path.
 * Cost: O(bytes); no allocation per row without sort columns.
 */
function scanPlainLines(store: RowStore, layout: PlainLayout, buf: Buffer, base: number, pos: number, limit: number): number {
  const { delimiter, newline, idIndex, stratumIndex, width, sortIndexes, sortValues, texts } = layout;
  const sortCount = sortIndexes.length;
  let lastNeeded = idIndex > stratumIndex ? idIndex : stratumIndex;
  for (let k = 0; k < sortCount; k++) if (sortIndexes[k] > lastNeeded) lastNeeded = sortIndexes[k];
  const sortStart = new Int32Array(sortCount);
  const sortEnd = new Int32Array(sortCount);
  const { rowGap, stratumOfRow, collectIds, gapMax, stratumMax } = store;
  const capacity = rowGap.length;
  let count = store.count;
  // The first row is taken by the general path (it sets firstRowStart).
  if (count === 0) return pos;
  let previousRowStart = store.previousRowStart;
  const words = buf.byteOffset % 4 === 0 ? new Int32Array(buf.buffer, buf.byteOffset, buf.length >> 2) : null;
  // The previous id as a range of buf once this call has taken a row (no copy per row).
  let previousStart = -1;
  let previousEnd = -1;
  while (pos < limit && count < capacity) {
    const first = buf[pos];
    if (isBlank(first) || first === newline) break;
    const lineEnd = buf.indexOf(newline, pos);
    if (lineEnd === -1 || lineEnd >= limit) break;
    let p = pos;
    let field = 0;
    let idStart = 0;
    let idEnd = 0;
    let stratumStart = 0;
    let stratumEnd = 0;
    for (;;) {
      const start = p;
      while (p < lineEnd && buf[p] !== delimiter) p++;
      if (field === idIndex) {
        idStart = start;
        idEnd = p;
      }
      if (field === stratumIndex) {
        stratumStart = start;
        stratumEnd = p;
      }
      for (let k = 0; k < sortCount; k++) {
        if (sortIndexes[k] === field) {
          sortStart[k] = start;
          sortEnd[k] = p;
        }
      }
      field++;
      if (p >= lineEnd || field > lastNeeded) break;
      p++;
    }
    // Each further delimiter starts one more field.
    if (p < lineEnd) field += words === null ? countByte(buf, p, lineEnd, delimiter) : countByteInWords(buf, words, p, lineEnd, delimiter);
    if (field !== width) break;
    while (idStart < idEnd && isBlank(buf[idStart])) idStart++;
    while (idEnd > idStart && isBlank(buf[idEnd - 1])) idEnd--;
    while (stratumStart < stratumEnd && isBlank(buf[stratumStart])) stratumStart++;
    while (stratumEnd > stratumStart && isBlank(buf[stratumEnd - 1])) stratumEnd--;
    if (idStart === idEnd || stratumStart === stratumEnd) break;
    // The id is compared with the previous one (in buf) in one walk that also checks that the new bytes
    // are ASCII: the common prefix is, since the previous id was.
    let order = 0;
    if (!collectIds && previousStart !== -1) {
      const previousLength = previousEnd - previousStart;
      const length = idEnd - idStart;
      const common = previousLength < length ? previousLength : length;
      let k = 0;
      while (k < common && buf[previousStart + k] === buf[idStart + k]) k++;
      if (!isAscii(buf, idStart + k, idEnd)) break;
      order = k < common ? buf[previousStart + k] - buf[idStart + k] : previousLength - length;
    } else if (!isAscii(buf, idStart, idEnd)) break;
    const code = cachedStratum(store, buf, stratumStart, stratumEnd);
    const gap = base + pos - previousRowStart;
    if (code === -1 || code > stratumMax || gap > gapMax) break;
    if (collectIds) {
      store.count = count;
      collectId(store, buf, idStart, idEnd);
    } else if (previousStart !== -1) {
      if (order >= 0) throw new IdsNotAscending();
    } else {
      store.count = count;
      nextId(store, buf, idStart, idEnd, decoders['utf-8']);
    }
    for (let k = 0; k < sortCount; k++) sortValues[k].push(texts.text(buf, sortStart[k], sortEnd[k], sortIndexes[k]));
    previousStart = idStart;
    previousEnd = idEnd;
    rowGap[count] = gap;
    previousRowStart = base + pos;
    stratumOfRow[count] = code;
    count++;
    pos = lineEnd + 1;
  }
  if (previousStart !== -1 && !collectIds) rememberId(store, buf, previousStart, previousEnd);
  store.count = count;
  store.previousRowStart = previousRowStart;
  return pos;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Field texts of rows read again, by column. */
interface FieldTexts {
  /** The trimmed text of the unquoted field bytes[from…to) in a column. */
  text(bytes: Buffer, from: number, to: number, column: number): string;
}

/** Distinct short values kept per column; a column with more (an id, a street number) is not remembered further. */
const REPEATED_VALUES_PER_COLUMN = 4096;

/** Whitespace String.prototype.trim removes, among ASCII bytes (a line may hold LF when lines end in CR). */
const isAsciiSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/** Text of a field trimmed of ASCII spaces already: ASCII as is, the rest decoded and trimmed of Unicode spaces (such as NBSP). */
const decodeTrimmed = (bytes: Buffer, start: number, stop: number, ascii: boolean, decoder: CsvDecoder) =>
  ascii ? bytes.toString('latin1', start, stop) : decoder.decode(bytes.subarray(start, stop)).trim();

/**
 * Field texts in which values that repeat (district, postcode, street, household type, number of
 * children) are one string each, looked up by their bytes: a few thousand distinct values instead of
 * one new string per field keeps the memory of thousands of drawn rows small. Text equals
 * `decode(bytes).trim()`.
 */
function fieldTexts(decoder: CsvDecoder): FieldTexts {
  const known: Map<number, { raw: Uint8Array; text: string }>[] = [];
  return {
    text(bytes, from, to, column) {
      let start = from;
      let stop = to;
      while (start < stop && isAsciiSpace(bytes[start])) start++;
      while (stop > start && isAsciiSpace(bytes[stop - 1])) stop--;
      const values = (known[column] ??= new Map());
      // Long values, and columns of mostly distinct values (ids), are not looked up.
      if (stop - start > 64 || values.size >= REPEATED_VALUES_PER_COLUMN) return decodeTrimmed(bytes, start, stop, isAscii(bytes, start, stop), decoder);
      const hash = hashBytes(bytes, start, stop);
      const entry = values.get(hash);
      if (entry !== undefined && compareBytes(entry.raw, 0, entry.raw.length, bytes, start, stop) === 0) return entry.text;
      const text = decodeTrimmed(bytes, start, stop, isAscii(bytes, start, stop), decoder);
      if (entry === undefined) {
        const raw = new Uint8Array(stop - start);
        for (let k = start; k < stop; k++) raw[k - start] = bytes[k];
        values.set(hash, { raw, text });
      }
      return text;
    },
  };
}

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

/** Whether all bytes of the source are UTF-8, read block by block. */
function isUtf8Source(source: ByteSource, blockSize: number): boolean {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  return source.withReader((readAt) => {
    const block = new Uint8Array(Math.max(1, Math.min(blockSize, source.size)));
    try {
      for (let position = 0; position < source.size; ) {
        const n = readAt(block, position);
        if (n <= 0) break; // a short file: the next pass says so
        utf8.decode(block.subarray(0, n), { stream: true });
        position += n;
      }
      utf8.decode();
      return true;
    } catch {
      return false;
    }
  });
}

/** The FrameCsv view of a scan: ids, comparators and rows read again by position. */
function frameCsv(source: ByteSource, columns: FrameCsvColumns, encoding: CsvEncoding, scan: Scan, blockSize: number): FrameCsv {
  const { rows: size, dialect, sortValues } = scan;
  const rowSpans = rowSpanFinder(scan.rowGap, scan.firstRowStart, source.size);
  const decoder = decoders[encoding];
  const idColumnIndex = scan.columns.indexOf(columns.id);

  const rows = (indices: readonly number[]): string[][] => {
    for (const i of indices) {
      if (!Number.isInteger(i) || i < 0 || i >= size) throw new RangeError(`frame row index ${i} is outside 0…${size - 1}`);
    }
    // Read in file order (a sample usually comes in row order already).
    let inOrder = true;
    for (let k = 1; k < indices.length && inOrder; k++) inOrder = indices[k - 1] <= indices[k];
    let order: number[] | null = null;
    let sorted = indices;
    if (!inOrder) {
      order = Array.from(indices, (_, k) => k).sort((a, b) => indices[a] - indices[b]);
      sorted = order.map((k) => indices[k]);
    }
    const result = new Array<string[]>(indices.length);
    const texts = fieldTexts(decoder);
    // A record ends where the next row starts (blank lines in between are skipped when it is parsed).
    const { starts, ends } = rowSpans(sorted);
    source.withReader((readAt) => {
      let block = Buffer.alloc(0);
      let blockBase = 0;
      let blockLength = 0;
      for (let k = 0; k < sorted.length; k++) {
        const i = sorted[k];
        const start = starts[k];
        const end = ends[k];
        if (start < blockBase || end > blockBase + blockLength) {
          // Read from this row to the end of the last following wanted row that fits into one block.
          const limit = Math.max(blockSize, end - start);
          let until = end;
          for (let j = k + 1; j < sorted.length && ends[j] - start <= limit; j++) until = ends[j];
          if (block.length < until - start) block = Buffer.alloc(Math.max(until - start, Math.min(limit, source.size)));
          blockBase = start;
          blockLength = 0;
          while (blockLength < until - start) {
            const n = readAt(block.subarray(blockLength, until - start), start + blockLength);
            if (n <= 0) throw new RangeError(`the frame file ended before row ${i + 1} (was it changed after it was read?)`);
            blockLength += n;
          }
        }
        result[order === null ? k : order[k]] = parseRow(block, start - blockBase, end - blockBase, texts);
      }
    });
    return result;
  };

  const delimiterText = dialect.delimiter === SEMICOLON ? ';' : ',';
  /** A line without quotes (the usual case) is cut into fields here; otherwise the record reader. */
  const parseRow = (block: Buffer, start: number, end: number, texts: FieldTexts): string[] => {
    let stop = start;
    while (stop < end && block[stop] !== dialect.newline && block[stop] !== QUOTE) stop++;
    if (stop < end && block[stop] === QUOTE) return readRecord(block.subarray(start, end), 0, dialect, decoder);
    const fields: string[] = [];
    let p = start;
    for (let column = 0; ; column++) {
      const from = p;
      while (p < stop && block[p] !== dialect.delimiter) p++;
      fields.push(texts.text(block, from, p, column));
      if (p >= stop) return fields;
      p++;
    }
  };

  const ids = scan.ids;
  // Ids outside ASCII are compared as strings (UTF-16 code units), like the record path.
  const idStrings = ids && !ids.ascii ? Array.from({ length: size }, (_, i) => decode(ids.arena, ids.offset[i], ids.offset[i + 1], decoders['utf-8'])) : null;
  let id: (i: number) => string;
  let compareIds: (a: number, b: number) => number;
  let idOrder: (() => Int32Array) | undefined;
  if (idStrings) {
    id = (i) => idStrings[i];
    compareIds = (a, b) => compareText(idStrings[a], idStrings[b]);
  } else if (ids) {
    const { arena, offset } = ids;
    id = (i) => decode(arena, offset[i], offset[i + 1], decoders['utf-8']);
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
    delimiter: delimiterText,
    encoding,
    id,
    compareIds,
    idOrder,
    compareSortKeys,
    rows,
    row: (i) => rows([i])[0],
  };
}
