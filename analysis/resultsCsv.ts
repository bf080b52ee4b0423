/**
 * Results as CSV text for download, in two dialects:
 *   'standard'  `,` separator, `.` decimals, UTF-8, LF line ends;
 *   'excel-de'  `;` separator, `,` decimals, UTF-8 with BOM, CRLF — opens correctly in German Excel.
 * Text cells beginning with = + - @ TAB or CR are prefixed with `'` so spreadsheet programs do not run them as
 * formulas (OWASP "CSV injection"); numbers are written as numbers and never prefixed (−0.5 stays −0.5).
 * Numbers keep full double precision (shortest round-trip form); NaN, null and undefined become empty cells.
 * Cost: O(cells).
 * @throws AnalysisError when a row has a different number of cells than the header.
 * @example resultsToCsv(['variable', 'estimate'], [['=SUM(A1)', -0.5]], 'excel-de') // → '\uFEFFvariable;estimate\r\n\'=SUM(A1);-0,5\r\n'
 */
import { stringify } from 'csv-stringify/sync';
import { AnalysisError } from './analysisError';
import { formulaSafeCell } from './formulaSafeCell';

export type CsvDialect = 'standard' | 'excel-de';
export type CsvCell = string | number | null | undefined;

function formatCell(value: CsvCell, dialect: CsvDialect): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '';
    const text = String(value);
    return dialect === 'excel-de' ? text.replace('.', ',') : text;
  }
  return formulaSafeCell(value);
}

export function resultsToCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[], dialect: CsvDialect = 'standard'): string {
  if (dialect !== 'standard' && dialect !== 'excel-de') throw new AnalysisError(`unknown CSV dialect '${String(dialect)}' (use standard or excel-de)`);
  const records = rows.map((row, r) => {
    if (row.length !== columns.length) throw new AnalysisError(`result row ${r + 1} has ${row.length} cells, the header has ${columns.length}`);
    return row.map((cell) => formatCell(cell, dialect));
  });
  const excel = dialect === 'excel-de';
  return stringify([columns.map((c) => formulaSafeCell(c)), ...records], {
    delimiter: excel ? ';' : ',',
    bom: excel,
    record_delimiter: excel ? 'windows' : 'unix',
  });
}
