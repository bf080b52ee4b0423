/**
 * Who may call which route: the single table the authorisation middleware reads, so the role
 * matrix can be reviewed (and tested) in one place. A route that is not declared here cannot be
 * registered (`route()` throws at start-up).
 *
 * access: 'public'   — anyone, also without login (state-changing public routes still need the CSRF token);
 *         'resident' — no account, but a session that entered an access code (or the open link): the
 *                      survey link bound to the session selects the one response the caller may read
 *                      or write, so a session without one finds nothing (404 noSurvey / status 'none');
 *         'user'     — any signed-in, enabled account;
 *         Role[]     — only these roles.
 */
import type { RequestHandler } from 'express';
import type { Role } from '../store/types';
import { AppError } from '../errors/appError';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Access = 'public' | 'resident' | 'user' | readonly Role[];

export interface AccessRule {
  method: HttpMethod;
  /** Express path pattern exactly as registered, e.g. `/api/admin/users/:id`. */
  path: string;
  access: Access;
  /** 'raw' for the one route that takes a file as its body; every other state-changing route takes JSON only. */
  body?: 'json' | 'raw';
}

export const ACCESS_RULES: readonly AccessRule[] = [
  { method: 'GET', path: '/healthz', access: 'public' },
  { method: 'GET', path: '/readyz', access: 'public' },
  { method: 'GET', path: '/api/session', access: 'public' },
  { method: 'POST', path: '/api/auth/login', access: 'public' },
  { method: 'POST', path: '/api/auth/logout', access: 'public' },
  { method: 'GET', path: '/api/admin/users', access: ['admin'] },
  { method: 'POST', path: '/api/admin/users', access: ['admin'] },
  { method: 'PATCH', path: '/api/admin/users/:id', access: ['admin'] },
  { method: 'POST', path: '/api/admin/users/:id/password', access: ['admin'] },
  { method: 'GET', path: '/api/admin/audit', access: ['admin'] },
  { method: 'GET', path: '/api/admin/audit.csv', access: ['admin'] },
  { method: 'POST', path: '/api/sampling/uploads', access: ['planner', 'admin'], body: 'raw' },
  { method: 'POST', path: '/api/sampling/imports', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/sampling/imports/:id', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/sampling/frames', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/sampling/frames/:id', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/sampling/frames/:id/purge-contacts', access: ['admin'] },
  { method: 'POST', path: '/api/sampling/allocations/preview', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/sampling/draws', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/sampling/draws', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/sampling/draws/:id', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/sampling/draws/:id/verify', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/sampling/draws/:id/reserve-release', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/sampling/draws/:id/codes', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/sampling/draws/:id/letters', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/sampling/draws/:id/paper-forms', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/sampling/letter-template', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/sampling/waves', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/sampling/waves', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/overview', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/indicators', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/export/results.csv', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/export/microdata.csv', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/export/codebook.csv', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/export/reproduce.R', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/covariates', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/analysis/covariates', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/export/small-area-inputs.csv', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/export/model-cards.json', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/model-settings', access: ['planner', 'admin'] },
  { method: 'PUT', path: '/api/analysis/model-settings', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/report', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/geography/areas', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/geography/areas', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/geography/versions', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/export/results.geojson', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/geography/publications', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/geography/publications', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/geography/publications/:id/unpublish', access: ['planner', 'admin'] },
  // Open results: published snapshots only (api/geography/publications.ts).
  { method: 'GET', path: '/api/public/results', access: 'public' },
  { method: 'GET', path: '/api/public/results/:wave', access: 'public' },
  { method: 'GET', path: '/api/public/results/:wave/results.csv', access: 'public' },
  { method: 'GET', path: '/api/public/results/:wave/results.geojson', access: 'public' },
  { method: 'GET', path: '/api/analysis/indicator-definitions', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/indicator-definitions/questions', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/analysis/indicator-definitions/:id/versions', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/analysis/indicator-definitions/:id/check', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/analysis/indicator-definitions/:id/versions', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/questionnaires', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/questionnaires/check', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/questionnaires/:id/versions', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/questionnaires/:id/versions/:version', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/questionnaires/:id/versions/:version/publish', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/questionnaires/:id/versions/:version/retire', access: ['planner', 'admin'] },
  { method: 'GET', path: '/api/questionnaires/diff', access: ['planner', 'admin'] },
  { method: 'PUT', path: '/api/questionnaires/waves/:drawId', access: ['planner', 'admin'] },
  { method: 'POST', path: '/api/survey/enter', access: 'public' },
  { method: 'GET', path: '/api/survey/current', access: 'resident' },
  { method: 'PUT', path: '/api/survey/draft', access: 'resident' },
  { method: 'POST', path: '/api/survey/submit', access: 'resident' },
  { method: 'POST', path: '/api/survey/open', access: 'public' },
  { method: 'GET', path: '/api/paper/questionnaire', access: ['staff', 'admin'] },
  { method: 'POST', path: '/api/paper/lookup', access: ['staff', 'admin'] },
  { method: 'GET', path: '/api/paper/queue', access: ['staff', 'admin'] },
  { method: 'PUT', path: '/api/paper/entries/:householdId', access: ['staff', 'admin'] },
  { method: 'GET', path: '/api/paper/reconcile/:householdId', access: ['staff', 'admin'] },
  { method: 'POST', path: '/api/paper/reconcile/:householdId', access: ['staff', 'admin'] },
  { method: 'POST', path: '/api/paper/scans', access: ['staff', 'admin'], body: 'raw' },
  { method: 'GET', path: '/api/paper/scans', access: ['staff', 'admin'] },
  { method: 'GET', path: '/api/paper/scans/imports/:id', access: ['staff', 'admin'] },
  { method: 'GET', path: '/api/paper/scans/:formId', access: ['staff', 'admin'] },
  { method: 'GET', path: '/api/paper/scans/:formId/items/:item/crop', access: ['staff', 'admin'] },
  { method: 'POST', path: '/api/paper/scans/:formId/verify', access: ['staff', 'admin'] },
  { method: 'GET', path: '/api/fieldwork/monitor', access: ['planner', 'staff', 'admin'] },
  { method: 'GET', path: '/api/fieldwork/both-channels', access: ['staff', 'admin'] },
  { method: 'GET', path: '/api/fieldwork/reminders.csv', access: ['staff', 'admin'] },
  { method: 'POST', path: '/api/fieldwork/dispositions', access: ['staff', 'admin'] },
  { method: 'GET', path: '/api/fieldwork/dispositions', access: ['staff', 'admin'] },
  { method: 'DELETE', path: '/api/fieldwork/dispositions/:drawId/:householdId', access: ['staff', 'admin'] },
];

