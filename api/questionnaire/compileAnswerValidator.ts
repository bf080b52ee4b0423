import { ConditionRunner, type Question } from 'survey-core';
import { AppError, isAppError } from '../errors/appError';
import { problemDetails, type QuestionnaireProblem } from './questionnaireProblems';
import { ANSWER_TYPES, NUMBER_INPUT_TYPES, createModel, isPlainObject, withGermanDefault, type Locale, type QuestionnaireJson } from './surveyModel';
import {
  ANSWER_MESSAGES,
  isEmptyAnswer,
  validateAnswers,
  valueCheckFor,
  type AnswerError,
  type AnswerValidation,
  type ValidateAnswersOptions,
  type ValueCheck,
} from './validateAnswers';

/** Checks one answer set like validateAnswers() does, without building a survey-core model per call. */
export type AnswerValidator = (answers: unknown, options?: ValidateAnswersOptions) => AnswerValidation;

/** A condition compiled once; `runValues` evaluates it against the answers of one call. */
interface Condition {
  readonly expression: string;
  readonly runner: ConditionRunner;
  /** The question names it reads (plain names only, no functions: see `condition` below). */
  readonly variables: readonly string[];
  /**
   * Results by the values of `variables`: a condition without functions depends on nothing else,
   * and residents' answers to the few questions conditions read repeat all the time.
   */
  readonly results: Map<string, boolean>;
}

/** Most distinct value combinations remembered per condition (then the memory starts over). */
const CONDITION_RESULTS_KEPT = 512;

interface CompiledQuestion {
  readonly name: string;
  /** Position in questionnaire order (errors are reported in this order). */
  readonly order: number;
  readonly check: ValueCheck;
  /** `visible: false` in the JSON hides the question whatever the answers. */
  readonly alwaysHidden: boolean;
  /** Own visibleIf and those of its panels and page: all must hold for the question to be shown. */
  readonly visibleIf: readonly Condition[];
  readonly isRequired: boolean;
  /** Replaces isRequired when present (survey-core: isRequired = requiredIf result). */
  readonly requiredIf: Condition | undefined;
  /** Text questions: survey-core treats a value of only spaces as not answered. */
  readonly trimsText: boolean;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly messages: Record<Locale, { required: string; min: string; max: string; validators: readonly string[] }>;
  readonly validators: readonly Condition[];
}

/** Question properties whose effect the compiled validator does not model: such questionnaires use survey-core. */
const UNSUPPORTED_QUESTION_PROPERTIES = [
  'readOnly',
  'enableIf',
  'showOtherItem',
  'showCommentArea',
  'hideIfChoicesEmpty',
  'choicesVisibleIf',
  'choicesEnableIf',
  'choicesByUrl',
  'choicesFromQuestion',
  'valueName',
  'defaultValue',
  'defaultValueExpression',
  'setValueIf',
  'setValueExpression',
  'resetValueIf',
  'minValueExpression',
  'maxValueExpression',
  'minSelectedChoices',
  'maskType',
  'maskSettings',
  'isUnique',
] as const;
const UNSUPPORTED_CONTAINER_PROPERTIES = ['readOnly', 'enableIf', 'requiredIf', 'isRequired', 'requiredErrorText', 'validators'] as const;
const UNSUPPORTED_SURVEY_PROPERTIES = ['calculatedValues', 'triggers', 'variables'] as const;

const answerTypes = new Set<string>(ANSWER_TYPES);
const LOCALES: readonly Locale[] = ['de', 'en'];

/**
 * Compiles a published questionnaire version into a validator that gives the same verdict, the
 * same question names and the same messages as validateAnswers() (survey-core), at a fraction of
 * the cost: survey-core's model is built once here, every condition (visibleIf, requiredIf,
 * expression validators) is parsed once into a ConditionRunner and reused, and the messages
 * survey-core would show are read from it once per language.
 *
 * Per call it mirrors validateAnswers() step by step: unknown keys and wrong types/values (the
 * shared valueCheckFor rules) → drop answers of hidden questions until stable (a dropped answer can
 * hide further questions) → for each visible question survey-core's order of checks: required
 * (or requiredIf), number min/max, and only when those pass the expression validators.
 *
 * Only a subset of SurveyJS is compiled (see UNSUPPORTED_* and the expression rules): for anything
 * else it throws, and answerValidatorFor() falls back to survey-core. survey-core stays the
 * authority for uploading questionnaires (parseQuestionnaire) and for the equivalence test.
 *
 * Cost: compile O(questions · languages) plus one survey-core model; a call O(answers +
 * questions · conditions · rounds), rounds ≤ depth of filter chains (typically 20–50× faster than survey-core).
 * @throws AppError invalid (`questionnaire.notCompilable`) listing each feature the compiled validator does not model.
 * @example compileAnswerValidator(loadQuestionnaire(1))({ children_count: 2 }, { partial: true }) // → { ok: true, data: { children_count: 2 } }
 */
