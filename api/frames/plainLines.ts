/**
 * The fast path of the frame scan: most frame lines hold no quotes, start with no blank and have a
 * stratum seen before; this loop takes such lines without leaving it and without allocating.
 */
import type { Buffer } from 'node:buffer';
import { isCsvBlank as isBlank } from '../csv/dialect';
import { isAscii } from './bytes';
import { countByte, countByteInWords } from './countByte';
import type { FieldTexts } from './fieldTexts';
import { utf8Decoder } from './recordFields';
import { collectId, IdsNotAscending, nextId, rememberId } from './rowIds';
import type { RowStore } from './rowStore';
import { cachedStratum } from './strata';

/** Where the fast path finds the id and stratum, and the field count every row must have. */
export interface PlainLayout {
  delimiter: number;
  newline: number;
  idIndex: number;
  stratumIndex: number;
  width: number;
  /** Sort columns of a systematic draw, their values by row, and the texts they are taken from. */
  sortIndexes: Int32Array;
  sortValues: string[][];
  texts: FieldTexts;
}

/**
 * Fast path over consecutive one-line records without quotes in buf[pos…limit): finds the id and the
 * stratum, checks or keeps the id, looks the stratum up among the values seen before and takes the
 * sort columns' texts (repeated values shared); other fields are only counted. It returns its position
 * at anything else — a line starting with a blank, a line not ending before `limit` (a quote, or the
 * end of the bytes read so far), a row that needs a message, an id outside ASCII, a stratum not seen
 * before, full row arrays — for the general record path (api/frames/recordSpans.ts).
 * Cost: O(bytes); no allocation per row without sort columns.
 */
export function scanPlainLines(store: RowStore, layout: PlainLayout, buf: Buffer, base: number, pos: number, limit: number): number {
  const { delimiter, newline, idIndex, stratumIndex, width, sortIndexes, sortValues, texts } = layout;
  const sortCount = sortIndexes.length;
  let lastNeeded = idIndex > stratumIndex ? idIndex : stratumIndex;
  for (let k = 0; k < sortCount; k++) if (sortIndexes[k] > lastNeeded) lastNeeded = sortIndexes[k];
  const sortStart = new Int32Array(sortCount);
  const sortEnd = new Int32Array(sortCount);
  const { rowGap, stratumOfRow, collectIds, gapMax, stratumMax } = store;
  const capacity = rowGap.length;
  let count = store.count;
  // The first row is taken by the general path (it sets firstRowStart).
  if (count === 0) return pos;
  let previousRowStart = store.previousRowStart;
  const words = buf.byteOffset % 4 === 0 ? new Int32Array(buf.buffer, buf.byteOffset, buf.length >> 2) : null;
  // The previous id as a range of buf once this call has taken a row (no copy per row).
  let previousStart = -1;
  let previousEnd = -1;
  while (pos < limit && count < capacity) {
    const first = buf[pos];
    if (isBlank(first) || first === newline) break;
    const lineEnd = buf.indexOf(newline, pos);
    if (lineEnd === -1 || lineEnd >= limit) break;
    let p = pos;
    let field = 0;
    let idStart = 0;
    let idEnd = 0;
    let stratumStart = 0;
    let stratumEnd = 0;
    for (;;) {
      const start = p;
      while (p < lineEnd && buf[p] !== delimiter) p++;
      if (field === idIndex) {
        idStart = start;
        idEnd = p;
      }
      if (field === stratumIndex) {
        stratumStart = start;
        stratumEnd = p;
      }
      for (let k = 0; k < sortCount; k++) {
        if (sortIndexes[k] === field) {
          sortStart[k] = start;
          sortEnd[k] = p;
        }
      }
      field++;
      if (p >= lineEnd || field > lastNeeded) break;
      p++;
    }
    // Each further delimiter starts one more field.
    if (p < lineEnd) field += words === null ? countByte(buf, p, lineEnd, delimiter) : countByteInWords(buf, words, p, lineEnd, delimiter);
    if (field !== width) break;
    while (idStart < idEnd && isBlank(buf[idStart])) idStart++;
    while (idEnd > idStart && isBlank(buf[idEnd - 1])) idEnd--;
    while (stratumStart < stratumEnd && isBlank(buf[stratumStart])) stratumStart++;
    while (stratumEnd > stratumStart && isBlank(buf[stratumEnd - 1])) stratumEnd--;
    if (idStart === idEnd || stratumStart === stratumEnd) break;
    // The id is compared with the previous one (in buf) in one walk that also checks that the new bytes
    // are ASCII: the common prefix is, since the previous id was.
    let order = 0;
    if (!collectIds && previousStart !== -1) {
      const previousLength = previousEnd - previousStart;
      const length = idEnd - idStart;
      const common = previousLength < length ? previousLength : length;
      let k = 0;
      while (k < common && buf[previousStart + k] === buf[idStart + k]) k++;
      if (!isAscii(buf, idStart + k, idEnd)) break;
      order = k < common ? buf[previousStart + k] - buf[idStart + k] : previousLength - length;
    } else if (!isAscii(buf, idStart, idEnd)) break;
    const code = cachedStratum(store, buf, stratumStart, stratumEnd);
    const gap = base + pos - previousRowStart;
    if (code === -1 || code > stratumMax || gap > gapMax) break;
    if (collectIds) {
      store.count = count;
      collectId(store, buf, idStart, idEnd);
    } else if (previousStart !== -1) {
      if (order >= 0) throw new IdsNotAscending();
    } else {
      store.count = count;
      nextId(store, buf, idStart, idEnd, utf8Decoder);
    }
    for (let k = 0; k < sortCount; k++) sortValues[k].push(texts.text(buf, sortStart[k], sortEnd[k], sortIndexes[k]));
    previousStart = idStart;
    previousEnd = idEnd;
    rowGap[count] = gap;
    previousRowStart = base + pos;
    stratumOfRow[count] = code;
    count++;
    pos = lineEnd + 1;
  }
  if (previousStart !== -1 && !collectIds) rememberId(store, buf, previousStart, previousEnd);
  store.count = count;
  store.previousRowStart = previousRowStart;
  return pos;
}
