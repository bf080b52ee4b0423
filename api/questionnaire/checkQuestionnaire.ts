import { ConditionsParser, Serializer } from 'survey-core';
import { ruleConditions, type AnswerCode, type IndicatorDefinition } from '../../analysis/indicators';
import { questionCatalogue } from './questionCatalogue';
import { questionRenames } from './questionRenames';
import { ANSWER_TYPES, CONTAINER_TYPES, DISPLAY_TYPES, createModel, deepFreeze, isPlainObject, type LocalizedText, type QuestionnaireJson } from './surveyModel';

/** One finding of the check: which question (null for the questionnaire as a whole), where in the JSON, what. */
export interface CheckProblem {
  readonly question: string | null;
  /** JSON path of the offending value, e.g. `$.pages[0].elements[3].choices[1].text`. */
  readonly path: string;
  readonly message: LocalizedText;
}

/** The verdict on one questionnaire file: accepted when `problems` is empty. */
export interface QuestionnaireCheck {
  readonly ok: boolean;
  /** The checked questionnaire (frozen copy) when accepted, otherwise null. */
  readonly json: QuestionnaireJson | null;
  readonly problems: readonly CheckProblem[];
  /** Worth knowing, but no reason to refuse (e.g. a question without title in a one-language questionnaire). */
  readonly warnings: readonly CheckProblem[];
  /** Languages the questionnaire declares, German first. */
  readonly languages: readonly string[];
  /** Answerable questions. */
  readonly questions: number;
}

/** What the check needs to know of an indicator: which questionnaire, questions and answer codes it reads. */
export type IndicatorReference = Pick<IndicatorDefinition, 'id' | 'questionnaire' | 'questions' | 'rule' | 'denominator'>;

export interface CheckOptions {
  /** The id the version is imported under: the indicators of that questionnaire must still find their questions. */
  readonly questionnaireId?: string;
  /**
   * Whether every declared language must be complete (default true, as for an import). False keeps the
   * gaps as warnings: the structural check of parseQuestionnaire for questionnaires made in code.
   */
  readonly completeLanguages?: boolean;
  /** Indicators to check against (default: none). Without `questionnaireId`, the indicators of a questionnaire apply when the file has at least half of the questions they read. */
  readonly indicators?: readonly IndicatorReference[];
}

/** Question names are analysis variables: lower-case snake_case, starting with a letter. */
export const QUESTION_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Text input types that can be answered online, typed in from paper and printed as a box to write in. */
const TEXT_INPUT_TYPES = new Set(['text', 'number', 'email', 'tel', 'url', 'date']);
/** Properties that hold text shown to people; each must exist in every declared language. */
const LOCALIZABLE = new Set([
  'title', 'description', 'text', 'html', 'placeholder', 'minRateDescription', 'maxRateDescription', 'labelTrue', 'labelFalse',
  'otherText', 'noneText', 'refuseText', 'dontKnowText', 'otherPlaceholder', 'commentPlaceholder', 'requiredErrorText', 'completedHtml',
  'completedBeforeHtml', 'loadingHtml', 'startSurveyText', 'pagePrevText', 'pageNextText', 'completeText', 'previewText', 'editText', 'commentText',
]);
const EXPRESSION_PROPERTIES = ['visibleIf', 'enableIf', 'requiredIf', 'choicesVisibleIf', 'choicesEnableIf'] as const;
const LOCALE_KEY = /^(default|[a-z]{2}(-[a-zA-Z]{2,4})?)$/;
const answerTypes = new Set<string>(ANSWER_TYPES);
/** Question types whose answers are codes from a list. */
const CHOICE_TYPES = new Set(['radiogroup', 'dropdown', 'checkbox', 'tagbox']);
const displayTypes = new Set<string>(DISPLAY_TYPES);
const containerTypes = new Set<string>(CONTAINER_TYPES);
/** Keys by which other survey tools' exports can be recognised, to say what the file is instead of only what it lacks. */
const FOREIGN_FORMATS: readonly { keys: readonly string[]; name: string }[] = [
  { keys: ['sid', 'surveyls_title', 'groups', 'questions', 'surveyls_language', 'answeroptions'], name: 'LimeSurvey' },
  { keys: ['item', 'resourceType'], name: 'FHIR Questionnaire' },
  { keys: ['survey', 'choices', 'settings'], name: 'XLSForm / ODK' },
  { keys: ['SurveyEntry', 'SurveyElements'], name: 'Qualtrics' },
];

