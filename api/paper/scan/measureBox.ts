import { applyHomography, type Homography } from './homography';
import type { GreyImage } from './greyImage';

/** A printed box on the page: top-left corner and size in mm from the page's top-left. */
export interface BoxMm {
  readonly xMm: number;
  readonly yMm: number;
  readonly wMm: number;
  readonly hMm: number;
}

/** What one box looks like in the scan. */
export interface BoxMeasurement {
  /** Share of ink pixels inside the box, 0.25 mm clear of the printed stroke (0 = blank, 1 = filled). */
  readonly inside: number;
  /**
   * Share of ink in a band 0.5–2.5 mm outside the box (up to 2.8 mm for large print): a mark beside the box shows here. The printed form
   * keeps 3 mm around every box free (BOX_CLEARANCE_MM), so on a blank form the band is empty.
   */
  readonly around: number;
  /** Share of the printed stroke found dark at the registered place; low means registration failed. */
  readonly border: number;
  /** Shift (mm, page axes) that aligned the printed stroke best; registration is good when it is small. */
  readonly shiftMm: readonly [number, number];
}

export const BOX_STROKE_MM = 0.35;
const CLEARANCE_MM = 0.25;
const SEARCH_STEP_MM = 0.15;
const SEARCH_STEPS = 4;

/**
 * Measures a box in a registered scan. First the printed stroke is looked for at the place the
 * homography gives and at shifts up to ±0.6 mm (0.15 mm steps; the shift where most of the stroke is dark
 * wins, the smallest shift on a tie), which absorbs a scanner's local stretch and the centroid error of
 * the fiducials; then the shares of ink pixels (grey < threshold) inside, on and around the box are counted
 * on a grid of one sample per pixel; the band around leaves out the neighbouring boxes given (another
 * box's cross is not a mark beside this one). Cost: O(box area in pixels × 81) for the search, tiny per box.
 * @example measureBox(page, h, { xMm: 20, yMm: 40, wMm: 5, hMm: 5 }, 160, 7.87) // → { inside: 0.31, … }
 */
export function measureBox(image: GreyImage, h: Homography, box: BoxMm, threshold: number, pxPerMm: number, neighbours: readonly BoxMm[] = []): BoxMeasurement {
  const step = Math.min(0.5, 1 / pxPerMm);
  const dark = (xMm: number, yMm: number): boolean => {
    const [u, v] = applyHomography(h, xMm, yMm);
    const x = Math.floor(u);
    const y = Math.floor(v);
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) return false;
    return image.data[y * image.width + x]! < threshold;
  };
  // Points along the middle of the printed stroke.
  const half = BOX_STROKE_MM / 2;
  const strokePoints: [number, number][] = [];
  for (let t = 0; t <= box.wMm; t += step) {
    strokePoints.push([box.xMm + t, box.yMm], [box.xMm + t, box.yMm + box.hMm]);
  }
  for (let t = step; t < box.hMm; t += step) {
    strokePoints.push([box.xMm, box.yMm + t], [box.xMm + box.wMm, box.yMm + t]);
  }
  const borderAt = (dx: number, dy: number): number => {
    let hit = 0;
    for (const [x, y] of strokePoints) if (dark(x + dx, y + dy)) hit++;
    return hit / strokePoints.length;
  };
  let best = borderAt(0, 0);
  let shift: [number, number] = [0, 0];
  if (best < 0.97) {
    for (let i = -SEARCH_STEPS; i <= SEARCH_STEPS; i++) {
      for (let j = -SEARCH_STEPS; j <= SEARCH_STEPS; j++) {
        if (i === 0 && j === 0) continue;
        const dx = i * SEARCH_STEP_MM;
        const dy = j * SEARCH_STEP_MM;
        const score = borderAt(dx, dy);
        const better = score > best + 1e-9 || (Math.abs(score - best) <= 1e-9 && Math.hypot(dx, dy) < Math.hypot(shift[0], shift[1]));
        if (better) {
          best = score;
          shift = [dx, dy];
        }
      }
    }
  }
  const [sx, sy] = shift;
  const inset = half + CLEARANCE_MM;
  const share = (x0: number, y0: number, x1: number, y1: number, skip?: (x: number, y: number) => boolean): number => {
    let n = 0;
    let ink = 0;
    for (let y = y0 + step / 2; y < y1; y += step) {
      for (let x = x0 + step / 2; x < x1; x += step) {
        if (skip !== undefined && skip(x, y)) continue;
        n++;
        if (dark(x + sx, y + sy)) ink++;
      }
    }
    return n === 0 ? 0 : ink / n;
  };
  const inside = share(box.xMm + inset, box.yMm + inset, box.xMm + box.wMm - inset, box.yMm + box.hMm - inset);
  // 0.5–2.5 mm for a 5 mm box, wider for large print (7 mm boxes: up to 2.8 mm, inside the 3 mm kept free).
  const near = 0.5;
  const far = Math.min(2.8, 2.5 * (Math.min(box.wMm, box.hMm) / 5));
  // A neighbouring box (and its own marks) is not "beside" this one.
  const others = neighbours.filter((n) => n !== box && n.xMm < box.xMm + box.wMm + far + near && n.xMm + n.wMm > box.xMm - far - near && n.yMm < box.yMm + box.hMm + far + near && n.yMm + n.hMm > box.yMm - far - near);
  const within = (b: BoxMm, x: number, y: number) => x > b.xMm - near && x < b.xMm + b.wMm + near && y > b.yMm - near && y < b.yMm + b.hMm + near;
  const around = share(box.xMm - far, box.yMm - far, box.xMm + box.wMm + far, box.yMm + box.hMm + far, (x, y) => within(box, x, y) || others.some((o) => within(o, x, y)));
  return { inside, around, border: best, shiftMm: shift };
}
