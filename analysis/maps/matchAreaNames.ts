/** Spelling that does not make two names different: surrounding and repeated spaces, Unicode composition, letter case. */
const key = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');

export interface AreaNameMatch {
  /** File name → the frame's spelling, for every name found in the frame. */
  matched: Map<string, string>;
  /** Names in the file that are no area of the frame. */
  notInFrame: string[];
  /** Areas of the frame that the file lacks. */
  missingInFile: string[];
  /** Names that occur more than once in the file (after the spelling rule above). */
  duplicates: string[];
}

/**
 * Matches the area names of a geometry file against the frame's areas, in both directions. Names are compared
 * after NFC normalisation, trimming, collapsing spaces and ignoring case ("Gera-Süd", " gera-süd "); nothing
 * else is guessed (no fuzzy matching: a planner must correct a misspelt name). Cost: O(n + m).
 * @example matchAreaNames(['Stadtmitte', 'Nordstadt'], ['Stadtmitte', 'Debschwitz'])
 *   // → notInFrame ['Nordstadt'], missingInFile ['Debschwitz']
 */
export function matchAreaNames(fileNames: readonly string[], frameAreas: readonly string[]): AreaNameMatch {
  const frameByKey = new Map(frameAreas.map((a) => [key(a), a]));
  const seen = new Map<string, number>();
  const matched = new Map<string, string>();
  const notInFrame: string[] = [];
  for (const name of fileNames) {
    const k = key(name);
    seen.set(k, (seen.get(k) ?? 0) + 1);
    const frameName = frameByKey.get(k);
    if (frameName === undefined) notInFrame.push(name);
    else matched.set(name, frameName);
  }
  const duplicates = fileNames.filter((n, i) => seen.get(key(n))! > 1 && fileNames.findIndex((m) => key(m) === key(n)) === i);
  const missingInFile = frameAreas.filter((a) => !seen.has(key(a)));
  return { matched, notInFrame, missingInFile, duplicates };
}