const REPORTED_JSON_ERRORS = new Set(['missingtypeproperty', 'incorrecttypeproperty', 'requiredproperty']);

const t = (de: string, en: string): LocalizedText => ({ de, en });

/**
 * Checks a questionnaire version before it is imported, and never throws: any input gets a verdict.
 *
 * Accepted only when: it is JSON (bytes: UTF-8); it is a SurveyJS object with a non-empty `pages`
 * list that survey-core reads without errors (`jsonErrors`: unknown properties, wrong property
 * types); question names are unique lower-case snake_case identifiers; every text (titles,
 * descriptions, choice texts, …) exists in every declared language — German always, English as soon
 * as any text has English (`completeLanguages: false` keeps such gaps as warnings); choice questions
 * have their choices in the file; every question type can be answered online,
 * typed in from paper and printed (the answer types of the server's validator; `file`,
 * `signaturepad`, matrices, dynamic panels … are refused naming the question); every expression
 * (visibleIf, enableIf, requiredIf, choicesVisibleIf, validators) parses and refers only to existing
 * questions; and the indicators of the questionnaire still find each question they read and its
 * answer codes. Each problem names the question and the JSON path, in German and English.
 *
 * Cost: O(size of the JSON) plus one survey-core model and one catalogue.
 * @example checkQuestionnaire('{"pages": [') // → { ok: false, problems: [{ question: null, path: '$', message: { de: 'Kein gültiges JSON …', en: 'Not valid JSON …' } }], … }
 */
