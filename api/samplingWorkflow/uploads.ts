/**
 * Receives a frame file as the raw request body, streams it to a temporary file under
 * DATA_DIR (bounded memory, size limit), and reads encoding, delimiter, header and first rows for the
 * preview in the one CSV dialect (api/csv/dialect.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decodeCsv } from '../csv/decodeCsv';
import { csvColumnNames, type CsvDelimiter, type CsvEncoding } from '../csv/dialect';
import { parseCsv } from '../csv/parseCsv';
import { AppError } from '../errors/appError';

export interface UploadedFrameFile {
  id: string;
  fileName: string;
  path: string;
  bytes: number;
  /** SHA-256 of the file's bytes, the frame's fingerprint. */
  sha256: string;
  encoding: CsvEncoding;
  /** Whether the file started with a UTF-8 byte order mark (Excel's "CSV UTF-8"). */
  bom: boolean;
  delimiter: CsvDelimiter;
  columns: string[];
  /** Up to the first five data rows, for the column mapping dialog. */
  previewRows: string[][];
  userId: string;
  createdAt: number;
}

/** What the preview answer shows. */
export type UploadPreview = Pick<UploadedFrameFile, 'id' | 'fileName' | 'bytes' | 'encoding' | 'bom' | 'delimiter' | 'columns' | 'previewRows'>;

export const DEFAULT_UPLOAD_LIMIT_BYTES = 500 * 1024 * 1024;
/** Enough of the file to find the header and five rows even with long address lines. */
const HEAD_BYTES = 256 * 1024;
/** Uploads nobody imported are deleted after this time. */
const UPLOAD_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Keeps uploaded frame files per user until they are imported or expire. */
export class UploadRegistry {
  private readonly uploads = new Map<string, UploadedFrameFile>();
  readonly dir: string;

  constructor(
    dataDir: string,
    readonly limitBytes = DEFAULT_UPLOAD_LIMIT_BYTES,
  ) {
    this.dir = join(dataDir, 'sampling-uploads');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /**
   * Streams the body to `<DATA_DIR>/sampling-uploads/<id>.csv`, hashing it and checking whether it
   * is valid UTF-8 on the way; returns the sniffed preview.
   * @throws AppError tooLarge above the size limit, invalid for an empty file or an unusable header.
   */
  async receive(body: Readable, options: { userId: string; fileName: string; declaredLength?: number }): Promise<UploadedFrameFile> {
    this.removeExpired();
    const limitMb = Math.round(this.limitBytes / 1024 / 1024);
    const tooLarge = new AppError('tooLarge', 'upload.fileTooLarge', { limitMb });
    if (options.declaredLength !== undefined && options.declaredLength > this.limitBytes) {
      body.resume();
      throw tooLarge;
    }
    const id = randomBytes(16).toString('hex');
    const path = join(this.dir, `${id}.csv`);
    const hash = createHash('sha256');
    // fatal: true makes the decoder throw at the first byte sequence that is not UTF-8.
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let validUtf8 = true;
    let bytes = 0;
    const headChunks: Buffer[] = [];
    let headBytes = 0;
    const inspect = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        bytes += chunk.length;
        if (bytes > this.limitBytes) return done(tooLarge);
        hash.update(chunk);
        if (validUtf8) {
          try {
            utf8.decode(chunk, { stream: true });
          } catch {
            validUtf8 = false;
          }
        }
        if (headBytes < HEAD_BYTES) {
          headChunks.push(chunk);
          headBytes += chunk.length;
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, inspect, createWriteStream(path, { mode: 0o600 }));
      if (validUtf8) {
        try {
          utf8.decode(); // a multi-byte sequence cut off at the end is invalid too
        } catch {
          validUtf8 = false;
        }
      }
    } catch (err) {
      rmSync(path, { force: true });
      if (err instanceof AppError) throw err;
      throw new AppError('invalid', 'upload.incomplete');
    }
    try {
      const head = Buffer.concat(headChunks);
      const upload = describe(head, bytes, validUtf8);
      const record: UploadedFrameFile = {
        id,
        fileName: options.fileName,
        path,
        bytes,
        sha256: hash.digest('hex'),
        ...upload,
        userId: options.userId,
        createdAt: Date.now(),
      };
      this.uploads.set(id, record);
      return record;
    } catch (err) {
      rmSync(path, { force: true });
      throw err;
    }
  }

