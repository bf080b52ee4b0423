/**
 * Strata as small integer codes: a code per distinct stratum text, in order of first appearance, and a
 * cache from the raw bytes of unquoted values to their code, so that the fast path decodes no stratum
 * it has seen before.
 */
import { compareBytes, hashBytes } from './bytes';
import type { RowStore } from './rowStore';

/** Codes of stratum texts; `strata[code]` is the text. */
export class StratumCodes {
  readonly strata: string[] = [];
  private readonly codeOfStratum = new Map<string, number>();

  constructor(private readonly column: string) {}

  /**
   * The code of a stratum text (a new code for a new text).
   * @throws RangeError naming the frame row (0-based `row`) and line for an empty stratum.
   */
  code(text: string, row: number, line: number): number {
    if (text === '') throw new RangeError(`frame row ${row + 1} (line ${line}) has an empty stratum in column '${this.column}'`);
    let code = this.codeOfStratum.get(text);
    if (code === undefined) {
      code = this.strata.length;
      this.codeOfStratum.set(text, code);
      this.strata.push(text);
    }
    return code;
  }
}

/** The code of an unquoted stratum value seen before (same bytes), or −1. */
export function cachedStratum(store: RowStore, bytes: Uint8Array, start: number, stop: number): number {
  const previous = store.previousEntry;
  if (previous !== -1) {
    const cached = store.cacheBytes[previous];
    if (compareBytes(cached, 0, cached.length, bytes, start, stop) === 0) return store.cacheCode[previous];
  }
  const entry = store.cacheOfHash.get(hashBytes(bytes, start, stop));
  if (entry === undefined) return -1;
  const cached = store.cacheBytes[entry];
  if (compareBytes(cached, 0, cached.length, bytes, start, stop) !== 0) return -1;
  store.previousEntry = entry;
  return store.cacheCode[entry];
}

/** Remembers the raw bytes of a stratum value (a hash collision keeps the first value; the other is decoded each time). */
export function cacheStratum(store: RowStore, bytes: Uint8Array, start: number, stop: number, code: number): void {
  const hash = hashBytes(bytes, start, stop);
  if (store.cacheOfHash.has(hash)) return;
  store.cacheOfHash.set(hash, store.cacheBytes.length);
  store.previousEntry = store.cacheBytes.length;
  store.cacheBytes.push(Uint8Array.from(bytes.subarray(start, stop)));
  store.cacheCode.push(code);
}
