/** Placeholders a letter body may use. `codeBox` is only valid as a paragraph of its own. */
export const LETTER_PLACEHOLDERS = ['code', 'url', 'deadline', 'codeBox'] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Rejects unknown placeholders ({{dedline}}) and a misplaced {{codeBox}} before any letter is
 * printed, so a template typo never reaches 10,000 households.
 * @throws RangeError naming the template part and the placeholder.
 */
export function checkTemplatePlaceholders(text: string, part: string, allowCodeBox: boolean): void {
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!(LETTER_PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new RangeError(`letter template ${part}: unknown placeholder {{${name}}} (known: ${LETTER_PLACEHOLDERS.filter((p) => p !== 'codeBox').map((p) => `{{${p}}}`).join(', ')}, and {{codeBox}} as a paragraph of its own)`);
    }
  }
  const paragraphs = splitParagraphs(text);
  const boxes = paragraphs.filter((p) => p.includes('{{codeBox}}'));
  if (boxes.length > 0 && (!allowCodeBox || boxes.length > 1 || boxes[0] !== '{{codeBox}}')) {
    throw new RangeError(`letter template ${part}: {{codeBox}} must appear at most once, as a paragraph of its own, and only in the body`);
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
