import type { RequestHandler, Router } from 'express';
import { accessRule, authorize, type HttpMethod } from './accessControl';
import { requireCsrfToken } from './sessions';

/**
 * Registers a route behind its declared access rule and the CSRF check, in that order:
 * an anonymous caller learns "sign in" (401) before "token missing" (403).
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
  register(path, authorize(rule.access), requireCsrfToken, ...handlers);
}
