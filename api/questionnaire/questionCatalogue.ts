import type { Question } from 'survey-core';
import { ANSWER_TYPES, NUMBER_INPUT_TYPES, createModel, localized, type LocalizedText, type QuestionnaireJson } from './surveyModel';
import { allowedChoiceValues } from './validateAnswers';

/** One answer code of a question with its label in both languages. */
export interface CatalogueChoice {
  readonly value: unknown;
  readonly text: LocalizedText;
}

/** One question as an analysis variable: the basis of the codebook, paper entry screens and indicators. */
export interface CatalogueQuestion {
  /** Stable variable name. */
  readonly name: string;
  /** SurveyJS question type (text, comment, radiogroup, dropdown, checkbox, tagbox, rating, boolean). */
  readonly type: string;
  readonly title: LocalizedText;
  /** Answer codes for choice, rating and boolean questions (in display order). */
  readonly choices?: readonly CatalogueChoice[];
  /** Name of the page the question is on. */
  readonly page: string;
  /** `number` for numeric text fields (values are numbers), otherwise absent. */
  readonly inputType?: string;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  /** True for checkbox/tagbox: the value is a list of codes. */
  readonly multiple: boolean;
  readonly isRequired: boolean;
  /** Filter condition; the question is asked only when it holds. */
  readonly visibleIf?: string;
}

/**
 * Lists every answerable question in questionnaire order with German/English texts and codes.
 * Rating scales get one code per scale point; the end points carry their labels ("1 – sehr unzufrieden").
 * Cost: one survey-core model + O(questions · choices).
 * @example questionCatalogue(json).find((q) => q.name === 'single_parent')?.choices // → [{ value: 1, text: { de: 'Ja', en: 'Yes' } }, …]
 */
export function questionCatalogue(json: QuestionnaireJson): CatalogueQuestion[] {
  const model = createModel(json);
  const answerTypes = new Set<string>(ANSWER_TYPES);
  const catalogue: CatalogueQuestion[] = [];
  for (const page of model.pages) {
    for (const question of page.questions) {
      const type = question.getType();
      if (!answerTypes.has(type)) continue;
      const q = question as unknown as Record<string, unknown>;
      const numeric = type === 'text' && NUMBER_INPUT_TYPES.has(String(q.inputType));
      const choices = choicesOf(question);
      const maxLength = numeric || !(type === 'text' || type === 'comment') ? undefined : positive((question as unknown as { getMaxLength(): unknown }).getMaxLength());
      catalogue.push({
        name: question.name,
        type,
        title: localized(question.locTitle.getJson(), question.name),
        ...(choices !== undefined ? { choices } : {}),
        page: page.name,
        ...(numeric ? { inputType: 'number' } : {}),
        ...(numeric && typeof q.min === 'number' ? { min: q.min } : {}),
        ...(numeric && typeof q.max === 'number' ? { max: q.max } : {}),
        ...(maxLength !== undefined ? { maxLength } : {}),
        multiple: type === 'checkbox' || type === 'tagbox',
        isRequired: question.isRequired,
        ...(typeof q.visibleIf === 'string' && q.visibleIf !== '' ? { visibleIf: q.visibleIf } : {}),
      });
    }
  }
  return catalogue;
}

function choicesOf(question: Question): CatalogueChoice[] | undefined {
  const q = question as unknown as Record<string, unknown>;
  switch (question.getType()) {
    case 'radiogroup':
    case 'dropdown':
    case 'checkbox':
    case 'tagbox': {
      const items = new Map<unknown, { locText: { getJson(): unknown } }>();
      for (const item of q.choices as { value: unknown; locText: { getJson(): unknown } }[]) items.set(item.value, item);
      for (const special of ['noneItem', 'otherItem', 'refuseItem', 'dontKnowItem']) {
        const item = q[special] as { value: unknown; locText: { getJson(): unknown; textOrHtml?: string } } | undefined;
        if (item !== undefined && !items.has(item.value)) items.set(item.value, item);
      }
      return allowedChoiceValues(question).map((value) => {
        const item = items.get(value);
        const fallback = SPECIAL_TEXTS[String(value)] ?? { de: String(value), en: String(value) };
        const text = item?.locText.getJson();
        return { value, text: text === undefined || text === null ? fallback : localized(text, String(value)) };
      });
    }
    case 'rating': {
      const items = (q.visibleRateValues as { value: unknown; locText: { getJson(): unknown } }[]);
      const low = localized((q.locMinRateDescription as { getJson(): unknown }).getJson(), '');
      const high = localized((q.locMaxRateDescription as { getJson(): unknown }).getJson(), '');
      return items.map((item, index) => {
        const base = localized(item.locText.getJson(), String(item.value));
        const label = index === 0 ? low : index === items.length - 1 ? high : undefined;
        return { value: item.value, text: label && label.de !== '' ? { de: `${base.de} – ${label.de}`, en: `${base.en} – ${label.en}` } : base };
      });
    }
    case 'boolean': {
      const b = question as unknown as { getValueTrue(): unknown; getValueFalse(): unknown; locLabelTrue: { getJson(): unknown }; locLabelFalse: { getJson(): unknown } };
      return [
        { value: b.getValueTrue(), text: localized(b.locLabelTrue.getJson(), '') },
        { value: b.getValueFalse(), text: localized(b.locLabelFalse.getJson(), '') },
      ].map((choice, index) => (choice.text.de === '' ? { ...choice, text: index === 0 ? { de: 'Ja', en: 'Yes' } : { de: 'Nein', en: 'No' } } : choice));
    }
    default:
      return undefined;
  }
}

/** survey-core's built-in labels for its special items, used when the questionnaire does not set its own. */
const SPECIAL_TEXTS: Record<string, LocalizedText> = {
  none: { de: 'Keine', en: 'None' },
  other: { de: 'Sonstiges', en: 'Other' },
  refused: { de: 'Keine Angabe', en: 'Refuse to answer' },
  dontknow: { de: 'Weiß nicht', en: "Don't know" },
};

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}
