import type { RequestHandler, Router } from 'express';
import { accessRule, authorize, type HttpMethod } from './accessControl';
import { AppError } from '../errors/appError';
import { requireCsrfToken } from './sessions';

/** No request of this API nests deeper (answers are at most four levels); see jsonDepthExceeds. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a parsed JSON value nests deeper than `limit` arrays/objects. Iterative, so a
 * 10,000-deep body cannot exhaust the stack here; refusing it early keeps it away from every
 * recursive step later (validation messages, JSON.stringify on storage). Cost: O(size).
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * A request body that is not JSON is refused with 415 and a message saying so: otherwise the JSON
 * parser skips it and the caller would read "field missing" for data it did send. A body nested
 * deeper than MAX_JSON_DEPTH is refused with 400.
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
  if (hasBody && !req.is('application/json')) return next(new AppError('unsupportedMedia', 'http.jsonRequired'));
  if (jsonDepthExceeds(req.body, MAX_JSON_DEPTH)) return next(new AppError('invalid', 'http.jsonTooDeep', { max: MAX_JSON_DEPTH }));
  next();
};

/**
 * Registers a route behind its declared access rule, the CSRF check and (for JSON routes) the
 * content-type check, in that order: an anonymous caller learns "sign in" (401) before "token missing" (403).
 */
export function route(router: Router, method: HttpMethod, path: string, ...handlers: RequestHandler[]): void {
  const rule = accessRule(method, path);
  const register = {
    GET: router.get.bind(router),
    POST: router.post.bind(router),
    PUT: router.put.bind(router),
    PATCH: router.patch.bind(router),
    DELETE: router.delete.bind(router),
  }[method];
  const bodyCheck = method === 'GET' || rule.body === 'raw' ? [] : [requireJsonBody];
  register(path, authorize(rule.access), requireCsrfToken, ...bodyCheck, ...handlers);
}