export function accessRule(method: HttpMethod, path: string): AccessRule {
  const rule = ACCESS_RULES.find((r) => r.method === method && r.path === path);
  if (!rule) throw new Error(`route ${method} ${path} has no entry in ACCESS_RULES (api/http/accessControl.ts)`);
  return rule;
}

/** The kinds of caller the role matrix distinguishes: no account (with or without an access code) or a signed-in role. */
export type Caller = 'anonymous' | 'resident' | Role;
export const CALLERS: readonly Caller[] = ['anonymous', 'resident', 'staff', 'planner', 'admin'];

/** Whether the table lets this caller use a route with this access: the expectation the role matrix test checks. */
export function mayCall(access: Access, caller: Caller): boolean {
  if (access === 'public') return true;
  if (access === 'resident') return caller === 'resident';
  if (caller === 'anonymous' || caller === 'resident') return false;
  return access === 'user' || access.includes(caller);
}

/**
 * `unauthenticated` when a signed-in account is required and missing, `forbidden` when the role is not allowed.
 * 'resident' routes pass here: which response they touch follows from the session's survey link,
 * which only the collection service can look up (it answers 404 when there is none).
 */
export function authorize(access: Access): RequestHandler {
  return (_req, res, next) => {
    if (access === 'public' || access === 'resident') return next();
    const user = res.locals.session?.user;
    if (!user) return next(new AppError('unauthenticated', 'auth.unauthenticated'));
    if (access !== 'user' && !access.includes(user.role)) return next(new AppError('forbidden', 'auth.forbidden'));
    next();
  };
}
