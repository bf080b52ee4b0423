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

/** Name and size N_h of grouped strata (for checkAllocation). */
export const sizesOf = (strata: readonly StratumUnits[]) => strata.map(({ stratum, rows }) => ({ stratum, size: rows.length }));

/** How the frame's columns are used by a draw. */
export interface FrameColumns {
  /** Column with the unique unit id (e.g. household_id). */
  id: string;
  /** Column with the stratum (e.g. district). */
  stratum: string;
  /** Columns to sort by before drawing (systematic sampling); ties and no keys → by id. */
  sortKeys?: readonly string[];
}

/**
 * The columns of a frame that a draw needs, one entry per frame row (row i is data row i + 1), in a
 * form that does not need one object per row: strata as small integer codes, ids behind a comparator.
 * Built from records by frameUnitsFromRecords, or straight from file bytes by a column extractor.
 * Every id is non-empty and every stratum non-empty — the builder has checked that, naming the row.
 */
export interface FrameUnits {
  /** Number of frame rows N. */
  readonly size: number;
  /** Name of the id column (for messages). */
  readonly idColumn: string;
  /** Stratum of row i as an index into strata (a narrow array when the codes fit: less memory per row). */
  readonly stratumOfRow: Uint8Array | Uint16Array | Int32Array;
  /** Distinct stratum names, in any order. */
  readonly strata: readonly string[];
  /** Id of row i as text (for messages). */
  id(row: number): string;
  /** Compares the ids of two rows in UTF-16 code-unit order (the order of JavaScript's `<`). */
  compareIds(a: number, b: number): number;
  /** True when the ids are strictly ascending in row order: then they are unique and already in draw order. */
  readonly idsAscending: boolean;
  /** Compares two rows by the sort keys of a systematic draw (0 on ties; ties are broken by id). */
  compareSortKeys?: (a: number, b: number) => number;
  /**
   * All rows ordered as compareIds orders them (equal ids by row), when the builder can do that faster
   * than a comparison sort (e.g. a radix sort of id bytes); otherwise the rows are sorted with compareIds.
   */
  idOrder?: () => Int32Array;
}

/** Compares two cell values: numbers numerically, everything else by UTF-16 code units (locale-free). */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a ?? '');
  const y = String(b ?? '');
  return x < y ? -1 : x > y ? 1 : 0;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Reads the id and stratum (and sort key) columns of frame records into FrameUnits, checking every row.
 * Cost: O(N) plus one Map lookup per row.
 * @throws RangeError naming the frame row (1-based data row) with a missing column, an empty id or an
 *   empty stratum, or a sort column missing from the frame.
 * @example frameUnitsFromRecords([{ id: 'b', s: 'X' }, { id: 'a', s: 'X' }], { id: 'id', stratum: 's' }).idsAscending // → false
 */
export function frameUnitsFromRecords(frame: readonly FrameRecord[], columns: FrameColumns): FrameUnits {
  const ids = new Array<string>(frame.length);
  const stratumOfRow = new Int32Array(frame.length);
  const codes = new Map<string, number>();
  const strata: string[] = [];
  let idsAscending = true;
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
    if (i > 0 && !(ids[i - 1] < id)) idsAscending = false;
    let code = codes.get(stratum);
    if (code === undefined) {
      code = strata.length;
      codes.set(stratum, code);
      strata.push(stratum);
    }
    stratumOfRow[i] = code;
  }
  const sortKeys = columns.sortKeys ?? [];
  for (const key of sortKeys) {
    if (frame.length > 0 && cell(frame[0], key) === undefined) throw new RangeError(`frame has no sort column '${key}'`);
  }
  return {
    size: frame.length,
    idColumn: columns.id,
    stratumOfRow,
    strata,
    id: (row) => ids[row],
    compareIds: (a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0),
    idsAscending,
    compareSortKeys:
      sortKeys.length === 0
        ? undefined
        : (a, b) => {
            for (const key of sortKeys) {
              const c = compareValues(cell(frame[a], key), cell(frame[b], key));
              if (c !== 0) return c;
            }
            return 0;
          },
  };
}

