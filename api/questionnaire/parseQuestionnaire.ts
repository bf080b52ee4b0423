import { AppError } from '../errors/appError';
import { checkQuestionnaire, QUESTION_NAME_PATTERN } from './checkQuestionnaire';
import { problemDetails } from './questionnaireProblems';
import type { QuestionnaireJson } from './surveyModel';

export { QUESTION_NAME_PATTERN };

/**
 * A questionnaire definition as the code uses it, after the structural rules of checkQuestionnaire()
 * (types, names, choices, expressions, survey-core's reading; languages may be incomplete, no indicators):
 * the checked JSON, or an error listing every problem. Imports use checkQuestionnaire itself.
 *
 * Cost: that of checkQuestionnaire, O(size of the JSON) plus one survey-core model.
 * @returns a frozen deep copy of the questionnaire JSON (frozen so cached survey-core models stay valid).
 * @throws AppError invalid (`questionnaire.notJson` for text that is not JSON, otherwise `questionnaire.problems`)
 *   with one detail per problem: `path` = `question 'name' at JSON-PATH` (or the JSON path alone), `message` = the
 *   problem in English; questionnaireProblems reads them back.
 * @example parseQuestionnaire({ pages: [{ name: 'p1', elements: [{ type: 'text', name: 'children_count' }] }] })
 */
export function parseQuestionnaire(input: unknown): QuestionnaireJson {
  const check = checkQuestionnaire(input, { completeLanguages: false });
  if (check.ok) return check.json!;
  const problems = check.problems.map((p) => ({ element: p.question === null ? p.path : `question '${p.question}' at ${p.path}`, problem: p.message.en }));
  const notJson = check.problems.length === 1 && check.problems[0]!.message.en.startsWith('Not valid JSON');
  if (notJson) throw new AppError('invalid', 'questionnaire.notJson', {}, { details: problemDetails(problems) });
  throw new AppError('invalid', 'questionnaire.problems', { count: problems.length }, { details: problemDetails(problems) });
}
