import { Model, settings, type Question } from 'survey-core';
import { ANSWER_TYPES, NUMBER_INPUT_TYPES, isPlainObject, withGermanDefault, type Locale, type QuestionnaireJson } from './surveyModel';

/** One reason why an answer set was rejected. `question` is the question name (or the unknown key). */
export interface AnswerError {
  readonly question: string;
  readonly message: string;
}

/** Result of validateAnswers(): the cleaned answers, or every error found. */
export type AnswerValidation =
  | { readonly ok: true; readonly data: Record<string, unknown> }
  | { readonly ok: false; readonly errors: readonly AnswerError[] };

export interface ValidateAnswersOptions {
  /** Page-by-page autosave: skip "required" checks, everything else is still checked. */
  readonly partial?: boolean;
  /** Language of the error messages (German by default). */
  readonly locale?: Locale;
}

const answerTypes = new Set<string>(ANSWER_TYPES);

/**
 * One survey-core model per questionnaire object, reused across calls: building a model from our
 * 59-question JSON costs ~25–50 ms, setting data and validating ~5–10 ms. Reuse is safe because
 * validation is synchronous and every call replaces the model's data and re-runs the validators
 * it reads. The cache is keyed by object identity, so questionnaires must not be mutated after
 * first use (the registry and parseQuestionnaire() hand out frozen objects).
 */
const models = new WeakMap<object, Model>();

function modelFor(json: QuestionnaireJson): Model {
  let model = models.get(json);
  if (model === undefined) {
    model = new Model(json);
    models.set(json, model);
  }
  return model;
}

/**
 * Server-side check of one respondent's answers against a questionnaire, using survey-core in Node.
 *
 * Steps: (1) every key must be a question of the questionnaire (or its `-Comment` field when the
 * question has an "other" item or comment area); (2) each value must have the right type and be an
 * allowed value — checks survey-core does not do (it accepts `"7"` for a number field, any value for
 * a radiogroup, any length for `maxLength`); (3) questions hidden by `visibleIf` (of the question,
 * its panel or its page) are found by re-evaluating conditions until no more values drop out, and
 * their values are dropped; (4) survey-core's own `question.validate()` runs for each visible
 * question: required/requiredIf, number min/max, validators (numeric, text, expression, regex,
 * answer count, e-mail). In `partial` mode "required" errors are ignored.
 * Empty values (null, '', []) count as "not answered" and are not stored.
 *
 * Cost: one survey-core model + O(questions · rounds) condition evaluation; rounds ≤ depth of filter chains.
 * @returns `{ ok: true, data }` with only visible, valid answers in questionnaire order, or `{ ok: false, errors }`.
 * @example validateAnswers(json, { children_count: 2 }, { partial: true }) // → { ok: true, data: { children_count: 2 } }
 */
export function validateAnswers(json: QuestionnaireJson, answers: unknown, options: ValidateAnswersOptions = {}): AnswerValidation {
  const locale = options.locale ?? 'de';
  const text = ANSWER_MESSAGES[locale];
  if (!isPlainObject(answers)) return { ok: false, errors: [{ question: '', message: text.notAnObject }] };

  return withGermanDefault(() => {
    const model = modelFor(json);
    model.locale = locale === 'de' ? '' : locale;
    const questions = new Map<string, Question>();
    const commentOwners = new Map<string, Question>();
    for (const question of model.getAllQuestions(false)) {
      if (!answerTypes.has(question.getType())) continue;
      questions.set(question.name, question);
      if (hasCommentField(question)) commentOwners.set(question.name + settings.commentSuffix, question);
    }

    const errors: { owner: string | undefined; error: AnswerError }[] = [];
    const checked: Record<string, unknown> = {};
    const wrongType = new Set<string>();
    for (const [key, value] of Object.entries(answers)) {
      const question = questions.get(key);
      const owner = question ?? commentOwners.get(key);
      if (owner === undefined) {
        errors.push({ owner: undefined, error: { question: key, message: text.unknownQuestion } });
        continue;
      }
      if (isEmptyAnswer(value)) continue;
      const problem = question === undefined ? checkText(value, undefined, text) : checkValue(question, value, text);
      if (problem !== undefined) {
        wrongType.add(owner.name);
        errors.push({ owner: owner.name, error: { question: key, message: problem } });
      } else {
        checked[key] = value;
      }
    }

    // Drop answers to hidden questions until stable: a dropped answer can hide further questions.
    let data = checked;
    for (;;) {
      model.data = data;
      const visible = new Set(model.getAllQuestions(true).map((q) => q.name));
      const kept = Object.fromEntries(Object.entries(data).filter(([key]) => visible.has((questions.get(key) ?? commentOwners.get(key))!.name)));
      if (Object.keys(kept).length === Object.keys(data).length) break;
      data = kept;
    }
    const visibleQuestions = model.getAllQuestions(true).filter((q) => answerTypes.has(q.getType()));
    const visibleNames = new Set(visibleQuestions.map((q) => q.name));

    const reported = errors.filter(({ owner }) => owner === undefined || visibleNames.has(owner));
    for (const question of visibleQuestions) {
      if (wrongType.has(question.name)) continue;
      question.validate(true);
      for (const error of question.errors) {
        if (options.partial && error.getErrorType() === 'required') continue;
        reported.push({ owner: question.name, error: { question: question.name, message: error.getText() } });
      }
    }
    if (reported.length > 0) {
      // Questionnaire order reads like the form; unknown keys come last.
      const order = new Map([...questions.keys()].map((name, index) => [name, index]));
      const rank = (owner: string | undefined): number => (owner === undefined ? Infinity : order.get(owner)!);
      reported.sort((a, b) => rank(a.owner) - rank(b.owner));
      return { ok: false, errors: reported.map(({ error }) => error) };
    }

    const ordered: Record<string, unknown> = {};
    for (const question of visibleQuestions) {
      for (const key of [question.name, question.name + settings.commentSuffix]) if (key in data) ordered[key] = data[key];
    }
    return { ok: true, data: ordered };
  });
}

