/**
 * Column extractor for large frame CSV files: reads the bytes of a frame once and materialises only
 * what a draw needs — the id and stratum columns (and the sort columns of a systematic draw) — instead
 * of one object per row. The selected rows are read in full afterwards with `row(i)`.
 *
 * Pure (bytes in, data out), so the CLI (`api/cli/io.ts`) and the server's frame import can share it.
 *
 * The CSV dialect is the one `readCsvFile` accepts: UTF-8 with or without BOM, `,` or `;` (whichever
 * occurs more often in the header line), LF, CRLF or CR line ends, RFC 4180 quoted fields (`""` inside
 * quotes is a quote; quoted fields may hold delimiters and line breaks), whitespace around fields
 * trimmed (not inside quotes), blank lines skipped, every row with as many fields as the header.
 */
import type { FrameUnits } from '../../sampling/index';

/** Which columns of the frame a draw uses. */
export interface FrameCsvColumns {
  /** Column with the unique unit id (e.g. household_id). */
  id: string;
  /** Column with the stratum (e.g. district). */
  stratum: string;
  /** Sort columns of a systematic draw (e.g. postcode, street). */
  sortKeys?: readonly string[];
}

/** A frame read by extractFrameColumns: FrameUnits for the draw, plus the header and full rows on demand. */
export interface FrameCsv extends FrameUnits {
  /** Column names from the header row (trimmed), in file order. */
  readonly columns: readonly string[];
  /** Delimiter found in the header line. */
  readonly delimiter: ';' | ',';
  /** All fields of data row i (0-based) as text, in column order, exactly as readCsvFile would give them. */
  row(i: number): string[];
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;

/** Whitespace trimmed around fields (besides the line end): space, tab, CR, vertical tab, form feed. */
const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === CR || c === 0x0b || c === 0x0c;

const utf8 = new TextDecoder('utf-8');

/** Compares two byte ranges of ASCII text; for ASCII, byte order is UTF-16 code-unit order. */
function compareBytes(bytes: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const length = aLength < bLength ? aLength : bLength;
  for (let k = 0; k < length; k++) {
    const d = bytes[aStart + k] - bytes[bStart + k];
    if (d !== 0) return d;
  }
  return aLength - bLength;
}

/** Doubles a typed array's capacity, keeping its content. */
function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Text of a byte range; short ASCII is built directly (cheaper than a decoder call), the rest decoded as UTF-8. */
function decode(bytes: Uint8Array, start: number, stop: number): string {
  if (stop - start <= 32) {
    let text = '';
    for (let k = start; k < stop; k++) {
      const c = bytes[k];
      if (c >= 0x80) return utf8.decode(bytes.subarray(start, stop));
      text += String.fromCharCode(c);
    }
    return text;
  }
  return utf8.decode(bytes.subarray(start, stop));
}

/** The text of a field: quotes undone; unquoted values trimmed (also of Unicode spaces such as NBSP). */
function fieldText(bytes: Uint8Array, start: number, stop: number, quoted: boolean, escaped: boolean): string {
  const text = decode(bytes, start, stop);
  if (quoted) return escaped ? text.replaceAll('""', '"') : text;
  return text.trim();
}

/** Reading position in the bytes, with the file line for messages. */
interface Cursor {
  pos: number;
  line: number;
}

/** Where one field's value lies in the bytes (quotes and surrounding whitespace excluded). */
interface FieldSpan {
  start: number;
  end: number;
  quoted: boolean;
  /** A quoted field containing `""`. */
  escaped: boolean;
}

/** The CSV dialect of one file. */
interface Dialect {
  delimiter: number;
  newline: number;
}

/** Skips blank lines from cursor.pos (a line of whitespace only counts as blank, as with csv-parse's trim). */
function skipBlankLines(bytes: Uint8Array, cursor: Cursor, newline: number): void {
  const end = bytes.length;
  for (;;) {
    let k = cursor.pos;
    while (k < end && isBlank(bytes[k]) && bytes[k] !== newline) k++;
    if (k < end && bytes[k] === newline) {
      cursor.pos = k + 1;
      cursor.line++;
      continue;
    }
    if (k === end) cursor.pos = end;
    return;
  }
}

const QUOTE_IN_FIELD = 'a quote inside an unquoted field (quote the whole field and double the quotes inside)';

/**
 * Reads one field at cursor.pos into `span` and leaves the cursor at the delimiter, the line end or
 * the end of the bytes. Counts line breaks inside quotes.
 */
function readField(bytes: Uint8Array, cursor: Cursor, dialect: Dialect, span: FieldSpan): void {
  const end = bytes.length;
  const { delimiter, newline } = dialect;
  let p = cursor.pos;
  while (p < end && isBlank(bytes[p]) && bytes[p] !== newline) p++;
  span.quoted = false;
  span.escaped = false;
  if (p < end && bytes[p] === QUOTE) {
    const opened = cursor.line;
    let k = p + 1;
    for (;;) {
      if (k >= end) throw new RangeError(`line ${opened}: a quoted field is not closed (missing '"')`);
      const c = bytes[k];
      if (c === QUOTE) {
        if (bytes[k + 1] === QUOTE) {
          span.escaped = true;
          k += 2;
          continue;
        }
        break;
      }
      if (c === newline) cursor.line++;
      k++;
    }
    span.quoted = true;
    span.start = p + 1;
    span.end = k;
    k++;
    while (k < end && isBlank(bytes[k]) && bytes[k] !== newline) k++;
    if (k < end && bytes[k] !== delimiter && bytes[k] !== newline) {
      throw new RangeError(`line ${cursor.line}: unexpected text after the closing quote of a field`);
    }
    cursor.pos = k;
    return;
  }
  const start = p;
  while (p < end) {
    const c = bytes[p];
    if (c === delimiter || c === newline) break;
    if (c === QUOTE) throw new RangeError(`line ${cursor.line}: ${QUOTE_IN_FIELD}`);
    p++;
  }
  let stop = p;
  while (stop > start && isBlank(bytes[stop - 1])) stop--;
  span.start = start;
  span.end = stop;
  cursor.pos = p;
}

/** Reads a whole record at cursor.pos (all fields as text) and moves the cursor past its line end. */
function readRecord(bytes: Uint8Array, cursor: Cursor, dialect: Dialect): string[] {
  const span: FieldSpan = { start: 0, end: 0, quoted: false, escaped: false };
  const fields: string[] = [];
  for (;;) {
    readField(bytes, cursor, dialect, span);
    fields.push(fieldText(bytes, span.start, span.end, span.quoted, span.escaped));
    if (cursor.pos >= bytes.length) return fields;
    const c = bytes[cursor.pos++];
    if (c === dialect.newline) {
      cursor.line++;
      return fields;
    }
  }
}

/**
 * Extracts the id, stratum and sort columns of a frame CSV (see the module comment for the dialect).
 * Ids that are plain ASCII stay byte ranges (no string per row); the ids' order (UTF-16 code units)
 * and whether they are strictly ascending in row order are known without building strings.
 * Strata become small integer codes. Other columns are only located (row starts), not copied.
 * Cost: O(size of the bytes), one pass; memory ≈ 16 bytes per row plus the sort columns' text.
 * @throws RangeError naming the line (and for data problems the frame row, 1-based, header excluded)
 *   for: no header row, a missing id/stratum/sort column, a row with the wrong number of fields, an
 *   unclosed quote, a quote inside an unquoted field, text after a closing quote, an empty id or stratum.
 * @example extractFrameColumns(new TextEncoder().encode('id;district\nB;Ost\nA;Ost\n'), { id: 'id', stratum: 'district' }).size // → 2
 */
export function extractFrameColumns(bytes: Uint8Array, columns: FrameCsvColumns): FrameCsv {
  const end = bytes.length;
  if (end > 0x7fffffff) throw new RangeError('the frame file is larger than 2 GB');
  const cursor: Cursor = { pos: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0, line: 1 };

  // Line end: the first CR or LF decides (CR alone is an old Mac file); CR before LF is trimmed as blank.
  let newline = LF;
  for (let k = cursor.pos; k < end; k++) {
    if (bytes[k] === LF) break;
    if (bytes[k] === CR) {
      if (bytes[k + 1] !== LF) newline = CR;
      break;
    }
  }

  // Header: skip leading blank lines; the delimiter is the more frequent of ';' and ',' in its raw line.
  skipBlankLines(bytes, cursor, newline);
  if (cursor.pos >= end) throw new RangeError('the frame is empty (no header row)');
  let semicolons = 0;
  let commas = 0;
  for (let k = cursor.pos; k < end && bytes[k] !== newline && bytes[k] !== LF; k++) {
    if (bytes[k] === SEMICOLON) semicolons++;
    else if (bytes[k] === COMMA) commas++;
  }
  const delimiter = semicolons > commas ? SEMICOLON : COMMA;
  const dialect: Dialect = { delimiter, newline };
  const names = readRecord(bytes, cursor, dialect);
  const indexOf = (name: string) => {
    const k = names.indexOf(name);
    if (k === -1) throw new RangeError(`the frame has no column '${name}' (columns: ${names.join(', ')})`);
    return k;
  };
  const idIndex = indexOf(columns.id);
  const stratumIndex = indexOf(columns.stratum);
  const sortIndexes = (columns.sortKeys ?? []).map(indexOf);
  const sortValues: string[][] = sortIndexes.map(() => []);
  const hasSortKeys = sortIndexes.length > 0;
  const width = names.length;
  /** Fields after this one are only counted, not located (the draw does not need them). */
  const lastNeeded = Math.max(idIndex, stratumIndex, ...sortIndexes);

  // Bytes that end or complicate an unquoted field: 1 = delimiter, 2 = line end, 3 = quote.
  const special = new Uint8Array(256);
  special[delimiter] = 1;
  special[newline] = 2;
  special[QUOTE] = 3;

  let capacity = Math.max(1024, Math.ceil(end / 32));
  let rowStart: Int32Array = new Int32Array(capacity);
  let idStart: Int32Array = new Int32Array(capacity);
  let idEnd: Int32Array = new Int32Array(capacity);
  let stratumOfRow: Int32Array = new Int32Array(capacity);
  /** Ids that are not plain ASCII byte ranges (quoted, or non-ASCII), by row. */
  const idTexts = new Map<number, string>();

  const strata: string[] = [];
  const codeOfStratum = new Map<string, number>();
  const stratumCode = (text: string, row: number): number => {
    if (text === '') throw new RangeError(`frame row ${row + 1} (line ${cursor.line}) has an empty stratum in column '${columns.stratum}'`);
    let code = codeOfStratum.get(text);
    if (code === undefined) {
      code = strata.length;
      codeOfStratum.set(text, code);
      strata.push(text);
    }
    return code;
  };
  // Raw-byte cache of unquoted stratum values: hash → entry; an entry's bytes are compared before use,
  // so a hash collision only costs a decode.
  const cacheOfHash = new Map<number, number>();
  const cacheStart: number[] = [];
  const cacheEnd: number[] = [];
  const cacheCode: number[] = [];
  let previousStratumStart = -1;
  let previousStratumEnd = -1;
  let previousStratumCode = -1;

  const span: FieldSpan = { start: 0, end: 0, quoted: false, escaped: false };
  let rows = 0;
  let idsAscending = true;
  let pos = cursor.pos;
  for (;;) {
    // Blank lines (rare) are skipped by the general routine.
    if (pos < end && (bytes[pos] === newline || isBlank(bytes[pos]))) {
      cursor.pos = pos;
      skipBlankLines(bytes, cursor, newline);
      pos = cursor.pos;
    }
    if (pos >= end) break;
    if (rows === capacity) {
      capacity *= 2;
      rowStart = grow(rowStart);
      idStart = grow(idStart);
      idEnd = grow(idEnd);
      stratumOfRow = grow(stratumOfRow);
    }
    rowStart[rows] = pos;
    const recordLine = cursor.line;
    let field = 0;
    for (;;) {
      let start = pos;
      let stop: number;
      let quoted = false;
      let escaped = false;
      const first = pos < end ? bytes[pos] : 0;
      if (first === QUOTE || (isBlank(first) && first !== newline)) {
        // Quoted or space-led field (rare): the general routine.
        cursor.pos = pos;
        readField(bytes, cursor, dialect, span);
        pos = cursor.pos;
        start = span.start;
        stop = span.end;
        quoted = span.quoted;
        escaped = span.escaped;
      } else {
        // Hot path: an unquoted field, scanned for the next special byte.
        while (pos < end && special[bytes[pos]] === 0) pos++;
        if (pos < end && bytes[pos] === QUOTE) throw new RangeError(`line ${cursor.line}: ${QUOTE_IN_FIELD}`);
        stop = pos;
        while (stop > start && isBlank(bytes[stop - 1])) stop--;
      }

      if (field === idIndex) {
        let ascii = !quoted;
        for (let k = start; ascii && k < stop; k++) if (bytes[k] >= 0x80) ascii = false;
        if (ascii) {
          if (start === stop) throw new RangeError(`frame row ${rows + 1} (line ${recordLine}) has an empty id in column '${columns.id}'`);
        } else {
          const text = fieldText(bytes, start, stop, quoted, escaped);
          if (text === '') throw new RangeError(`frame row ${rows + 1} (line ${recordLine}) has an empty id in column '${columns.id}'`);
          idTexts.set(rows, text);
        }
        idStart[rows] = start;
        idEnd[rows] = stop;
        if (idsAscending && rows > 0 && compareBytes(bytes, idStart[rows - 1], idEnd[rows - 1], start, stop) >= 0) idsAscending = false;
      } else if (field === stratumIndex) {
        let code: number;
        if (quoted) code = stratumCode(fieldText(bytes, start, stop, true, escaped), rows);
        else if (previousStratumCode !== -1 && compareBytes(bytes, previousStratumStart, previousStratumEnd, start, stop) === 0) code = previousStratumCode;
        else {
          let hash = 0x811c9dc5;
          for (let k = start; k < stop; k++) hash = Math.imul(hash ^ bytes[k], 0x01000193);
          const entry = cacheOfHash.get(hash);
          if (entry !== undefined && compareBytes(bytes, cacheStart[entry], cacheEnd[entry], start, stop) === 0) code = cacheCode[entry];
          else {
            code = stratumCode(fieldText(bytes, start, stop, false, false), rows);
            if (entry === undefined) {
              cacheOfHash.set(hash, cacheCode.length);
              cacheStart.push(start);
              cacheEnd.push(stop);
              cacheCode.push(code);
            }
          }
          previousStratumStart = start;
          previousStratumEnd = stop;
          previousStratumCode = code;
        }
        stratumOfRow[rows] = code;
      }
      if (hasSortKeys) {
        const k = sortIndexes.indexOf(field);
        if (k !== -1) sortValues[k].push(fieldText(bytes, start, stop, quoted, escaped));
      }
      field++;
      if (pos >= end) break;
      if (bytes[pos++] === newline) break;
      if (field > lastNeeded) {
        // Rest of the line: count delimiters in one tight loop; a quote hands the field to the general routine.
        let fieldStart = pos;
        while (pos < end) {
          const kind = special[bytes[pos]];
          if (kind === 0) pos++;
          else if (kind === 1) {
            field++;
            fieldStart = ++pos;
          } else break;
        }
        if (pos < end && bytes[pos] === QUOTE) {
          let k = fieldStart;
          while (k < pos && isBlank(bytes[k])) k++;
          if (k !== pos) throw new RangeError(`line ${cursor.line}: ${QUOTE_IN_FIELD}`);
          pos = fieldStart;
          continue;
        }
        field++;
        if (pos < end) pos++;
        break;
      }
    }
    if (field !== width) {
      throw new RangeError(`line ${recordLine}: frame row ${rows + 1} has ${field} fields, the header has ${width} (${names.join(', ')})`);
    }
    cursor.line++;
    rows++;
  }

  // Ids that are not all plain ASCII are compared as strings (UTF-16 code units), like the record path.
  let idStrings: string[] | null = null;
  if (idTexts.size > 0) {
    idStrings = new Array<string>(rows);
    for (let i = 0; i < rows; i++) idStrings[i] = idTexts.get(i) ?? decode(bytes, idStart[i], idEnd[i]);
    idsAscending = true;
    for (let i = 1; i < rows && idsAscending; i++) if (!(idStrings[i - 1] < idStrings[i])) idsAscending = false;
  }
  const texts = idStrings;
  const starts = idStart;
  const ends = idEnd;
  const recordStarts = rowStart;
  const delimiterText = delimiter === SEMICOLON ? ';' : ',';
  const compareSortKeys = !hasSortKeys
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
    size: rows,
    idColumn: columns.id,
    stratumOfRow: stratumOfRow.subarray(0, rows),
    strata,
    idsAscending,
    columns: names,
    delimiter: delimiterText,
    id: texts ? (i) => texts[i] : (i) => decode(bytes, starts[i], ends[i]),
    compareIds: texts
      ? (a, b) => (texts[a] < texts[b] ? -1 : texts[a] > texts[b] ? 1 : 0)
      : (a, b) => compareBytes(bytes, starts[a], ends[a], starts[b], ends[b]),
    compareSortKeys,
    row(i: number): string[] {
      if (!Number.isInteger(i) || i < 0 || i >= rows) throw new RangeError(`frame row index ${i} is outside 0…${rows - 1}`);
      const start = recordStarts[i];
      // A line without quotes (the usual case) is decoded once and split; otherwise the general reader.
      let stop = start;
      while (stop < end && bytes[stop] !== newline && bytes[stop] !== QUOTE) stop++;
      if (stop === end || bytes[stop] === newline) return utf8.decode(bytes.subarray(start, stop)).split(delimiterText).map((field) => field.trim());
      return readRecord(bytes, { pos: start, line: 0 }, dialect);
    },
  };
}
