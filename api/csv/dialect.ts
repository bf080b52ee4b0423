/**
 * The CSV dialect of every file the platform reads — frame uploads, area covariates, the CLI's inputs and
 * the frame of `cli draw`. Every reader takes its decisions from here; `parseCsv.ts` is the one tokenizer
 * for text, and the frame extractor (`api/frames/`) follows the same rules on bytes for speed.
 *
 * - **BOM**: the bytes EF BB BF at the very start are a UTF-8 byte order mark (Excel's "CSV UTF-8"),
 *   never part of the text.
 * - **Encoding**: UTF-8 when all bytes are valid UTF-8, otherwise Windows-1252 (German office "ANSI"
 *   exports). A reader may refuse Windows-1252 instead (the CLI's non-frame inputs do, see
 *   `api/cli/io.ts`); none guesses further.
 * - **Line ends**: LF or CRLF; a CR not followed by LF as the first line end (outside quotes) marks
 *   an old Mac file (CR only). A CR before LF is whitespace.
 * - **Delimiter**: `;` or `,`, whichever occurs more often outside quotes in the header record (the
 *   first non-blank line); on a tie `;`, with neither `,` (see `delimiterFor`).
 * - **Quoting** (RFC 4180): a field that starts with `"` runs to the next `"` that is not doubled; `""`
 *   inside is one `"`; delimiters and line ends inside are text. After the closing quote only
 *   whitespace may come before the delimiter or line end. A `"` inside an unquoted field is an error.
 * - **Whitespace**: blanks (space, tab, CR, VT, FF) around a field are not part of it, and an unquoted
 *   field is trimmed as `String.prototype.trim` does (so also NBSP); the text between quotes is kept
 *   exactly. Lines of blanks only are skipped wherever they are. Column names in the header are
 *   trimmed, quoted or not (`csvColumnNames`).
 *
 * The row width (every row as many fields as the header, or not) is for each reader to check.
 */
import { Buffer } from 'node:buffer';

/** Text encoding of a CSV file. */
export type CsvEncoding = 'utf-8' | 'windows-1252';
/** Field delimiter of a CSV file. */
export type CsvDelimiter = ';' | ',';
/** The character that ends a line: LF (also for CRLF files), or CR in old Mac files. */
export type CsvNewline = '\n' | '\r';

export const LF = 0x0a;
export const CR = 0x0d;
export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const SEMICOLON = 0x3b;

/** Characters of a text (its UTF-16 code units) or bytes of a file: both are read the same way here. */
type Units = string | Uint8Array;
const unitAt = (units: Units): ((k: number) => number) => (typeof units === 'string' ? (k) => units.charCodeAt(k) : (k) => units[k]);

/**
 * Whether bytes start with the UTF-8 byte order mark EF BB BF.
 * @example hasUtf8Bom(Buffer.from('\uFEFFid;district')) // → true
 */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * The encoding of a file from whether its bytes are valid UTF-8: UTF-8, else Windows-1252 (the "ANSI"
 * code page of German Windows, in which Excel saves "CSV (Trennzeichen-getrennt)").
 * @example csvEncoding(isUtf8(bytes))
 */
export function csvEncoding(validUtf8: boolean): CsvEncoding {
  return validUtf8 ? 'utf-8' : 'windows-1252';
}

/**
 * Blanks around fields and on blank lines: space, tab, CR (before LF), vertical tab, form feed. The same
 * bytes in UTF-8 and Windows-1252, so the byte reader tests them before decoding.
 */
export function isCsvBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === CR || code === 0x0b || code === 0x0c;
}

/**
 * The line end of a file from its first CR or LF outside quotes at or after `from`: LF (also for CRLF),
 * or CR when that CR is not followed by LF (an old Mac file). Null while undecided: no line end yet, or
 * a CR at `to` when more may follow (`atEnd` false). A file without any line end is one line (LF).
 * Cost: O(length of the first record).
 * @example lineEndOf('a;b\r\nc;d\r\n', 0, 10, true) // → '\n'
 * @example lineEndOf('"x\r\ny";b\rc;d\r', 0, 14, true) // → '\r'
 */
export function lineEndOf(units: Units, from: number, to: number, atEnd: boolean): CsvNewline | null {
  const at = unitAt(units);
  let quoted = false;
  for (let k = from; k < to; k++) {
    const c = at(k);
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === LF) return '\n';
    else if (c === CR) {
      if (k + 1 < to) return at(k + 1) === LF ? '\n' : '\r';
      return atEnd ? '\r' : null;
    }
  }
  return atEnd ? '\n' : null;
}

/** What the header record holds for the delimiter decision. */
export interface HeaderCounts {
  semicolons: number;
  commas: number;
  /** Position of the line end that ends the header record (outside quotes), or −1 when it lies beyond `to`. */
  end: number;
}

