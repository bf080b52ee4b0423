/**
 * What the frame scan keeps per row — where the row starts and its stratum code — in the narrowest
 * typed arrays that hold them, plus the state of the id check and the stratum cache. Shared by the
 * general record path and the plain-line fast path.
 */

/**
 * Unsigned integers per row in the narrowest typed array that holds them: for a million rows the
 * first touch of fresh memory costs more than the scan, so one byte per row where one byte is enough.
 */
export type NarrowArray = Uint8Array | Uint16Array | Int32Array;

export interface RowStore {
  count: number;
  /** Row i starts rowGap[i] bytes after row i − 1 (rowGap[0] = 0; row 0 starts at firstRowStart). */
  rowGap: NarrowArray;
  /** Largest gap rowGap can hold. */
  gapMax: number;
  firstRowStart: number;
  previousRowStart: number;
  stratumOfRow: NarrowArray;
  /** Largest code stratumOfRow can hold. */
  stratumMax: number;
  /** Keep every id (second pass), or only check their order (first pass). */
  collectIds: boolean;
  idsAscending: boolean;
  /** Ids of rows 0…count−1 as UTF-8: row i is idArena[idOffset[i] … idOffset[i + 1]). */
  idArena: Uint8Array;
  idArenaUsed: number;
  idOffset: Int32Array;
  idsAscii: boolean;
  /** The previous row's id: its bytes (ASCII), or its text. */
  previousId: Uint8Array;
  previousIdLength: number;
  previousIdText: string | null;
  /** Raw bytes of unquoted stratum values seen so far, by hash, with their code. */
  cacheOfHash: Map<number, number>;
  cacheBytes: Uint8Array[];
  cacheCode: number[];
  /** Cache entry of the previous row's stratum (frames are often grouped by district), or −1. */
  previousEntry: number;
}

export function newRowStore(capacity: number, collectIds: boolean): RowStore {
  return {
    count: 0,
    rowGap: new Uint8Array(capacity),
    gapMax: 0xff,
    firstRowStart: -1,
    previousRowStart: -1,
    stratumOfRow: new Uint8Array(capacity),
    stratumMax: 0xff,
    collectIds,
    idsAscending: !collectIds,
    idArena: new Uint8Array(collectIds ? capacity * 12 : 0),
    idArenaUsed: 0,
    idOffset: new Int32Array(collectIds ? capacity + 1 : 0),
    idsAscii: true,
    previousId: new Uint8Array(64),
    previousIdLength: -1,
    previousIdText: null,
    cacheOfHash: new Map(),
    cacheBytes: [],
    cacheCode: [],
    previousEntry: -1,
  };
}

/** Largest value a NarrowArray holds. */
const narrowMax = (array: NarrowArray) => (array instanceof Uint8Array ? 0xff : array instanceof Uint16Array ? 0xffff : 0x7fffffff);

/** A copy of array with the same length that holds values up to `value`. */
function widen(array: NarrowArray, value: number): NarrowArray {
  const wider = value <= 0xffff ? new Uint16Array(array.length) : new Int32Array(array.length);
  wider.set(array);
  return wider;
}

/** Makes stratumOfRow hold codes up to `code`. */
export function widenStrata(store: RowStore, code: number): void {
  store.stratumOfRow = widen(store.stratumOfRow, code);
  store.stratumMax = narrowMax(store.stratumOfRow);
}

/** Records where row store.count starts. */
export function setRowStart(store: RowStore, start: number): void {
  if (store.count === 0) store.firstRowStart = start;
  const gap = store.count === 0 ? 0 : start - store.previousRowStart;
  if (gap > store.gapMax) {
    store.rowGap = widen(store.rowGap, gap);
    store.gapMax = narrowMax(store.rowGap);
  }
  store.rowGap[store.count] = gap;
  store.previousRowStart = start;
}

/** Doubles the room for rows. */
export function growRowStore(store: RowStore): void {
  const grow = <T extends NarrowArray>(array: T, length: number): T => {
    const bigger = new (array.constructor as new (length: number) => T)(length);
    bigger.set(array);
    return bigger;
  };
  const capacity = store.rowGap.length * 2;
  store.rowGap = grow(store.rowGap, capacity);
  store.stratumOfRow = grow(store.stratumOfRow, capacity);
  if (store.collectIds) store.idOffset = grow(store.idOffset, capacity + 1);
}
