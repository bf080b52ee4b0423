/** Texts of data collection (api/collection): resident survey, paper entry, returns without questionnaire. Simple German first: residents read them. */
import type { Messages } from '../catalogue';

export const collectionMessages = {
  'collection.codeNotAccepted': {
    de: 'Dieser Zugangscode passt nicht. Bitte prüfen Sie den Code in Ihrem Einladungsschreiben.',
    en: 'This access code does not match. Please check the code in your invitation letter.',
  },
  'collection.codeLocked': (p: { minutes: number }) => ({
    de: `Zu viele falsche Codes. Bitte versuchen Sie es in ${p.minutes} Minuten noch einmal.`,
    en: `Too many wrong codes. Please try again in ${p.minutes} minutes.`,
  }),
  'collection.noSurvey': { de: 'Bitte geben Sie zuerst Ihren Zugangscode ein.', en: 'Please enter your access code first.' },
  'collection.openLinkClosed': { de: 'Die offene Teilnahme ist nicht freigeschaltet.', en: 'Open participation is not enabled.' },
  'collection.answersInvalid': {
    de: 'Einige Antworten fehlen oder passen nicht. Bitte prüfen Sie die markierten Fragen.',
    en: 'Some answers are missing or invalid. Please check the marked questions.',
  },
  'collection.householdUnknown': { de: 'Zu diesem Code gibt es keinen angeschriebenen Haushalt.', en: 'No invited household has this code.' },
  'collection.paperBothEntered': {
    de: 'Dieser Fragebogen wurde bereits zweimal erfasst. Er wartet auf den Abgleich.',
    en: 'This form has already been entered twice. It is waiting for reconciliation.',
  },
  'collection.paperNotReady': { de: 'Für den Abgleich fehlen noch Erfassungen.', en: 'Both entries are needed before reconciliation.' },
  'collection.paperReconciled': { de: 'Dieser Fragebogen ist bereits abgeglichen.', en: 'This form has already been reconciled.' },
  'collection.paperConflict': {
    de: 'Jemand anderes hat diesen Fragebogen gerade gespeichert oder abgeglichen. Bitte laden Sie ihn neu und prüfen Sie das Ergebnis.',
    en: 'Someone else has just saved or reconciled this form. Please reload it and check the result.',
  },
  'collection.resolutionsIncomplete': {
    de: 'Bitte entscheiden Sie jede abweichende Frage.',
    en: 'Please decide every question on which the entries differ.',
  },
  // Returns without questionnaire (dispositionService).
  'collection.codeOrHousehold': {
    de: 'Bitte entweder den Zugangscode oder die Haushaltsnummer angeben, nicht beides.',
    en: 'Please give either the access code or the household id, not both.',
  },
  'collection.householdIdUnknown': (p: { id: string }) => ({
    de: `Der Haushalt „${p.id}“ wurde in keiner Stichprobe angeschrieben.`,
    en: `Household '${p.id}' was not contacted in any sample.`,
  }),
  'collection.alreadyAnswered': {
    de: 'Von diesem Haushalt ist der Fragebogen schon eingegangen; er zählt als Antwort. Bitte prüfen Sie den Code.',
    en: 'This household has already returned its questionnaire; it counts as answered. Please check the code.',
  },
  'collection.noteContact': {
    de: 'Die Notiz darf keine Namen, Telefonnummern oder E-Mail-Adressen enthalten.',
    en: 'The note must not contain names, phone numbers or e-mail addresses.',
  },
  'collection.notRecorded': {
    de: 'Für diesen Haushalt ist kein Rücklauf ohne Fragebogen erfasst.',
    en: 'No return without questionnaire is recorded for this household.',
  },
} satisfies Messages;
