import type { Question } from 'survey-core';
import { questionCatalogue, type CatalogueQuestion } from '../../questionnaire/questionCatalogue';
import { createModel, localized, type QuestionnaireJson } from '../../questionnaire/surveyModel';
import { conjuncts, parseCondition, type Operand } from './conditionTerms';
import type { PaperLang } from './types';

/** An answerable question as printed: its number and the conditions under which it is asked. */
export interface PrintQuestion {
  readonly number: number;
  readonly catalogue: CatalogueQuestion;
  readonly question: Question;
  /** Top-level conjuncts of the page's and the question's conditions. */
  readonly conditions: Operand[];
  /** The question's own conjuncts not already stated by its page. */
  readonly ownConditions: Operand[];
}

/** A questionnaire page as printed: a heading (title, description, condition) and its questions. */
export interface PrintSection {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly conditions: Operand[];
  readonly questions: PrintQuestion[];
}

interface Container {
  isPage?: boolean;
  visibleIf?: string;
  parent?: Container;
}

/**
 * The questionnaire as the paper form prints it: one section per page, the answerable questions
 * numbered in questionnaire order. Hidden questions are numbered and printed too, since on paper the
 * respondent decides by the printed conditions. A question's conditions are its own, its enclosing
 * panels' and its page's; the page's are printed once at the section, so a question repeats only the
 * terms its page does not state.
 * Cost: one survey-core model, O(questions · condition terms).
 */
export function printSections(json: QuestionnaireJson, lang: PaperLang): PrintSection[] {
  const catalogue = new Map(questionCatalogue(json).map((q) => [q.name, q]));
  const model = createModel(json, lang);
  const sections: PrintSection[] = [];
  let number = 0;
  for (const page of model.pages) {
    const p = page as unknown as { visibleIf?: string; locTitle: { getJson(): unknown }; locDescription: { getJson(): unknown } };
    const pageConditions = conjuncts(p.visibleIf ? parseCondition(p.visibleIf) : undefined);
    const pageKeys = new Set(pageConditions.map((c) => c.toString()));
    const questions: PrintQuestion[] = [];
    for (const question of page.questions) {
      const entry = catalogue.get(question.name);
      if (entry === undefined) continue;
      number += 1;
      // Conditions of enclosing panels hold for the question too.
      const expressions: string[] = entry.visibleIf ? [entry.visibleIf] : [];
      for (let parent = (question as unknown as { parent?: Container }).parent; parent && !parent.isPage; parent = parent.parent) {
        if (parent.visibleIf) expressions.push(parent.visibleIf);
      }
      const own = expressions.flatMap((e) => conjuncts(parseCondition(e))).filter((c, i, all) => !pageKeys.has(c.toString()) && all.findIndex((d) => d.toString() === c.toString()) === i);
      questions.push({ number, catalogue: entry, question, conditions: [...pageConditions, ...own], ownConditions: own });
    }
    sections.push({
      name: page.name,
      title: localized(p.locTitle.getJson(), '')[lang],
      description: localized(p.locDescription.getJson(), '')[lang],
      conditions: pageConditions,
      questions,
    });
  }
  return sections;
}
