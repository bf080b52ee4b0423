import { Serializer } from 'survey-core';
import { AppError } from '../errors/appError';
import { problemDetails, type QuestionnaireProblem } from './questionnaireProblems';
import { ANSWER_TYPES, CONTAINER_TYPES, DISPLAY_TYPES, createModel, deepFreeze, isPlainObject, type QuestionnaireJson } from './surveyModel';

/** Question names are analysis variables: lower-case snake_case, starting with a letter. */
export const QUESTION_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Properties that hold boolean expressions referring to answers as `{question_name}`. */
const EXPRESSION_PROPERTIES = ['visibleIf', 'enableIf', 'requiredIf'] as const;

const answerTypes = new Set<string>(ANSWER_TYPES);
const displayTypes = new Set<string>(DISPLAY_TYPES);
const containerTypes = new Set<string>(CONTAINER_TYPES);

/**
 * Checks an uploaded SurveyJS (survey-core v3) questionnaire before it is stored or used.
 *
 * Checks, in this order, collecting every problem instead of stopping at the first:
 * JSON syntax (when given a string) → object with a non-empty `pages` list → each element has a
 * known type (survey-core's class registry) that the server can validate → question names match
 * QUESTION_NAME_PATTERN and are unique → choice values are numbers or strings and unique per
 * question → expressions (`visibleIf`, `enableIf`, `requiredIf`, expression validators) refer only
 * to existing questions → survey-core loads it without `jsonErrors` (unknown properties, wrong
 * property types) → at least one page has at least one question.
 *
 * Cost: O(elements) plus one survey-core model construction.
 * @returns a frozen deep copy of the questionnaire JSON (frozen so cached survey-core models stay valid).
 * @throws AppError invalid (`questionnaire.*`) listing each problem as a detail (questionnaireProblems reads them back).
 * @example parseQuestionnaire({ pages: [{ name: 'p1', elements: [{ type: 'text', name: 'children_count' }] }] })
 */
export function parseQuestionnaire(input: unknown): QuestionnaireJson {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (error) {
      throw new AppError('invalid', 'questionnaire.notJson', {}, { details: problemDetails([{ element: 'questionnaire', problem: (error as Error).message }]) });
    }
  }
  const problems: QuestionnaireProblem[] = [];
  if (!isPlainObject(json)) {
    throw new AppError('invalid', 'questionnaire.unusable', {}, {
      details: problemDetails([{ element: 'questionnaire', problem: `must be a JSON object with a "pages" list, got ${describe(json)}` }]),
    });
  }
  const pages = json.pages;
  if (!Array.isArray(pages) || pages.length === 0) {
    throw new AppError('invalid', 'questionnaire.unusable', {}, { details: problemDetails([{ element: 'questionnaire', problem: 'needs a "pages" list with at least one page' }]) });
  }

  const walk: Walk = { problems, questions: new Map(), expressions: [], reportedJsonErrors: new Set(), questionElements: 0 };
  pages.forEach((page, index) => {
    const where = isPlainObject(page) && typeof page.name === 'string' ? `page '${page.name}'` : `page ${index + 1}`;
    if (!isPlainObject(page)) {
      problems.push({ element: where, problem: `must be an object, got ${describe(page)}` });
      return;
    }
    collectExpressions(walk, page, where);
    if (page.elements !== undefined && !Array.isArray(page.elements)) {
      problems.push({ element: where, problem: '"elements" must be a list' });
      return;
    }
    walkElements(walk, (page.elements as unknown[] | undefined) ?? [], where);
  });

  checkExpressionReferences(walk, json);

  const model = createModel(json);
  for (const error of model.jsonErrors ?? []) {
    // Missing/unknown types and missing names are already reported above with name and position.
    const property = (error as { propertyName?: unknown }).propertyName;
    if (walk.reportedJsonErrors.has(`${error.type}:${String(property)}`)) continue;
    problems.push({ element: describeSurveyElement(error.element), problem: error.message });
  }
  if (walk.questionElements === 0) {
    problems.push({ element: 'questionnaire', problem: 'has no questions: at least one page needs at least one question' });
  }
  if (problems.length > 0) {
    throw new AppError('invalid', 'questionnaire.problems', { count: problems.length }, { details: problemDetails(problems) });
  }
  return deepFreeze(structuredClone(json));
}

interface Walk {
  readonly problems: QuestionnaireProblem[];
  /** Question name → where it was first defined. */
  readonly questions: Map<string, string>;
  readonly expressions: { where: string; property: string; expression: string }[];
  /** survey-core jsonErrors (`type:property`) that duplicate a problem reported by the walk. */
  readonly reportedJsonErrors: Set<string>;
  /** Elements that are meant as questions (neither panel nor display element), valid or not. */
  questionElements: number;
}