  /** The upload if it exists and belongs to the user. */
  get(id: string, userId: string): UploadedFrameFile | null {
    const upload = this.uploads.get(id);
    return upload && upload.userId === userId ? upload : null;
  }

  remove(id: string): void {
    const upload = this.uploads.get(id);
    this.uploads.delete(id);
    if (upload) rmSync(upload.path, { force: true });
  }

  /** Deletes uploads older than a day, also files left by an earlier server process. */
  private removeExpired(): void {
    const now = Date.now();
    for (const [id, upload] of this.uploads) if (now - upload.createdAt > UPLOAD_MAX_AGE_MS) this.remove(id);
    for (const file of readdirSync(this.dir)) {
      const full = join(this.dir, file);
      const known = [...this.uploads.values()].some((u) => u.path === full);
      if (!known && now - statSync(full).mtimeMs > UPLOAD_MAX_AGE_MS) rmSync(full, { force: true });
    }
  }
}

export function previewOf(upload: UploadedFrameFile): UploadPreview {
  const { id, fileName, bytes, encoding, bom, delimiter, columns, previewRows } = upload;
  return { id, fileName, bytes, encoding, bom, delimiter, columns, previewRows };
}

/** CSV bytes read in the dialect of api/csv/dialect.ts: how they were encoded and delimited, and their records. */
export interface CsvRecords {
  encoding: CsvEncoding;
  /** Whether the bytes started with a UTF-8 byte order mark (Excel's "CSV UTF-8"). */
  bom: boolean;
  delimiter: CsvDelimiter;
  /** Header first; blank lines skipped; unquoted fields trimmed; rows may differ in length. */
  records: string[][];
}

/**
 * Reads CSV bytes received by the server (frame upload preview, area covariates) in the one dialect
 * (api/csv/dialect.ts): UTF-8 (a BOM dropped) when the bytes are valid UTF-8, otherwise Windows-1252;
 * `;` or `,`, whichever occurs more often outside quotes in the header (`;` on a tie); RFC 4180
 * quoting; blank lines skipped. `partial` leaves out a last record that may go on (the head of a
 * larger file); `maxRecords` stops early.
 * Cost: O(bytes).
 * @throws AppError invalid when the text breaks the quoting rules (naming the line).
 * @example readCsvBytes(Buffer.from('area;x\r\nOst;1,5\r\n')).records // → [['area', 'x'], ['Ost', '1,5']]
 */
export function readCsvBytes(bytes: Uint8Array, options: { validUtf8?: boolean; partial?: boolean; maxRecords?: number } = {}): CsvRecords {
  const csv = decodeCsv(bytes, options);
  try {
    const { records } = parseCsv(csv.text, csv, options);
    return { encoding: csv.encoding, bom: csv.bom, delimiter: csv.delimiter, records };
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new AppError('invalid', 'upload.notCsv', { reason: err.message });
  }
}

/**
 * The column names of a header record, trimmed.
 * @throws AppError invalid for fewer than two columns, a column without a name or a name used twice.
 */
export function csvHeader(record: readonly string[] | undefined): string[] {
  const columns = csvColumnNames(record ?? []);
  if (columns.length < 2) {
    throw new AppError('invalid', 'upload.headerTooFewColumns');
  }
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c === '') throw new AppError('invalid', 'upload.headerColumnUnnamed', { column: i + 1 });
    if (seen.has(c)) throw new AppError('invalid', 'upload.headerColumnTwice', { name: c });
    seen.add(c);
  });
  return columns;
}

/** Encoding, delimiter, header and first rows from the head of the file. */
function describe(head: Buffer, totalBytes: number, validUtf8: boolean): Pick<UploadedFrameFile, 'encoding' | 'bom' | 'delimiter' | 'columns' | 'previewRows'> {
  if (totalBytes === 0) throw new AppError('invalid', 'upload.fileEmpty');
  const { encoding, bom, delimiter, records } = readCsvBytes(head, { validUtf8, partial: head.length < totalBytes, maxRecords: 6 });
  return { encoding, bom, delimiter, columns: csvHeader(records[0]), previewRows: records.slice(1, 6) };
}
