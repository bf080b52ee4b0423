/** Shapes of the /api/questionnaires answers as the Fragebogen page reads them, and what its parts share. */

export type Lang = 'de' | 'en';
export type Text = Record<Lang, string>;
export type Status = 'draft' | 'published' | 'retired';

export interface VersionSummary {
  questionnaireId: string;
  version: number;
  status: Status;
  questions: number;
  importedAt: string;
  importedBy: string | null;
  publishedAt: string | null;
}
export interface WaveRow {
  drawId: string;
  wave: number;
  createdAt: string;
  questionnaireId: string;
  version: number;
  bound: boolean;
}
export interface CheckProblem {
  question: string | null;
  path: string;
  message: Text;
}
export interface Verdict {
  ok: boolean;
  problems: CheckProblem[];
  warnings: CheckProblem[];
  languages: string[];
  questions: number;
}
export interface DiffRow {
  change: 'added' | 'removed' | 'changed' | 'choices-changed';
  question: string;
  details: Text[];
  trendBreaks: string[];
}

/** A version as the selects and the API's diff name it: `family-life-quality@2`. */
export const ref = (v: { questionnaireId: string; version: number }) => `${v.questionnaireId}@${v.version}`;

/**
 * Runs one request of the page: every button waits while it runs, and a failure shows the API's message
 * (else a general one) through `onError`, by default in the page's message line.
 */
export type Run = (work: () => Promise<void>, onError?: (text: string) => void) => Promise<void>;
