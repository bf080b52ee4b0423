/**
 * The id of each row as the scan passes: a first pass only checks that the ids ascend (keeping the
 * previous one), and stops at the first id out of order; a second pass keeps every id in one byte arena.
 */
import type { CsvDecoder } from '../csv/dialect';
import { compareBytes, isAscii } from './bytes';
import { decode, utf8Decoder } from './recordFields';
import type { RowStore } from './rowStore';

/** Thrown in a first pass as soon as two ids are out of order: the ids must then be kept, in a second pass. */
export class IdsNotAscending extends Error {}

/** Order of two texts in UTF-16 code units, as JavaScript's `<`. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const utf8Encoder = new TextEncoder();

/** Appends an id's UTF-8 bytes to the arena. */
export function collectId(store: RowStore, bytes: Uint8Array, from: number, to: number): void {
  while (store.idArenaUsed + (to - from) > store.idArena.length) {
    const bigger = new Uint8Array(Math.max(1024, store.idArena.length * 2));
    bigger.set(store.idArena.subarray(0, store.idArenaUsed));
    store.idArena = bigger;
  }
  const arena = store.idArena;
  let used = store.idArenaUsed;
  for (let k = from; k < to; k++) arena[used++] = bytes[k];
  store.idArenaUsed = used;
  store.idOffset[store.count + 1] = used;
}

/** The next row's id, plain ASCII in bytes[start…stop): checks the order (first pass) or keeps it (second pass). */
export function nextId(store: RowStore, bytes: Uint8Array, start: number, stop: number, decoder: CsvDecoder): void {
  if (store.collectIds) return collectId(store, bytes, start, stop);
  if (store.previousIdLength !== -1) {
    const order =
      store.previousIdText === null
        ? compareBytes(store.previousId, 0, store.previousIdLength, bytes, start, stop)
        : compareText(store.previousIdText, decode(bytes, start, stop, decoder));
    if (order >= 0) throw new IdsNotAscending();
  }
  rememberId(store, bytes, start, stop);
}

/** Keeps a copy of the previous row's id (the read buffer is reused). */
export function rememberId(store: RowStore, bytes: Uint8Array, start: number, stop: number): void {
  if (stop - start > store.previousId.length) store.previousId = new Uint8Array(2 * (stop - start));
  const previous = store.previousId;
  for (let k = start; k < stop; k++) previous[k - start] = bytes[k];
  store.previousIdLength = stop - start;
  store.previousIdText = null;
}

/** The next row's id as text (quoted with `""`, or outside ASCII); compared in UTF-16 code units. */
export function nextIdText(store: RowStore, text: string): void {
  if (store.collectIds) {
    const bytes = utf8Encoder.encode(text);
    if (!isAscii(bytes, 0, bytes.length)) store.idsAscii = false;
    return collectId(store, bytes, 0, bytes.length);
  }
  if (store.previousIdLength !== -1) {
    const previous = store.previousIdText ?? decode(store.previousId, 0, store.previousIdLength, utf8Decoder);
    if (compareText(previous, text) >= 0) throw new IdsNotAscending();
  }
  store.previousIdText = text;
  store.previousIdLength = 0;
}
