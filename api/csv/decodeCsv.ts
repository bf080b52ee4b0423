/**
 * CSV bytes to text and the dialect decided from them (see `dialect.ts`): BOM, encoding, line end and
 * delimiter — the first step of every text reader.
 */
import { Buffer, isUtf8 } from 'node:buffer';
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

/** Decodes a file that arrives in chunks. */
export interface CsvChunkDecoder {
  /** Text of the next chunk (a UTF-8 character cut at its end is kept for the next one). */
  write(chunk: Uint8Array): string;
  /** The rest. */
  end(): string;
}

/**
 * A chunk decoder for an encoding already decided (`decodeCsv` on the file's head, or a check over the
 * whole file): a leading BOM is dropped as `decodeCsv` drops it.
 * @example const d = csvChunkDecoder('utf-8'); d.write(Buffer.from([0xef, 0xbb])) + d.write(Buffer.from([0xbf, 0x61])) + d.end() // → 'a'
 */
export function csvChunkDecoder(encoding: CsvEncoding): CsvChunkDecoder {
  const utf8 = encoding === 'utf-8' ? new TextDecoder('utf-8', { ignoreBOM: true }) : null;
  const windows1252 = csvDecoder('windows-1252');
  const decode = (bytes: Uint8Array, stream: boolean) => (utf8 ? utf8.decode(bytes, { stream }) : windows1252.decode(bytes));
  // The first bytes wait until there are three, to tell a BOM.
  let head: Uint8Array | null = new Uint8Array(0);
  const takeHead = (chunk: Uint8Array, final: boolean): Uint8Array | null => {
    const bytes: Uint8Array = head!.length === 0 ? chunk : Buffer.concat([head!, chunk]);
    if (bytes.length < 3 && !final) {
      head = bytes;
      return null;
    }
    head = null;
    return hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  };
  return {
    write(chunk) {
      const bytes = head === null ? chunk : takeHead(chunk, false);
      return bytes === null ? '' : decode(bytes, true);
    },
    end() {
      const rest = head === null ? new Uint8Array(0) : takeHead(new Uint8Array(0), true)!;
      return decode(rest, false);
    },
  };
}
