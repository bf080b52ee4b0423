/**
 * Test support: a PDF page as a grey image (poppler's pdftoppm) and the QR codes in it (zxing-wasm,
 * its WebAssembly binary read from the installed package — never fetched).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

export interface GreyPage {
  width: number;
  height: number;
  /** One byte per pixel, 0 = black. */
  pixels: Uint8Array;
  dpi: number;
}

/** Renders one page (1-based) of a PDF at `dpi` as 8-bit grey. */
export function renderPdfPage(pdf: Buffer, page: number, dpi: number): GreyPage {
  const dir = mkdtempSync(join(tmpdir(), 'paper-form-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', join(dir, 'f.pdf'), join(dir, 'p')]);
    const bytes = readFileSync(join(dir, 'p.pgm'));
    // P5 header: magic, width, height, maxval, each separated by white space.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write a binary PGM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    return { width, height, pixels: bytes.subarray(header[0].length, header[0].length + width * height), dpi };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF (poppler's pdftotext, layout order). */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString('utf8');
}

/** The page count of a PDF (poppler's pdfinfo). */
export function pdfPageCount(pdf: Buffer): number {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** Grey value at a point given in millimetres from the top-left corner. */
export function greyAtMm(page: GreyPage, xMm: number, yMm: number): number {
  const x = Math.round((xMm / 25.4) * page.dpi);
  const y = Math.round((yMm / 25.4) * page.dpi);
  return page.pixels[y * page.width + x] ?? 255;
}

/** Darkest grey value within `radius` pixels of a point in millimetres. */
export function darkestNearMm(page: GreyPage, xMm: number, yMm: number, radius = 1): number {
  const cx = Math.round((xMm / 25.4) * page.dpi);
  const cy = Math.round((yMm / 25.4) * page.dpi);
  let darkest = 255;
  for (let y = cy - radius; y <= cy + radius; y += 1) for (let x = cx - radius; x <= cx + radius; x += 1) darkest = Math.min(darkest, page.pixels[y * page.width + x] ?? 255);
  return darkest;
}

let prepared = false;
function prepare(): void {
  if (prepared) return;
  const require = createRequire(import.meta.url);
  const wasmPath = join(dirname(require.resolve('zxing-wasm/reader')), '..', '..', 'reader', 'zxing_reader.wasm');
  const bytes = readFileSync(wasmPath);
  prepareZXingModule({ overrides: { wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer } });
  prepared = true;
}

/** The texts of the QR codes found on a rendered page. */
export async function decodeQrCodes(page: GreyPage): Promise<string[]> {
  prepare();
  const rgba = new Uint8ClampedArray(page.width * page.height * 4);
  for (let i = 0; i < page.pixels.length; i += 1) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = page.pixels[i]!;
    rgba[i * 4 + 3] = 255;
  }
  const results = await readBarcodes({ data: rgba, width: page.width, height: page.height, colorSpace: 'srgb' } as ImageData, { formats: ['QRCode'], tryHarder: true });
  return results.filter((r) => r.isValid).map((r) => r.text);
}
