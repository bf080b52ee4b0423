/**
 * The one rule for text cells in every CSV the API writes (letters mail merge, reminder list, audit
 * trail): a cell starting with = + - @ TAB or CR gets a leading apostrophe, so Excel and LibreOffice
 * show it as text instead of evaluating it (OWASP "CSV injection"; TAB and CR because some programs
 * skip them before such a sign). Numbers are never passed here: −0.5 stays a number.
 * The analysis library applies the same rule in analysis/resultsCsv.ts (it may not import the API);
 * csvCell.test.ts checks that both agree.
 * Cost: O(1).
 * @example formulaSafeCell("=cmd|' /C calc'!A0") // → "'=cmd|' /C calc'!A0"
 * @example formulaSafeCell('Müller') // → 'Müller'
 */
export function formulaSafeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Whether a cell of a written CSV is safe to open in a spreadsheet: it does not start like a
 * formula, or it is a plain number (which spreadsheets read as a number, not a formula).
 * @example isSpreadsheetSafe("'=1+1") // → true
 * @example isSpreadsheetSafe('-0.5') // → true
 * @example isSpreadsheetSafe('-2+3') // → false
 */
export function isSpreadsheetSafe(cell: string): boolean {
  return !FORMULA_START.test(cell) || /^-?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(cell);
}
