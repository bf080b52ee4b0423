import { questionCatalogue, type CatalogueQuestion } from './questionCatalogue';
import type { LocalizedText, QuestionnaireJson } from './surveyModel';

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

/** One difference of a question between two versions, as data; compareVersions and diffVersions word it. */
export type QuestionDifference =
  | { readonly kind: 'type'; readonly from: string; readonly to: string }
  | { readonly kind: 'inputType'; readonly from: string; readonly to: string }
  | { readonly kind: 'multiple'; readonly from: boolean; readonly to: boolean }
  | { readonly kind: 'range'; readonly from: string; readonly to: string }
  | { readonly kind: 'choiceRemoved'; readonly value: unknown; readonly text: LocalizedText }
  | { readonly kind: 'choiceLabel'; readonly value: unknown; readonly from: LocalizedText; readonly to: LocalizedText }
  | { readonly kind: 'choiceAdded'; readonly value: unknown; readonly text: LocalizedText };

/**
 * The differences of one question between two versions that matter for comparisons over time: type,
 * input type, one or several answers, number range, and answer codes (removed, relabelled, added), in
 * that order. Title wording is not among them. The one rule of "what changed" for compareVersions
 * (trend breaks in the analysis) and diffVersions (the Fragebogen page and `cli questionnaire diff`).
 * Cost: O(choices).
 */
export function questionDifferences(old: CatalogueQuestion, now: CatalogueQuestion): QuestionDifference[] {
  const changes: QuestionDifference[] = [];
  if (old.type !== now.type) changes.push({ kind: 'type', from: old.type, to: now.type });
  if (old.inputType !== now.inputType) changes.push({ kind: 'inputType', from: old.inputType ?? 'text', to: now.inputType ?? 'text' });
  if (old.multiple !== now.multiple) changes.push({ kind: 'multiple', from: old.multiple, to: now.multiple });
  if (old.min !== now.min || old.max !== now.max) changes.push({ kind: 'range', from: `${old.min ?? '−∞'}…${old.max ?? '∞'}`, to: `${now.min ?? '−∞'}…${now.max ?? '∞'}` });
  const oldChoices = new Map((old.choices ?? []).map((c) => [c.value, c.text]));
  const newChoices = new Map((now.choices ?? []).map((c) => [c.value, c.text]));
  for (const [value, text] of oldChoices) {
    const next = newChoices.get(value);
    if (next === undefined) changes.push({ kind: 'choiceRemoved', value, text });
    else if (next.de !== text.de || next.en !== text.en) changes.push({ kind: 'choiceLabel', value, from: text, to: next });
  }
  for (const [value, text] of newChoices) if (!oldChoices.has(value)) changes.push({ kind: 'choiceAdded', value, text });
  return changes;
}

function differences(old: CatalogueQuestion, now: CatalogueQuestion): string[] {
  return questionDifferences(old, now).map((d) => {
    switch (d.kind) {
      case 'type':
        return `type: ${d.from} → ${d.to}`;
      case 'inputType':
        return `input type: ${d.from} → ${d.to}`;
      case 'multiple':
        return `answers: ${d.from ? 'several' : 'one'} → ${d.to ? 'several' : 'one'}`;
      case 'range':
        return `range: ${d.from} → ${d.to}`;
      case 'choiceRemoved':
        return `choices: value ${JSON.stringify(d.value)} removed`;
      case 'choiceLabel':
        return `choices: label of value ${JSON.stringify(d.value)} changed from "${d.from.de}" to "${d.to.de}"`;
      case 'choiceAdded':
        return `choices: value ${JSON.stringify(d.value)} added`;
    }
  });
}
