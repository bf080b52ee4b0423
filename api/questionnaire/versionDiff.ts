import { questionCatalogue, type CatalogueQuestion } from './questionCatalogue';
import type { IndicatorReference } from './checkQuestionnaire';
import { questionRenames } from './questionRenames';
import type { LocalizedText, QuestionnaireJson } from './surveyModel';

/** Kinds of difference, as in the `questionnaire diff` CSV. */
export const DIFF_CHANGES = ['added', 'removed', 'changed', 'choices-changed'] as const;
export type DiffChange = (typeof DIFF_CHANGES)[number];

/** One difference between two versions for one question. */
export interface VersionDiffRow {
  readonly change: DiffChange;
  /** Question name in the newer version (in the older one for `removed`). */
  readonly question: string;
  /** The differences, one sentence each, German and English. */
  readonly details: readonly LocalizedText[];
  /** Indicators whose series breaks here: they read the question and its answers changed. */
  readonly trendBreaks: readonly string[];
}

export interface VersionDiffOptions {
  /** Indicators to flag (only those reading the questions concerned are named). */
  readonly indicators?: readonly IndicatorReference[];
  /** Renamed questions: old name → new name, compared with each other instead of removed + added (added to those `b` declares with `renamedFrom`). */
  readonly renames?: Readonly<Record<string, string>>;
}

const t = (de: string, en: string): LocalizedText => ({ de, en });

/**
 * The differences from version `a` to version `b`, question by question, matched by name (the
 * analysis variable) or by an explicit rename (`renamedFrom` in `b`, or `renames`): questions added, removed, changed (type, input
 * type, single/multiple answers, number range, title wording), and choice lists changed (codes added
 * or removed, a code's label reworded). A removal, a changed answer format or a changed choice list
 * breaks the trend of every indicator that reads the question; a reworded title or an added
 * question does not.
 * Order: questions of `b` in questionnaire order, then the removed ones. Cost: two catalogues, O(questions · choices).
 * @example diffVersions(v1, v2, { indicators: INDICATORS }) // → [{ change: 'added', question: 'commute_minutes', … }, { change: 'choices-changed', question: 'moving_intention', trendBreaks: ['moving_away'], … }]
 */
export function diffVersions(a: QuestionnaireJson, b: QuestionnaireJson, options: VersionDiffOptions = {}): VersionDiffRow[] {
  const renames = { ...questionRenames(b), ...(options.renames ?? {}) };
  const renamedFrom = new Map(Object.entries(renames).map(([old, now]) => [now, old]));
  const before = new Map(questionCatalogue(a).map((q) => [q.name, q]));
  const after = questionCatalogue(b);
  const afterNames = new Set(after.map((q) => q.name));
  const readers = (name: string, oldName = name) =>
    (options.indicators ?? []).filter((i) => i.questions.includes(name) || i.questions.includes(oldName)).map((i) => i.id);
  const rows: VersionDiffRow[] = [];
  for (const now of after) {
    const oldName = renamedFrom.get(now.name) ?? now.name;
    const old = before.get(oldName);
    if (old === undefined) {
      rows.push({ change: 'added', question: now.name, details: [t(`neu: „${now.title.de}“`, `new: "${now.title.en}"`)], trendBreaks: [] });
      continue;
    }
    const changed = formatChanges(old, now);
    const wording = old.title.de !== now.title.de || old.title.en !== now.title.en ? [t(`Titel: „${old.title.de}“ → „${now.title.de}“`, `title: "${old.title.en}" → "${now.title.en}"`)] : [];
    const renamed = oldName !== now.name ? [t(`umbenannt von ${oldName}`, `renamed from ${oldName}`)] : [];
    if (changed.length + wording.length + renamed.length > 0) {
      rows.push({ change: 'changed', question: now.name, details: [...renamed, ...changed, ...wording], trendBreaks: changed.length > 0 ? readers(now.name, oldName) : [] });
    }
    const choices = choiceChanges(old, now);
    if (choices.length > 0) rows.push({ change: 'choices-changed', question: now.name, details: choices, trendBreaks: readers(now.name, oldName) });
  }
  for (const [name, old] of before) {
    if (afterNames.has(name) || (renames[name] !== undefined && afterNames.has(renames[name]!))) continue;
    rows.push({ change: 'removed', question: name, details: [t(`entfernt: „${old.title.de}“`, `removed: "${old.title.en}"`)], trendBreaks: readers(name) });
  }
  return rows;
}

function formatChanges(old: CatalogueQuestion, now: CatalogueQuestion): LocalizedText[] {
  const changes: LocalizedText[] = [];
  if (old.type !== now.type) changes.push(t(`Typ: ${old.type} → ${now.type}`, `type: ${old.type} → ${now.type}`));
  if (old.inputType !== now.inputType) changes.push(t(`Eingabeart: ${old.inputType ?? 'text'} → ${now.inputType ?? 'text'}`, `input type: ${old.inputType ?? 'text'} → ${now.inputType ?? 'text'}`));
  if (old.multiple !== now.multiple) {
    changes.push(t(`Antworten: ${old.multiple ? 'mehrere' : 'eine'} → ${now.multiple ? 'mehrere' : 'eine'}`, `answers: ${old.multiple ? 'several' : 'one'} → ${now.multiple ? 'several' : 'one'}`));
  }
  if (old.min !== now.min || old.max !== now.max) {
    const range = (q: CatalogueQuestion) => `${q.min ?? '−∞'}…${q.max ?? '∞'}`;
    changes.push(t(`Bereich: ${range(old)} → ${range(now)}`, `range: ${range(old)} → ${range(now)}`));
  }
  return changes;
}

function choiceChanges(old: CatalogueQuestion, now: CatalogueQuestion): LocalizedText[] {
  const changes: LocalizedText[] = [];
  const key = (value: unknown) => JSON.stringify(value);
  const oldChoices = new Map((old.choices ?? []).map((c) => [key(c.value), c]));
  const newChoices = new Map((now.choices ?? []).map((c) => [key(c.value), c]));
  for (const [value, choice] of oldChoices) {
    const next = newChoices.get(value);
    if (next === undefined) changes.push(t(`Wert ${value} („${choice.text.de}“) entfernt`, `value ${value} ("${choice.text.en}") removed`));
    else if (next.text.de !== choice.text.de || next.text.en !== choice.text.en) {
      changes.push(t(`Wert ${value}: „${choice.text.de}“ → „${next.text.de}“`, `value ${value}: "${choice.text.en}" → "${next.text.en}"`));
    }
  }
  for (const [value, choice] of newChoices) if (!oldChoices.has(value)) changes.push(t(`Wert ${value} („${choice.text.de}“) hinzugefügt`, `value ${value} ("${choice.text.en}") added`));
  return changes;
}

/** A diff row's detail as one CSV cell (English, then the indicators whose trend breaks). */
export function diffDetail(row: VersionDiffRow): string {
  const text = row.details.map((d) => d.en).join('; ');
  return row.trendBreaks.length > 0 ? `${text}; trend break: ${row.trendBreaks.join(' ')}` : text;
}
