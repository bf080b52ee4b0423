/**
 * The CSV tokenizer for text: records and their fields in the dialect of `dialect.ts` (RFC 4180 quoting,
 * blanks and blank lines, LF/CRLF/CR). Whole texts (`parseCsv`) and texts that arrive in pieces
 * (`CsvTextStream`) go through the same `parseCsvRecords`.
 */
import { csvSyntaxError, isCsvBlank, lineEndOf, QUOTE, type CsvDelimiter, type CsvNewline } from './dialect';

/** Delimiter and line end of a text. */
export interface CsvSyntax {
  delimiter: CsvDelimiter;
  newline: CsvNewline;
}

/** Where parsing stands in a text: position and the line number there (1-based). */
export interface CsvCursor {
  pos: number;
  line: number;
}

/** Records in file order (blank lines skipped), each with the line it starts on. */
export interface CsvRecords {
  records: string[][];
  lines: number[];
}

/** A record that is not complete in the text read so far. */
const INCOMPLETE = -1;
/** Line ends inside the record parsed last (quoted line breaks and its own end). */
let recordLines = 0;

/**
 * Parses one record starting at p (blanks before it skipped, not a blank line) into `fields`; returns
 * the position after its line end, or INCOMPLETE when `final` is false and the record may go on.
 */
function parseRecord(text: string, p: number, delimiter: number, newline: number, newlineText: string, final: boolean, line: number, fields: string[]): number {
  const end = text.length;
  recordLines = 0;
  for (;;) {
    let c = 0;
    while (p < end && (c = text.charCodeAt(p)) !== newline && isCsvBlank(c)) p++;
    if (p < end && c === QUOTE) {
      const opened = line + recordLines;
      let close = p;
      let escaped = false;
      for (;;) {
        close = text.indexOf('"', close + 1);
        if (close === -1) {
          if (final) throw csvSyntaxError.unclosedQuote(opened);
          return INCOMPLETE;
        }
        if (close + 1 >= end && !final) return INCOMPLETE;
        if (text.charCodeAt(close + 1) !== QUOTE) break;
        escaped = true;
        close++;
      }
      for (let n = text.indexOf(newlineText, p + 1); n !== -1 && n < close; n = text.indexOf(newlineText, n + 1)) recordLines++;
      const inner = text.slice(p + 1, close);
      fields.push(escaped ? inner.replaceAll('""', '"') : inner);
      p = close + 1;
      while (p < end && (c = text.charCodeAt(p)) !== newline && isCsvBlank(c)) p++;
      if (p >= end) return final ? p : INCOMPLETE;
      if (c === delimiter) {
        p++;
        continue;
      }
      if (c === newline) {
        recordLines++;
        return p + 1;
      }
      throw csvSyntaxError.textAfterQuote(line + recordLines);
    }
    const start = p;
    for (; p < end; p++) {
      c = text.charCodeAt(p);
      if (c === delimiter || c === newline) break;
      if (c === QUOTE) throw csvSyntaxError.quoteInField(line + recordLines);
    }
    if (p >= end) {
      if (!final) return INCOMPLETE;
      fields.push(text.slice(start, p).trim());
      return p;
    }
    fields.push(text.slice(start, p).trim());
    if (c === delimiter) {
      p++;
      continue;
    }
    recordLines++;
    return p + 1;
  }
}

/**
 * Parses the records of text[cursor.pos…) and hands each to `take` with the line it starts on, until
 * `take` returns false; moves the cursor past the records taken. `fields` gives the array a record is
 * parsed into: a fresh one for readers that keep it, the same one emptied for readers that copy what
 * they need (no array per record). With `final` false the text is the first part of more: a record not
 * yet ended by a line end stays for the next call (the cursor stops at its start).
 * Cost: O(length of the text).
 * @throws RangeError naming the line: a quoted field not closed (only when `final`), text after a
 *   closing quote, a quote inside an unquoted field.
 */
