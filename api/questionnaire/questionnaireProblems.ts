import { AppError, type ErrorDetail } from '../errors/appError';

/** One problem found in a questionnaire definition: which element, and what is wrong with it. */
export interface QuestionnaireProblem {
  /** Where the problem is, e.g. `question 'children_count' (page 'household')`, or `questionnaire`. */
  readonly element: string;
  /** What is wrong, as a sentence an editor of the questionnaire understands. */
  readonly problem: string;
}

/**
 * A questionnaire definition that cannot be used (uploaded JSON invalid, unknown version, …) is an
 * `invalid` AppError with a `questionnaire.*` key and one detail per problem (`path` = element,
 * `message` = problem), so an upload form can show them all at once; its message lists them one per line.
 */
export function problemDetails(problems: readonly QuestionnaireProblem[]): ErrorDetail[] {
  return problems.map((p) => ({ path: p.element, message: p.problem }));
}

/** The problems of a questionnaire error, null for any other error. */
export function questionnaireProblems(err: unknown): QuestionnaireProblem[] | null {
  if (!(err instanceof AppError) || !err.key.startsWith('questionnaire.')) return null;
  return (err.details ?? []).map((d) => ({ element: d.path, problem: d.message }));
}
