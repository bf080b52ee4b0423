import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { AppError, type ErrorDetail } from '../errors/appError';
import { message, type Language } from '../errors/catalogue';
import { preferredLanguage } from './language';

type Issue = z.core.$ZodRawIssue;

/**
 * Short field messages in the client's language (catalogue keys `field.*`); zod's own locale texts
 * are the fallback for rare issue kinds. A schema that sets its own message (a `z.custom` or refine) keeps it.
 */
export function issueMessage(issue: Issue, lang: Language): string {
  const i = issue as Issue & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return message('field.required', lang);
      return message('field.expected', lang, { type: String(i.expected) });
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = String(small ? i.minimum : i.maximum);
      if (i.origin === 'string') return message(small ? 'field.minLength' : 'field.maxLength', lang, { bound });
      if (i.origin === 'array') return message(small ? 'field.minEntries' : 'field.maxEntries', lang, { bound });
      return message(small ? 'field.min' : 'field.max', lang, { bound });
    }
    case 'invalid_value':
      return message('field.allowedValues', lang, { values: ((i.values as unknown[]) ?? []).map(String).join(', ') });
    case 'unrecognized_keys':
      return message('field.unknownFields', lang, { keys: ((i.keys as string[]) ?? []).join(', ') });
    case 'invalid_format':
      return message('field.invalidFormat', lang);
    default: {
      const fallback = (lang === 'de' ? z.locales.de() : z.locales.en()).localeError?.(issue);
      if (typeof fallback === 'string') return fallback;
      return fallback?.message ?? message('field.invalid', lang);
    }
  }
}

/** Parses with messages in the request's language; throws an `invalid` AppError listing each field path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, req: Request): z.output<S> {
  const lang = preferredLanguage(req);
  const result = schema.safeParse(input, { error: (issue) => issueMessage(issue, lang) });
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new AppError('invalid', 'http.validation', {}, { details });
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
