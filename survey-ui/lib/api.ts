import { currentLanguage } from '../i18n';

export type Role = 'admin' | 'planner' | 'staff';

export interface SessionUser {
  id: string | number;
  username: string;
  displayName: string;
  role: Role;
}

export interface Session {
  user: SessionUser | null;
  csrfToken: string;
}

export interface FieldError {
  /** Dotted path of the offending field, e.g. `username`. */
  path: string;
  message: string;
}

/** An error answer of the API: `{ error, details?: [{ path, message }] }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly details: FieldError[];

  constructor(status: number, message: string, details: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.details = details;
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

/**
 * Calls the API and returns the parsed JSON body (or `undefined` for 204).
 * @throws ApiError for every non-2xx answer, NetworkError when the server cannot be reached.
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new NetworkError(error);
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    const message = typeof record.error === 'string' ? record.error : '';
    throw new ApiError(response.status, message, parseDetails(record.details));
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};
