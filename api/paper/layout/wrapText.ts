/**
 * Greedy line breaking: words are added to a line while it stays within `widthMm`; a word wider than
 * the whole width stands alone on its line rather than being split. Each `\n` starts a new paragraph,
 * and an empty paragraph gives an empty line (it still takes a line's height).
 * Cost: O(words) measurements of `widthOf`.
 * @example wrapText('Ja oder Nein', 16, (s) => s.length * 2) // → ['Ja oder', 'Nein']
 */
export function wrapText(text: string, widthMm: number, widthOf: (line: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (line !== '' && widthOf(candidate) > widthMm) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}