export function checkQuestionnaire(input: unknown, options: CheckOptions = {}): QuestionnaireCheck {
  const problems: CheckProblem[] = [];
  const warnings: CheckProblem[] = [];
  const refuse = (problem: CheckProblem): QuestionnaireCheck => ({ ok: false, json: null, problems: [problem], warnings, languages: [], questions: 0 });

  let json: unknown = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    let text: string;
    try {
      text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return refuse({ question: null, path: '$', message: t('Die Datei ist nicht in UTF-8 gespeichert; bitte als UTF-8 speichern.', 'The file is not saved as UTF-8; save it as UTF-8.') });
    }
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      const reason = (error as Error).message;
      return refuse({ question: null, path: '$', message: t(`Kein gültiges JSON: ${reason}`, `Not valid JSON: ${reason}`) });
    }
  }
  if (!isPlainObject(json)) {
    return refuse({ question: null, path: '$', message: t(`Ein SurveyJS-Fragebogen ist ein JSON-Objekt mit "pages", nicht ${describe(json).de}.`, `A SurveyJS questionnaire is a JSON object with "pages", not ${describe(json).en}.`) });
  }
  if (!Array.isArray(json.pages) || json.pages.length === 0) {
    const foreign = FOREIGN_FORMATS.find((f) => f.keys.filter((k) => k in json).length >= 2);
    const hint = foreign ? t(` Die Datei sieht aus wie ein Export aus ${foreign.name}; bitte zuerst nach SurveyJS umwandeln.`, ` The file looks like a ${foreign.name} export; convert it to SurveyJS first.`) : t('', '');
    const elements = Array.isArray(json.elements) ? t(' Die Fragen unter "elements" bitte in eine Seite unter "pages" legen.', ' Put the questions under "elements" into a page under "pages".') : t('', '');
    return refuse({
      question: null,
      path: '$.pages',
      message: t(`Es fehlt die Liste "pages" mit mindestens einer Seite.${elements.de}${hint.de}`, `There is no "pages" list with at least one page.${elements.en}${hint.en}`),
    });
  }

  const walk: Walk = { problems, warnings, questions: new Map(), expressions: [], texts: [], untranslated: [], questionCount: 0, base: typeof json.locale === 'string' && json.locale !== '' ? json.locale : 'de' };
  collectTexts(walk, json, '$', null);
  collectExpressions(walk, json, '$', null);
  json.pages.forEach((page, index) => {
    const path = `$.pages[${index}]`;
    if (!isPlainObject(page)) {
      problems.push({ question: null, path, message: t(`Eine Seite muss ein Objekt sein, nicht ${describe(page).de}.`, `A page must be an object, not ${describe(page).en}.`) });
      return;
    }
    collectTexts(walk, page, path, null);
    collectExpressions(walk, page, path, null);
    walkElements(walk, page.elements, `${path}.elements`);
  });
  if (walk.questionCount === 0) {
    problems.push({ question: null, path: '$.pages', message: t('Der Fragebogen enthält keine Frage.', 'The questionnaire has no question.') });
  }

  const languages = checkLanguages(walk, options.completeLanguages ?? true);
  checkExpressions(walk, json);

  let catalogue: ReturnType<typeof questionCatalogue> | null = null;
  // survey-core prints its own warnings (e.g. "Invalid expression") to the console; the check reports
  // them above with question and path, so they are silenced while it builds its model (synchronously).
  const warn = console.warn;
  console.warn = () => {};
  try {
    try {
      const model = createModel(json);
      for (const error of model.jsonErrors ?? []) {
        // Missing or unknown types and missing names are reported above with their path.
        if (REPORTED_JSON_ERRORS.has(error.type)) continue;
        const name = (error.element as { name?: unknown } | undefined)?.name;
        const question = typeof name === 'string' && walk.questions.has(name) ? name : null;
        const path = question !== null ? walk.questions.get(question)! : '$';
        const finding = { question, path, message: t(`survey-core: ${error.message}`, `survey-core: ${error.message}`) };
        problems.push(finding);
      }
      catalogue = questionCatalogue(json);
    } catch (error) {
      const reason = (error as Error).message;
      problems.push({ question: null, path: '$', message: t(`survey-core kann den Fragebogen nicht lesen: ${reason}`, `survey-core cannot read the questionnaire: ${reason}`) });
    }
  } finally {
    console.warn = warn;
  }
  if (catalogue !== null) checkIndicators(walk, catalogue, questionRenames(json), options);

  const ok = problems.length === 0;
  return { ok, json: ok ? deepFreeze(structuredClone(json)) : null, problems, warnings, languages, questions: walk.questionCount };
}

interface Walk {
  readonly problems: CheckProblem[];
  readonly warnings: CheckProblem[];
  /** Question name → JSON path of its element. */
  readonly questions: Map<string, string>;
  readonly expressions: { question: string | null; path: string; expression: string; item: boolean }[];
  /**
   * Texts left out, for which SurveyJS shows the name or the value: enough in a questionnaire of one
   * language (a note), a missing translation in one of several (a problem).
   */
  readonly untranslated: CheckProblem[];
  /** Every localizable text: its path, owner question, and the languages it has. */
  readonly texts: { question: string | null; path: string; languages: Set<string>; required: boolean }[];
  questionCount: number;
  /** Language of plain strings and of the "default" key (SurveyJS `locale`, German when unset). */
  readonly base: string;
}

