/** Texts of the request itself: its body, its address, its fields (api/http). */
import type { Language, Messages } from '../catalogue';

const typeNames: Record<string, Record<Language, string>> = {
  string: { de: 'Text', en: 'text' },
  number: { de: 'Zahl', en: 'number' },
  int: { de: 'ganze Zahl', en: 'whole number' },
  boolean: { de: 'wahr/falsch', en: 'true/false' },
  object: { de: 'Objekt', en: 'object' },
  array: { de: 'Liste', en: 'list' },
};

export const httpMessages = {
  'http.validation': { de: 'Die Eingabe ist ungültig.', en: 'The input is invalid.' },
  'http.invalidJson': { de: 'Der Inhalt ist kein gültiges JSON.', en: 'The body is not valid JSON.' },
  'http.payloadTooLarge': { de: 'Die Anfrage ist zu groß (höchstens 1 MB).', en: 'The request is too large (1 MB at most).' },
  'http.jsonRequired': {
    de: 'Der Inhalt muss JSON sein (Content-Type: application/json).',
    en: 'The body must be JSON (Content-Type: application/json).',
  },
  'http.jsonTooDeep': (p: { max: number }) => ({
    de: `Der Inhalt ist zu tief verschachtelt (höchstens ${p.max} Ebenen).`,
    en: `The body is nested too deeply (${p.max} levels at most).`,
  }),
  'http.unreadableBody': {
    de: 'Der Inhalt der Anfrage konnte nicht gelesen werden (beschädigt oder falsch komprimiert).',
    en: 'The request body could not be read (damaged or wrongly compressed).',
  },
  'http.unsupportedCharset': { de: 'Der Inhalt muss UTF-8-kodiert sein.', en: 'The body must be encoded as UTF-8.' },
  'http.unsupportedEncoding': { de: 'Komprimierte Anfragen werden nicht angenommen.', en: 'Compressed requests are not accepted.' },
  'http.notFound': { de: 'Nicht gefunden.', en: 'Not found.' },
  'http.malformedUrl': { de: 'Die Adresse enthält eine ungültige %-Kodierung.', en: 'The address contains an invalid %-encoding.' },
  'http.internal': { de: 'Interner Fehler. Bitte später erneut versuchen.', en: 'Internal error. Please try again later.' },

  // One field of a request (api/http/validate.ts); zod's own texts cover the rare other issues.
  'field.required': { de: 'Pflichtfeld fehlt.', en: 'Required field is missing.' },
  'field.expected': (p: { type: string }) => ({
    de: `Erwartet: ${typeNames[p.type]?.de ?? p.type}.`,
    en: `Expected: ${typeNames[p.type]?.en ?? p.type}.`,
  }),
  'field.minLength': (p: { bound: string }) => ({ de: `Mindestens ${p.bound} Zeichen.`, en: `At least ${p.bound} characters.` }),
  'field.maxLength': (p: { bound: string }) => ({ de: `Höchstens ${p.bound} Zeichen.`, en: `At most ${p.bound} characters.` }),
  'field.minEntries': (p: { bound: string }) => ({ de: `Mindestens ${p.bound} Einträge.`, en: `At least ${p.bound} entries.` }),
  'field.maxEntries': (p: { bound: string }) => ({ de: `Höchstens ${p.bound} Einträge.`, en: `At most ${p.bound} entries.` }),
  'field.min': (p: { bound: string }) => ({ de: `Mindestens ${p.bound}.`, en: `At least ${p.bound}.` }),
  'field.max': (p: { bound: string }) => ({ de: `Höchstens ${p.bound}.`, en: `At most ${p.bound}.` }),
  'field.allowedValues': (p: { values: string }) => ({ de: `Erlaubt sind: ${p.values}.`, en: `Allowed values: ${p.values}.` }),
  'field.unknownFields': (p: { keys: string }) => ({ de: `Unbekannte Felder: ${p.keys}.`, en: `Unknown fields: ${p.keys}.` }),
  'field.invalidFormat': { de: 'Ungültiges Format.', en: 'Invalid format.' },
  'field.invalid': { de: 'Ungültiger Wert.', en: 'Invalid value.' },
} satisfies Messages;