export function compileAnswerValidator(json: QuestionnaireJson): AnswerValidator {
  const problems: QuestionnaireProblem[] = [];
  const model = createModel(json);
  const surveyJson = json as Record<string, unknown>;
  for (const property of UNSUPPORTED_SURVEY_PROPERTIES) {
    const value = surveyJson[property];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) problems.push({ element: 'questionnaire', problem: `uses "${property}"` });
  }

  const questions: Question[] = model.getAllQuestions(false).filter((q) => answerTypes.has(q.getType()));
  const names = new Set(questions.map((q) => q.name));
  const conditions = new Map<string, Condition>();
  const condition = (expression: string, where: string): Condition | undefined => {
    const known = conditions.get(expression);
    if (known) return known;
    const runner = new ConditionRunner(expression);
    const reasons: string[] = [];
    if (!runner.canRun()) reasons.push('cannot be parsed');
    if (runner.isAsync || runner.hasFunction()) reasons.push('calls functions');
    for (const variable of runner.getVariables()) {
      if (!names.has(variable)) reasons.push(`refers to '${variable}', which is not a plain question name`);
    }
    if (reasons.length > 0) {
      problems.push({ element: where, problem: `condition "${expression}" ${reasons.join(', ')}` });
      return undefined;
    }
    const compiled = { expression, runner, variables: runner.getVariables(), results: new Map<string, boolean>() };
    conditions.set(expression, compiled);
    return compiled;
  };

  const raw = rawQuestions(json);
  const compiled: CompiledQuestion[] = questions.map((question, order) => {
    const where = `question '${question.name}'`;
    // The JSON as written: survey-core's toJSON() would also serialise visibility computed for no answers.
    const { json, containers } = raw.get(question.name)!;
    for (const property of UNSUPPORTED_QUESTION_PROPERTIES) {
      if (json[property] !== undefined && json[property] !== 'none') problems.push({ element: where, problem: `uses "${property}"` });
    }
    const q = question as unknown as Record<string, unknown>;
    const type = question.getType();
    const numeric = type === 'text' && NUMBER_INPUT_TYPES.has(String(q.inputType));
    if (type === 'text' && q.inputType !== 'text' && q.inputType !== 'number') problems.push({ element: where, problem: `text input type '${String(q.inputType)}'` });
    if (numeric && q.step !== undefined && !(Number.isInteger(q.step) && (q.step as number) > 0)) problems.push({ element: where, problem: 'a step that is not a whole number' });
    for (const bound of ['min', 'max'] as const) {
      if (json[bound] !== undefined && (!numeric || typeof json[bound] !== 'number')) problems.push({ element: where, problem: `"${bound}" that is not a number on a number field` });
    }

    const visibleIf: Condition[] = [];
    for (const element of [json, ...containers]) {
      const owner = element === json ? where : `${element.elements !== undefined && containers.indexOf(element) === containers.length - 1 ? 'page' : 'panel'} '${String(element.name)}'`;
      if (element !== json) {
        for (const property of UNSUPPORTED_CONTAINER_PROPERTIES) if (element[property] !== undefined) problems.push({ element: owner, problem: `uses "${property}"` });
        if (element.visible === false) problems.push({ element: owner, problem: 'is always hidden ("visible": false)' });
      }
      const expression = element.visibleIf;
      if (typeof expression === 'string' && expression.trim() !== '') {
        const c = condition(expression, owner);
        if (c) visibleIf.push(c);
      }
    }
    const requiredIfText = typeof q.requiredIf === 'string' && q.requiredIf.trim() !== '' ? q.requiredIf : undefined;
    const requiredIf = requiredIfText === undefined ? undefined : condition(requiredIfText, where);

    const validators: Condition[] = [];
    for (const validator of question.validators) {
      if (validator.getType() !== 'expressionvalidator') {
        problems.push({ element: where, problem: `${validator.getType()} is not compiled` });
        continue;
      }
      const expression = (validator as unknown as { expression?: unknown }).expression;
      if (typeof expression !== 'string' || expression.trim() === '') {
        problems.push({ element: where, problem: 'an expression validator without expression' });
        continue;
      }
      const c = condition(expression, where);
      if (c) validators.push(c);
    }

    // survey-core fills {placeholders} in texts written into the questionnaire from the answers; those are not compiled.
    const written = [json.requiredErrorText, ...((json.validators as RawElement[] | undefined) ?? []).map((v) => v.text)];
    for (const text of written.flatMap((t) => (typeof t === 'string' ? [t] : isPlainObject(t) ? Object.values(t) : []))) {
      if (typeof text === 'string' && text.includes('{')) problems.push({ element: where, problem: `message "${text}" has placeholders` });
    }
    const messages = {} as CompiledQuestion['messages'];
    for (const locale of LOCALES) {
      withGermanDefault(() => {
        model.locale = locale === 'de' ? '' : locale;
        const t = q as unknown as { requiredErrorText: string; minErrorText: string; maxErrorText: string; renderedMin: unknown; renderedMax: unknown; getMinMaxErrorText(text: string, value: unknown): string; getCalculatedMinMax(value: unknown): unknown };
        // An empty requiredErrorText makes survey-core's error fall back to its localized default.
        const required = t.requiredErrorText || (q as unknown as { getLocalizationString(name: string): string }).getLocalizationString('requiredError');
        const texts = {
          required,
          min: numeric && typeof json.min === 'number' ? t.getMinMaxErrorText(t.minErrorText, t.getCalculatedMinMax(t.renderedMin)) : '',
          max: numeric && typeof json.max === 'number' ? t.getMinMaxErrorText(t.maxErrorText, t.getCalculatedMinMax(t.renderedMax)) : '',
          validators: question.validators.map((v) => (v as unknown as { getErrorText(name: string): string }).getErrorText((question as unknown as { getValidatorTitle(): string }).getValidatorTitle())),
        };
        messages[locale] = texts;
      });
    }
    model.locale = '';

    return {
      name: question.name,
      order,
      check: valueCheckFor(question),
      alwaysHidden: json.visible === false,
      visibleIf,
      isRequired: question.isRequired && requiredIfText === undefined,
      requiredIf,
      trimsText: (type === 'text' || type === 'comment') && (q as { allowSpaceAsAnswer?: unknown }).allowSpaceAsAnswer !== true,
      min: numeric && typeof json.min === 'number' ? json.min : undefined,
      max: numeric && typeof json.max === 'number' ? json.max : undefined,
      messages,
      validators,
    };
  });
  if (problems.length > 0) throw new AppError('invalid', 'questionnaire.notCompilable', { count: problems.length }, { details: problemDetails(problems) });

  const byName = new Map(compiled.map((q) => [q.name, q]));
  return (answers, options = {}) => runCompiled(compiled, byName, answers, options);
}

