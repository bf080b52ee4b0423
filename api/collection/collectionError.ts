import type { ErrorRequestHandler, Request } from 'express';
import type { ErrorDetail } from '../errors/appError';
import type { Language } from '../errors/catalogue';
import { preferredLanguage } from '../http/language';

type Params = Record<string, string | number>;
type Text = string | ((p: Params) => string);

/** Texts of data collection, in simple German first (residents read them). */
const catalogue = {
  codeNotAccepted: {
    de: 'Dieser Zugangscode passt nicht. Bitte prüfen Sie den Code in Ihrem Einladungsschreiben.',
    en: 'This access code does not match. Please check the code in your invitation letter.',
  },
  codeLocked: {
    de: (p) => `Zu viele falsche Codes. Bitte versuchen Sie es in ${p.minutes} Minuten noch einmal.`,
    en: (p) => `Too many wrong codes. Please try again in ${p.minutes} minutes.`,
  },
  noSurvey: {
    de: 'Bitte geben Sie zuerst Ihren Zugangscode ein.',
    en: 'Please enter your access code first.',
  },
  openLinkClosed: { de: 'Die offene Teilnahme ist nicht freigeschaltet.', en: 'Open participation is not enabled.' },
  answersInvalid: {
    de: 'Einige Antworten fehlen oder passen nicht. Bitte prüfen Sie die markierten Fragen.',
    en: 'Some answers are missing or invalid. Please check the marked questions.',
  },
  householdUnknown: {
    de: 'Zu diesem Code gibt es keinen angeschriebenen Haushalt.',
    en: 'No invited household has this code.',
  },
  paperBothEntered: {
    de: 'Dieser Fragebogen wurde bereits zweimal erfasst. Er wartet auf den Abgleich.',
    en: 'This form has already been entered twice. It is waiting for reconciliation.',
  },
  paperNotReady: { de: 'Für den Abgleich fehlen noch Erfassungen.', en: 'Both entries are needed before reconciliation.' },
  paperReconciled: { de: 'Dieser Fragebogen ist bereits abgeglichen.', en: 'This form has already been reconciled.' },
  paperConflict: {
    de: 'Jemand anderes hat diesen Fragebogen gerade gespeichert oder abgeglichen. Bitte laden Sie ihn neu und prüfen Sie das Ergebnis.',
    en: 'Someone else has just saved or reconciled this form. Please reload it and check the result.',
  },
  paperOwnEntry: {
    de: 'Sie haben die erste Erfassung gemacht. Die zweite Erfassung muss eine andere Person machen.',
    en: 'You made the first entry. The second entry must be made by another person.',
  },
  resolutionsIncomplete: {
    de: 'Bitte entscheiden Sie jede abweichende Frage.',
    en: 'Please decide every question on which the entries differ.',
  },
  // Returns without questionnaire (dispositionService).
  codeOrHousehold: {
    de: 'Bitte entweder den Zugangscode oder die Haushaltsnummer angeben, nicht beides.',
    en: 'Please give either the access code or the household id, not both.',
  },
  householdIdUnknown: {
    de: (p) => `Der Haushalt „${p.id}“ wurde in keiner Stichprobe angeschrieben.`,
    en: (p) => `Household '${p.id}' was not contacted in any sample.`,
  },
  alreadyAnswered: {
    de: 'Von diesem Haushalt ist der Fragebogen schon eingegangen; er zählt als Antwort. Bitte prüfen Sie den Code.',
    en: 'This household has already returned its questionnaire; it counts as answered. Please check the code.',
  },
  noteContact: {
    de: 'Die Notiz darf keine Namen, Telefonnummern oder E-Mail-Adressen enthalten.',
    en: 'The note must not contain names, phone numbers or e-mail addresses.',
  },
  notRecorded: {
    de: 'Für diesen Haushalt ist kein Rücklauf ohne Fragebogen erfasst.',
    en: 'No return without questionnaire is recorded for this household.',
  },
} satisfies Record<string, Record<Language, Text>>;

export type CollectionMessageKey = keyof typeof catalogue;

export function collectionMessage(key: CollectionMessageKey, lang: Language, params: Params = {}): string {
  const text: Text = catalogue[key][lang];
  return typeof text === 'function' ? text(params) : text;
}

/** An expected failure of a collection route; mapped to `{ error, details? }` like every API error. */
export class CollectionError extends Error {
  constructor(
    readonly status: number,
    readonly key: CollectionMessageKey,
    readonly params: Params = {},
    readonly details?: ErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(key);
    this.name = 'CollectionError';
  }
}

export const collectionLanguage = (req: Request): Language => preferredLanguage(req);

/** Error middleware of the collection routers: same body shape as api/http/errors.ts. */
export const collectionErrorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (!(err instanceof CollectionError) || res.headersSent) return next(err);
  for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  res.set('Cache-Control', 'no-store');
  res.status(err.status).json({ error: collectionMessage(err.key, preferredLanguage(req), err.params), ...(err.details ? { details: err.details } : {}) });
};
