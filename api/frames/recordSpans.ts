/**
 * The general record path of the frame scan: parses one record field by field (quotes, doubled quotes,
 * line breaks in quotes, blanks) and notes where the id, stratum and sort fields lie in the read buffer,
 * without making text of them. Records the fast path (api/frames/plainLines.ts) leaves come here.
 */
import { csvSyntaxError, isCsvBlank, QUOTE } from '../csv/dialect';
import type { ReadBuffer } from './readBuffer';
import type { ByteDialect } from './recordFields';

/** A record that ends beyond the bytes read so far: read more, then parse it again from its start. */
export const INCOMPLETE = -1;

/** Where the wanted fields of the record parsed last lie in the buffer; −1 indexes are not wanted. */
export class RecordSpans {
  idIndex = -1;
  stratumIndex = -1;
  sortIndexes: number[] = [];
  idStart = 0;
  idEnd = 0;
  idQuoted = false;
  idEscaped = false;
  stratumStart = 0;
  stratumEnd = 0;
  stratumQuoted = false;
  stratumEscaped = false;
  sortStart: number[] = [];
  sortEnd: number[] = [];
  sortQuoted: boolean[] = [];
  sortEscaped: boolean[] = [];
  /** Fields of the record parsed last. */
  fields = 0;
  /** Line ends in the record parsed last (its own included). */
  recordLines = 0;

  constructor(private readonly dialect: ByteDialect) {}

  /** Which fields to note (0-based column indexes). */
  want(idIndex: number, stratumIndex: number, sortIndexes: number[]): void {
    this.idIndex = idIndex;
    this.stratumIndex = stratumIndex;
    this.sortIndexes = sortIndexes;
    this.sortStart = sortIndexes.map(() => 0);
    this.sortEnd = sortIndexes.map(() => 0);
    this.sortQuoted = sortIndexes.map(() => false);
    this.sortEscaped = sortIndexes.map(() => false);
  }

  /**
   * Parses the record starting at buf[pos] (on line `line`): its end (after its line end, or the end
   * of the file), or INCOMPLETE when it goes on beyond the bytes read so far.
   * @throws RangeError naming the line for an unclosed quote (at the end of the file), text after a
   *   closing quote, a quote inside an unquoted field.
   */
  parse(input: ReadBuffer, pos: number, line: number): number {
    const { buf, filled, eof } = input;
    const { delimiter, newline } = this.dialect;
    let p = pos;
    this.fields = 0;
    this.recordLines = 0;
    for (;;) {
      while (p < filled && isCsvBlank(buf[p]) && buf[p] !== newline) p++;
      if (p < filled && buf[p] === QUOTE) {
        const opened = line + this.recordLines;
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
          if (c === newline) this.recordLines++;
          k++;
        }
        const start = p + 1;
        const stop = k;
        k++;
        while (k < filled && isCsvBlank(buf[k]) && buf[k] !== newline) k++;
        if (k >= filled && !eof) return INCOMPLETE;
        if (k < filled && buf[k] !== delimiter && buf[k] !== newline) throw csvSyntaxError.textAfterQuote(line + this.recordLines);
        this.note(this.fields, start, stop, true, escaped);
        p = k;
      } else {
        const start = p;
        while (p < filled) {
          const c = buf[p];
          if (c === delimiter || c === newline) break;
          if (c === QUOTE) throw csvSyntaxError.quoteInField(line + this.recordLines);
          p++;
        }
        if (p >= filled && !eof) return INCOMPLETE;
        let stop = p;
        while (stop > start && isCsvBlank(buf[stop - 1])) stop--;
        this.note(this.fields, start, stop, false, false);
      }
      this.fields++;
      if (p >= filled) return p;
      if (buf[p++] === newline) {
        this.recordLines++;
        return p;
      }
    }
  }

  private note(field: number, start: number, stop: number, quoted: boolean, escaped: boolean): void {
    if (field === this.idIndex) {
      this.idStart = start;
      this.idEnd = stop;
      this.idQuoted = quoted;
      this.idEscaped = escaped;
    }
    if (field === this.stratumIndex) {
      this.stratumStart = start;
      this.stratumEnd = stop;
      this.stratumQuoted = quoted;
      this.stratumEscaped = escaped;
    }
    const sortIndexes = this.sortIndexes;
    for (let k = 0; k < sortIndexes.length; k++) {
      if (sortIndexes[k] === field) {
        this.sortStart[k] = start;
        this.sortEnd[k] = stop;
        this.sortQuoted[k] = quoted;
        this.sortEscaped[k] = escaped;
      }
    }
  }
}
