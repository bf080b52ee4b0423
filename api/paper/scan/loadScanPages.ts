/**
 * Reads scanned pages from files: multi-page PDFs from an office scanner (rendered with poppler's pdftoppm
 * at 200 dpi in grey), TIFF (every page), PNG, JPEG and WebP (through sharp), and the PBM/PGM/PPM files
 * pdftoppm writes. The kind of a file is told by its
 * first bytes, never by its name; other files are passed over and named in `skipped`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { GreyImage } from './greyImage';

const run = promisify(execFile);

export type ScanFileKind = 'pdf' | 'tiff' | 'png' | 'jpeg' | 'webp' | 'pnm';

/** One page of one file, with the file's hash (a file scanned in twice is the same file). */
export interface ScanPage {
  readonly file: string;
  /** 1-based page within the file. */
  readonly pageInFile: number;
  /** sha256 of the whole file, hex. */
  readonly fileHash: string;
  readonly image: GreyImage;
}

/** The kind of an image file by its magic number, or null. */
export function scanFileKind(head: Uint8Array): ScanFileKind | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, 0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50) return 'webp';
  // Netpbm as pdftoppm writes it by default: P4 (1-bit), P5 (grey), P6 (colour).
  if (head[0] === 0x50 && (head[1] === 0x34 || head[1] === 0x35 || head[1] === 0x36) && (head[2] === 0x0a || head[2] === 0x20 || head[2] === 0x0d || head[2] === 0x09)) return 'pnm';
  return null;
}

/** Every regular file under a path (the path itself when it is a file), sorted for a stable order. */
export function listScanFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  walk(path);
  return out;
}

