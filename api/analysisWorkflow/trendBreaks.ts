/**
 * Trend breaks between two waves: an indicator's change since the previous wave is not a change in the
 * population alone when the questionnaire versions the two waves were answered with differ in a question
 * the indicator reads — its wording of answer codes, its codes, its type or range changed, it was removed,
 * or it did not exist yet in the earlier version. Questions added that the indicator does not read, and
 * title wording, do not break its trend (compareVersions reports neither as a change).
 */
import type { IndicatorDefinition } from '../../analysis/indicators';
import { compareVersions, type QuestionnaireJson } from '../questionnaire';

/** Why one indicator's series breaks between two questionnaire versions. */
export interface TrendBreak {
  /** Questionnaire version(s) of the previous wave's and of this wave's respondents. */
  fromVersions: number[];
  toVersions: number[];
  /** Each question the indicator reads that differs, with what differs (English, as compareVersions says it). */
  questions: { name: string; changes: string[] }[];
}

/**
 * For every indicator, its trend break between the versions used in the previous wave (`from`) and in this
 * wave (`to`), or nothing when all versions agree on the questions it reads. Every pair of a `from` and a
 * `to` version is compared (a wave is normally answered with one version).
 * Cost: one compareVersions per pair of different versions, then O(indicators · questions).
 * @example trendBreaks(INDICATORS, [1], [2], load) // → Map { 'unsafe_at_night' → { questions: [{ name: 'safety_night', changes: ['choices: value 5 added'] }] } }
 */
export function trendBreaks(
  indicators: readonly IndicatorDefinition[],
  from: readonly number[],
  to: readonly number[],
  questionnaire: (version: number) => QuestionnaireJson,
): Map<string, TrendBreak> {
  const differing = new Map<string, Set<string>>();
  const note = (name: string, change: string) => {
    const set = differing.get(name) ?? new Set<string>();
    set.add(change);
    differing.set(name, set);
  };
  for (const a of from) {
    for (const b of to) {
      if (a === b) continue;
      const c = compareVersions(questionnaire(a), questionnaire(b));
      for (const name of c.removed) note(name, `question removed in version ${b}`);
      for (const name of c.added) note(name, `question new in version ${b} (not asked in version ${a})`);
      for (const q of c.changed) for (const change of q.changes) note(q.name, change);
    }
  }
  const breaks = new Map<string, TrendBreak>();
  if (differing.size === 0) return breaks;
  for (const ind of indicators) {
    const questions = ind.questions.filter((q) => differing.has(q)).map((name) => ({ name, changes: [...differing.get(name)!] }));
    if (questions.length > 0) breaks.set(ind.id, { fromVersions: [...from], toVersions: [...to], questions });
  }
  return breaks;
}
