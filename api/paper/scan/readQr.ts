/**
 * Reads the QR code of a scanned page with zxing-wasm. The WebAssembly binary is read from the installed
 * package (node_modules/zxing-wasm) and handed to the module as bytes, so nothing is ever fetched from a
 * CDN or any other network address (readQr.test.ts stubs fetch to prove it).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { GreyImage } from './greyImage';
import type { Point } from './homography';

let prepared = false;

function prepare(): void {
  if (prepared) return;
  const require = createRequire(import.meta.url);
  // …/zxing-wasm/dist/cjs/reader/index.js → …/zxing-wasm/dist/reader/zxing_reader.wasm
  const entry = require.resolve('zxing-wasm/reader');
  const wasmPath = join(dirname(entry), '..', '..', 'reader', 'zxing_reader.wasm');
  const bytes = readFileSync(wasmPath);
  prepareZXingModule({
    overrides: {
      wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      locateFile: (path: string) => join(dirname(wasmPath), path),
    },
  });
  prepared = true;
}

/** A decoded QR code: its text and its corners in image pixels, named in the code's own orientation. */
export interface QrReading {
  readonly text: string;
  readonly topLeft: Point;
  readonly topRight: Point;
  readonly bottomLeft: Point;
  readonly bottomRight: Point;
}

/**
 * All QR codes found in a grey image (or in the window x, y, w, h of it), with their corners in the
 * coordinates of the whole image. The window is surrounded by a white margin of 24 px: a code printed near
 * the paper's edge may have lost its quiet zone to a shifted scan, and the decoder needs one.
 */
export async function readQrCodes(image: GreyImage, window?: { x: number; y: number; w: number; h: number }): Promise<QrReading[]> {
  prepare();
  const pad = 24;
  const x0 = window?.x ?? 0;
  const y0 = window?.y ?? 0;
  const w = window?.w ?? image.width;
  const h = window?.h ?? image.height;
  const W = w + 2 * pad;
  const H = h + 2 * pad;
  const rgba = new Uint8ClampedArray(W * H * 4).fill(255);
  for (let y = 0; y < h; y++) {
    let src = (y0 + y) * image.width + x0;
    let dst = ((y + pad) * W + pad) * 4;
    for (let x = 0; x < w; x++, src++, dst += 4) {
      const v = image.data[src]!;
      rgba[dst] = v;
      rgba[dst + 1] = v;
      rgba[dst + 2] = v;
    }
  }
  const results = await readBarcodes({ data: rgba, width: W, height: H, colorSpace: 'srgb' } as unknown as ImageData, {
    formats: ['QRCode'],
    tryHarder: true,
    maxNumberOfSymbols: 4,
  });
  const at = (p: { x: number; y: number }): Point => [p.x + x0 - pad, p.y + y0 - pad];
  return results
    .filter((r) => r.isValid && r.text !== '')
    .map((r) => ({
      text: r.text,
      topLeft: at(r.position.topLeft),
      topRight: at(r.position.topRight),
      bottomLeft: at(r.position.bottomLeft),
      bottomRight: at(r.position.bottomRight),
    }));
}
