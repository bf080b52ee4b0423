import { isWellFormedAccessCode, canonicalAccessCode } from '../codes/checkCharacter';

/**
 * The personal survey link printed as QR code: `${base}/t/${canonical code}`. The canonical
 * code (no dashes) keeps the link short and the QR code small.
 * Only https is accepted (http only for localhost test servers): the link carries a secret.
 * @throws RangeError when the base address is not an absolute https URL or the code is malformed.
 * @example surveyLink('https://familie.gera.de/', 'ABCD-EFGH-JKMN-PQ') // → 'https://familie.gera.de/t/ABCDEFGHJKMNPQ'
 */
export function surveyLink(surveyBaseUrl: string, accessCode: string): string {
  return `${checkedSurveyBaseUrl(surveyBaseUrl)}/t/${canonicalOrThrow(accessCode)}`;
}

/**
 * The survey base address without trailing slashes, validated.
 * @throws RangeError when it is not an absolute https URL (http allowed for localhost) or has a query or fragment.
 */
export function checkedSurveyBaseUrl(surveyBaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(surveyBaseUrl);
  } catch {
    throw new RangeError(`survey address '${surveyBaseUrl}' is not an absolute URL`);
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new RangeError(`survey address '${surveyBaseUrl}' must use https (the link contains an access code)`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new RangeError(`survey address '${surveyBaseUrl}' must not contain a query, fragment or credentials`);
  }
  return url.href.replace(/\/+$/, '');
}

function canonicalOrThrow(accessCode: string): string {
  const canonical = canonicalAccessCode(accessCode);
  if (canonical === null || !isWellFormedAccessCode(canonical)) {
    throw new RangeError('cannot build a survey link from a malformed access code');
  }
  return canonical;
}