type RawElement = Record<string, unknown>;

/** Each question's JSON with its containers, innermost panel first and the page last. */
function rawQuestions(json: QuestionnaireJson): Map<string, { json: RawElement; containers: RawElement[] }> {
  const found = new Map<string, { json: RawElement; containers: RawElement[] }>();
  const walk = (elements: unknown, containers: RawElement[]) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements) {
      if (!isPlainObject(element)) continue;
      if (Array.isArray(element.elements)) walk(element.elements, [element, ...containers]);
      else if (typeof element.name === 'string' && !found.has(element.name)) found.set(element.name, { json: element, containers });
    }
  };
  for (const page of (json.pages as unknown[] | undefined) ?? []) if (isPlainObject(page)) walk(page.elements, [page]);
  return found;
}

/** The same condition result as for earlier answers with the same values of its variables, else survey-core's. */
function evaluate(c: Condition, values: Record<string, unknown>): boolean {
  const key = JSON.stringify(c.variables.map((name) => values[name] ?? null));
  let result = c.results.get(key);
  if (result === undefined) {
    result = c.runner.runValues(values) === true;
    if (c.results.size >= CONDITION_RESULTS_KEPT) c.results.clear();
    c.results.set(key, result);
  }
  return result;
}

/** Evaluates each condition at most once per visibility round: many questions share their page's condition. */
function evaluator(values: Record<string, unknown>): (c: Condition) => boolean {
  const results = new Map<Condition, boolean>();
  return (c) => {
    let result = results.get(c);
    if (result === undefined) {
      result = evaluate(c, values);
      results.set(c, result);
    }
    return result;
  };
}