function walkElements(walk: Walk, elements: unknown, path: string): void {
  if (elements === undefined) return;
  if (!Array.isArray(elements)) {
    walk.problems.push({ question: null, path, message: t('"elements" muss eine Liste sein.', '"elements" must be a list.') });
    return;
  }
  elements.forEach((element, index) => {
    const at = `${path}[${index}]`;
    if (!isPlainObject(element)) {
      walk.problems.push({ question: null, path: at, message: t(`Ein Element muss ein Objekt sein, nicht ${describe(element).de}.`, `An element must be an object, not ${describe(element).en}.`) });
      return;
    }
    const name = typeof element.name === 'string' && element.name !== '' ? element.name : null;
    const type = typeof element.type === 'string' ? element.type.toLowerCase() : null;
    if (type === null) {
      walk.questionCount++;
      walk.problems.push({ question: name, path: `${at}.type`, message: t('Das Element hat keinen Typ ("type").', 'The element has no "type".') });
      return;
    }
    if (containerTypes.has(type)) {
      collectTexts(walk, element, at, null);
      collectExpressions(walk, element, at, null);
      walkElements(walk, element.elements, `${at}.elements`);
      return;
    }
    if (displayTypes.has(type)) {
      collectTexts(walk, element, at, null);
      collectExpressions(walk, element, at, null);
      return;
    }
    walk.questionCount++;
    if (!answerTypes.has(type)) {
      const known = Boolean(Serializer.findClass(type));
      const who = name ?? `#${index + 1}`;
      walk.problems.push({
        question: name,
        path: `${at}.type`,
        message: known
          ? t(
              `Der Fragetyp '${type}' von '${who}' wird nicht unterstützt – er lässt sich nicht online erheben, von Papier erfassen und drucken. Möglich sind: ${ANSWER_TYPES.join(', ')}.`,
              `Question type '${type}' of '${who}' is not supported – it cannot be collected online, entered from paper and printed. Supported: ${ANSWER_TYPES.join(', ')}.`,
            )
          : t(`Unbekannter Fragetyp '${type}' von '${who}'. Möglich sind: ${ANSWER_TYPES.join(', ')}.`, `Unknown question type '${type}' of '${who}'. Supported: ${ANSWER_TYPES.join(', ')}.`),
      });
      return;
    }
    if (name === null) {
      walk.problems.push({ question: null, path: `${at}.name`, message: t('Die Frage hat keinen Namen ("name"); er wird zur Auswertungsvariable.', 'The question has no "name"; it becomes the analysis variable.') });
      return;
    }
    if (!QUESTION_NAME_PATTERN.test(name)) {
      walk.problems.push({
        question: name,
        path: `${at}.name`,
        message: t(`Der Name '${name}' muss ein stabiler Bezeichner sein: Kleinbuchstabe, dann Kleinbuchstaben, Ziffern oder _.`, `The name '${name}' must be a stable identifier: a lower-case letter, then lower-case letters, digits or _.`),
      });
    }
    const first = walk.questions.get(name);
    if (first !== undefined) {
      walk.problems.push({ question: name, path: `${at}.name`, message: t(`Der Name '${name}' ist schon vergeben (${first}).`, `The name '${name}' is already used (${first}).`) });
    } else {
      walk.questions.set(name, at);
    }
    if (element.renamedFrom !== undefined && (typeof element.renamedFrom !== 'string' || !QUESTION_NAME_PATTERN.test(element.renamedFrom) || element.renamedFrom === name)) {
      walk.problems.push({
        question: name,
        path: `${at}.renamedFrom`,
        message: t('"renamedFrom" muss der frühere Name der Frage sein, ein anderer Bezeichner als ihr jetziger.', '"renamedFrom" must be the earlier name of the question, an identifier other than its current one.'),
      });
    }
    if (type === 'text' && element.inputType !== undefined && !TEXT_INPUT_TYPES.has(String(element.inputType))) {
      walk.problems.push({
        question: name,
        path: `${at}.inputType`,
        message: t(
          `Die Eingabeart '${String(element.inputType)}' wird nicht unterstützt; möglich sind: ${[...TEXT_INPUT_TYPES].join(', ')}.`,
          `Input type '${String(element.inputType)}' is not supported; supported: ${[...TEXT_INPUT_TYPES].join(', ')}.`,
        ),
      });
    }
    if (element.title === undefined) {
      walk.untranslated.push({ question: name, path: `${at}.title`, message: t(`Die Frage hat keinen Titel; angezeigt wird ihr Name „${name}“.`, `The question has no title; its name "${name}" is shown instead.`) });
    }
    collectTexts(walk, element, at, name);
    collectExpressions(walk, element, at, name);
    if (CHOICE_TYPES.has(type) && element.choicesByUrl !== undefined) {
      walk.problems.push({
        question: name,
        path: `${at}.choicesByUrl`,
        message: t('Antworten aus einer Web-Adresse („choicesByUrl“) lassen sich nicht drucken und nicht von Papier erfassen; bitte als „choices“ eintragen.', 'Choices loaded from a web address ("choicesByUrl") cannot be printed or entered from paper; list them as "choices".'),
      });
    } else if (CHOICE_TYPES.has(type) && (!Array.isArray(element.choices) || element.choices.length === 0) && element.choicesFromQuestion === undefined) {
      walk.problems.push({ question: name, path: `${at}.choices`, message: t('Die Frage hat keine Antwortmöglichkeiten.', 'The question has no choices.') });
    }
    for (const property of ['choices', 'rateValues'] as const) {
      if (element[property] !== undefined) checkChoices(walk, element[property], `${at}.${property}`, name, property === 'choices');
    }
  });
}

