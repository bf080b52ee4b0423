/** A frame row: any object of column values (CSV rows are Record<string, string>). */
export type FrameRecord = object;

/** Reads a column value of a frame row. */
export function cell(row: FrameRecord, column: string): unknown {
  return (row as Record<string, unknown>)[column];
}

/** Units of one stratum in deterministic draw order. */
export interface StratumUnits {
  stratum: string;
  /** Row positions in the frame, ordered by the sort keys (if any), then by id. */
  rows: number[];
}

/** How the frame's columns are used by a draw. */
export interface FrameColumns {
  /** Column with the unique unit id (e.g. household_id). */
  id: string;
  /** Column with the stratum (e.g. district). */
  stratum: string;
  /** Columns to sort by before drawing (systematic sampling); ties and no keys → by id. */
  sortKeys?: readonly string[];
}

/** Compares two cell values: numbers numerically, everything else by UTF-16 code units (locale-free). */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a ?? '');
  const y = String(b ?? '');
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Groups frame rows by stratum and orders each stratum's units deterministically: by the sort keys,
 * then by id (UTF-16 code-unit order, not locale order, so results do not depend on the machine).
 * Sorting before drawing makes the sample independent of the input row order.
 * Strata are returned sorted by name, the order in which draws consume random numbers.
 * Duplicate ids are found by merging the id-sorted strata (equal ids end up adjacent), which for a
 * million rows is several times cheaper than a hash set of all ids.
 * Cost: O(N log N).
 * @throws RangeError naming the frame row (1-based data row) with an empty id or stratum, a duplicate
 *   id (both rows), or a missing column.
 * @example groupFrameByStratum([{ id: 'b', s: 'X' }, { id: 'a', s: 'X' }], { id: 'id', stratum: 's' })
 *   // → [{ stratum: 'X', rows: [1, 0] }]
 */
export function groupFrameByStratum(frame: readonly FrameRecord[], columns: FrameColumns): StratumUnits[] {
  const ids = new Array<string>(frame.length);
  const byStratum = new Map<string, number[]>();
  for (let i = 0; i < frame.length; i++) {
    const row = frame[i];
    const idValue = cell(row, columns.id);
    const stratumValue = cell(row, columns.stratum);
    if (idValue === undefined) throw new RangeError(`frame row ${i + 1} has no column '${columns.id}'`);
    if (stratumValue === undefined) throw new RangeError(`frame row ${i + 1} has no column '${columns.stratum}'`);
    const id = typeof idValue === 'string' ? idValue : String(idValue);
    const stratum = typeof stratumValue === 'string' ? stratumValue : String(stratumValue);
    if (id === '') throw new RangeError(`frame row ${i + 1} has an empty id in column '${columns.id}'`);
    if (stratum === '') throw new RangeError(`frame row ${i + 1} has an empty stratum in column '${columns.stratum}'`);
    ids[i] = id;
    let rows = byStratum.get(stratum);
    if (!rows) byStratum.set(stratum, (rows = []));
    rows.push(i);
  }
  const byId = (a: number, b: number) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0);
  const strata = [...byStratum.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const all: number[] = [];
  for (const stratum of strata) {
    const rows = (byStratum.get(stratum) as number[]).sort(byId);
    for (const i of rows) all.push(i);
  }
  // The concatenation consists of H sorted runs; the (run-detecting) sort merges them in O(N log H).
  all.sort(byId);
  for (let k = 1; k < all.length; k++) {
    if (ids[all[k]] === ids[all[k - 1]]) {
      const [first, second] = [all[k - 1], all[k]].sort((a, b) => a - b);
      throw new RangeError(`duplicate id '${ids[first]}' in column '${columns.id}': frame rows ${first + 1} and ${second + 1}`);
    }
  }
  const sortKeys = columns.sortKeys ?? [];
  for (const key of sortKeys) {
    if (frame.length > 0 && cell(frame[0], key) === undefined) throw new RangeError(`frame has no sort column '${key}'`);
  }
  if (sortKeys.length > 0) {
    const bySortKeys = (a: number, b: number) => {
      for (const key of sortKeys) {
        const c = compareValues(cell(frame[a], key), cell(frame[b], key));
        if (c !== 0) return c;
      }
      return byId(a, b);
    };
    for (const rows of byStratum.values()) rows.sort(bySortKeys);
  }
  return strata.map((stratum) => ({ stratum, rows: byStratum.get(stratum) as number[] }));
}
