import { stringify } from 'csv-stringify/sync';
import { formatAccessCode } from '../codes/checkCharacter';
import { formulaSafeCell } from '../../analysis';
import { validateLetterInputs, type LetterInput } from './letterTypes';
import { checkedSurveyBaseUrl, surveyLink } from './surveyLink';

/** Column order of the mail-merge file. */
export const LETTER_CSV_COLUMNS = [
  'household_id',
  'salutation',
  'name',
  'street',
  'house_number',
  'postcode',
  'city',
  'access_code',
  'survey_url',
] as const;

/**
 * Mail-merge file for the invitation letters: `;`-separated (German Excel's list separator),
 * UTF-8 with byte order mark (so Excel does not read it as Windows-1252), CRLF line ends,
 * one row per household, every cell formula-safe. access_code is the printed form
 * (XXXX-XXXX-XXXX-XC), survey_url the personal link also encoded in the letter's QR code.
 * Opening the file by double-click in Excel drops the leading zero of postcodes such as
 * 07545; import it as text (Data → From Text/CSV) or merge from the word processor directly.
 * Cost: O(n).
 * @throws RangeError for an invalid letter (names letter and field) or survey address.
 * @example lettersCsv([letter], 'https://familie.gera.de') // → '\uFEFFhousehold_id;salutation;…\r\n…'
 */
export function lettersCsv(letters: readonly LetterInput[], surveyBaseUrl: string): string {
  validateLetterInputs(letters);
  const base = checkedSurveyBaseUrl(surveyBaseUrl);
  const rows = letters.map((letter) =>
    [
      letter.householdId,
      letter.salutation ?? '',
      letter.name,
      letter.street,
      letter.houseNumber,
      letter.postcode,
      letter.city,
      formatAccessCode(letter.accessCode),
      surveyLink(base, letter.accessCode),
    ].map(formulaSafeCell),
  );
  return stringify(rows, {
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    header: true,
    columns: [...LETTER_CSV_COLUMNS],
  });
}
