/** Texts of a questionnaire definition that cannot be used (api/questionnaire); the problems themselves are listed as details. */
import type { Messages } from '../catalogue';

export const questionnaireMessages = {
  'questionnaire.notJson': { de: 'Der Fragebogen ist kein gültiges JSON.', en: 'The questionnaire is not valid JSON.' },
  'questionnaire.unusable': { de: 'Der Fragebogen kann nicht verwendet werden.', en: 'The questionnaire cannot be used.' },
  'questionnaire.problems': (p: { count: number }) => ({ de: `Der Fragebogen hat ${p.count} Problem(e).`, en: `The questionnaire has ${p.count} problem(s).` }),
  'questionnaire.notCompilable': (p: { count: number }) => ({
    de: `Der Fragebogen nutzt ${p.count} Funktion(en), die der kompilierte Prüfer nicht abbildet.`,
    en: `The questionnaire uses ${p.count} feature(s) the compiled validator does not model.`,
  }),
  'questionnaire.unknownVersion': (p: { id: string; version: number }) => ({
    de: `Unbekannter Fragebogen ${p.id}, Version ${p.version}.`,
    en: `Unknown questionnaire ${p.id} version ${p.version}.`,
  }),
} satisfies Messages;
