import { Model, Serializer, surveyLocalization } from 'survey-core';
// Registers survey-core's German texts (e.g. "Bitte beantworten Sie diese Frage.") for server-side messages.
import 'survey-core/i18n/german';

/**
 * `renamedFrom`: the name a question had in earlier versions, when a new version renames it. The diff
 * compares the two as one question and analysis reads the old answers under the new name
 * (questionRenames). Registered so survey-core reads it as a known property of every question.
 */
if (!Serializer.findProperty('question', 'renamedFrom')) Serializer.addProperty('question', { name: 'renamedFrom', category: 'data' });

/** Languages of our questionnaires: German is the default (`"default"` key), English the translation (`"en"`). */
export type Locale = 'de' | 'en';

/** A text in both questionnaire languages. */
export interface LocalizedText {
  readonly de: string;
  readonly en: string;
}

/** A SurveyJS questionnaire definition (survey-core v3 JSON) that passed parseQuestionnaire(). */
export type QuestionnaireJson = Readonly<Record<string, unknown>>;

/** Question types whose answers the server can check completely (value type, allowed values, length). */
export const ANSWER_TYPES = ['text', 'comment', 'radiogroup', 'dropdown', 'checkbox', 'tagbox', 'rating', 'boolean'] as const;
/** Elements that show content but collect no answer; allowed in a questionnaire, ignored in answers. */
export const DISPLAY_TYPES = ['html', 'image'] as const;
/** Container elements that hold other elements. */
export const CONTAINER_TYPES = ['panel'] as const;

export const NUMBER_INPUT_TYPES = new Set(['number', 'range']);

/**
 * Runs `work` with survey-core's default locale set to German, then restores it.
 *
 * Why: our JSON stores German under `"default"` and English under `"en"`. survey-core's default
 * locale is `en`, and for the default locale it reads the `"default"` key — so with `locale = 'en'`
 * it would show the German text. With the default locale set to `de`, `locale = 'en'` reads `"en"`
 * and `locale = ''`/`'de'` read `"default"`. The swap is synchronous, so no other code observes it.
 */
export function withGermanDefault<T>(work: () => T): T {
  const previous = surveyLocalization.defaultLocale;
  surveyLocalization.defaultLocale = 'de';
  try {
    return work();
  } finally {
    surveyLocalization.defaultLocale = previous;
  }
}

/** Creates a survey-core model for `json` in the given language (German texts stored under `"default"`). */
export function createModel(json: QuestionnaireJson, locale: Locale = 'de'): Model {
  return withGermanDefault(() => {
    const model = new Model(json);
    model.locale = locale === 'de' ? '' : locale;
    return model;
  });
}

/**
 * Reads a SurveyJS localizable value (`"text"` or `{ "default": "…", "en": "…" }`) as German and English.
 * A plain string, or a missing translation, falls back to the other language, then to `fallback`.
 */
export function localized(value: unknown, fallback: string): LocalizedText {
  if (typeof value === 'string') return { de: value, en: value };
  if (value !== null && typeof value === 'object') {
    const texts = value as Record<string, unknown>;
    const de = firstString(texts.default, texts.de);
    const en = firstString(texts.en);
    return { de: de ?? en ?? fallback, en: en ?? de ?? fallback };
  }
  return { de: fallback, en: fallback };
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

/** True for a plain JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Freezes nested objects so a shared questionnaire cannot be changed by one caller for all others. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