/** The codes a choice question accepts: its choices plus the special items it shows. */
export function allowedChoiceValues(question: Question): unknown[] {
  const q = question as unknown as Record<string, unknown> & { choices: { value: unknown }[] };
  const values = q.choices.map((item) => item.value);
  const special: [string, string][] = [['showNoneItem', 'noneItem'], ['showOtherItem', 'otherItem'], ['showRefuseItem', 'refuseItem'], ['showDontKnowItem', 'dontKnowItem']];
  for (const [flag, item] of special) {
    if (q[flag] === true && isPlainObject(q[item])) values.push((q[item] as { value: unknown }).value);
  }
  return values;
}

/** The values a rating question accepts: its `rateValues`, or rateMin…rateMax in steps of rateStep. */
export function allowedRatingValues(question: Question): unknown[] {
  return (question as unknown as { visibleRateValues: { value: unknown }[] }).visibleRateValues.map((item) => item.value);
}

function hasCommentField(question: Question): boolean {
  const q = question as unknown as Record<string, unknown>;
  return q.showOtherItem === true || q.showCommentArea === true;
}

/** "Not answered": such values are neither checked nor stored. */
export function isEmptyAnswer(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Checks one non-empty answer's type and allowed values; returns the problem in the given language, if any. */
export type ValueCheck = (value: unknown, text: AnswerMessages) => string | undefined;

/**
 * The type and allowed-value check of one question, with its allowed values read once. Shared by
 * validateAnswers() and the compiled validator, so both apply literally the same rules.
 */
export function valueCheckFor(question: Question): ValueCheck {
  const q = question as unknown as Record<string, unknown>;
  switch (question.getType()) {
    case 'text': {
      if (NUMBER_INPUT_TYPES.has(String(q.inputType))) {
        const step = q.step;
        return (value, text) => checkNumber(value, step, text);
      }
      const max = maxLengthOf(question);
      return (value, text) => checkText(value, max, text);
    }
    case 'comment': {
      const max = maxLengthOf(question);
      return (value, text) => checkText(value, max, text);
    }
    case 'radiogroup':
    case 'dropdown': {
      const allowed = allowedChoiceValues(question);
      return (value, text) => checkChoice(value, allowed, text);
    }
    case 'rating': {
      const allowed = allowedRatingValues(question);
      return (value, text) => checkChoice(value, allowed, text);
    }
    case 'checkbox':
    case 'tagbox': {
      const allowed = allowedChoiceValues(question);
      const hasNone = q.showNoneItem === true;
      const noneValue = hasNone ? (q.noneItem as { value: unknown }).value : undefined;
      const maxSelected = typeof q.maxSelectedChoices === 'number' && q.maxSelectedChoices > 0 ? q.maxSelectedChoices : undefined;
      return (value, text) => checkChoiceList(value, allowed, hasNone, noneValue, maxSelected, text);
    }
    case 'boolean': {
      const b = question as unknown as { getValueTrue(): unknown; getValueFalse(): unknown };
      const allowed = [b.getValueTrue(), b.getValueFalse()];
      return (value, text) => checkChoice(value, allowed, text);
    }
    default:
      return (_value, text) => text.unsupported;
  }
}

function checkValue(question: Question, value: unknown, text: Messages): string | undefined {
  return valueCheckFor(question)(value, text);
}

function checkNumber(value: unknown, step: unknown, text: Messages): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return text.notANumber(value);
  if (typeof step === 'number' && step > 0) {
    const steps = value / step;
    // Tolerance for decimal steps such as 0.1, which are not exact in binary floating point.
    if (Math.abs(steps - Math.round(steps)) > 1e-9) return step === 1 ? text.notWhole : text.notAStep(step);
  }
  return undefined;
}

