/** Placeholders a letter body may use. `codeBox` is only valid as a paragraph of its own. */
export const LETTER_PLACEHOLDERS = ['code', 'url', 'deadline', 'codeBox'] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Rejects placeholders a template part may not use before any letter is printed, so a typo
 * like {{dedline}} never reaches 10,000 households. `allowed` lists the part's placeholders:
 * the body takes all four ({{codeBox}} only as a paragraph of its own, at most once); the
 * subject and signature only {{url}} and {{deadline}} — the code stays out of the subject,
 * which also becomes the PDF title.
 * @throws RangeError naming the template part and the placeholder.
 * @example checkTemplatePlaceholders('bis {{dedline}}', "'body'", LETTER_PLACEHOLDERS) // throws: unknown placeholder {{dedline}}
 */
export function checkTemplatePlaceholders(text: string, part: string, allowed: readonly LetterPlaceholder[]): void {
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!(LETTER_PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new RangeError(`letter template ${part}: unknown placeholder {{${name}}} (known: ${LETTER_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`);
    }
    if (!(allowed as readonly string[]).includes(name)) {
      throw new RangeError(`letter template ${part}: placeholder {{${name}}} is not allowed here${allowed.length ? ` (allowed: ${allowed.map((p) => `{{${p}}}`).join(', ')})` : ''}`);
    }
  }
  const boxes = splitParagraphs(text).filter((p) => /\{\{\s*codeBox\s*\}\}/.test(p));
  if (boxes.length > 1 || (boxes.length === 1 && !/^\{\{\s*codeBox\s*\}\}$/.test(boxes[0]!))) {
    throw new RangeError(`letter template ${part}: {{codeBox}} must appear at most once, as a paragraph of its own`);
  }
}

/**
 * Replaces {{code}}, {{url}}, {{deadline}} in one pass, so text inserted for one placeholder
 * is never scanned for further placeholders.
 * @example fillPlaceholders('bis {{deadline}}', { deadline: '15.01.2027' }) // → 'bis 15.01.2027'
 */
export function fillPlaceholders(text: string, values: Partial<Record<LetterPlaceholder, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name as LetterPlaceholder] ?? whole);
}

/** Paragraphs of a template text: separated by one or more blank lines, trimmed, empty ones dropped. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
