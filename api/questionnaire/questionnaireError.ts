/** One problem found in a questionnaire definition: which element, and what is wrong with it. */
export interface QuestionnaireProblem {
  /** Where the problem is, e.g. `question 'children_count' (page 'household')`, or `questionnaire`. */
  readonly element: string;
  /** What is wrong, as a sentence an editor of the questionnaire understands. */
  readonly problem: string;
}

/**
 * Thrown when a questionnaire definition cannot be used (uploaded JSON invalid, unknown version, …).
 * The message lists every problem, one per line, so an upload form can show them all at once.
 */
export class QuestionnaireError extends Error {
  readonly problems: readonly QuestionnaireProblem[];

  constructor(summary: string, problems: readonly QuestionnaireProblem[]) {
    super([summary, ...problems.map((p) => `- ${p.element}: ${p.problem}`)].join('\n'));
    this.name = 'QuestionnaireError';
    this.problems = problems;
  }
}
