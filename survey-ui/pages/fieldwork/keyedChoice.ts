/** What number-key entry needs to know about a question of the paper-entry catalogue. */
export interface KeyedQuestion {
  choices?: readonly { value: unknown }[];
  multiple: boolean;
}

/** Number keys 1–9 pick a choice only where every choice has its own key. */
export const MAX_KEYED_CHOICES = 9;

/**
 * The field text after pressing number key `n` (1–9) on a choice question: the n-th choice's code
 * for a single choice, the n-th code switched on or off (kept in questionnaire order) for a multiple
 * choice. Null when the question has no n-th choice or too many choices to key.
 * @example keyedChoice({ choices: [{ value: 1 }, { value: 2 }], multiple: true }, '2', 1) // → '1,2'
 */
export function keyedChoice(question: KeyedQuestion, current: string, n: number): string | null {
  const choices = question.choices;
  if (!choices || choices.length > MAX_KEYED_CHOICES || n < 1 || n > choices.length) return null;
  const picked = String(choices[n - 1]!.value);
  if (!question.multiple) return picked;
  const chosen = new Set(current.split(/[,\s]+/).filter(Boolean));
  if (chosen.has(picked)) chosen.delete(picked);
  else chosen.add(picked);
  return choices.map((c) => String(c.value)).filter((v) => chosen.has(v)).join(',');
}
