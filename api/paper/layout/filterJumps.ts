import { holds } from './comparisonHolds';
import { asComparison } from './conditionTerms';
import type { PrintQuestion } from './printSections';

/**
 * The jumps printed at a single-choice question: for each target question number (0 = the end of the
 * questionnaire), the choices that lead there. A choice jumps over the questions right after it that
 * its answer hides: a question is hidden when one of its condition terms compares this question and
 * fails for the choice, or compares a question already jumped over and fails for "not answered".
 * Only these plain comparisons are followed; any other condition ends the jump, so the form never
 * sends someone past a question they may have to answer. Multiple-choice questions get no jumps.
 * Cost: O(choices · following questions · condition terms).
 * @example filterJumps(14, all) // → Map { 18 => [2] }: "Wenn Nein: weiter mit Frage 18"
 */
export function filterJumps(index: number, all: readonly PrintQuestion[]): Map<number, unknown[]> {
  const source = all[index]!;
  const jumps = new Map<number, unknown[]>();
  if (source.catalogue.multiple || source.catalogue.choices === undefined) return jumps;
  for (const choice of source.catalogue.choices) {
    const skipped = new Set<string>();
    let next = index + 1;
    for (; next < all.length; next += 1) {
      const candidate = all[next]!;
      const hidden = candidate.conditions.some((op) => {
        const c = asComparison(op);
        if (c === undefined) return false;
        if (c.variable === source.catalogue.name) return !holds(c, choice.value);
        if (skipped.has(c.variable)) return !holds(c, undefined);
        return false;
      });
      if (!hidden) break;
      skipped.add(candidate.catalogue.name);
    }
    if (skipped.size === 0) continue;
    const target = next < all.length ? all[next]!.number : 0;
    jumps.set(target, [...(jumps.get(target) ?? []), choice.value]);
  }
  return jumps;
}