export function forEachCsvRecord(
  text: string,
  syntax: CsvSyntax,
  cursor: CsvCursor,
  final: boolean,
  fields: () => string[],
  take: (fields: string[], line: number) => boolean,
): void {
  const delimiter = syntax.delimiter.charCodeAt(0);
  const newline = syntax.newline.charCodeAt(0);
  const end = text.length;
  let pos = cursor.pos;
  let line = cursor.line;
  for (;;) {
    let k = pos;
    let c = 0;
    while (k < end && (c = text.charCodeAt(k)) !== newline && isCsvBlank(c)) k++;
    if (k >= end) {
      if (final) pos = end;
      break;
    }
    if (c === newline) {
      pos = k + 1;
      line++;
      continue;
    }
    const record = fields();
    const next = parseRecord(text, k, delimiter, newline, syntax.newline, final, line, record);
    if (next === INCOMPLETE) break;
    const recordLine = line;
    line += recordLines;
    pos = next;
    if (!take(record, recordLine)) break;
  }
  cursor.pos = pos;
  cursor.line = line;
}

/**
 * Parses the records of text[cursor.pos…) into `out` and moves the cursor past them (see
 * `forEachCsvRecord`). Stops once `out` holds `max` records.
 * @example
 * const out = { records: [], lines: [] };
 * parseCsvRecords('a;b\n\n"x;1" ; 2\n', { delimiter: ';', newline: '\n' }, { pos: 0, line: 1 }, true, out);
 * out // → { records: [['a', 'b'], ['x;1', '2']], lines: [1, 3] }
 */
export function parseCsvRecords(text: string, syntax: CsvSyntax, cursor: CsvCursor, final: boolean, out: CsvRecords, max = Infinity): void {
  if (out.records.length >= max) return;
  forEachCsvRecord(text, syntax, cursor, final, () => [], (fields, line) => {
    out.records.push(fields);
    out.lines.push(line);
    return out.records.length < max;
  });
}

/**
 * All records of a whole text (BOM removed), or of the head of a longer one (`partial`: a last record
 * that may go on is left out).
 * @example parseCsv('id;x\r\nA;1,5\r\n', { delimiter: ';', newline: '\n' }).records // → [['id', 'x'], ['A', '1,5']]
 */
export function parseCsv(text: string, syntax: CsvSyntax, options: { partial?: boolean; maxRecords?: number } = {}): CsvRecords {
  const out: CsvRecords = { records: [], lines: [] };
  parseCsvRecords(text, syntax, { pos: 0, line: 1 }, !options.partial, out, options.maxRecords ?? Infinity);
  return out;
}

/**
 * Records of a text that arrives in pieces (a file streamed through a decoder): `push` each piece,
 * then `end`. A record cut by a piece's end is parsed again once the rest has arrived; the line end is
 * decided by the first CR or LF.
 * @example
 * const out = { records: [], lines: [] };
 * const stream = new CsvTextStream(';');
 * stream.push('a;b\nx;"1', out); // out.records → [['a', 'b']]
 * stream.push('"\n', out); stream.end(out); // out.records → [['a', 'b'], ['x', '1']]
 */
export class CsvTextStream {
  private text = '';
  private syntax: CsvSyntax | null = null;
  private readonly cursor: CsvCursor = { pos: 0, line: 1 };

  constructor(private readonly delimiter: CsvDelimiter) {}

  /** Appends the complete records of the text so far to `out`. */
  push(piece: string, out: CsvRecords): void {
    this.text = this.cursor.pos === 0 ? this.text + piece : this.text.slice(this.cursor.pos) + piece;
    this.cursor.pos = 0;
    this.parse(false, out);
  }

  /** Appends the last records to `out`. @throws RangeError for a quoted field that is not closed. */
  end(out: CsvRecords): void {
    this.parse(true, out);
    this.text = '';
  }

  /** Line of the record the next push or end starts with (1-based). */
  get line(): number {
    return this.cursor.line;
  }

  private parse(final: boolean, out: CsvRecords): void {
    if (this.syntax === null) {
      const newline = lineEndOf(this.text, 0, this.text.length, final);
      if (newline === null) return;
      this.syntax = { delimiter: this.delimiter, newline };
    }
    parseCsvRecords(this.text, this.syntax, this.cursor, final, out);
  }
}
