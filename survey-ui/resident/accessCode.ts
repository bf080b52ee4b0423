/**
 * Tidies a code for the input field: access codes are printed on the invitation letter in groups
 * (e.g. `ABCD-2345`) and people type them with spaces, lower case or underscores, so the text is
 * trimmed, upper-cased and its separators become single dashes. Checking does not rely on this:
 * isWellFormedAccessCode reduces any input to its canonical form (canonicalAccessCode) first.
 * @example tidyAccessCodeInput(' abcd 2345 ') // → 'ABCD-2345'
 */
export function tidyAccessCodeInput(input: string): string {
  return input.trim().toUpperCase().replace(/[\s_]+/g, '-').replace(/-+/g, '-');
}

/** Letters and digits, optionally grouped by single dashes; 4 to 32 characters in all. */
export function isPlausibleAccessCode(code: string): boolean {
  return /^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(code) && code.replace(/-/g, '').length >= 4 && code.length <= 32;
}

/** A code handed over in the link of the letter: `/t/ABCD-2345` or `?code=ABCD-2345`. */
export function accessCodeFromLocation(location: { pathname: string; search: string }): string {
  const fromPath = /^\/t\/([^/]+)\/?$/.exec(location.pathname)?.[1];
  const raw = fromPath ? decodeURIComponent(fromPath) : (new URLSearchParams(location.search).get('code') ?? '');
  return tidyAccessCodeInput(raw);
}
