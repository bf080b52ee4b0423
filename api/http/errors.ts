import type { ErrorRequestHandler, RequestHandler } from 'express';
import { message, preferredLanguage, type MessageKey } from './messages';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** The one error body shape of the API. */
export interface ErrorBody {
  error: string;
  details?: ErrorDetail[];
}

/** An expected failure with its HTTP status; the text comes from the message catalogue in the client's language. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly details?: ErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(key);
    this.name = 'HttpError';
  }
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new HttpError(404, 'notFound'));

/**
 * Maps every error to `{ error, details? }`. Body-parser errors (bad JSON, too large, wrong
 * charset) are the client's fault and answer 4xx; only unknown errors become 500 and are logged.
 */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) return next(err);
  const lang = preferredLanguage(req);
  let httpError: HttpError;
  if (err instanceof HttpError) {
    httpError = err;
  } else if (isBodyParserError(err)) {
    httpError =
      err.type === 'entity.too.large'
        ? new HttpError(413, 'payloadTooLarge')
        : err.type === 'entity.parse.failed'
          ? new HttpError(400, 'invalidJson')
          : err.type === 'charset.unsupported'
            ? new HttpError(415, 'unsupportedCharset')
            : err.type === 'encoding.unsupported'
              ? new HttpError(415, 'unsupportedEncoding')
              : new HttpError(err.status >= 400 && err.status < 500 ? err.status : 400, 'validation');
  } else if (err instanceof URIError) {
    // The router could not percent-decode a path parameter (e.g. `/api/paper/reconcile/%E0%A4%A`).
    httpError = new HttpError(400, 'malformedUrl');
  } else if (isClientHttpError(err)) {
    // Other errors the body reader marks as the client's (e.g. a gzip body that does not inflate).
    httpError = new HttpError(err.status, 'unreadableBody');
  } else {
    req.log?.error({ err }, 'unhandled error');
    httpError = new HttpError(500, 'internal');
  }
  for (const [name, value] of Object.entries(httpError.headers)) res.setHeader(name, value);
  const body: ErrorBody = { error: message(httpError.key, lang, httpError.params) };
  if (httpError.details) body.details = httpError.details;
  res.status(httpError.status).json(body);
};

/** An http-errors error with a 4xx status that is safe to expose (`expose: true`). */
function isClientHttpError(err: unknown): err is { status: number } {
  if (typeof err !== 'object' || err === null) return false;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}

function isBodyParserError(err: unknown): err is { type: string; status: number } {
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string' && typeof (err as { status?: unknown }).status === 'number';
}
