/**
 * The one place where an error becomes an HTTP answer: the kind of an AppError picks the status,
 * the request picks the language, the body is `{ error, details?, …fields of the endpoint }`.
 * Body-parser and router errors (bad JSON, too large, wrong charset, bad %-encoding) are the
 * client's fault and become AppErrors too; only unknown errors answer 500 and are logged.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, type ErrorDetail, type ErrorKind } from '../errors/appError';
import { preferredLanguage } from './language';

export const STATUS_OF_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  unsupportedMedia: 415,
  unprocessable: 422,
  locked: 429,
  internal: 500,
};

/** The error body of the API (an endpoint may add fields, e.g. the rows of a refused file). */
export interface ErrorBody {
  error: string;
  details?: ErrorDetail[];
  [field: string]: unknown;
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new AppError('notFound', 'http.notFound'));

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) return next(err);
  const error = asAppError(err);
  if (error.kind === 'internal') req.log?.error({ err }, 'unhandled error');
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  // An error answer is about this caller and this moment: never cached.
  res.setHeader('Cache-Control', 'no-store');
  const body: ErrorBody = { error: error.text(preferredLanguage(req)) };
  if (error.details) body.details = [...error.details];
  if (error.body) Object.assign(body, error.body);
  res.status(STATUS_OF_KIND[error.kind]).json(body);
};

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isBodyParserError(err)) {
    switch (err.type) {
      case 'entity.too.large':
        return new AppError('tooLarge', 'http.payloadTooLarge');
      case 'entity.parse.failed':
        return new AppError('invalid', 'http.invalidJson');
      case 'charset.unsupported':
        return new AppError('unsupportedMedia', 'http.unsupportedCharset');
      case 'encoding.unsupported':
        return new AppError('unsupportedMedia', 'http.unsupportedEncoding');
      default:
        return new AppError(kindOfClientStatus(err.status), 'http.validation');
    }
  }
  // The router could not percent-decode a path parameter (e.g. `/api/paper/reconcile/%E0%A4%A`).
  if (err instanceof URIError) return new AppError('invalid', 'http.malformedUrl');
  // Other errors the body reader marks as the client's (e.g. a gzip body that does not inflate).
  if (isClientHttpError(err)) return new AppError(kindOfClientStatus(err.status), 'http.unreadableBody');
  return new AppError('internal', 'http.internal');
}

/** The kind of a 4xx status set by a library (body-parser, http-errors); `invalid` for one we do not use. */
function kindOfClientStatus(status: number): ErrorKind {
  const kind = (Object.keys(STATUS_OF_KIND) as ErrorKind[]).find((k) => STATUS_OF_KIND[k] === status);
  return kind !== undefined && status < 500 ? kind : 'invalid';
}

/** An http-errors error with a 4xx status that is safe to expose (`expose: true`). */
function isClientHttpError(err: unknown): err is { status: number } {
  if (typeof err !== 'object' || err === null) return false;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}

function isBodyParserError(err: unknown): err is { type: string; status: number } {
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string' && typeof (err as { status?: unknown }).status === 'number';
}
