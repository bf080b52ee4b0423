/**
 * The one rule for text cells in every CSV we write (results, letters mail merge, reminder list,
 * audit trail, cli output): a cell starting with = + - @ TAB or CR gets a leading apostrophe, so Excel
 * and LibreOffice show it as text instead of evaluating it (OWASP "CSV injection"; TAB and CR because
 * some programs skip them before such a sign). Numbers are never passed here: −0.5 stays a number.
 * It lives in this library because resultsToCsv needs it and a library may not import the API; the API
 * imports it from here.
 * Cost: O(1).
 * @example formulaSafeCell("=cmd|' /C calc'!A0") // → "'=cmd|' /C calc'!A0"
 * @example formulaSafeCell('Müller') // → 'Müller'
 */
export function formulaSafeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const FORMULA_START = /^[=+\-@\t\r]/;