/** One page of an image file as grey bytes (transparency on white). */
export async function decodeGrey(bytes: Uint8Array, page = 0): Promise<GreyImage> {
  const { data, info } = await sharp(bytes, { page, pages: 1, limitInputPixels: 200_000_000 })
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`unexpected ${info.channels} channels after conversion to grey`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Renders pages of a PDF (all, or first…last) with pdftoppm to 8-bit grey (PGM) and reads them back. */
export async function renderPdf(file: string, dpi: number, first?: number, last?: number): Promise<GreyImage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'scan-pdf-'));
  try {
    const range = first !== undefined && last !== undefined ? ['-f', String(first), '-l', String(last)] : [];
    // The long side as an A4 page's at `dpi`, whatever page size the PDF declares: a scan wrapped into a PDF by
    // a converter that took its pixels for points would otherwise render several times too large.
    const longSide = Math.round((297 / 25.4) * dpi);
    await run('pdftoppm', ['-scale-to', String(longSide), '-gray', ...range, file, join(dir, 'p')], { maxBuffer: 1 << 20 });
    const names = readdirSync(dir)
      .filter((n) => n.endsWith('.pgm'))
      .sort((a, b) => pageNumber(a) - pageNumber(b));
    return names.map((n) => readPnm(readFileSync(join(dir, n))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pageNumber(name: string): number {
  return Number(/-(\d+)\.pgm$/.exec(name)?.[1] ?? 0);
}

/** Binary Netpbm images as pdftoppm writes them: P4 (1-bit), P5 (grey) and P6 (colour), maxval ≤ 255. */
export function readPnm(bytes: Uint8Array): GreyImage {
  let pos = 0;
  const space = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
  const token = (): string => {
    for (;;) {
      while (pos < bytes.length && space(bytes[pos]!)) pos++;
      if (bytes[pos] === 0x23) while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
      else break;
    }
    const start = pos;
    while (pos < bytes.length && !space(bytes[pos]!)) pos++;
    return String.fromCharCode(...bytes.subarray(start, pos));
  };
  const magic = token();
  if (magic !== 'P4' && magic !== 'P5' && magic !== 'P6') throw new Error('not a binary PBM, PGM or PPM image');
  const width = Number(token());
  const height = Number(token());
  const max = magic === 'P4' ? 1 : Number(token());
  pos++;
  if (!(width > 0 && height > 0 && max > 0 && max < 256)) throw new Error('Netpbm header not understood');
  const data = new Uint8Array(width * height);
  if (magic === 'P5') {
    data.set(bytes.subarray(pos, pos + width * height));
    if (max !== 255) for (let i = 0; i < data.length; i++) data[i] = Math.round((data[i]! * 255) / max);
  } else if (magic === 'P6') {
    for (let i = 0, j = pos; i < data.length; i++, j += 3) data[i] = Math.round(((0.299 * bytes[j]! + 0.587 * bytes[j + 1]! + 0.114 * bytes[j + 2]!) * 255) / max);
  } else {
    const rowBytes = Math.ceil(width / 8);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) data[y * width + x] = (bytes[pos + y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 0 : 255;
    }
  }
  if (pos + (magic === 'P4' ? Math.ceil(width / 8) * height : width * height * (magic === 'P6' ? 3 : 1)) > bytes.length) throw new Error('Netpbm image is cut short');
  return { width, height, data };
}

/** A path for messages: relative to the input folder when inside it. */
export function shownPath(file: string, root: string): string {
  const rel = relative(root, file);
  return rel === '' ? file : rel.startsWith('..') ? file : rel;
}

/** The page count of a PDF (pdfinfo). */
export async function pdfPageCount(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file], { maxBuffer: 1 << 20 });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
  if (!Number.isInteger(pages) || pages < 1) throw new Error('pdfinfo reports no pages');
  return pages;
}

/** What the page stream yields: a page, a page or file that cannot be decoded, or a file that is no image. */
export type ScanStreamItem =
  | { readonly kind: 'page'; readonly page: ScanPage }
  | { readonly kind: 'unreadable'; readonly file: string; readonly pageInFile: number | null; readonly reason: string }
  | { readonly kind: 'skipped'; readonly file: string };

/**
 * Every page of the files, in file order, decoded one small batch ahead of the consumer: pdftoppm runs in
 * its own process and sharp on libuv's threads, so decoding the next pages overlaps with reading the
 * current one (two cores → about twice the pages per second). PDFs are rendered four pages at a time.
 */
export async function* scanPages(files: readonly string[], dpi = 200): AsyncGenerator<ScanStreamItem> {
  async function* units(): AsyncGenerator<() => Promise<ScanStreamItem[]>> {
    for (const file of files) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (err) {
        yield async () => [{ kind: 'unreadable', file, pageInFile: null, reason: (err as Error).message }];
        continue;
      }
      const kind = scanFileKind(bytes.subarray(0, 12));
      if (kind === null) {
        yield async () => [{ kind: 'skipped', file }];
        continue;
      }
      const fileHash = createHash('sha256').update(bytes).digest('hex');
      let count: number;
      try {
        count = kind === 'pdf' ? await pdfPageCount(file) : kind === 'tiff' ? ((await sharp(bytes).metadata()).pages ?? 1) : 1;
      } catch (err) {
        yield async () => [{ kind: 'unreadable', file, pageInFile: null, reason: (err as Error).message.split('\n')[0]! }];
        continue;
      }
      const chunk = kind === 'pdf' ? 4 : 1;
      for (let first = 1; first <= count; first += chunk) {
        const last = Math.min(count, first + chunk - 1);
        yield async (): Promise<ScanStreamItem[]> => {
          try {
            const images = kind === 'pdf' ? await renderPdf(file, dpi, first, last) : kind === 'pnm' ? [readPnm(bytes)] : [await decodeGrey(bytes, first - 1)];
            return images.map((image, i) => ({ kind: 'page', page: { file, pageInFile: first + i, fileHash, image } }));
          } catch (err) {
            const reason = (err as Error).message.split('\n')[0]!;
            return Array.from({ length: last - first + 1 }, (_, i) => ({ kind: 'unreadable' as const, file, pageInFile: first + i, reason }));
          }
        };
      }
    }
  }
  const pending: Promise<ScanStreamItem[]>[] = [];
  const source = units();
  const pull = async (): Promise<boolean> => {
    const next = await source.next();
    if (next.done) return false;
    const started = next.value();
    started.catch(() => undefined);
    pending.push(started);
    return true;
  };
  let more = await pull();
  if (more) more = await pull();
  while (pending.length > 0) {
    const items = await pending.shift()!;
    if (more) more = await pull();
    yield* items;
  }
}
