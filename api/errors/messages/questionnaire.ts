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
  'questionnaire.badId': (p: { id: string }) => ({
    de: `„${p.id}“ ist keine gültige Fragebogen-Kennung: höchstens 64 Buchstaben, Ziffern, Punkte, Unterstriche oder Bindestriche, beginnend mit Buchstabe oder Ziffer.`,
    en: `"${p.id}" is not a valid questionnaire id: at most 64 letters, digits, dots, underscores or dashes, starting with a letter or digit.`,
  }),
  'questionnaire.rejected': (p: { count: number }) => ({
    de: `Der Fragebogen wird nicht angenommen: ${p.count} Problem(e).`,
    en: `The questionnaire is not accepted: ${p.count} problem(s).`,
  }),
  'questionnaire.versionNotFound': (p: { id: string; version: number }) => ({
    de: `Fragebogen ${p.id}, Version ${p.version} gibt es nicht.`,
    en: `There is no questionnaire ${p.id} version ${p.version}.`,
  }),
  'questionnaire.notDraft': (p: { id: string; version: number; status: string }) => ({
    de: `Fragebogen ${p.id}, Version ${p.version} ist kein Entwurf mehr (${p.status}).`,
    en: `Questionnaire ${p.id} version ${p.version} is no longer a draft (${p.status}).`,
  }),
  'questionnaire.notPublished': (p: { id: string; version: number; status: string }) => ({
    de: `Fragebogen ${p.id}, Version ${p.version} ist nicht veröffentlicht (${p.status}).`,
    en: `Questionnaire ${p.id} version ${p.version} is not published (${p.status}).`,
  }),
  'questionnaire.badReference': (p: { text: string }) => ({
    de: `„${p.text}“ ist keine Fragebogen-Version; erwartet wird KENNUNG@VERSION, z. B. family-life-quality@2.`,
    en: `"${p.text}" is not a questionnaire version; expected ID@VERSION, e.g. family-life-quality@2.`,
  }),
  'questionnaire.drawNotFound': (p: { drawId: string }) => ({
    de: `Die Ziehung (Welle) ${p.drawId} gibt es nicht.`,
    en: `There is no draw (wave) ${p.drawId}.`,
  }),
  'questionnaire.waveHasAnswers': (p: { wave: number; id: string; version: number }) => ({
    de: `Welle ${p.wave} hat schon Antworten mit ${p.id}, Version ${p.version}; ihr Fragebogen bleibt.`,
    en: `Wave ${p.wave} already has answers in ${p.id} version ${p.version}; its questionnaire stays.`,
  }),
} satisfies Messages;
