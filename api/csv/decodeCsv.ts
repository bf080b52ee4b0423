/**
 * CSV bytes to text and the dialect decided from them (see `dialect.ts`): BOM, encoding, line end and
 * delimiter — the first step of every text reader.
 */
import { isUtf8 } from 'node:buffer';
import { csvDecoder, csvEncoding, hasUtf8Bom, headerDelimiter, lineEndOf, type CsvDelimiter, type CsvEncoding, type CsvNewline } from './dialect';

/** The text of CSV bytes and their dialect. */
export interface CsvText {
  encoding: CsvEncoding;
  /** Whether the bytes started with a UTF-8 byte order mark (Excel's "CSV UTF-8"); it is not in `text`. */
  bom: boolean;
  delimiter: CsvDelimiter;
  newline: CsvNewline;
  text: string;
}

/**
 * Decodes CSV bytes and decides their dialect. `validUtf8` may be given when it is known already (an
 * upload checks it while streaming); `partial` says the bytes are the head of a longer file.
 * Cost: O(bytes).
 * @example decodeCsv(Buffer.from('\uFEFFa;b,c\r\n1;2\r\n')) // → { encoding: 'utf-8', bom: true, delimiter: ';', newline: '\n', text: 'a;b,c\r\n1;2\r\n' }
 */
export function decodeCsv(bytes: Uint8Array, options: { validUtf8?: boolean; partial?: boolean } = {}): CsvText {
  const encoding = csvEncoding(options.validUtf8 ?? isUtf8(bytes));
  const bom = hasUtf8Bom(bytes);
  const text = csvDecoder(encoding).decode(bom ? bytes.subarray(3) : bytes);
  const newline = lineEndOf(text, 0, text.length, !options.partial) ?? '\n';
  return { encoding, bom, delimiter: headerDelimiter(text), newline, text };
}
