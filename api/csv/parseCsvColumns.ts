/**
 * A whole CSV text read as columns: the header's names and each column's fields in row order. The same
 * tokenizer and dialect as `parseCsv`, but no array or object is kept per row — a table of 100,000 rows
 * costs one array per column, which is what estimators read anyway. Columns asked for as numbers keep no
 * text at all: each field becomes a number as soon as it is read.
 */
import { csvColumnNames } from './dialect';
import { forEachCsvRecord, type CsvSyntax } from './parseCsv';

export interface CsvColumns {
  /** Column names of the header record, trimmed (`csvColumnNames`). */
  names: string[];
  /** `text[k][i]`: the field of column k in data row i (0-based, blank lines not counted); null for a column read as numbers. */
  text: (string[] | null)[];
  /**
   * For a column read as numbers: `Number(field)`, NaN for an empty field or `NA`. Null when the column was
   * not asked for as numbers, or when one of its fields is something else (not a finite number, or blanks
   * kept inside quotes): such a column has to be read as text to say what is wrong with it.
   */
  numbers: (Float64Array | null)[];
  /** Number of data rows. */
  size: number;
}

/** Whether a field starts or ends with a character that may be whitespace (only quoted fields keep any). */
function padded(field: string): boolean {
  const first = field.charCodeAt(0);
  const last = field.charCodeAt(field.length - 1);
  return first <= 0x20 || first >= 0x7f || last <= 0x20 || last >= 0x7f;
}

/**
 * Reads a whole text (BOM removed) as columns; every row must have as many fields as the header. The
 * columns whose name `asNumbers` accepts are read as numbers. Null when the text has no record at all
 * (no header).
 * Cost: O(length of the text).
 * @throws RangeError naming the line: the quoting errors of `parseCsvRecords`, or a row whose width
 *   differs from the header's (`line 4: row 3 has 2 fields, the header has 3`).
 * @example
 * parseCsvColumns('id;x\nA;1.5\n\nB;NA\n', { delimiter: ';', newline: '\n' }, (name) => name === 'x')
 * // → { names: ['id', 'x'], text: [['A', 'B'], null], numbers: [null, Float64Array [1.5, NaN]], size: 2 }
 */
export function parseCsvColumns(text: string, syntax: CsvSyntax, asNumbers: (name: string) => boolean = () => false): CsvColumns | null {
  let names: string[] | null = null;
  let strings: (string[] | null)[] = [];
  let numbers: (number[] | null)[] = [];
  let width = 0;
  let size = 0;
  const record: string[] = [];
  const reuse = () => {
    record.length = 0;
    return record;
  };
  forEachCsvRecord(text, syntax, { pos: 0, line: 1 }, true, reuse, (values, line) => {
    if (names === null) {
      names = csvColumnNames(values);
      width = names.length;
      numbers = names.map((name) => (asNumbers(name) ? [] : null));
      strings = numbers.map((column) => (column === null ? [] : null));
      return true;
    }
    if (values.length !== width) {
      throw new RangeError(`line ${line}: row ${size + 1} has ${values.length} fields, the header has ${width}`);
    }
    for (let k = 0; k < width; k++) {
      const field = values[k];
      const column = strings[k];
      if (column !== null) {
        column.push(field);
        continue;
      }
      const parsed = numbers[k];
      if (parsed === null) continue;
      if (field === '' || field === 'NA') {
        parsed.push(NaN);
        continue;
      }
      const x = Number(field);
      if (Number.isFinite(x) && !padded(field)) parsed.push(x);
      else numbers[k] = null;
    }
    size++;
    return true;
  });
  if (names === null) return null;
  return { names, text: strings, numbers: numbers.map((column) => (column === null ? null : Float64Array.from(column))), size };
}