function checkChoices(walk: Walk, list: unknown, path: string, question: string, needsText: boolean): void {
  if (!Array.isArray(list)) {
    walk.problems.push({ question, path, message: t('Die Antwortliste muss eine Liste sein.', 'The answer list must be a list.') });
    return;
  }
  const seen = new Set<string>();
  list.forEach((item, index) => {
    const at = `${path}[${index}]`;
    const value = isPlainObject(item) ? item.value : item;
    if (typeof value !== 'number' && typeof value !== 'string') {
      walk.problems.push({ question, path: at, message: t(`Antwort ${index + 1} braucht einen Wert ("value") aus Zahl oder Text.`, `Choice ${index + 1} needs a number or text "value".`) });
      return;
    }
    const key = String(value);
    if (seen.has(key)) walk.problems.push({ question, path: at, message: t(`Der Antwortwert ${JSON.stringify(value)} kommt doppelt vor.`, `Choice value ${JSON.stringify(value)} appears twice.`) });
    seen.add(key);
    if (isPlainObject(item) && item.text !== undefined) {
      collectTexts(walk, item, at, question);
    } else if (needsText) {
      if (typeof value === 'number') {
        walk.untranslated.push({ question, path: at, message: t(`Der Antwortwert ${value} hat keinen Text; angezeigt wird die Zahl.`, `Choice value ${value} has no text; the number is shown instead.`) });
      } else {
        // A bare text value is shown as it is: a text in the base language only.
        walk.texts.push({ question, path: at, languages: new Set([walk.base]), required: true });
      }
    }
  });
}

function collectTexts(walk: Walk, owner: Record<string, unknown>, path: string, question: string | null): void {
  for (const [property, value] of Object.entries(owner)) {
    if (!LOCALIZABLE.has(property)) continue;
    const at = `${path}.${property}`;
    if (typeof value === 'string') {
      walk.texts.push({ question, path: at, languages: new Set([walk.base]), required: value !== '' });
    } else if (isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => LOCALE_KEY.test(k))) {
      const languages = new Set<string>();
      for (const [key, text] of Object.entries(value)) {
        if (typeof text === 'string' && text.trim() !== '') languages.add(key === 'default' ? walk.base : key);
      }
      walk.texts.push({ question, path: at, languages, required: true });
    } else if (value !== undefined && value !== null && property !== 'text') {
      walk.problems.push({ question, path: at, message: t(`"${property}" muss ein Text oder ein Objekt mit Texten je Sprache sein.`, `"${property}" must be a text or an object with a text per language.`) });
    }
  }
}

/** Every declared language must be complete; German is always declared. */
function checkLanguages(walk: Walk, complete: boolean): string[] {
  const gaps = complete ? walk.problems : walk.warnings;
  const declared = new Set<string>(['de']);
  for (const text of walk.texts) for (const language of text.languages) declared.add(language);
  const languages = [...declared].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  (languages.length > 1 ? gaps : walk.warnings).push(...walk.untranslated);
  for (const text of walk.texts) {
    if (!text.required) continue;
    for (const language of languages) {
      if (text.languages.has(language)) continue;
      gaps.push({
        question: text.question,
        path: text.path,
        message: t(`Es fehlt der Text auf ${languageName(language).de}.`, `The ${languageName(language).en} text is missing.`),
      });
    }
  }
  return languages;
}

