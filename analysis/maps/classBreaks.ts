import { ckmeans, quantileSorted } from 'simple-statistics';

export type ClassMethod = 'quantile' | 'equal' | 'jenks';

/**
 * Class limits of a choropleth: k classes as k + 1 ascending limits from the smallest to the largest value.
 *   equal:    min + (max − min)·j/k;
 *   quantile: the j/k quantiles (type 7, as R's default `quantile`), so each class holds about n/k areas;
 *   jenks:    natural breaks by optimal 1-D k-means (Wang & Song 2011, "Ckmeans.1d.dp", R Journal 3/2;
 *             simple-statistics `ckmeans`), each limit the smallest value of its cluster.
 * Fewer distinct values than k give as many classes as there are values. Limits that coincide are merged,
 * so no class is empty by construction. Cost: O(n log n) (jenks O(k·n²) at most, n = areas, i.e. tiny).
 * @throws RangeError when `classes` is not an integer ≥ 1.
 * @example classBreaks([1, 2, 3, 4, 5], 'equal', 2) // → [1, 3, 5]
 */
export function classBreaks(values: readonly (number | null)[], method: ClassMethod, classes: number): number[] {
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`the number of classes must be a whole number ≥ 1, not ${classes}`);
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (min === max) return [min, max];
  const k = Math.min(classes, new Set(sorted).size);
  let limits: number[];
  if (method === 'equal') {
    limits = Array.from({ length: k + 1 }, (_, j) => (j === k ? max : min + ((max - min) * j) / k));
  } else if (method === 'quantile') {
    limits = Array.from({ length: k + 1 }, (_, j) => (j === 0 ? min : j === k ? max : quantileSorted(sorted, j / k)));
  } else {
    const clusters = ckmeans(sorted, k);
    limits = [...clusters.map((c) => c[0]!), max];
  }
  return limits.filter((x, j) => j === 0 || x > limits[j - 1]!);
}

/**
 * The class (0 … limits.length − 2) of a value: class j holds limits[j] ≤ v < limits[j+1], the last class
 * includes its upper limit. null for a missing value or when there are no limits; values outside are clamped.
 * @example classIndex(0.3, [0.1, 0.3, 0.5]) // → 1
 */
export function classIndex(value: number | null, limits: readonly number[]): number | null {
  if (value === null || !Number.isFinite(value) || limits.length < 2) return null;
  const last = limits.length - 2;
  for (let j = 0; j < last; j++) if (value < limits[j + 1]!) return j;
  return last;
}
