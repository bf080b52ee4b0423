import { AppError } from '../errors/appError';

/** What every printed page says about itself: enough to recompute its layout and to find its form. */
export interface PageIdentity {
  /** Questionnaire id, e.g. `family-life-quality`. */
  readonly questionnaireId: string;
  readonly version: number;
  readonly lang: 'de' | 'en';
  readonly largePrint: boolean;
  /** 1-based page number and the page count of the form. */
  readonly page: number;
  readonly pages: number;
  /** First 8 hex digits of the layout's sha256 (paperLayout().layoutHash). */
  readonly layoutHash: string;
  /** The paper form reference (not a credential; never the access code). */
  readonly formId: string;
}

/** Version tag at the start of every payload; a new payload format gets a new tag. */
export const PAGE_PAYLOAD_TAG = 'FBQ1';

/** Questionnaire ids and form references: letters, digits, dot, underscore, dash (no `;`, `=`, `@`, `/`). */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const HASH_PATTERN = /^[0-9a-f]{8}$/;
const PAYLOAD_PATTERN = /^FBQ1;q=([A-Za-z0-9._-]{1,64})@([1-9][0-9]{0,5});lang=(de|en);lp=([01]);p=([1-9][0-9]{0,2})\/([1-9][0-9]{0,2});h=([0-9a-f]{8});f=([A-Za-z0-9._-]{1,64})$/;

/**
 * The text of a page's QR code and of the readable line printed beside it:
 * `FBQ1;q=<id>@<version>;lang=<de|en>;lp=<0|1>;p=<page>/<pages>;h=<layoutHash>;f=<formId>`.
 * @throws RangeError when a part cannot be written into the payload (empty, `;` in an id, page out of range).
 * @example pagePayload({ questionnaireId: 'family-life-quality', version: 1, lang: 'de', largePrint: false, page: 2, pages: 8, layoutHash: '0a1b2c3d', formId: 'F7Q2M9XK4T' })
 * // → 'FBQ1;q=family-life-quality@1;lang=de;lp=0;p=2/8;h=0a1b2c3d;f=F7Q2M9XK4T'
 */
export function pagePayload(identity: PageIdentity): string {
  const { questionnaireId, version, lang, largePrint, page, pages, layoutHash, formId } = identity;
  if (!IDENTIFIER_PATTERN.test(questionnaireId)) throw new RangeError(`questionnaire id '${questionnaireId}' may only hold letters, digits, '.', '_' and '-'`);
  if (!IDENTIFIER_PATTERN.test(formId)) throw new RangeError(`form reference '${formId}' may only hold letters, digits, '.', '_' and '-' (1–64 characters)`);
  if (!Number.isInteger(version) || version < 1) throw new RangeError(`questionnaire version ${version} is not a positive integer`);
  if (lang !== 'de' && lang !== 'en') throw new RangeError(`language '${String(lang)}' is neither de nor en`);
  if (!Number.isInteger(pages) || pages < 1 || pages > 999 || !Number.isInteger(page) || page < 1 || page > pages) throw new RangeError(`page ${page} of ${pages} is out of range`);
  if (!HASH_PATTERN.test(layoutHash)) throw new RangeError(`layout hash '${layoutHash}' is not 8 lower-case hex digits`);
  return `${PAGE_PAYLOAD_TAG};q=${questionnaireId}@${version};lang=${lang};lp=${largePrint ? 1 : 0};p=${page}/${pages};h=${layoutHash};f=${formId}`;
}

/**
 * Reads a page payload back (from the QR code or the readable line; surrounding blanks are ignored).
 * @throws AppError invalid (`paperform.badPagePayload`) when the text is not a page payload of this format.
 * @example parsePagePayload('FBQ1;q=family-life-quality@1;lang=en;lp=1;p=1/9;h=0a1b2c3d;f=F7Q2').largePrint // → true
 */
export function parsePagePayload(text: string): PageIdentity {
  const match = PAYLOAD_PATTERN.exec(text.trim());
  const page = match ? Number(match[5]) : 0;
  const pages = match ? Number(match[6]) : 0;
  if (!match || page > pages) {
    const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    throw new AppError('invalid', 'paperform.badPagePayload', { text: shown });
  }
  return {
    questionnaireId: match[1]!,
    version: Number(match[2]),
    lang: match[3] as 'de' | 'en',
    largePrint: match[4] === '1',
    page,
    pages,
    layoutHash: match[7]!,
    formId: match[8]!,
  };
}

/**
 * Splits `id@version` into its parts.
 * @throws AppError invalid (`paperform.badQuestionnaireRef`) for anything else.
 * @example parseQuestionnaireRef('family-life-quality@1') // → { id: 'family-life-quality', version: 1 }
 */
export function parseQuestionnaireRef(ref: string): { id: string; version: number } {
  const match = /^([A-Za-z0-9._-]{1,64})@([1-9][0-9]{0,5})$/.exec(ref.trim());
  if (!match) throw new AppError('invalid', 'paperform.badQuestionnaireRef', { ref });
  return { id: match[1]!, version: Number(match[2]) };
}
