import type { GreyImage } from './greyImage';
import type { Point } from './homography';

/** Where the printed form puts its four fiducials: centres in mm from the page's top-left, 6 mm squares. */
export const FIDUCIAL_CENTRES_MM: readonly Point[] = [
  [12, 12],
  [198, 12],
  [12, 285],
  [198, 285],
];
export const FIDUCIAL_SIDE_MM = 6;
export const PAGE_WIDTH_MM = 210;
export const PAGE_HEIGHT_MM = 297;

/** How far from its corner a fiducial may lie: ±3° turn, a shifted sheet and the scanner's margins. */
const SEARCH_MM = 48;

/**
 * Finds the four fiducials of a scanned form: in a window at each corner of the image, the connected dark
 * region (grey < threshold) that is a solid square of about 6 mm — its area 0.4–2 × the expected, its
 * bounding box 0.6–1.6 × the side, at least 68 % of the box filled (a square turned by 3° fills 90 %;
 * letters, the hollow finder patterns of a QR code and pen strokes fill far less or are far smaller).
 * Of several, the one nearest where the fiducial would be on an unturned, unscaled page wins. The centre
 * is the region's centroid, which blur and noise move by a fraction of a pixel.
 * `pxPerMm` is the expected scale (image width / 210 for a whole A4 scan). Cost: O(window area).
 * @returns the centres in image pixels in the order top-left, top-right, bottom-left, bottom-right of the
 *   image, or the corners where none was found.
 * @example findFiducials(page, 150, 200 / 25.4) // → { centres: [[94, 95], [1559, 93], …], missing: [] }
 */
export function findFiducials(
  image: GreyImage,
  threshold: number,
  pxPerMm: number,
): { centres: Point[]; missing: string[] } {
  const names = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];
  const centres: Point[] = [];
  const missing: string[] = [];
  const win = Math.min(Math.round(SEARCH_MM * pxPerMm), Math.floor(image.width / 2), Math.floor(image.height / 2));
  for (let k = 0; k < 4; k++) {
    const right = k % 2 === 1;
    const bottom = k >= 2;
    const x0 = right ? image.width - win : 0;
    const y0 = bottom ? image.height - win : 0;
    const expectX = right ? image.width - 12 * pxPerMm : 12 * pxPerMm;
    const expectY = bottom ? image.height - 12 * pxPerMm : 12 * pxPerMm;
    const found = bestSquare(image, threshold, x0, y0, win, win, FIDUCIAL_SIDE_MM * pxPerMm, expectX, expectY);
    if (found === null) missing.push(names[k]!);
    else centres.push(found);
  }
  return { centres, missing };
}

function bestSquare(
  image: GreyImage,
  threshold: number,
  x0: number,
  y0: number,
  w: number,
  h: number,
  side: number,
  expectX: number,
  expectY: number,
): Point | null {
  const labels = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  const { data, width } = image;
  let best: Point | null = null;
  let bestDistance = Infinity;
  let next = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const start = y * w + x;
      if (labels[start] !== 0 || data[(y0 + y) * width + x0 + x]! >= threshold) continue;
      next++;
      labels[start] = next;
      let top = 0;
      stack[top++] = start;
      let area = 0;
      let sx = 0;
      let sy = 0;
      let minX = x;
      let maxX = x;
      let minY = y;
      let maxY = y;
      while (top > 0) {
        const p = stack[--top]!;
        const px = p % w;
        const py = (p - px) / w;
        area++;
        sx += px;
        sy += py;
        if (px < minX) minX = px;
        if (px > maxX) maxX = px;
        if (py < minY) minY = py;
        if (py > maxY) maxY = py;
        // The four neighbours; a dark, unlabelled one joins the region.
        for (let k = 0; k < 4; k++) {
          const qx = k === 0 ? px - 1 : k === 1 ? px + 1 : px;
          const qy = k === 2 ? py - 1 : k === 3 ? py + 1 : py;
          if (qx < 0 || qy < 0 || qx >= w || qy >= h) continue;
          const q = qy * w + qx;
          if (labels[q] !== 0 || data[(y0 + qy) * width + x0 + qx]! >= threshold) continue;
          labels[q] = next;
          stack[top++] = q;
        }
      }
      const bw = maxX - minX + 1;
      const bh = maxY - minY + 1;
      const expected = side * side;
      if (area < 0.4 * expected || area > 2 * expected) continue;
      if (bw < 0.6 * side || bw > 1.6 * side || bh < 0.6 * side || bh > 1.6 * side) continue;
      if (area < 0.68 * bw * bh) continue;
      const cx = x0 + sx / area + 0.5;
      const cy = y0 + sy / area + 0.5;
      const distance = Math.hypot(cx - expectX, cy - expectY);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = [cx, cy];
      }
    }
  }
  return best;
}
