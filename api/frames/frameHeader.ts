/**
 * The start of a frame pass: BOM, line end, blank lines and delimiter decided by the rules of
 * api/csv/dialect.ts over the first bytes, then the header's column names.
 */
import { COMMA, CR, csvColumnNames, delimiterFor, hasUtf8Bom, headerCounts, isCsvBlank, LF, lineEndOf, SEMICOLON, type CsvDecoder, type HeaderCounts } from '../csv/dialect';
import type { ReadBuffer } from './readBuffer';
import { readRecord, type ByteDialect } from './recordFields';
import { INCOMPLETE, RecordSpans } from './recordSpans';

/** Where a pass stands: position in the read buffer and line number in the file (1-based). */
export interface Cursor {
  pos: number;
  line: number;
}

/** Keeps the bytes from the cursor on and reads more; the cursor moves to the buffer's front. */
export function readMore(input: ReadBuffer, at: Cursor): void {
  input.refill(at.pos);
  at.pos = 0;
}

/** Skips blank lines at the cursor (blanks only, as api/csv/dialect.ts says); false when more bytes are needed. */
export function skipBlankLines(input: ReadBuffer, at: Cursor, newline: number): boolean {
  const { buf, filled, eof } = input;
  for (;;) {
    let k = at.pos;
    while (k < filled && isCsvBlank(buf[k]) && buf[k] !== newline) k++;
    if (k === filled && !eof) return false;
    if (k < filled && buf[k] === newline) {
      at.pos = k + 1;
      at.line++;
      continue;
    }
    if (k === filled) at.pos = filled;
    return true;
  }
}

/** The header of a frame file: its column names (trimmed) and the file's dialect. */
export interface FrameHeader {
  names: string[];
  dialect: ByteDialect;
}

/**
 * Reads the first bytes of the file into `input` (a read buffer not filled yet) and the header from
 * them: skips a BOM, decides the line end and the delimiter, reads the column names. Leaves the cursor
 * at the first byte after the header record.
 * @throws RangeError for a file without a header row or a header that breaks the quoting rules.
 */
export function readFrameHeader(input: ReadBuffer, at: Cursor, decoder: CsvDecoder): FrameHeader {
  input.refill(0);
  // The first three bytes decide about a BOM (a tiny read buffer grows to hold them).
  while (input.filled < 3 && !input.eof) input.refill(0);
  at.pos = hasUtf8Bom(input.buf.subarray(0, input.filled)) ? 3 : 0;
  at.line = 1;

  let lineEnd: '\n' | '\r' | null;
  while ((lineEnd = lineEndOf(input.buf, at.pos, input.filled, input.eof)) === null) readMore(input, at);
  const newline = lineEnd === '\r' ? CR : LF;

  while (!skipBlankLines(input, at, newline)) readMore(input, at);
  if (at.pos >= input.filled) throw new RangeError('the frame is empty (no header row)');
  let counts: HeaderCounts;
  while ((counts = headerCounts(input.buf, at.pos, input.filled)).end === -1 && !input.eof) readMore(input, at);
  const dialect: ByteDialect = { delimiter: delimiterFor(counts.semicolons, counts.commas) === ';' ? SEMICOLON : COMMA, newline };

  const spans = new RecordSpans(dialect);
  let end: number;
  while ((end = spans.parse(input, at.pos, at.line)) === INCOMPLETE) readMore(input, at);
  const names = csvColumnNames(readRecord(input.buf.subarray(0, end), at.pos, dialect, decoder));
  at.pos = end;
  at.line += spans.recordLines;
  return { names, dialect };
}