/**
 * Groups frame units by stratum and orders each stratum's units deterministically: by the sort keys
 * (if any), then by id (UTF-16 code-unit order, not locale order, so results do not depend on the
 * machine). Sorting before drawing makes the sample independent of the input row order.
 * Strata are returned sorted by name, the order in which draws consume random numbers.
 * When the ids are strictly ascending in row order (a frame exported sorted by id), they are unique and
 * every stratum is already in id order, so no sort and no duplicate search is needed: O(N).
 * Otherwise duplicate ids are found by merging the id-sorted strata (equal ids end up adjacent), which
 * for a million rows is several times cheaper than a hash set of all ids; units that give their rows in
 * id order (`idOrder`, e.g. by a radix sort) are dealt out to the strata in that order instead.
 * `bySortKeys` (default: when the units have a sort-key comparator) orders by the sort keys first;
 * an SRSWOR draw passes false, since its sample must not depend on sort columns.
 * Cost: O(N) for a frame in id order, O(N log N) otherwise.
 * @throws RangeError for a duplicate id, naming both frame rows (1-based data rows).
 * @example groupUnitsByStratum(frameUnitsFromRecords([{ id: 'b', s: 'X' }, { id: 'a', s: 'X' }], { id: 'id', stratum: 's' }))
 *   // → [{ stratum: 'X', rows: [1, 0] }]
 */
export function groupUnitsByStratum(units: FrameUnits, bySortKeys = units.compareSortKeys !== undefined): StratumUnits[] {
  const { size, stratumOfRow, compareIds } = units;
  const rowsOf: number[][] = units.strata.map(() => []);
  // Every row in id order, when the units can give it: dealt out to the strata, each stratum is in id order too.
  const inIdOrder = !units.idsAscending && units.idOrder ? units.idOrder() : null;
  if (inIdOrder) for (let k = 0; k < inIdOrder.length; k++) rowsOf[stratumOfRow[inIdOrder[k]]].push(inIdOrder[k]);
  else for (let i = 0; i < size; i++) rowsOf[stratumOfRow[i]].push(i);
  const order = units.strata.map((_, h) => h).sort((a, b) => byName(units.strata[a], units.strata[b]));
  if (!units.idsAscending) {
    let all: ArrayLike<number>;
    if (inIdOrder) all = inIdOrder;
    else {
      const sorted: number[] = [];
      for (const h of order) {
        const rows = rowsOf[h].sort(compareIds);
        for (const i of rows) sorted.push(i);
      }
      // The concatenation consists of H sorted runs; the (run-detecting, stable) sort merges them in O(N log H).
      all = sorted.sort(compareIds);
    }
    for (let k = 1; k < all.length; k++) {
      if (compareIds(all[k], all[k - 1]) === 0) {
        const [first, second] = [all[k - 1], all[k]].sort((a, b) => a - b);
        throw new RangeError(`duplicate id '${units.id(first)}' in column '${units.idColumn}': frame rows ${first + 1} and ${second + 1}`);
      }
    }
  }
  const compareSortKeys = units.compareSortKeys;
  if (bySortKeys && compareSortKeys) {
    for (const rows of rowsOf) rows.sort((a, b) => compareSortKeys(a, b) || compareIds(a, b));
  }
  return order.map((h) => ({ stratum: units.strata[h], rows: rowsOf[h] }));
}

/**
 * Groups frame rows by stratum in draw order: frameUnitsFromRecords, then groupUnitsByStratum.
 * Cost: O(N log N) (O(N) when the rows are in id order).
 * @throws RangeError naming the frame row (1-based data row) with an empty id or stratum, a duplicate
 *   id (both rows), or a missing column.
 * @example groupFrameByStratum([{ id: 'b', s: 'X' }, { id: 'a', s: 'X' }], { id: 'id', stratum: 's' })
 *   // → [{ stratum: 'X', rows: [1, 0] }]
 */
export function groupFrameByStratum(frame: readonly FrameRecord[], columns: FrameColumns): StratumUnits[] {
  return groupUnitsByStratum(frameUnitsFromRecords(frame, columns));
}
