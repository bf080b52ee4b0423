import { questionCatalogue, type CatalogueQuestion } from './questionCatalogue';
import type { QuestionnaireJson } from './surveyModel';

/** What changed in one question that exists in both versions. */
export interface QuestionChange {
  readonly name: string;
  /** One sentence per difference, e.g. `choices: value 6 added`. */
  readonly changes: readonly string[];
}

/** Differences between two questionnaire versions, from the point of view of trend comparisons. */
export interface VersionComparison {
  /** Questions only in the newer version `b`. */
  readonly added: readonly string[];
  /** Questions only in the older version `a`: their trend series ends. */
  readonly removed: readonly string[];
  /** Questions in both whose type, number range or answer codes/labels differ. */
  readonly changed: readonly QuestionChange[];
  /** True when every question of `a` is still in `b` unchanged (added questions do not break trends). */
  readonly comparable: boolean;
}

/**
 * Compares two questionnaire versions question by question (matched by name, the analysis variable).
 * Reported per question: type or input type, numeric range (min/max), single vs multiple answers,
 * answer codes added or removed, labels of a code changed (German or English), rating scale changes.
 * Title wording and page moves are not reported: they are edited freely between waves.
 * Cost: two catalogues, O(questions · choices).
 * @example compareVersions(v1, v2) // → { added: ['commute_minutes'], removed: [], changed: [], comparable: true }
 */
export function compareVersions(a: QuestionnaireJson, b: QuestionnaireJson): VersionComparison {
  const before = new Map(questionCatalogue(a).map((q) => [q.name, q]));
  const after = new Map(questionCatalogue(b).map((q) => [q.name, q]));
  const added = [...after.keys()].filter((name) => !before.has(name));
  const removed = [...before.keys()].filter((name) => !after.has(name));
  const changed: QuestionChange[] = [];
  for (const [name, old] of before) {
    const now = after.get(name);
    if (now === undefined) continue;
    const changes = differences(old, now);
    if (changes.length > 0) changed.push({ name, changes });
  }
  return { added, removed, changed, comparable: removed.length === 0 && changed.length === 0 };
}

function differences(old: CatalogueQuestion, now: CatalogueQuestion): string[] {
  const changes: string[] = [];
  if (old.type !== now.type) changes.push(`type: ${old.type} → ${now.type}`);
  if (old.inputType !== now.inputType) changes.push(`input type: ${old.inputType ?? 'text'} → ${now.inputType ?? 'text'}`);
  if (old.multiple !== now.multiple) changes.push(`answers: ${old.multiple ? 'several' : 'one'} → ${now.multiple ? 'several' : 'one'}`);
  if (old.min !== now.min || old.max !== now.max) changes.push(`range: ${old.min ?? '−∞'}…${old.max ?? '∞'} → ${now.min ?? '−∞'}…${now.max ?? '∞'}`);
  const oldChoices = new Map((old.choices ?? []).map((c) => [c.value, c.text]));
  const newChoices = new Map((now.choices ?? []).map((c) => [c.value, c.text]));
  for (const [value, text] of oldChoices) {
    const next = newChoices.get(value);
    if (next === undefined) changes.push(`choices: value ${JSON.stringify(value)} removed`);
    else if (next.de !== text.de || next.en !== text.en) changes.push(`choices: label of value ${JSON.stringify(value)} changed from "${text.de}" to "${next.de}"`);
  }
  for (const value of newChoices.keys()) if (!oldChoices.has(value)) changes.push(`choices: value ${JSON.stringify(value)} added`);
  return changes;
}
