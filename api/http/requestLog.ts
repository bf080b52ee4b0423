import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

declare module 'node:http' {
  interface IncomingMessage {
    /** Logger of this request (its lines carry `reqId`); created on first use. */
    log?: Logger;
  }
}

/** The logged path: no query string (it may hold access codes), and the QR link /t/<code> without its code. */
export const loggedPath = (url: string) => url.split('?')[0]!.replace(/^\/t\/[^/]+/, '/t/[code]');

/**
 * Request log: one line per request, written when the response has been sent ('request completed',
 * or 'request errored' for a 5xx) or when the client went away first ('request aborted').
 * A line holds `reqId`, `req` (id, method, path — no headers, body, cookies or client address),
 * `res.statusCode`, `responseTime` in ms and the signed-in user's id, i.e. the fields and messages of
 * pino-http with the serialisers this platform used, written directly instead of through two child
 * loggers per request: under submission load pino-http cost ≈ 6 % of the server's time even with
 * logging switched off, this costs nothing then and one `logger.info` otherwise.
 * `req.log` (for error lines) is created only when something logs through it.
 */
export function requestLog(logger: Logger, options: { ignore?: (path: string) => boolean } = {}): RequestHandler {
  let lastId = 0;
  return (req, res, next) => {
    const id = ++lastId;
    let log: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, enumerable: false, get: () => (log ??= logger.child({ reqId: id })) });
    if (!logger.isLevelEnabled('info') || options.ignore?.(req.url)) return next();
    const started = Date.now();
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const userId = res.locals.session?.user?.id;
      const line = {
        reqId: id,
        req: { id, method: req.method, path: loggedPath(req.originalUrl) },
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - started,
        ...(userId ? { userId } : {}),
      };
      logger.info(line, !res.writableFinished ? 'request aborted' : res.statusCode >= 500 ? 'request errored' : 'request completed');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
