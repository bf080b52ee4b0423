/**
 * Field texts of unquoted fields in which values that repeat are one string each (see fieldTexts):
 * the sort columns on the scan and the rows read again after a draw.
 */
import type { Buffer } from 'node:buffer';
import type { CsvDecoder } from '../csv/dialect';
import { compareBytes, hashBytes, isAscii } from './bytes';

/** Field texts by column. */
export interface FieldTexts {
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
export function fieldTexts(decoder: CsvDecoder): FieldTexts {
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
