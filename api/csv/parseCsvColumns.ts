/**
 * A whole CSV text read as columns: the header's names and each column's fields in row order. The same
 * tokenizer and dialect as `parseCsv`, but no array or object is kept per row — a table of 100,000 rows
 * costs its strings and one array per column, which is what estimators read anyway.
 */
import { csvColumnNames } from './dialect';
import { forEachCsvRecord, type CsvSyntax } from './parseCsv';

export interface CsvColumns {
  /** Column names of the header record, trimmed (`csvColumnNames`). */
  names: string[];
  /** `fields[k][i]`: the field of column k in data row i (0-based, blank lines not counted). */
  fields: string[][];
  /** Number of data rows. */
  size: number;
}

/**
 * Reads a whole text (BOM removed) as columns; every row must have as many fields as the header.
 * Null when the text has no record at all (no header).
 * Cost: O(length of the text).
 * @throws RangeError naming the line: the quoting errors of `parseCsvRecords`, or a row whose width
 *   differs from the header's (`line 4: row 3 has 2 fields, the header has 3`).
 * @example
 * parseCsvColumns('id;x\nA;1,5\n\nB;2\n', { delimiter: ';', newline: '\n' })
 * // → { names: ['id', 'x'], fields: [['A', 'B'], ['1,5', '2']], size: 2 }
 */
export function parseCsvColumns(text: string, syntax: CsvSyntax): CsvColumns | null {
  let names: string[] | null = null;
  let fields: string[][] = [];
  let size = 0;
  const record: string[] = [];
  const reuse = () => {
    record.length = 0;
    return record;
  };
  forEachCsvRecord(text, syntax, { pos: 0, line: 1 }, true, reuse, (values, line) => {
    if (names === null) {
      names = csvColumnNames(values);
      fields = names.map(() => []);
      return true;
    }
    if (values.length !== fields.length) {
      throw new RangeError(`line ${line}: row ${size + 1} has ${values.length} fields, the header has ${fields.length}`);
    }
    for (let k = 0; k < values.length; k++) fields[k].push(values[k]);
    size++;
    return true;
  });
  return names === null ? null : { names, fields, size };
}
