import type { Request } from 'express';

export type Language = 'de' | 'en';

/** Picks English only when the client prefers it over German; German is the default. */
export function preferredLanguage(req: Request): Language {
  return req.acceptsLanguages('de', 'en') === 'en' ? 'en' : 'de';
}

type Params = Record<string, string | number>;
type Text = string | ((p: Params) => string);

/** User-facing error texts. Keys are stable; the UI may show them as they are. */
const catalogue = {
  validation: { de: 'Die Eingabe ist ungültig.', en: 'The input is invalid.' },
  invalidJson: { de: 'Der Inhalt ist kein gültiges JSON.', en: 'The body is not valid JSON.' },
  payloadTooLarge: { de: 'Die Anfrage ist zu groß (höchstens 1 MB).', en: 'The request is too large (1 MB at most).' },
  jsonRequired: {
    de: 'Der Inhalt muss JSON sein (Content-Type: application/json).',
    en: 'The body must be JSON (Content-Type: application/json).',
  },
  jsonTooDeep: {
    de: (p) => `Der Inhalt ist zu tief verschachtelt (höchstens ${p.max} Ebenen).`,
    en: (p) => `The body is nested too deeply (${p.max} levels at most).`,
  },
  unreadableBody: {
    de: 'Der Inhalt der Anfrage konnte nicht gelesen werden (beschädigt oder falsch komprimiert).',
    en: 'The request body could not be read (damaged or wrongly compressed).',
  },
  unsupportedCharset: { de: 'Der Inhalt muss UTF-8-kodiert sein.', en: 'The body must be encoded as UTF-8.' },
  unsupportedEncoding: {
    de: 'Komprimierte Anfragen werden nicht angenommen.',
    en: 'Compressed requests are not accepted.',
  },
  notFound: { de: 'Nicht gefunden.', en: 'Not found.' },
  malformedUrl: { de: 'Die Adresse enthält eine ungültige %-Kodierung.', en: 'The address contains an invalid %-encoding.' },
  unauthenticated: { de: 'Bitte melden Sie sich an.', en: 'Please sign in.' },
  forbidden: { de: 'Für diese Aktion fehlt Ihnen die Berechtigung.', en: 'You are not allowed to do this.' },
  csrf: {
    de: 'Sicherheitstoken fehlt oder ist ungültig. Bitte laden Sie die Seite neu.',
    en: 'Security token missing or invalid. Please reload the page.',
  },
  invalidCredentials: { de: 'Benutzername oder Passwort ist falsch.', en: 'Wrong username or password.' },
  lockedUser: {
    de: (p) => `Zu viele fehlgeschlagene Anmeldeversuche. Das Konto ist für ${p.minutes} Minuten gesperrt.`,
    en: (p) => `Too many failed sign-in attempts. The account is locked for ${p.minutes} minutes.`,
  },
  lockedIp: {
    de: (p) => `Zu viele fehlgeschlagene Anmeldeversuche von dieser Adresse. Bitte in ${p.minutes} Minuten erneut versuchen.`,
    en: (p) => `Too many failed sign-in attempts from this address. Please try again in ${p.minutes} minutes.`,
  },
  duplicateUsername: { de: 'Dieser Benutzername ist bereits vergeben.', en: 'This username is already taken.' },
  userNotFound: { de: 'Benutzerkonto nicht gefunden.', en: 'User account not found.' },
  selfDisable: {
    de: 'Sie können Ihr eigenes Konto nicht deaktivieren.',
    en: 'You cannot disable your own account.',
  },
  selfDemote: {
    de: 'Sie können sich selbst die Administrationsrolle nicht entziehen.',
    en: 'You cannot remove the admin role from yourself.',
  },
  internal: { de: 'Interner Fehler. Bitte später erneut versuchen.', en: 'Internal error. Please try again later.' },
  unavailable: { de: 'Der Dienst ist vorübergehend nicht verfügbar.', en: 'The service is temporarily unavailable.' },
} satisfies Record<string, Record<Language, Text>>;

export type MessageKey = keyof typeof catalogue;

export function message(key: MessageKey, lang: Language, params: Params = {}): string {
  const text: Text = catalogue[key][lang];
  return typeof text === 'function' ? text(params) : text;
}
