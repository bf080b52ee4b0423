import { formulaSafeCell } from '../../../analysis';

/**
 * Whether a cell of a written CSV is safe to open in a spreadsheet: formulaSafeCell
 * (analysis/formulaSafeCell.ts) would leave it as it is, or it is a plain number (which spreadsheets
 * read as a number, not a formula).
 * @example isSpreadsheetSafe("'=1+1") // → true
 * @example isSpreadsheetSafe('-0.5') // → true
 * @example isSpreadsheetSafe('-2+3') // → false
 */
export function isSpreadsheetSafe(cell: string): boolean {
  return formulaSafeCell(cell) === cell || /^-?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(cell);
}