function checkText(value: unknown, maxLength: number | undefined, text: Messages): string | undefined {
  if (typeof value !== 'string') return text.notAText;
  if (maxLength !== undefined && value.length > maxLength) return text.tooLong(maxLength, value.length);
  return undefined;
}

function maxLengthOf(question: Question): number | undefined {
  const max = (question as unknown as { getMaxLength(): unknown }).getMaxLength();
  return typeof max === 'number' && max > 0 ? max : undefined;
}

function checkChoice(value: unknown, allowed: readonly unknown[], text: Messages): string | undefined {
  if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') return text.notASingleChoice;
  return allowed.includes(value) ? undefined : text.notAllowed(value, allowed);
}

function checkChoiceList(
  value: unknown,
  allowed: readonly unknown[],
  hasNone: boolean,
  noneValue: unknown,
  maxSelected: number | undefined,
  text: Messages,
): string | undefined {
  if (!Array.isArray(value)) return text.notAList;
  const seen = new Set<unknown>();
  for (const item of value) {
    const problem = checkChoice(item, allowed, text);
    if (problem !== undefined) return problem;
    if (seen.has(item)) return text.twice(item);
    seen.add(item);
  }
  if (hasNone && value.length > 1 && value.includes(noneValue)) return text.noneAlone;
  if (maxSelected !== undefined && value.length > maxSelected) return text.tooMany(maxSelected);
  return undefined;
}

type Messages = AnswerMessages;

/** Texts of the server's own answer checks (those survey-core does not make). */
export interface AnswerMessages {
  notAnObject: string;
  unknownQuestion: string;
  unsupported: string;
  notANumber(value: unknown): string;
  notWhole: string;
  notAStep(step: number): string;
  notAText: string;
  tooLong(max: number, length: number): string;
  notASingleChoice: string;
  notAllowed(value: unknown, allowed: readonly unknown[]): string;
  notAList: string;
  twice(value: unknown): string;
  noneAlone: string;
  tooMany(max: number): string;
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);
const list = (values: readonly unknown[]): string => values.map(show).join(', ');

/** The server's own answer-check texts in both questionnaire languages. */
export const ANSWER_MESSAGES: Record<Locale, AnswerMessages> = {
  de: {
    notAnObject: 'Die Antworten müssen ein Objekt sein: Fragename → Antwort.',
    unknownQuestion: 'Diese Frage gibt es im Fragebogen nicht.',
    unsupported: 'Diese Art von Frage kann der Server nicht prüfen.',
    notANumber: (value) => `Die Antwort muss eine Zahl sein, nicht ${show(value)}.`,
    notWhole: 'Bitte eine ganze Zahl eingeben.',
    notAStep: (step) => `Die Zahl muss ein Vielfaches von ${step} sein.`,
    notAText: 'Die Antwort muss ein Text sein.',
    tooLong: (max, length) => `Der Text ist zu lang: ${length} Zeichen, erlaubt sind höchstens ${max}.`,
    notASingleChoice: 'Bitte genau eine Antwort wählen.',
    notAllowed: (value, allowed) => `Die Antwort ${show(value)} ist nicht erlaubt. Erlaubt sind: ${list(allowed)}.`,
    notAList: 'Die Antwort muss eine Liste sein.',
    twice: (value) => `Die Antwort ${show(value)} ist doppelt.`,
    noneAlone: '„Keine“ kann nicht mit anderen Antworten gewählt werden.',
    tooMany: (max) => `Bitte höchstens ${max} Antworten wählen.`,
  },
  en: {
    notAnObject: 'The answers must be an object: question name → answer.',
    unknownQuestion: 'This question is not part of the questionnaire.',
    unsupported: 'The server cannot check this kind of question.',
    notANumber: (value) => `The answer must be a number, not ${show(value)}.`,
    notWhole: 'Please enter a whole number.',
    notAStep: (step) => `The number must be a multiple of ${step}.`,
    notAText: 'The answer must be a text.',
    tooLong: (max, length) => `The text is too long: ${length} characters, at most ${max} are allowed.`,
    notASingleChoice: 'Please choose exactly one answer.',
    notAllowed: (value, allowed) => `The answer ${show(value)} is not allowed. Allowed are: ${list(allowed)}.`,
    notAList: 'The answer must be a list.',
    twice: (value) => `The answer ${show(value)} appears twice.`,
    noneAlone: '"None" cannot be chosen together with other answers.',
    tooMany: (max) => `Please choose at most ${max} answers.`,
  },
};
