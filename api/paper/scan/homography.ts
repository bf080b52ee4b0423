/** A point (x, y): millimetres on the printed page or pixels in a scan. */
export type Point = readonly [number, number];

/** Row-major 3×3 matrix with h₃₃ = 1. */
export type Homography = readonly number[];

/**
 * Plane projective transformation (homography) from four or more point pairs, by the direct linear
 * transformation with h₃₃ = 1: for each pair (x, y) → (u, v)
 *   u = (h₁₁x + h₁₂y + h₁₃) / (h₃₁x + h₃₂y + 1),  v = (h₂₁x + h₂₂y + h₂₃) / (h₃₁x + h₃₂y + 1),
 * two linear equations in the eight unknowns, solved by least squares (normal equations, Gaussian
 * elimination with partial pivoting). Four pairs determine it exactly.
 * Source: Hartley & Zisserman (2004), Multiple View Geometry, §4.1. Cost: O(n) for n pairs.
 * @throws RangeError with fewer than four pairs or when the points are degenerate (three on a line).
 * @example fitHomography([[0,0],[1,0],[0,1],[1,1]], [[10,10],[12,10],[10,12],[12,12]]) // → scale 2, shift 10
 */
export function fitHomography(from: readonly Point[], to: readonly Point[]): Homography {
  if (from.length !== to.length || from.length < 4) throw new RangeError(`a homography needs at least four point pairs, got ${Math.min(from.length, to.length)}`);
  // Scaled to about 1 for a well-conditioned system, then scaled back: H = D₂⁻¹ · H' · D₁.
  const s1 = 1 / Math.max(1e-9, ...from.map(([x, y]) => Math.max(Math.abs(x), Math.abs(y))));
  const s2 = 1 / Math.max(1e-9, ...to.map(([x, y]) => Math.max(Math.abs(x), Math.abs(y))));
  const h = fitScaled(
    from.map(([x, y]) => [x * s1, y * s1] as const),
    to.map(([x, y]) => [x * s2, y * s2] as const),
  );
  const d1 = [s1, s1, 1];
  const d2 = [1 / s2, 1 / s2, 1];
  return h.map((v, k) => d2[Math.floor(k / 3)]! * v * d1[k % 3]!);
}

function fitScaled(from: readonly Point[], to: readonly Point[]): number[] {
  const ata = Array.from({ length: 8 }, () => new Array<number>(9).fill(0));
  const add = (row: number[], rhs: number) => {
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) ata[i]![j]! += row[i]! * row[j]!;
      ata[i]![8]! += row[i]! * rhs;
    }
  };
  for (let k = 0; k < from.length; k++) {
    const [x, y] = from[k]!;
    const [u, v] = to[k]!;
    add([x, y, 1, 0, 0, 0, -u * x, -u * y], u);
    add([0, 0, 0, x, y, 1, -v * x, -v * y], v);
  }
  const h = solve(ata);
  if (h === null) throw new RangeError('the points do not determine a homography (three of them lie on one line)');
  return [...h, 1];
}

/** Maps a point with the homography. */
export function applyHomography(h: Homography, x: number, y: number): [number, number] {
  const w = h[6]! * x + h[7]! * y + 1;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** Solves the augmented n×(n+1) system in place; null when singular. */
function solve(m: number[][]): number[] | null {
  const n = m.length;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (Math.abs(m[pivot]![c]!) < 1e-12) return null;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/**
 * Least-squares affine fit (u, v) = A·(x, y) + t and the largest distance of a pair from it, in the units
 * of `to`. A flat page on a scanner glass is affine to within a fraction of a millimetre; a larger residual
 * means a folded or cropped page or a fiducial found in the wrong place. Cost: O(n).
 * @example affineResidual(fourCorners, fourCornersShifted) // → 0
 */
export function affineResidual(from: readonly Point[], to: readonly Point[]): number {
  const n = from.length;
  const m = Array.from({ length: 3 }, () => new Array<number>(5).fill(0));
  for (let k = 0; k < n; k++) {
    const row = [from[k]![0], from[k]![1], 1];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) m[i]![j]! += row[i]! * row[j]!;
      m[i]![3]! += row[i]! * to[k]![0];
      m[i]![4]! += row[i]! * to[k]![1];
    }
  }
  const mu = m.map((r) => [r[0]!, r[1]!, r[2]!, r[3]!]);
  const mv = m.map((r) => [r[0]!, r[1]!, r[2]!, r[4]!]);
  const a = solve(mu);
  const b = solve(mv);
  if (a === null || b === null) return Infinity;
  let worst = 0;
  for (let k = 0; k < n; k++) {
    const [x, y] = from[k]!;
    const du = a[0]! * x + a[1]! * y + a[2]! - to[k]![0];
    const dv = b[0]! * x + b[1]! * y + b[2]! - to[k]![1];
    worst = Math.max(worst, Math.hypot(du, dv));
  }
  return worst;
}
