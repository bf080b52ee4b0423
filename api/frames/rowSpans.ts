/** Where the rows of a frame lie in its file, from the per-row gaps the scan kept. */
import type { NarrowArray } from './rowStore';

/** Rows between two absolute row starts kept by rowSpanFinder. */
const CHECKPOINT_EVERY = 256;

/**
 * Where rows lie in the file, from the gaps: an absolute start every CHECKPOINT_EVERY rows, the rest
 * summed from the nearest one. Returns a function giving start and end (the next row's start, or the
 * end of the file) of rows asked in ascending order, in one walk.
 */
export function rowSpanFinder(rowGap: NarrowArray, firstRowStart: number, fileSize: number): (ascending: ArrayLike<number>) => { starts: Float64Array; ends: Float64Array } {
  const rows = rowGap.length;
  const checkpoints = new Float64Array(Math.ceil(rows / CHECKPOINT_EVERY));
  let start = firstRowStart;
  for (let i = 0; i < rows; i++) {
    start += rowGap[i];
    if (i % CHECKPOINT_EVERY === 0) checkpoints[i / CHECKPOINT_EVERY] = start;
  }
  return (ascending) => {
    const starts = new Float64Array(ascending.length);
    const ends = new Float64Array(ascending.length);
    let row = -1;
    let at = 0;
    for (let k = 0; k < ascending.length; k++) {
      const target = ascending[k];
      if (target < row) throw new RangeError('rows must be asked for in ascending order');
      if (row === -1 || target - row >= CHECKPOINT_EVERY) {
        row = target - (target % CHECKPOINT_EVERY);
        at = checkpoints[row / CHECKPOINT_EVERY];
      }
      while (row < target) at += rowGap[++row];
      starts[k] = at;
      ends[k] = target + 1 < rows ? at + rowGap[target + 1] : fileSize;
    }
    return { starts, ends };
  };
}
