// Characters of Windows-1252 (WinAnsiEncoding) beyond Latin-1, the only ones the PDF standard
// fonts can show besides U+0020–U+007E and U+00A0–U+00FF.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

// Letters without a canonical decomposition that names in the population register may contain.
const FALLBACK: Record<string, string> = {
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T', ŀ: 'l', Ŀ: 'L', ĸ: 'k', ŉ: "'n",
  '\u2010': '-', '\u2011': '-', '\u2212': '-', '\u00ad': '', '\u202f': ' ', '\u2009': ' ', '\u200b': '',
};

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
}

/**
 * Text the PDF standard fonts (Helvetica, Courier: WinAnsiEncoding) can print. German letters
 * (ä ö ü ß), most Western names and € pass unchanged; other Latin letters lose their accent
 * (Wiśniewski → Wisniewski, Şahin → Sahin, Łukasz → Lukasz), as is usual on German postal
 * addresses. We never embed font files, so scripts outside Latin cannot be printed at all.
 * @throws RangeError naming `where` and the character when it has no Latin fallback (e.g. Cyrillic).
 * @example toWinAnsi('Łukasz Wiśniewski', 'name') // → 'Lukasz Wisniewski'
 */
export function toWinAnsi(text: string, where: string): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
    // Line breaks are kept: multi-line template parts (sender block, signature) need them;
    // address fields never contain one (validateLetterInputs rejects control characters).
    if (isWinAnsi(char) || char === '\n') {
      out += char;
      continue;
    }
    if (char in FALLBACK) {
      out += FALLBACK[char];
      continue;
    }
    const stripped = char.normalize('NFD').replace(/\p{M}/gu, '');
    if (stripped !== '' && [...stripped].every(isWinAnsi)) {
      out += stripped;
      continue;
    }
    const hex = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new RangeError(`${where}: character '${char}' (U+${hex}) cannot be printed with the letter fonts; please write it in Latin letters`);
  }
  return out;
}
