import type { Request } from 'express';
import type { Language } from '../errors/catalogue';

/** Picks English only when the client prefers it over German; German is the default. */
export function preferredLanguage(req: Request): Language {
  return req.acceptsLanguages('de', 'en') === 'en' ? 'en' : 'de';
}