function walkElements(walk: Walk, elements: readonly unknown[], container: string): void {
  elements.forEach((element, index) => {
    const position = `element ${index + 1} in ${container}`;
    if (!isPlainObject(element)) {
      walk.problems.push({ element: position, problem: `must be an object, got ${describe(element)}` });
      return;
    }
    const name = typeof element.name === 'string' ? element.name : undefined;
    const type = typeof element.type === 'string' ? element.type.toLowerCase() : undefined;
    const where = name !== undefined ? `question '${name}' (${container})` : position;
    if (type === undefined) {
      walk.questionElements++;
      walk.reportedJsonErrors.add('missingtypeproperty:elements');
      walk.problems.push({ element: where, problem: 'has no "type"' });
      return;
    }
    if (!Serializer.findClass(type)) {
      walk.questionElements++;
      walk.reportedJsonErrors.add('incorrecttypeproperty:elements');
      walk.problems.push({ element: where, problem: `unknown question type '${type}'` });
      return;
    }
    if (containerTypes.has(type)) {
      const panel = name !== undefined ? `panel '${name}' (${container})` : position;
      collectExpressions(walk, element, panel);
      if (element.elements !== undefined && !Array.isArray(element.elements)) {
        walk.problems.push({ element: panel, problem: '"elements" must be a list' });
        return;
      }
      walkElements(walk, (element.elements as unknown[] | undefined) ?? [], panel);
      return;
    }
    if (displayTypes.has(type)) return;
    walk.questionElements++;
    if (!answerTypes.has(type)) {
      walk.problems.push({
        element: where,
        problem: `question type '${type}' is not supported, because the server cannot check its answers; use one of ${ANSWER_TYPES.join(', ')}`,
      });
      return;
    }
    if (name === undefined || name === '') {
      walk.reportedJsonErrors.add('requiredproperty:name');
      walk.problems.push({ element: where, problem: 'has no "name"; every question needs a name (it becomes the analysis variable)' });
      return;
    }
    if (!QUESTION_NAME_PATTERN.test(name)) {
      walk.problems.push({ element: where, problem: `name '${name}' must be lower-case snake_case: a letter, then letters, digits or _` });
    }
    const first = walk.questions.get(name);
    if (first !== undefined) {
      walk.problems.push({ element: where, problem: `duplicate name: '${name}' is already used by the question in ${first}` });
    } else {
      walk.questions.set(name, container);
    }
    collectExpressions(walk, element, where);
    if ('choices' in element) checkChoiceList(walk, element.choices, where, 'choices');
    if ('rateValues' in element) checkChoiceList(walk, element.rateValues, where, 'rateValues');
  });
}

function checkChoiceList(walk: Walk, list: unknown, where: string, property: string): void {
  if (!Array.isArray(list)) {
    walk.problems.push({ element: where, problem: `"${property}" must be a list` });
    return;
  }
  const seen = new Set<string>();
  list.forEach((item, index) => {
    const value = isPlainObject(item) ? item.value : item;
    if (typeof value !== 'number' && typeof value !== 'string') {
      walk.problems.push({ element: where, problem: `${property} item ${index + 1} needs a number or text "value", got ${describe(value)}` });
      return;
    }
    const key = `${typeof value}:${value}`;
    if (seen.has(key)) walk.problems.push({ element: where, problem: `${property} value ${JSON.stringify(value)} appears twice` });
    seen.add(key);
  });
}

function collectExpressions(walk: Walk, element: Record<string, unknown>, where: string): void {
  for (const property of EXPRESSION_PROPERTIES) {
    const expression = element[property];
    if (typeof expression === 'string') walk.expressions.push({ where, property, expression });
  }
  if (Array.isArray(element.validators)) {
    for (const validator of element.validators) {
      if (isPlainObject(validator) && typeof validator.expression === 'string') {
        walk.expressions.push({ where, property: 'expression validator', expression: validator.expression });
      }
    }
  }
}

/** A renamed question silently breaks every filter that mentions it, so references are checked by name. */
function checkExpressionReferences(walk: Walk, json: Record<string, unknown>): void {
  const known = new Set(walk.questions.keys());
  if (Array.isArray(json.calculatedValues)) {
    for (const value of json.calculatedValues) if (isPlainObject(value) && typeof value.name === 'string') known.add(value.name);
  }
  for (const { where, property, expression } of walk.expressions) {
    for (const match of expression.matchAll(/\{([^}]+)\}/g)) {
      const reference = match[1]!.trim();
      const root = reference.split(/[.[-]/)[0]!;
      if (!known.has(root)) {
        walk.problems.push({ element: where, problem: `${property} "${expression}" refers to '${reference}', which is not a question` });
      }
    }
  }
}

function describeSurveyElement(element: unknown): string {
  if (isPlainObject(element)) {
    const name = typeof element.name === 'string' ? element.name : undefined;
    const type = typeof (element as { getType?: unknown }).getType === 'function' ? (element as unknown as { getType(): string }).getType() : undefined;
    if (type === 'survey') return 'questionnaire';
    if (name !== undefined && name !== '') return `${type === 'page' ? 'page' : type === 'panel' ? 'panel' : 'question'} '${name}'`;
    if (type !== undefined) return `${type} element`;
  }
  return 'questionnaire';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `the text ${JSON.stringify(value.slice(0, 40))}` : typeof value;
}