/**
 * Counts `;` and `,` outside quotes in the header record starting at `from`, up to its first CR or LF
 * outside quotes. Every `"` opens or closes quoting (a doubled `""` does both), as in the record itself.
 * Works on text and on bytes alike: `"`, `;`, `,`, CR and LF are single bytes in UTF-8 and Windows-1252.
 * Cost: O(length of the header).
 * @example headerCounts('"a;b",c;d\n', 0) // → { semicolons: 1, commas: 1, end: 9 }
 */
export function headerCounts(units: Units, from: number, to: number = units.length): HeaderCounts {
  const at = unitAt(units);
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (let k = from; k < to; k++) {
    const c = at(k);
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === SEMICOLON) semicolons++;
    else if (c === COMMA) commas++;
    else if (c === LF || c === CR) return { semicolons, commas, end: k };
  }
  return { semicolons, commas, end: -1 };
}

/**
 * The delimiter from the header's counts: the more frequent of `;` and `,`; on a tie `;`, and `,` when
 * the header has neither (a single column).
 * Why `;` wins a tie: German office software (Excel, LibreOffice with German settings) writes `;`
 * because `,` is the decimal separator, and its column titles carry commas ("Einkommen, netto"); a
 * `;` in a column title of a `,` file is rare. So `a;b,c` is read as the columns `a` and `b,c`.
 * @example delimiterFor(1, 1) // → ';'
 */
export function delimiterFor(semicolons: number, commas: number): CsvDelimiter {
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

/**
 * Start of the first line at or after `from` that is not blank (only blanks up to its line end), or `to`
 * when every line up to `to` is blank.
 * @example firstNonBlankLine('\r\n  \na;b\n', 0) // → 5
 */
export function firstNonBlankLine(units: Units, from: number, to: number = units.length): number {
  const at = unitAt(units);
  let lineStart = from;
  for (let k = from; k < to; k++) {
    const c = at(k);
    if (c === LF || (c === CR && at(k + 1) !== LF)) lineStart = k + 1;
    else if (!isCsvBlank(c)) return lineStart;
  }
  return to;
}

/**
 * The delimiter of a CSV text (BOM removed): the rule of `delimiterFor` over its header record.
 * @example headerDelimiter('a;b,c\n1;2,5\n') // → ';'
 * @example headerDelimiter('"Name; Vorname",Bezirk\n') // → ','
 */
export function headerDelimiter(text: string): CsvDelimiter {
  const { semicolons, commas } = headerCounts(text, firstNonBlankLine(text, 0));
  return delimiterFor(semicolons, commas);
}

/**
 * The column names of a header record: its fields trimmed, also quoted ones (a title cell `" Bezirk"`
 * names the column `Bezirk`).
 * @example csvColumnNames(['id', ' Bezirk ']) // → ['id', 'Bezirk']
 */
export function csvColumnNames(header: readonly string[]): string[] {
  return header.map((name) => name.trim());
}

/**
 * Windows-1252 bytes 0x80–0x9F as the WHATWG Encoding Standard maps them (index-windows-1252); the five
 * unassigned bytes stay C1 controls. Bytes 0xA0–0xFF are Latin-1. Node 20's own
 * `TextDecoder('windows-1252')` decodes as Latin-1 (nodejs/node#60888), so € „ “ – would be lost.
 */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\u0080-\u009f]/g;
const HAS_C1 = /[\u0080-\u009f]/;
const c1ToWindows1252 = (c: string) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80];

/** Decodes bytes of one encoding to text; stateless (a multi-byte character must not be split). */
export interface CsvDecoder {
  decode(bytes: Uint8Array): string;
}

const utf8Decoder = new TextDecoder('utf-8');
const windows1252Decoder: CsvDecoder = {
  decode(bytes) {
    const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    return HAS_C1.test(latin1) ? latin1.replace(C1, c1ToWindows1252) : latin1;
  },
};

/**
 * The decoder of an encoding: UTF-8 (invalid sequences become U+FFFD; the encoding decision has already
 * checked validity), or Windows-1252 per the Encoding Standard.
 * @example csvDecoder('windows-1252').decode(Uint8Array.of(0x84, 0x80, 0xfc)) // → '„€ü'
 */
export function csvDecoder(encoding: CsvEncoding): CsvDecoder {
  return encoding === 'utf-8' ? utf8Decoder : windows1252Decoder;
}

/** Messages for text that breaks the quoting rules, shared by the text and byte readers. */
export const csvSyntaxError = {
  unclosedQuote: (line: number) => new RangeError(`line ${line}: a quoted field is not closed (missing '"')`),
  textAfterQuote: (line: number) => new RangeError(`line ${line}: unexpected text after the closing quote of a field`),
  quoteInField: (line: number) => new RangeError(`line ${line}: a quote inside an unquoted field (quote the whole field and double the quotes inside)`),
};
