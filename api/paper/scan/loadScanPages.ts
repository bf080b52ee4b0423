/**
 * Reads scanned pages from files: multi-page PDFs from an office scanner (rendered with poppler's pdftoppm
 * at 200 dpi in grey), TIFF (every page), PNG and JPEG (through sharp). The kind of a file is told by its
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

export type ScanFileKind = 'pdf' | 'tiff' | 'png' | 'jpeg';

/** One page of one file, with the file's hash (a file scanned in twice is the same file). */
export interface ScanPage {
  readonly file: string;
  /** 1-based page within the file. */
  readonly pageInFile: number;
  /** sha256 of the whole file, hex. */
  readonly fileHash: string;
  readonly image: GreyImage;
}

/** A page that could not be decoded at all. */
export interface UnreadableFile {
  readonly file: string;
  readonly pageInFile: number | null;
  readonly reason: string;
}

/** The kind of an image file by its magic number, or null. */
export function scanFileKind(head: Uint8Array): ScanFileKind | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, 0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
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

/** Decodes one file into grey pages; `onUnreadable` hears about pages that cannot be decoded. */
export async function loadScanFile(file: string, dpi = 200): Promise<{ kind: ScanFileKind | null; pages: ScanPage[]; unreadable: UnreadableFile[] }> {
  const bytes = readFileSync(file);
  const kind = scanFileKind(bytes.subarray(0, 8));
  if (kind === null) return { kind, pages: [], unreadable: [] };
  const fileHash = createHash('sha256').update(bytes).digest('hex');
  const pages: ScanPage[] = [];
  const unreadable: UnreadableFile[] = [];
  try {
    if (kind === 'pdf') {
      const images = await renderPdf(file, dpi);
      images.forEach((image, i) => pages.push({ file, pageInFile: i + 1, fileHash, image }));
    } else {
      const count = kind === 'tiff' ? ((await sharp(bytes).metadata()).pages ?? 1) : 1;
      for (let i = 0; i < count; i++) {
        try {
          pages.push({ file, pageInFile: i + 1, fileHash, image: await decodeGrey(bytes, i) });
        } catch (err) {
          unreadable.push({ file, pageInFile: i + 1, reason: (err as Error).message });
        }
      }
    }
  } catch (err) {
    unreadable.push({ file, pageInFile: null, reason: (err as Error).message.split('\n')[0]! });
  }
  return { kind, pages, unreadable };
}

/** One page of an image file as grey bytes (transparency on white). */
export async function decodeGrey(bytes: Uint8Array, page = 0): Promise<GreyImage> {
  const { data, info } = await sharp(bytes, { page, pages: 1, limitInputPixels: 200_000_000 })
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`unexpected ${info.channels} channels after conversion to grey`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Renders every page of a PDF with pdftoppm to 8-bit grey (PGM) and reads them back. */
export async function renderPdf(file: string, dpi: number): Promise<GreyImage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'scan-pdf-'));
  try {
    await run('pdftoppm', ['-r', String(dpi), '-gray', file, join(dir, 'p')], { maxBuffer: 1 << 20 });
    const names = readdirSync(dir)
      .filter((n) => n.endsWith('.pgm'))
      .sort((a, b) => pageNumber(a) - pageNumber(b));
    return names.map((n) => readPgm(readFileSync(join(dir, n))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pageNumber(name: string): number {
  return Number(/-(\d+)\.pgm$/.exec(name)?.[1] ?? 0);
}

/** Binary PGM (P5, maxval ≤ 255) as written by pdftoppm -gray. */
export function readPgm(bytes: Uint8Array): GreyImage {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < bytes.length && /\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
      if (bytes[pos] === 0x23) while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
      else break;
    }
    const start = pos;
    while (pos < bytes.length && !/\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
    return String.fromCharCode(...bytes.subarray(start, pos));
  };
  if (token() !== 'P5') throw new Error('not a binary PGM image');
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  pos++;
  if (!(width > 0 && height > 0 && max > 0 && max < 256)) throw new Error('PGM header not understood');
  return { width, height, data: bytes.slice(pos, pos + width * height) };
}

/** A path for messages: relative to the input folder when inside it. */
export function shownPath(file: string, root: string): string {
  const rel = relative(root, file);
  return rel === '' ? file : rel.startsWith('..') ? file : rel;
}