function isVisible(q: CompiledQuestion, holds: (c: Condition) => boolean): boolean {
  if (q.alwaysHidden) return false;
  for (const c of q.visibleIf) if (!holds(c)) return false;
  return true;
}

function runCompiled(
  questions: readonly CompiledQuestion[],
  byName: ReadonlyMap<string, CompiledQuestion>,
  answers: unknown,
  options: ValidateAnswersOptions,
): AnswerValidation {
  const locale = options.locale ?? 'de';
  const text = ANSWER_MESSAGES[locale];
  if (!isPlainObject(answers)) return { ok: false, errors: [{ question: '', message: text.notAnObject }] };

  const errors: { owner: CompiledQuestion | undefined; error: AnswerError }[] = [];
  const wrongType = new Set<CompiledQuestion>();
  let data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) {
    const question = byName.get(key);
    if (question === undefined) {
      errors.push({ owner: undefined, error: { question: key, message: text.unknownQuestion } });
      continue;
    }
    if (isEmptyAnswer(value)) continue;
    const problem = question.check(value, text);
    if (problem !== undefined) {
      wrongType.add(question);
      errors.push({ owner: question, error: { question: key, message: problem } });
    } else {
      data[key] = value;
    }
  }

  // Drop answers to hidden questions until stable: a dropped answer can hide further questions.
  let holds = evaluator(data);
  for (;;) {
    let dropped = false;
    const kept: Record<string, unknown> = {};
    for (const key in data) {
      if (isVisible(byName.get(key)!, holds)) kept[key] = data[key];
      else dropped = true;
    }
    if (!dropped) break;
    data = kept;
    holds = evaluator(data);
  }

  const visible = new Set<CompiledQuestion>();
  for (const q of questions) if (isVisible(q, holds)) visible.add(q);
  const reported = errors.filter(({ owner }) => owner === undefined || visible.has(owner));
  const messages = (q: CompiledQuestion) => q.messages[locale];
  for (const q of visible) {
    if (wrongType.has(q)) continue;
    const value = data[q.name];
    const empty = value === undefined || (q.trimsText && typeof value === 'string' && value.trim() === '');
    const required = q.requiredIf ? holds(q.requiredIf) : q.isRequired;
    // survey-core's order: required, then min/max; validators run only when those found nothing.
    if (required && empty) {
      if (!options.partial) reported.push({ owner: q, error: { question: q.name, message: messages(q).required } });
      continue;
    }
    if (!empty && typeof value === 'number') {
      if (q.min !== undefined && value < q.min) {
        reported.push({ owner: q, error: { question: q.name, message: messages(q).min } });
        continue;
      }
      if (q.max !== undefined && value > q.max) {
        reported.push({ owner: q, error: { question: q.name, message: messages(q).max } });
        continue;
      }
    }
    q.validators.forEach((c, index) => {
      if (!holds(c)) reported.push({ owner: q, error: { question: q.name, message: messages(q).validators[index]! } });
    });
  }
  if (reported.length > 0) {
    // Questionnaire order reads like the form; unknown keys come last.
    const rank = (owner: CompiledQuestion | undefined): number => (owner === undefined ? Infinity : owner.order);
    reported.sort((a, b) => rank(a.owner) - rank(b.owner));
    return { ok: false, errors: reported.map(({ error }) => error) };
  }
  const ordered: Record<string, unknown> = {};
  for (const q of visible) if (q.name in data) ordered[q.name] = data[q.name];
  return { ok: true, data: ordered };
}

const validators = new WeakMap<object, AnswerValidator>();

/**
 * The validator for a questionnaire object, made once per object (questionnaires are frozen):
 * the compiled one when the questionnaire stays within the compiled subset, else survey-core's
 * validateAnswers(). Use this on request paths.
 * @example answerValidatorFor(loadQuestionnaire(1))(answers, { locale: 'en' })
 */
export function answerValidatorFor(json: QuestionnaireJson): AnswerValidator {
  let validator = validators.get(json);
  if (validator === undefined) {
    try {
      validator = compileAnswerValidator(json);
    } catch (error) {
      if (!isAppError(error, 'questionnaire.notCompilable')) throw error;
      validator = (answers, options) => validateAnswers(json, answers, options);
    }
    validators.set(json, validator);
  }
  return validator;
}
