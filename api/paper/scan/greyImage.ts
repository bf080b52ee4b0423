/**
 * A scanned page as one byte of grey per pixel (0 = black, 255 = white), row by row, no padding.
 * Every step of reading a scan works on this shape; only loadScanPages (I/O) produces it.
 */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * The paper and ink levels of a page: `paper` is the 90th percentile of the grey values (a page is mostly
 * paper), `ink` the 0.3rd percentile (the fiducials alone are more than that). `threshold` is the grey value
 * below which a pixel counts as ink: 55 % of the way from paper down to ink, so a faint pen still counts
 * while the grain of recycled paper and scanner noise do not. Samples every 7th pixel. Cost: O(n / 7).
 * @example inkLevels(page) // → { paper: 246, ink: 12, threshold: 147 }
 */
export function inkLevels(image: GreyImage): { paper: number; ink: number; threshold: number } {
  const histogram = new Uint32Array(256);
  let count = 0;
  for (let i = 0; i < image.data.length; i += 7) {
    histogram[image.data[i]!]!++;
    count++;
  }
  const percentile = (p: number): number => {
    const target = p * count;
    let seen = 0;
    for (let v = 0; v < 256; v++) {
      seen += histogram[v]!;
      if (seen >= target) return v;
    }
    return 255;
  };
  const paper = percentile(0.9);
  const ink = Math.min(percentile(0.003), paper - 1);
  return { paper, ink, threshold: paper - 0.45 * (paper - ink) };
}

/**
 * Whether a page was scanned in black and white (1 bit per pixel): every sampled pixel is pure black or
 * pure white. Such a scanner decides ink or paper by its own fixed threshold, so a light pen or pencil
 * can vanish before the page reaches us; the import says so and advises scanning in grey.
 * Samples every 7th pixel. Cost: O(n / 7).
 * @example isBlackAndWhite({ width: 2, height: 1, data: Uint8Array.of(0, 255) }) // → true
 */
export function isBlackAndWhite(image: GreyImage): boolean {
  for (let i = 0; i < image.data.length; i += 7) {
    const v = image.data[i]!;
    if (v !== 0 && v !== 255) return false;
  }
  return true;
}

/** The same page turned by 90° steps clockwise (90, 180, 270). Cost: O(n). */
export function rotateQuarter(image: GreyImage, quarters: 1 | 2 | 3): GreyImage {
  const { width: w, height: h, data } = image;
  if (quarters === 2) {
    const out = new Uint8Array(data.length);
    for (let i = 0, n = data.length; i < n; i++) out[n - 1 - i] = data[i]!;
    return { width: w, height: h, data: out };
  }
  const out = new Uint8Array(data.length);
  // Clockwise by 90°: new (x', y') = (h − 1 − y, x); counter-clockwise (270°): (y, w − 1 − x).
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      if (quarters === 1) out[x * h + (h - 1 - y)] = v;
      else out[(w - 1 - x) * h + y] = v;
    }
  }
  return { width: h, height: w, data: out };
}
