/**
 * Reads rows of a scanned frame again in full, by their file positions: the drawn rows after a draw,
 * in one forward pass over the file however they are asked for.
 */
import { Buffer } from 'node:buffer';
import { QUOTE, type CsvDecoder } from '../csv/dialect';
import type { ByteSource } from './byteSource';
import { fieldTexts, type FieldTexts } from './fieldTexts';
import { readRecord, type ByteDialect } from './recordFields';
import { rowSpanFinder } from './rowSpans';
import type { Scan } from './scanFrame';

/**
 * A reader of full rows: `rows(indices)` gives all fields of the data rows (0-based) in column order,
 * in the order asked, reading the source once in file order; values that repeat are one string each.
 * Cost per call: O(bytes of the rows asked + k log k for k rows out of order).
 * @throws RangeError for an index outside the frame, or a source that ends early (changed after the scan).
 */
export function drawnRowsReader(source: ByteSource, scan: Scan, decoder: CsvDecoder, blockSize: number): (indices: readonly number[]) => string[][] {
  const size = scan.rows;
  const rowSpans = rowSpanFinder(scan.rowGap, scan.firstRowStart, source.size);
  return (indices) => {
    for (const i of indices) {
      if (!Number.isInteger(i) || i < 0 || i >= size) throw new RangeError(`frame row index ${i} is outside 0…${size - 1}`);
    }
    // Read in file order (a sample usually comes in row order already).
    let inOrder = true;
    for (let k = 1; k < indices.length && inOrder; k++) inOrder = indices[k - 1] <= indices[k];
    let order: number[] | null = null;
    let sorted = indices;
    if (!inOrder) {
      order = Array.from(indices, (_, k) => k).sort((a, b) => indices[a] - indices[b]);
      sorted = order.map((k) => indices[k]);
    }
    const result = new Array<string[]>(indices.length);
    const texts = fieldTexts(decoder);
    // A record ends where the next row starts (blank lines in between are skipped when it is parsed).
    const { starts, ends } = rowSpans(sorted);
    source.withReader((readAt) => {
      let block = Buffer.alloc(0);
      let blockBase = 0;
      let blockLength = 0;
      for (let k = 0; k < sorted.length; k++) {
        const i = sorted[k];
        const start = starts[k];
        const end = ends[k];
        if (start < blockBase || end > blockBase + blockLength) {
          // Read from this row to the end of the last following wanted row that fits into one block.
          const limit = Math.max(blockSize, end - start);
          let until = end;
          for (let j = k + 1; j < sorted.length && ends[j] - start <= limit; j++) until = ends[j];
          if (block.length < until - start) block = Buffer.alloc(Math.max(until - start, Math.min(limit, source.size)));
          blockBase = start;
          blockLength = 0;
          while (blockLength < until - start) {
            const n = readAt(block.subarray(blockLength, until - start), start + blockLength);
            if (n <= 0) throw new RangeError(`the frame file ended before row ${i + 1} (was it changed after it was read?)`);
            blockLength += n;
          }
        }
        result[order === null ? k : order[k]] = rowFields(block, start - blockBase, end - blockBase, scan.dialect, decoder, texts);
      }
    });
    return result;
  };
}

/** The fields of the row in block[start…end): a line without quotes (the usual case) is cut here; otherwise the record reader. */
function rowFields(block: Buffer, start: number, end: number, dialect: ByteDialect, decoder: CsvDecoder, texts: FieldTexts): string[] {
  let stop = start;
  while (stop < end && block[stop] !== dialect.newline && block[stop] !== QUOTE) stop++;
  if (stop < end && block[stop] === QUOTE) return readRecord(block.subarray(start, end), 0, dialect, decoder);
  const fields: string[] = [];
  let p = start;
  for (let column = 0; ; column++) {
    const from = p;
    while (p < stop && block[p] !== dialect.delimiter) p++;
    fields.push(texts.text(block, from, p, column));
    if (p >= stop) return fields;
    p++;
  }
}
