import { isPlainObject, type QuestionnaireJson } from './surveyModel';

/**
 * The explicit renames a questionnaire version declares: for each question with `"renamedFrom": "old_name"`,
 * old name → new name. Analysis maps answers across versions by question name and through these renames;
 * the diff compares a renamed question with its old self instead of listing it as removed and added.
 * Cost: O(elements).
 * @example questionRenames({ pages: [{ elements: [{ type: 'text', name: 'commute_time', renamedFrom: 'commute_minutes' }] }] }) // → { commute_minutes: 'commute_time' }
 */
export function questionRenames(json: QuestionnaireJson): Record<string, string> {
  const renames: Record<string, string> = {};
  const walk = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const element of elements) {
      if (!isPlainObject(element)) continue;
      if (typeof element.name === 'string' && typeof element.renamedFrom === 'string' && element.renamedFrom !== '') renames[element.renamedFrom] = element.name;
      walk(element.elements);
    }
  };
  for (const page of Array.isArray(json.pages) ? json.pages : []) if (isPlainObject(page)) walk(page.elements);
  return renames;
}
