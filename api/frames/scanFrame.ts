/**
 * One pass over a frame file through one reused read buffer (readBuffer.ts): the header
 * (frameHeader.ts), then every record — consecutive plain lines on the fast path (plainLines.ts), the
 * rest field by field (recordSpans.ts) — keeping per row only where it starts, its stratum code, its id
 * (checked for order, or collected) and the sort columns' texts. Nothing about a row is kept until its
 * record is complete.
 */
import type { Buffer } from 'node:buffer';
import { csvDecoder, isCsvBlank as isBlank, QUOTE, type CsvDecoder, type CsvEncoding } from '../csv/dialect';
import { isAscii } from './bytes';
import type { ByteSource } from './byteSource';
import { fieldTexts, type FieldTexts } from './fieldTexts';
import { readFrameHeader, readMore, skipBlankLines, type Cursor } from './frameHeader';
import { scanPlainLines, type PlainLayout } from './plainLines';
import { ReadBuffer } from './readBuffer';
import { fieldText, type ByteDialect } from './recordFields';
import { INCOMPLETE, RecordSpans } from './recordSpans';
import { nextId, nextIdText } from './rowIds';
import { growRowStore, newRowStore, setRowStart, widenStrata, type NarrowArray, type RowStore } from './rowStore';
import { cachedStratum, cacheStratum, StratumCodes } from './strata';

/** Which columns of the frame a draw uses. */
export interface FrameCsvColumns {
  /** Column with the unique unit id (e.g. household_id). */
  id: string;
  /** Column with the stratum (e.g. district). */
  stratum: string;
  /** Sort columns of a systematic draw (e.g. postcode, street). */
  sortKeys?: readonly string[];
}

