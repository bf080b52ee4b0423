import { questionDifferences } from './compareVersions';
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
    const { format: changed, choices } = worded(old, now);
    const wording = old.title.de !== now.title.de || old.title.en !== now.title.en ? [t(`Titel: „${old.title.de}“ → „${now.title.de}“`, `title: "${old.title.en}" → "${now.title.en}"`)] : [];
    const renamed = oldName !== now.name ? [t(`umbenannt von ${oldName}`, `renamed from ${oldName}`)] : [];
    if (changed.length + wording.length + renamed.length > 0) {
      rows.push({ change: 'changed', question: now.name, details: [...renamed, ...changed, ...wording], trendBreaks: changed.length > 0 ? readers(now.name, oldName) : [] });
    }
    if (choices.length > 0) rows.push({ change: 'choices-changed', question: now.name, details: choices, trendBreaks: readers(now.name, oldName) });
  }
  for (const [name, old] of before) {
    if (afterNames.has(name) || (renames[name] !== undefined && afterNames.has(renames[name]!))) continue;
    rows.push({ change: 'removed', question: name, details: [t(`entfernt: „${old.title.de}“`, `removed: "${old.title.en}"`)], trendBreaks: readers(name) });
  }
  return rows;
}

/** The differences of questionDifferences() in German and English, split into format changes and choice changes. */
function worded(old: CatalogueQuestion, now: CatalogueQuestion): { format: LocalizedText[]; choices: LocalizedText[] } {
  const format: LocalizedText[] = [];
  const choices: LocalizedText[] = [];
  const several = (x: boolean) => t(x ? 'mehrere' : 'eine', x ? 'several' : 'one');
  for (const d of questionDifferences(old, now)) {
    switch (d.kind) {
      case 'type':
        format.push(t(`Typ: ${d.from} → ${d.to}`, `type: ${d.from} → ${d.to}`));
        break;
      case 'inputType':
        format.push(t(`Eingabeart: ${d.from} → ${d.to}`, `input type: ${d.from} → ${d.to}`));
        break;
      case 'multiple':
        format.push(t(`Antworten: ${several(d.from).de} → ${several(d.to).de}`, `answers: ${several(d.from).en} → ${several(d.to).en}`));
        break;
      case 'range':
        format.push(t(`Bereich: ${d.from} → ${d.to}`, `range: ${d.from} → ${d.to}`));
        break;
      case 'choiceRemoved':
        choices.push(t(`Wert ${JSON.stringify(d.value)} („${d.text.de}“) entfernt`, `value ${JSON.stringify(d.value)} ("${d.text.en}") removed`));
        break;
      case 'choiceLabel':
        choices.push(t(`Wert ${JSON.stringify(d.value)}: „${d.from.de}“ → „${d.to.de}“`, `value ${JSON.stringify(d.value)}: "${d.from.en}" → "${d.to.en}"`));
        break;
      case 'choiceAdded':
        choices.push(t(`Wert ${JSON.stringify(d.value)} („${d.text.de}“) hinzugefügt`, `value ${JSON.stringify(d.value)} ("${d.text.en}") added`));
        break;
    }
  }
  return { format, choices };
}

/** A diff row's detail as one CSV cell (English, then the indicators whose trend breaks). */
export function diffDetail(row: VersionDiffRow): string {
  const text = row.details.map((d) => d.en).join('; ');
  return row.trendBreaks.length > 0 ? `${text}; trend break: ${row.trendBreaks.join(' ')}` : text;
}
