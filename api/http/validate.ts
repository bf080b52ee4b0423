import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { HttpError, type ErrorDetail } from './errors';
import { preferredLanguage, type Language } from './messages';

type Issue = z.core.$ZodRawIssue;

const typeNames: Record<string, Record<Language, string>> = {
  string: { de: 'Text', en: 'text' },
  number: { de: 'Zahl', en: 'number' },
  int: { de: 'ganze Zahl', en: 'whole number' },
  boolean: { de: 'wahr/falsch', en: 'true/false' },
  object: { de: 'Objekt', en: 'object' },
  array: { de: 'Liste', en: 'list' },
};

/**
 * Short field messages in the client's language; zod's own locale texts are the fallback for
 * rare issue kinds. A schema that sets its own message (a `z.custom` or refine) keeps it.
 */
export function issueMessage(issue: Issue, lang: Language): string {
  const de = lang === 'de';
  const i = issue as Issue & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return de ? 'Pflichtfeld fehlt.' : 'Required field is missing.';
      const name = typeNames[String(i.expected)]?.[lang] ?? String(i.expected);
      return de ? `Erwartet: ${name}.` : `Expected: ${name}.`;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = String(small ? i.minimum : i.maximum);
      if (i.origin === 'string') {
        return small
          ? de ? `Mindestens ${bound} Zeichen.` : `At least ${bound} characters.`
          : de ? `Höchstens ${bound} Zeichen.` : `At most ${bound} characters.`;
      }
      if (i.origin === 'array') {
        return small ? (de ? `Mindestens ${bound} Einträge.` : `At least ${bound} entries.`) : de ? `Höchstens ${bound} Einträge.` : `At most ${bound} entries.`;
      }
      return small ? (de ? `Mindestens ${bound}.` : `At least ${bound}.`) : de ? `Höchstens ${bound}.` : `At most ${bound}.`;
    }
    case 'invalid_value': {
      const values = ((i.values as unknown[]) ?? []).map(String).join(', ');
      return de ? `Erlaubt sind: ${values}.` : `Allowed values: ${values}.`;
    }
    case 'unrecognized_keys': {
      const keys = ((i.keys as string[]) ?? []).join(', ');
      return de ? `Unbekannte Felder: ${keys}.` : `Unknown fields: ${keys}.`;
    }
    case 'invalid_format':
      return de ? 'Ungültiges Format.' : 'Invalid format.';
    default: {
      const fallback = (lang === 'de' ? z.locales.de() : z.locales.en()).localeError?.(issue);
      if (typeof fallback === 'string') return fallback;
      return fallback?.message ?? (de ? 'Ungültiger Wert.' : 'Invalid value.');
    }
  }
}

/** Parses with messages in the request's language; throws a 400 HttpError listing each field path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, req: Request): z.output<S> {
  const lang = preferredLanguage(req);
  const result = schema.safeParse(input, { error: (issue) => issueMessage(issue, lang) });
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new HttpError(400, 'validation', {}, details);
}

interface Schemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

/**
 * Validates before any handler runs, so a bad request never reaches the store. The parsed
 * body replaces `req.body`; the parsed query and params go to `res.locals.query` / `.params`
 * (Express 5 makes `req.query` read-only). Read them with `validQuery(res)` / `validParams(res)`.
 */
export function validate(schemas: Schemas): RequestHandler {
  return (req, res, next) => {
    if (schemas.params) res.locals.params = parseOrThrow(schemas.params, req.params, req);
    if (schemas.query) res.locals.query = parseOrThrow(schemas.query, req.query, req);
    if (schemas.body) req.body = parseOrThrow(schemas.body, req.body, req);
    next();
  };
}

export function validQuery<T>(res: Response): T {
  return res.locals.query as T;
}

export function validParams<T>(res: Response): T {
  return res.locals.params as T;
}
