/**
 * The one error type of the API: an expected failure with a kind (what went wrong, in the words of
 * the request, not of HTTP), a catalogue key with its params (the sentence, in German and English)
 * and optionally the fields concerned and further fields for the error body. Services throw it; the
 * one handler (api/http/errorHandler.ts) picks the HTTP status from the kind and the language from
 * the request. Anything else thrown is a bug and answers 500.
 */
import { render, type Language, type MessageKey, type NoParams, type ParamsOf } from './catalogue';

/**
 * - `invalid`: the request is malformed or its input cannot be used (wrong field, unreadable file);
 * - `unprocessable`: well-formed, but the content breaks a rule (answers, a note, a model choice);
 * - `unauthenticated`: sign in first, or the credentials are wrong;
 * - `forbidden`: signed in (or not), but not allowed; also a missing security token;
 * - `notFound`: the thing asked for does not exist (or is not the caller's to see);
 * - `conflict`: the current state does not allow it (already done, changed meanwhile, not yet possible);
 * - `tooLarge`: the request or file is above its limit;
 * - `unsupportedMedia`: the body is not of a type or encoding the endpoint reads;
 * - `locked`: too many attempts, try again later (`retryAfterSeconds`);
 * - `internal`: a failure the caller cannot do anything about (the handler's answer to a bug).
 */
export const ERROR_KINDS = ['invalid', 'unprocessable', 'unauthenticated', 'forbidden', 'notFound', 'conflict', 'tooLarge', 'unsupportedMedia', 'locked', 'internal'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** One field the error is about: where (a dotted path, or an element of a document) and what is wrong. */
export interface ErrorDetail {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  details?: readonly ErrorDetail[];
  /** Further fields of the error body, for an endpoint that reports more than a sentence (e.g. a refused file's rows). */
  body?: Readonly<Record<string, unknown>>;
  /** When the caller may try again (kind `locked`). */
  retryAfterSeconds?: number;
}

type ArgsOf<K extends MessageKey> = ParamsOf<K> extends undefined
  ? [params?: NoParams, options?: AppErrorOptions]
  : [params: ParamsOf<K>, options?: AppErrorOptions];

export class AppError<K extends MessageKey = MessageKey> extends Error {
  readonly params: unknown;
  readonly details: readonly ErrorDetail[] | undefined;
  readonly body: Readonly<Record<string, unknown>> | undefined;
  readonly retryAfterSeconds: number | undefined;

  /**
   * @example new AppError('notFound', 'sampling.drawNotFound')
   * @example new AppError('locked', 'collection.codeLocked', { minutes: 15 }, { retryAfterSeconds: 900 })
   */
  constructor(
    readonly kind: ErrorKind,
    readonly key: K,
    ...[params, options = {}]: ArgsOf<K>
  ) {
    // The English text (and the fields) as the Error message: what logs and the command line show.
    super([render(key, params).en, ...(options.details ?? []).map((d) => `- ${d.path}: ${d.message}`)].join('\n'));
    this.name = 'AppError';
    this.params = params ?? {};
    this.details = options.details;
    this.body = options.body;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The sentence in one language. */
  text(lang: Language): string {
    return render(this.key, this.params)[lang];
  }
}

/** Whether `err` is an AppError with this key (narrows the params). */
export function isAppError<K extends MessageKey>(err: unknown, key: K): err is AppError<K> {
  return err instanceof AppError && err.key === key;
}