/** What one pass over the file gives. */
export interface Scan {
  columns: string[];
  dialect: ByteDialect;
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
 * Reads the frame once in the given encoding. `collectIds` false: the ids are only checked to ascend
 * (IdsNotAscending at the first that does not); true: every id is kept.
 * Cost: O(size of the file); memory ≈ 2 bytes per row, one read buffer, the sort columns' texts.
 * @throws RangeError naming line, row and column for a problem in the file; NotUtf8 (reading as UTF-8);
 *   IdsNotAscending (first pass).
 */
export function scanFrame(source: ByteSource, columns: FrameCsvColumns, encoding: CsvEncoding, collectIds: boolean, blockSize: number): Scan {
  if (source.size > 0x7fffffff) throw new RangeError('the frame file is larger than 2 GB');
  const decoder = csvDecoder(encoding);
  return source.withReader((readAt) => {
    const input = new ReadBuffer(readAt, source.size, blockSize, encoding === 'utf-8');
    const at: Cursor = { pos: 0, line: 1 };
    const { names, dialect } = readFrameHeader(input, at, decoder);
    const columnIndex = (name: string) => {
      const k = names.indexOf(name);
      if (k === -1) throw new RangeError(`the frame has no column '${name}' (columns: ${names.join(', ')})`);
      return k;
    };
    const spans = new RecordSpans(dialect);
    spans.want(columnIndex(columns.id), columnIndex(columns.stratum), (columns.sortKeys ?? []).map(columnIndex));
    const store = newRowStore(expectedRows(input, at.pos, dialect.newline), collectIds);
    const taker: RowTaker = {
      store,
      spans,
      names,
      columns,
      decoder,
      texts: fieldTexts(decoder),
      strata: new StratumCodes(columns.stratum),
      sortValues: spans.sortIndexes.map(() => []),
    };
    const layout: PlainLayout = {
      ...dialect,
      idIndex: spans.idIndex,
      stratumIndex: spans.stratumIndex,
      width: names.length,
      sortIndexes: Int32Array.from(spans.sortIndexes),
      sortValues: taker.sortValues,
      texts: taker.texts,
    };

    /** Position of the next quote at or after at.pos in the buffer (filled when none); −1 after a refill. */
    let nextQuote = -1;
    const more = () => {
      readMore(input, at);
      nextQuote = -1;
    };
    for (;;) {
      const { buf, base, filled, eof } = input;
      if (nextQuote < at.pos) {
        nextQuote = buf.indexOf(QUOTE, at.pos);
        if (nextQuote === -1 || nextQuote >= filled) nextQuote = filled;
      }
      // Most records: the fast path, until something it does not handle.
      const rowsBefore = store.count;
      at.pos = scanPlainLines(store, layout, buf, base, at.pos, nextQuote);
      at.line += store.count - rowsBefore;

      if (at.pos >= filled && eof) break;
      const first = at.pos < filled ? buf[at.pos] : -1;
      if (first === -1 || isBlank(first) || first === dialect.newline) {
        if (!skipBlankLines(input, at, dialect.newline)) {
          more();
          continue;
        }
        if (at.pos >= filled) {
          if (eof) break;
          more();
          continue;
        }
      }
      // Anything else — quotes, leading blanks, the first row, a row that needs a message — field by field.
      if (store.count === store.rowGap.length) growRowStore(store);
      const recordLine = at.line;
      const end = spans.parse(input, at.pos, at.line);
      if (end === INCOMPLETE) {
        more();
        continue;
      }
      takeRow(taker, buf, base + at.pos, recordLine);
      at.line += spans.recordLines;
      at.pos = end;
    }
    input.checkRest();
    const rows = store.count;
    return {
      columns: names,
      dialect,
      rows,
      rowGap: store.rowGap.subarray(0, rows),
      firstRowStart: store.firstRowStart,
      stratumOfRow: store.stratumOfRow.subarray(0, rows),
      strata: taker.strata.strata,
      idsAscending: store.idsAscending,
      ids: collectIds ? { arena: store.idArena.subarray(0, store.idArenaUsed), offset: store.idOffset.subarray(0, rows + 1), ascii: store.idsAscii } : null,
      sortValues: taker.sortValues,
    };
  });
}

/** Rows to make room for: the line ends in the first block scaled to the file (the arrays double when too small). */
function expectedRows(input: ReadBuffer, pos: number, newline: number): number {
  const { buf, filled, eof, base, size } = input;
  let linesInBlock = 0;
  for (let k = buf.indexOf(newline, pos); k !== -1 && k < filled; k = buf.indexOf(newline, k + 1)) linesInBlock++;
  const scale = eof ? 1 : (size - base - pos) / Math.max(1, filled - pos);
  return Math.ceil((linesInBlock + 1) * scale * 1.1) + 1024;
}

/** What takes a record of the general path over as a frame row. */
interface RowTaker {
  store: RowStore;
  spans: RecordSpans;
  names: string[];
  columns: FrameCsvColumns;
  decoder: CsvDecoder;
  texts: FieldTexts;
  strata: StratumCodes;
  sortValues: string[][];
}

/**
 * Takes over the record just parsed by the general path (its fields in `taker.spans`) as the next frame
 * row: its id, stratum code, sort texts and start (`recordStart`, a file position).
 * @throws RangeError naming the row and line for an empty id or stratum or the wrong number of fields.
 */
function takeRow(taker: RowTaker, buf: Buffer, recordStart: number, recordLine: number): void {
  const { store, spans, decoder, names, columns } = taker;
  const row = store.count;
  if (spans.fields > spans.idIndex) {
    let start = spans.idStart;
    const stop = spans.idEnd;
    if (!spans.idQuoted) while (start < stop && isBlank(buf[start])) start++;
    const ascii = !spans.idEscaped && isAscii(buf, start, stop);
    const text = ascii ? null : fieldText(buf, start, stop, spans.idQuoted, spans.idEscaped, decoder);
    if (ascii ? start === stop : text === '') {
      throw new RangeError(`frame row ${row + 1} (line ${recordLine}) has an empty id in column '${columns.id}'`);
    }
    if (text === null) nextId(store, buf, start, stop, decoder);
    else nextIdText(store, text);
  }
  if (spans.fields > spans.stratumIndex) {
    let code: number;
    let start = spans.stratumStart;
    const stop = spans.stratumEnd;
    if (spans.stratumQuoted) code = taker.strata.code(fieldText(buf, start, stop, true, spans.stratumEscaped, decoder), row, recordLine);
    else {
      while (start < stop && isBlank(buf[start])) start++;
      code = cachedStratum(store, buf, start, stop);
      if (code === -1) {
        code = taker.strata.code(fieldText(buf, start, stop, false, false, decoder), row, recordLine);
        cacheStratum(store, buf, start, stop, code);
      }
    }
    if (code > store.stratumMax) widenStrata(store, code);
    store.stratumOfRow[row] = code;
  }
  if (spans.fields !== names.length) {
    throw new RangeError(`line ${recordLine}: frame row ${row + 1} has ${spans.fields} fields, the header has ${names.length} (${names.join(', ')})`);
  }
  const { sortIndexes, sortStart, sortEnd, sortQuoted, sortEscaped } = spans;
  for (let k = 0; k < sortIndexes.length; k++) {
    taker.sortValues[k].push(
      sortQuoted[k] ? fieldText(buf, sortStart[k], sortEnd[k], true, sortEscaped[k], decoder) : taker.texts.text(buf, sortStart[k], sortEnd[k], sortIndexes[k]),
    );
  }
  setRowStart(store, recordStart);
  store.count++;
}
