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

/** Where one field's value lies in the bytes (quotes and surrounding whitespace excluded). */
interface FieldSpan {
  start: number;
  end: number;
  quoted: boolean;
  /** A quoted field containing `""`. */
  escaped: boolean;
  /** Position after the field (at the delimiter, the line end or the end of the bytes). */
  next: number;
  /** Line breaks inside the quoted value. */
  lineBreaks: number;
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
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;

  // Line end: the first CR or LF decides (CR alone is an old Mac file); CR before LF is trimmed as blank.
  let newline = LF;
  for (let k = pos; k < end; k++) {
    if (bytes[k] === LF) break;
    if (bytes[k] === CR) {
      if (bytes[k + 1] !== LF) newline = CR;
      break;
    }
  }
  const NL = newline;

  /** Skips blank lines from p; returns the start of the next non-blank line (or end). */
  const skipBlankLines = (p: number): number => {
    for (;;) {
      let k = p;
      while (k < end && isBlank(bytes[k]) && bytes[k] !== NL) k++;
      if (k < end && bytes[k] === NL) {
        p = k + 1;
        line++;
        continue;
      }
      return k === end ? end : p;
    }
  };

  const span: FieldSpan = { start: 0, end: 0, quoted: false, escaped: false, next: 0, lineBreaks: 0 };
  /** Reads one field starting at p into `span` (the general path, also used for quoted fields). */
  const readField = (p: number, delimiter: number): FieldSpan => {
    while (p < end && isBlank(bytes[p]) && bytes[p] !== NL) p++;
    span.quoted = false;
    span.escaped = false;
    span.lineBreaks = 0;
    if (p < end && bytes[p] === QUOTE) {
      const opened = line;
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
        if (c === NL) span.lineBreaks++;
        k++;
      }
      span.quoted = true;
      span.start = p + 1;
      span.end = k;
      k++;
      while (k < end && isBlank(bytes[k]) && bytes[k] !== NL) k++;
      if (k < end && bytes[k] !== delimiter && bytes[k] !== NL) {
        throw new RangeError(`line ${line + span.lineBreaks}: unexpected text after the closing quote of a field`);
      }
      span.next = k;
      return span;
    }
    const start = p;
    while (p < end) {
      const c = bytes[p];
      if (c === delimiter || c === NL) break;
      if (c === QUOTE) throw new RangeError(`line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`);
      p++;
    }
    let stop = p;
    while (stop > start && isBlank(bytes[stop - 1])) stop--;
    span.start = start;
    span.end = stop;
    span.next = p;
    return span;
  };

  /** The text of a field: quotes undone; unquoted values trimmed (also of Unicode spaces such as NBSP). */
  const fieldText = (start: number, stop: number, quoted: boolean, escaped: boolean): string => {
    const text = utf8.decode(bytes.subarray(start, stop));
    if (quoted) return escaped ? text.replaceAll('""', '"') : text;
    return text.trim();
  };

  /** Reads a whole record from p: its fields' text and the position after its line end. */
  const readRecord = (p: number, delimiter: number): { fields: string[]; next: number } => {
    const fields: string[] = [];
    for (;;) {
      const f = readField(p, delimiter);
      fields.push(fieldText(f.start, f.end, f.quoted, f.escaped));
      line += f.lineBreaks;
      p = f.next;
      if (p >= end) return { fields, next: end };
      if (bytes[p] === NL) return { fields, next: p + 1 };
      p++;
    }
  };

  // Header: skip leading blank lines; the delimiter is the more frequent of ';' and ',' in its raw line.
  pos = skipBlankLines(pos);
  if (pos >= end) throw new RangeError('the frame is empty (no header row)');
  let semicolons = 0;
  let commas = 0;
  for (let k = pos; k < end && bytes[k] !== NL && bytes[k] !== LF; k++) {
    if (bytes[k] === SEMICOLON) semicolons++;
    else if (bytes[k] === COMMA) commas++;
  }
  const delimiter = semicolons > commas ? SEMICOLON : COMMA;
  const header = readRecord(pos, delimiter);
  pos = header.next;
  line++;
  const names = header.fields;
  const indexOf = (name: string) => {
    const k = names.indexOf(name);
    if (k === -1) throw new RangeError(`the frame has no column '${name}' (columns: ${names.join(', ')})`);
    return k;
  };
  const idIndex = indexOf(columns.id);
  const stratumIndex = indexOf(columns.stratum);
  const sortIndexes = (columns.sortKeys ?? []).map(indexOf);
  const sortValues: string[][] = sortIndexes.map(() => []);
  const width = names.length;

  let capacity = Math.max(1024, Math.ceil(end / 64));
  let rowStart: Int32Array = new Int32Array(capacity);
  let idStart: Int32Array = new Int32Array(capacity);
  let idEnd: Int32Array = new Int32Array(capacity);
  let stratumOfRow: Int32Array = new Int32Array(capacity);
  /** Ids that are not plain ASCII byte ranges (quoted with `""`, or non-ASCII), by row. */
  const idTexts = new Map<number, string>();

  const strata: string[] = [];
  const codeOfStratum = new Map<string, number>();
  // Raw-byte cache of stratum values: hash → entry; an entry's bytes are compared before use.
  const cacheOfHash = new Map<number, number>();
  const cacheStart: number[] = [];
  const cacheEnd: number[] = [];
  const cacheCode: number[] = [];
  let previousStratumStart = -1;
  let previousStratumEnd = -1;
  let previousStratumCode = -1;

  let rows = 0;
  let idsAscending = true;
  const where = (row: number) => `frame row ${row + 1} (line ${line})`;

  for (;;) {
    pos = skipBlankLines(pos);
    if (pos >= end) break;
    if (rows === capacity) {
      capacity *= 2;
      rowStart = grow(rowStart);
      idStart = grow(idStart);
      idEnd = grow(idEnd);
      stratumOfRow = grow(stratumOfRow);
    }
    rowStart[rows] = pos;
    const recordLine = line;
    let field = 0;
    for (;;) {
      let start: number;
      let stop: number;
      let quoted = false;
      let escaped = false;
      let ascii = true;
      // Hot path inline: an unquoted field, scanned byte by byte for the delimiter and the line end.
      while (pos < end && isBlank(bytes[pos]) && bytes[pos] !== NL) pos++;
      if (pos < end && bytes[pos] === QUOTE) {
        const f = readField(pos, delimiter);
        start = f.start;
        stop = f.end;
        quoted = true;
        escaped = f.escaped;
        pos = f.next;
        line += f.lineBreaks;
        ascii = false;
      } else {
        start = pos;
        let high = 0;
        while (pos < end) {
          const c = bytes[pos];
          if (c === delimiter || c === NL) break;
          if (c === QUOTE) throw new RangeError(`line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`);
          high |= c;
          pos++;
        }
        stop = pos;
        while (stop > start && isBlank(bytes[stop - 1])) stop--;
        ascii = high < 0x80;
      }

      if (field === idIndex) {
        if (ascii) {
          if (start === stop) throw new RangeError(`${where(rows)} has an empty id in column '${columns.id}'`);
        } else {
          const text = fieldText(start, stop, quoted, escaped);
          if (text === '') throw new RangeError(`${where(rows)} has an empty id in column '${columns.id}'`);
          idTexts.set(rows, text);
        }
        idStart[rows] = start;
        idEnd[rows] = stop;
        if (idsAscending && rows > 0 && idTexts.size === 0 && compareBytes(bytes, idStart[rows - 1], idEnd[rows - 1], start, stop) >= 0) {
          idsAscending = false;
        }
      } else if (field === stratumIndex) {
        let code = -1;
        if (!quoted) {
          if (previousStratumCode !== -1 && compareBytes(bytes, previousStratumStart, previousStratumEnd, start, stop) === 0) {
            code = previousStratumCode;
          } else {
            let hash = 0x811c9dc5;
            for (let k = start; k < stop; k++) hash = Math.imul(hash ^ bytes[k], 0x01000193);
            const entry = cacheOfHash.get(hash);
            if (entry !== undefined && compareBytes(bytes, cacheStart[entry], cacheEnd[entry], start, stop) === 0) code = cacheCode[entry];
            else {
              code = stratumCode(fieldText(start, stop, false, false), rows);
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
        } else {
          code = stratumCode(fieldText(start, stop, true, escaped), rows);
        }
        stratumOfRow[rows] = code;
      }
      if (sortIndexes.length > 0) {
        const k = sortIndexes.indexOf(field);
        if (k !== -1) sortValues[k].push(fieldText(start, stop, quoted, escaped));
      }
      field++;
      if (pos >= end || bytes[pos] === NL) break;
      pos++;
    }
    if (field !== width) {
      throw new RangeError(`line ${recordLine}: frame row ${rows + 1} has ${field} fields, the header has ${width} (${names.join(', ')})`);
    }
    if (pos < end) pos++;
    line++;
    rows++;
  }

  function stratumCode(text: string, row: number): number {
    if (text === '') throw new RangeError(`${where(row)} has an empty stratum in column '${columns.stratum}'`);
    let code = codeOfStratum.get(text);
    if (code === undefined) {
      code = strata.length;
      codeOfStratum.set(text, code);
      strata.push(text);
    }
    return code;
  }

  // Ids that are not all plain ASCII are compared as strings (UTF-16 code units), like the record path.
  let idStrings: string[] | null = null;
  if (idTexts.size > 0) {
    idStrings = new Array<string>(rows);
    for (let i = 0; i < rows; i++) idStrings[i] = idTexts.get(i) ?? fieldText(idStart[i], idEnd[i], false, false);
    idsAscending = true;
    for (let i = 1; i < rows && idsAscending; i++) if (!(idStrings[i - 1] < idStrings[i])) idsAscending = false;
  }
  const texts = idStrings;
  const starts = idStart;
  const ends = idEnd;
  const recordStarts = rowStart;
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
    size: rows,
    idColumn: columns.id,
    stratumOfRow: stratumOfRow.subarray(0, rows),
    strata,
    idsAscending,
    columns: names,
    delimiter: delimiter === SEMICOLON ? ';' : ',',
    id: texts ? (i) => texts[i] : (i) => fieldText(starts[i], ends[i], false, false),
    compareIds: texts
      ? (a, b) => (texts[a] < texts[b] ? -1 : texts[a] > texts[b] ? 1 : 0)
      : (a, b) => compareBytes(bytes, starts[a], ends[a], starts[b], ends[b]),
    compareSortKeys,
    row(i: number): string[] {
      if (!Number.isInteger(i) || i < 0 || i >= rows) throw new RangeError(`frame row index ${i} is outside 0…${rows - 1}`);
      const saved = line;
      try {
        return readRecord(recordStarts[i], delimiter).fields;
      } finally {
        line = saved;
      }
    },
  };
}
