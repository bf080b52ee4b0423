import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs without personal data. Request logs carry method, path (no query
 * string: it may hold access codes), status and the user id; bodies, cookies and headers are
 * never serialised, and the redact list is a second line of defence should anyone log them.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'familien-survey-api' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'password',
          '*.password',
          'passwordHash',
          '*.passwordHash',
          'body',
          '*.body',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // Only name, message and stack: parser errors carry the raw request body as a property.
        err: (err: Error) => ({ type: err.name, message: err.message, stack: err.stack }),
      },
    },
    options.destination,
  );
}
