import { currentLanguage } from '../i18n';

// The answers' shapes come from the API modules that produce them (`import type` is erased by the bundler).
import type { Role } from '../../api/store/types';
import type { sessionUser } from '../../api/http/routes/auth';
import type { ErrorDetail } from '../../api/errors/appError';

export type { Role };

/** The signed-in user as GET /api/session and the login answer it. */
export type SessionUser = ReturnType<typeof sessionUser>;

export interface Session {
  user: SessionUser | null;
  csrfToken: string;
}

/** One problem of an error answer: the dotted path of the offending field (e.g. `username`) and the message. */
export type FieldError = ErrorDetail;

/** An error answer of the API: `{ error, details?: [{ path, message }] }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly details: FieldError[];
  /** The whole error answer: a refused upload carries its problem list beside `error` (e.g. `problems`, `errors`). */
  readonly body: Readonly<Record<string, unknown>>;

  constructor(status: number, message: string, details: FieldError[] = [], body: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.details = details;
    this.body = body;
  }

  /** The message for one form field, if the API named it. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((detail) => detail.path === field || detail.path.startsWith(`${field}.`))?.message;
  }
}

/** The request never reached the server or the answer was not readable. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

let csrfToken = '';

/** Remembers the CSRF token from `/api/session` or the login answer; sent with every state-changing request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

let sessionEnded: (() => void) | null = null;

/**
 * The one reaction to an ended session: called before the ApiError of a 401 answer is thrown (the
 * session timed out, was signed out elsewhere, or its account was disabled), so no page checks for
 * 401 itself. The staff app's session provider sets it; the resident survey, signed in with an
 * access code and not with an account, sets none and reads its 401 answers itself. The sign-in
 * request is never reported (its 401 means a wrong password). Returns the function that removes it.
 */
export function onSessionEnded(listener: () => void): () => void {
  sessionEnded = listener;
  return () => {
    if (sessionEnded === listener) sessionEnded = null;
  };
}

function normalisePath(path: unknown): string {
  if (Array.isArray(path)) return path.map(String).join('.');
  return typeof path === 'string' ? path : String(path ?? '');
}

function parseDetails(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is { path: unknown; message: unknown } => typeof item === 'object' && item !== null)
    .map((item) => ({ path: normalisePath(item.path), message: String(item.message ?? '') }));
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a request sends: a JSON value, or raw bytes (a file) with their content type. */
type Payload = { json: unknown } | { raw: Blob; contentType: string } | undefined;

export interface RequestOptions {
  /** The sign-in itself: its 401 means a wrong user name or password, not an ended session. */
  signIn?: boolean;
}

/** The error body of the API, `{ error, details? }`, as an ApiError (a body that is not JSON keeps the status only). */
async function failure(response: Response): Promise<ApiError> {
  let data: unknown = undefined;
  try {
    const text = await response.text();
    data = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const message = typeof record.error === 'string' ? record.error : '';
  return new ApiError(response.status, message, parseDetails(record.details), record);
}

/**
 * The one way to reach the API: the language of the page, the CSRF token on every state-changing
 * request, same-origin cookies; answers the response when it is 2xx. A 401 (the session has ended)
 * is reported to the `onSessionEnded` listener first, unless it answers the sign-in.
 * @throws ApiError for every non-2xx answer, NetworkError when the server cannot be reached.
 */
async function send(
  method: Method,
  path: string,
  payload: Payload,
  extraHeaders: Record<string, string> = {},
  options: RequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
    ...extraHeaders,
  };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit | undefined;
  if (payload && 'json' in payload) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(payload.json);
  } else if (payload) {
    headers['Content-Type'] = payload.contentType;
    body = payload.raw;
  }

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    const error = await failure(response);
    if (error.status === 401 && !options.signIn) sessionEnded?.();
    throw error;
  }
  return response;
}

/** The parsed JSON body of an answer (`undefined` for 204 or an empty body). */
async function json<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (text.length === 0) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined as T;
  }
}

/**
 * Calls the API and returns the parsed JSON body (or `undefined` for 204).
 * @throws ApiError for every non-2xx answer, NetworkError when the server cannot be reached.
 */
export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return json<T>(await send(method, path, body === undefined ? undefined : { json: body }, {}, options));
}

/**
 * Sends a file itself as the request body (no multipart), so the server can stream it to disk;
 * its name travels URI-encoded in `X-File-Name`. Returns the parsed JSON answer.
 */
export async function uploadFile<T>(path: string, file: File, contentType: string): Promise<T> {
  return json<T>(await send('POST', path, { raw: file, contentType }, { 'X-File-Name': encodeURIComponent(file.name) }));
}

/**
 * Posts JSON and returns the answered file with its name (Content-Disposition) and the answer's headers.
 * With `onProgress`, the body is read piece by piece and the bytes received so far are reported.
 */
export async function downloadFile(
  path: string,
  body: unknown,
  onProgress?: (receivedBytes: number, headers: Headers) => void,
): Promise<{ blob: Blob; fileName: string | null; headers: Headers }> {
  const response = await send('POST', path, { json: body });
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? null;
  if (!onProgress || !response.body) return { blob: await response.blob(), fileName, headers: response.headers };
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      received += value.byteLength;
      onProgress(received, response.headers);
    }
  } catch (error) {
    throw new NetworkError(error);
  }
  return { blob: new Blob(parts as BlobPart[], { type: response.headers.get('Content-Type') ?? '' }), fileName, headers: response.headers };
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};
