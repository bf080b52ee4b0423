import { Router } from 'express';
import { z } from 'zod';
import { preferredLanguage } from '../http/language';
import { route } from '../http/route';
import { renewSessionId, sendRenewedSession } from '../http/sessions';
import { validate } from '../http/validate';
import type { Store } from '../store/types';
import { AppError } from '../errors/appError';
import {
  currentState,
  enterOpenLink,
  enterWithCode,
  saveDraft,
  submitSurvey,
  type CodeAttemptPolicy,
  type CodeResolver,
} from './residentService';

const enterBody = z.strictObject({ code: z.string().max(64) });
const answersSchema = z.record(z.string().max(100), z.unknown()).refine((a) => Object.keys(a).length <= 500, 'too many answers');
const draftBody = z.strictObject({ answers: answersSchema, page: z.number().int().min(0).max(1000) });
const submitBody = z.strictObject({ answers: answersSchema });

export interface ResidentRouteOptions {
  resolver: CodeResolver;
  policy: CodeAttemptPolicy;
  /** Whether POST /api/survey/open accepts anonymous self-selected participants. */
  openLink: boolean;
}

/** Public resident routes: no login, but the anonymous session from GET /api/session and its CSRF token. */
export function residentRoutes(store: Store, options: ResidentRouteOptions): Router {
  const router = Router();
  const sessionHash = (locals: { session?: { record: { idHash: string } } }) => locals.session!.record.idHash;

  route(router, 'POST', '/api/survey/enter', validate({ body: enterBody }), async (req, res) => {
    const { code } = req.body as z.output<typeof enterBody>;
    // An accepted code grants access to a household's answers: the session gets a new id (session fixation defence).
    const renewed = renewSessionId(res.locals.session!);
    const state = await enterWithCode(store, options.resolver, options.policy, {
      code,
      clientIp: req.ip ?? 'unknown',
      sessionIdHash: sessionHash(res.locals),
      renewedSession: renewed.record,
    });
    sendRenewedSession(req, res, renewed);
    res.set('Cache-Control', 'no-store').json(state);
  });

  route(router, 'GET', '/api/survey/current', async (_req, res) => {
    // No code entered yet is a normal state of the start page, not an error.
    const link = res.locals.session ? await store.surveyLinks.get(sessionHash(res.locals)) : null;
    res.set('Cache-Control', 'no-store').json(link ? await currentState(store, link.sessionIdHash) : { status: 'none' });
  });

  route(router, 'PUT', '/api/survey/draft', validate({ body: draftBody }), async (req, res) => {
    const body = req.body as z.output<typeof draftBody>;
    res.set('Cache-Control', 'no-store').json(await saveDraft(store, sessionHash(res.locals), body, preferredLanguage(req)));
  });

  route(router, 'POST', '/api/survey/submit', validate({ body: submitBody }), async (req, res) => {
    const { answers } = req.body as z.output<typeof submitBody>;
    res.set('Cache-Control', 'no-store').json(await submitSurvey(store, sessionHash(res.locals), answers, preferredLanguage(req)));
  });

  route(router, 'POST', '/api/survey/open', async (_req, res) => {
    if (!options.openLink) throw new AppError('notFound', 'collection.openLinkClosed');
    res.set('Cache-Control', 'no-store').status(201).json(await enterOpenLink(store, sessionHash(res.locals)));
  });

  return router;
}
