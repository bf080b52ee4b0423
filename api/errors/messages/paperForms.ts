/** Texts of printed questionnaires (api/paper): page identity, questionnaire references, form references. */
import type { Messages } from '../catalogue';

export const paperFormMessages = {
  'paperform.badPagePayload': (p: { text: string }) => ({
    de: `„${p.text}“ ist keine Seitenkennung eines gedruckten Fragebogens (erwartet: FBQ1;q=…@…;lang=…;lp=…;p=…/…;h=…;f=…).`,
    en: `'${p.text}' is not the page identity of a printed questionnaire (expected: FBQ1;q=…@…;lang=…;lp=…;p=…/…;h=…;f=…).`,
  }),
  'paperform.badQuestionnaireRef': (p: { ref: string }) => ({
    de: `„${p.ref}“ ist keine Fragebogenangabe der Form id@version (z. B. family-life-quality@1).`,
    en: `'${p.ref}' is not a questionnaire reference of the form id@version (e.g. family-life-quality@1).`,
  }),
  'paperform.unknownQuestionnaire': (p: { ref: string; known: string }) => ({
    de: `Den Fragebogen ${p.ref} gibt es nicht. Vorhanden: ${p.known}.`,
    en: `There is no questionnaire ${p.ref}. Available: ${p.known}.`,
  }),
  'paperform.badFormId': (p: { formId: string }) => ({
    de: `Die Formularkennung „${p.formId}“ darf nur Buchstaben, Ziffern, „.“, „_“ und „-“ enthalten (1–64 Zeichen).`,
    en: `The form reference '${p.formId}' may only hold letters, digits, '.', '_' and '-' (1–64 characters).`,
  }),
  'paperform.unprintable': (p: { question: string; reason: string }) => ({
    de: `Die Frage „${p.question}“ kann nicht gedruckt werden: ${p.reason}`,
    en: `Question '${p.question}' cannot be printed: ${p.reason}`,
  }),
  'paperform.layoutMismatch': (p: { printed: string; computed: string }) => ({
    de: `Die Seite wurde mit einem anderen Layout gedruckt (Kennung, Seitenzahl: gedruckt ${p.printed}, berechnet ${p.computed}).`,
    en: `The page was printed with another layout (hash, page count: printed ${p.printed}, computed ${p.computed}).`,
  }),
  'paperform.householdNotInDraw': (p: { householdId: string }) => ({
    de: `Der Haushalt ${p.householdId} wurde in dieser Ziehung nicht angeschrieben.`,
    en: `Household ${p.householdId} was not contacted in this draw.`,
  }),
} satisfies Messages;