function collectExpressions(walk: Walk, owner: Record<string, unknown>, path: string, question: string | null): void {
  for (const property of EXPRESSION_PROPERTIES) {
    const expression = owner[property];
    if (typeof expression === 'string' && expression.trim() !== '') walk.expressions.push({ question, path: `${path}.${property}`, expression, item: property.startsWith('choices') });
    else if (expression !== undefined && typeof expression !== 'string') {
      walk.problems.push({ question, path: `${path}.${property}`, message: t(`"${property}" muss ein Ausdruck (Text) sein.`, `"${property}" must be an expression (text).`) });
    }
  }
  if (owner.validators !== undefined && !Array.isArray(owner.validators)) {
    walk.problems.push({ question, path: `${path}.validators`, message: t('"validators" muss eine Liste sein.', '"validators" must be a list.') });
  } else if (Array.isArray(owner.validators)) {
    owner.validators.forEach((validator, index) => {
      if (!isPlainObject(validator)) return;
      const at = `${path}.validators[${index}]`;
      if (typeof validator.expression === 'string') walk.expressions.push({ question, path: `${at}.expression`, expression: validator.expression, item: false });
      collectTexts(walk, validator, at, question);
    });
  }
}

/** A renamed or removed question silently breaks every filter that mentions it: references are checked by name. */
function checkExpressions(walk: Walk, json: Record<string, unknown>): void {
  const known = new Set(walk.questions.keys());
  if (Array.isArray(json.calculatedValues)) {
    for (const value of json.calculatedValues) if (isPlainObject(value) && typeof value.name === 'string') known.add(value.name);
  }
  const parser = new ConditionsParser();
  for (const { question, path, expression, item } of walk.expressions) {
    const operand = parser.parseExpression(expression);
    if (!operand) {
      const at = (parser as unknown as { error?: { at?: number } }).error?.at;
      const where = typeof at === 'number' ? t(` (bei Zeichen ${at + 1})`, ` (at character ${at + 1})`) : t('', '');
      walk.problems.push({ question, path, message: t(`Der Ausdruck "${expression}" ist nicht lesbar${where.de}.`, `The expression "${expression}" cannot be parsed${where.en}.`) });
      continue;
    }
    const variables: string[] = [];
    operand.setVariables(variables);
    for (const variable of new Set(variables)) {
      const root = variable.split(/[.[-]/)[0]!.trim();
      if (known.has(root) || (item && (root === 'item' || root === 'choice'))) continue;
      walk.problems.push({
        question,
        path,
        message: t(`Der Ausdruck "${expression}" verweist auf '${variable}', aber es gibt keine solche Frage.`, `The expression "${expression}" refers to '${variable}', which is not a question.`),
      });
    }
  }
}

/** The indicators of this questionnaire must still find each question they read, and each answer code they compare with. */
function checkIndicators(walk: Walk, catalogue: ReturnType<typeof questionCatalogue>, renames: Record<string, string>, options: CheckOptions): void {
  // An indicator finds a renamed question under its new name (`renamedFrom`).
  const byName = new Map(catalogue.map((q) => [q.name, q]));
  for (const [old, now] of Object.entries(renames)) if (!byName.has(old) && byName.has(now)) byName.set(old, byName.get(now)!);
  const indicators = options.indicators ?? [];
  const applicable = options.questionnaireId !== undefined
    ? indicators.filter((i) => i.questionnaire.id === options.questionnaireId)
    : (() => {
        // Without an id, a file is taken as a version of a questionnaire when it has at least half of the questions its indicators read.
        const ids = new Set(indicators.map((i) => i.questionnaire.id));
        const versionOf = [...ids].filter((id) => {
          const read = new Set(indicators.filter((i) => i.questionnaire.id === id).flatMap((i) => i.questions));
          return [...read].filter((q) => byName.has(q)).length * 2 >= read.size;
        });
        return indicators.filter((i) => versionOf.includes(i.questionnaire.id));
      })();
  if (indicators.length > 0 && applicable.length === 0) {
    walk.warnings.push({ question: null, path: '$', message: t('Kein Indikator liest diesen Fragebogen.', 'No indicator reads this questionnaire.') });
  }
  for (const indicator of applicable) {
    const reported = new Set<string>();
    for (const name of indicator.questions) {
      if (byName.has(name) || reported.has(name)) continue;
      reported.add(name);
      walk.problems.push({
        question: name,
        path: '$.pages',
        message: t(`Der Indikator '${indicator.id}' liest die Frage '${name}', die es in dieser Version nicht gibt.`, `Indicator '${indicator.id}' reads question '${name}', which this version does not have.`),
      });
    }
    for (const condition of [...ruleConditions(indicator.denominator), ...ruleConditions(indicator.rule)]) {
      const question = byName.get(condition.q);
      if (question === undefined) {
        if (!reported.has(condition.q)) {
          reported.add(condition.q);
          walk.problems.push({ question: condition.q, path: '$.pages', message: t(`Der Indikator '${indicator.id}' liest die Frage '${condition.q}', die es in dieser Version nicht gibt.`, `Indicator '${indicator.id}' reads question '${condition.q}', which this version does not have.`) });
        }
        continue;
      }
      const path = walk.questions.get(question.name) ?? '$.pages';
      const codes: AnswerCode[] = [...(condition.eq !== undefined ? [condition.eq] : []), ...(condition.in ?? [])];
      if (question.choices !== undefined) {
        const values = new Set(question.choices.map((c) => String(c.value)));
        for (const code of codes) {
          const key = `${indicator.id}:${condition.q}:${code}`;
          if (values.has(String(code)) || reported.has(key)) continue;
          reported.add(key);
          walk.problems.push({
            question: condition.q,
            path: `${path}.${question.type === 'rating' ? 'rateValues' : 'choices'}`,
            message: t(`Der Indikator '${indicator.id}' zählt den Antwortwert ${JSON.stringify(code)}, den die Frage nicht mehr hat.`, `Indicator '${indicator.id}' counts choice value ${JSON.stringify(code)}, which the question no longer has.`),
          });
        }
      }
      const bounded = condition.lt !== undefined || condition.le !== undefined || condition.gt !== undefined || condition.ge !== undefined;
      const numeric = question.inputType === 'number' || question.type === 'rating' || (question.choices !== undefined && question.choices.every((c) => typeof c.value === 'number'));
      if (bounded && !numeric && !reported.has(`${indicator.id}:${condition.q}:numeric`)) {
        reported.add(`${indicator.id}:${condition.q}:numeric`);
        walk.problems.push({ question: condition.q, path, message: t(`Der Indikator '${indicator.id}' vergleicht die Frage mit einer Zahl, aber ihre Antworten sind keine Zahlen.`, `Indicator '${indicator.id}' compares the question with a number, but its answers are not numbers.`) });
      }
    }
  }
}

function rank(language: string): number {
  return language === 'de' ? 0 : language === 'en' ? 1 : 2;
}

function languageName(language: string): LocalizedText {
  if (language === 'de') return t('Deutsch', 'German');
  if (language === 'en') return t('Englisch', 'English');
  return t(`'${language}'`, `'${language}'`);
}

function describe(value: unknown): LocalizedText {
  if (value === null) return t('null', 'null');
  if (Array.isArray(value)) return t('eine Liste', 'a list');
  if (typeof value === 'string') return t(`der Text ${JSON.stringify(value.slice(0, 40))}`, `the text ${JSON.stringify(value.slice(0, 40))}`);
  return t(typeof value, typeof value);
}

/** One problem as one line for people: question, JSON path, German / English. */
export function problemLine(problem: CheckProblem): string {
  return `${problem.question ?? '-'} ${problem.path}: ${problem.message.de} / ${problem.message.en}`;
}
