/**
 * Field texts from the bytes of a frame record: quotes undone, unquoted values trimmed, decoded in the
 * file's encoding — for the header, for rows that need it on the scan, and for rows read again.
 */
import { csvDecoder, isCsvBlank, QUOTE, type CsvDecoder } from '../csv/dialect';

/** The dialect of one frame file as bytes (api/csv/dialect.ts decides it). */
export interface ByteDialect {
  /** `;` or `,`. */
  delimiter: number;
  /** LF (also for CRLF files), or CR for old Mac files. */
  newline: number;
}

export const utf8Decoder = csvDecoder('utf-8');

/** Text of a byte range; short ASCII is built directly (cheaper than a decoder call), the rest decoded. */
export function decode(bytes: Uint8Array, start: number, stop: number, decoder: CsvDecoder): string {
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
export function fieldText(bytes: Uint8Array, start: number, stop: number, quoted: boolean, escaped: boolean, decoder: CsvDecoder): string {
  const text = decode(bytes, start, stop, decoder);
  if (quoted) return escaped ? text.replaceAll('""', '"') : text;
  return text.trim();
}

/**
 * Reads a whole record that lies completely in bytes[pos…] (all fields as text); `bytes` ends with the
 * record. Used for the header and for rows read again by position; the scan has already checked them.
 * Cost: O(record length).
 */
export function readRecord(bytes: Uint8Array, pos: number, dialect: ByteDialect, decoder: CsvDecoder): string[] {
  const end = bytes.length;
  const { delimiter, newline } = dialect;
  const fields: string[] = [];
  let p = pos;
  for (;;) {
    while (p < end && isCsvBlank(bytes[p]) && bytes[p] !== newline) p++;
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
