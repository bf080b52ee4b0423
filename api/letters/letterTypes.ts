import { isWellFormedAccessCode, canonicalAccessCode } from '../codes/checkCharacter';

/** One household's letter. `householdId` must be the pseudonymous survey id, never a register number. */
export interface LetterInput {
  householdId: string;
  /** Optional first address line such as "Familie", "Frau", "Herrn". */
  salutation?: string;
  name: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  /** The household's access code, canonical or formatted. */
  accessCode: string;
}

/** The editable parts of the letter; see defaultLetterTemplate() for a complete example. */
export interface LetterTemplate {
  /** Return address in one line, printed small above the recipient (Rücksendeangabe). */
  senderLine: string;
  /** Sender details, one per line, printed in the information block at the top right. */
  senderBlock: string;
  /** Letter date as printed, e.g. "27.11.2026". */
  date: string;
  subject: string;
  /**
   * Letter text; paragraphs separated by blank lines. Placeholders: {{code}} (formatted access
   * code), {{url}} (survey address to type the code into), {{deadline}}; a paragraph that is
   * exactly {{codeBox}} marks where the boxed code and QR code go (after the text if absent).
   */
  body: string;
  /** Closing and signature lines, e.g. "Mit freundlichen Grüßen\n\nIhre Stadtverwaltung". */
  signature: string;
  /** Base address of the survey, e.g. "https://familie.gera.de"; the QR code links to `${surveyBaseUrl}/t/${code}`. */
  surveyBaseUrl: string;
  /** Reply deadline as printed, e.g. "15. Januar 2027". */
  deadline: string;
  language: 'de' | 'en';
}

// C0/C1 control characters (line breaks included): they would break the address block or the CSV layout.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const REQUIRED_FIELDS = ['householdId', 'name', 'street', 'houseNumber', 'postcode', 'city', 'accessCode'] as const;

/**
 * Checks a batch of letters before anything is printed: required fields present and one line
 * each, access codes well-formed, household ids and codes unique (two letters with the same
 * code would let one household read the other's answers).
 * Errors name the letter (1-based) and field but never print an access code.
 * @throws RangeError on the first problem found.
 */
export function validateLetterInputs(letters: readonly LetterInput[]): void {
  if (!Array.isArray(letters)) throw new TypeError('letters must be an array');
  const households = new Set<string>();
  const codes = new Set<string>();
  letters.forEach((letter, index) => {
    const where = `letter ${index + 1}${typeof letter?.householdId === 'string' && letter.householdId ? ` (household '${letter.householdId}')` : ''}`;
    if (letter === null || typeof letter !== 'object') throw new RangeError(`${where} is not an object`);
    for (const field of REQUIRED_FIELDS) {
      const value = letter[field];
      if (typeof value !== 'string' || value.trim() === '') throw new RangeError(`${where}: field '${field}' is missing or empty`);
    }
    for (const field of [...REQUIRED_FIELDS, 'salutation'] as const) {
      const value = letter[field];
      if (value !== undefined && typeof value !== 'string') throw new RangeError(`${where}: field '${field}' must be text`);
      if (typeof value === 'string' && CONTROL_CHARACTER.test(value)) {
        throw new RangeError(`${where}: field '${field}' contains a line break or control character`);
      }
    }
    if (!isWellFormedAccessCode(letter.accessCode)) {
      throw new RangeError(`${where}: field 'accessCode' is not a well-formed access code (wrong length, symbol or check character)`);
    }
    if (households.has(letter.householdId)) throw new RangeError(`${where}: household id appears twice`);
    households.add(letter.householdId);
    const code = canonicalAccessCode(letter.accessCode)!;
    if (codes.has(code)) throw new RangeError(`${where}: access code is the same as on an earlier letter; every household needs its own code`);
    codes.add(code);
  });
}
