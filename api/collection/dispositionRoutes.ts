import { Router } from 'express';
import { z } from 'zod';
import { route } from '../http/route';
import { validate, validParams, validQuery } from '../http/validate';
import { DISPOSITIONS, type Store, type User } from '../store/types';
import { clearDisposition, recentDispositions, recordDisposition } from './dispositionService';
import type { CodeResolver } from './residentService';

const recordBody = z.strictObject({
  code: z.string().max(64).optional(),
  householdId: z.string().min(1).max(100).optional(),
  disposition: z.enum(DISPOSITIONS),
  note: z.string().max(200).nullable().optional(),
});
const unitParams = z.object({ drawId: z.string().min(1).max(100), householdId: z.string().min(1).max(100) });
const recentQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });

/** Returns without questionnaire (refused, undeliverable, not eligible): staff and admin. */
export function dispositionRoutes(store: Store, resolver: CodeResolver): Router {
  const router = Router();
  const user = (locals: { session?: { user: unknown } }) => locals.session!.user as User;

  route(router, 'POST', '/api/fieldwork/dispositions', validate({ body: recordBody }), async (req, res) => {
    const body = req.body as z.output<typeof recordBody>;
    res.set('Cache-Control', 'no-store').json(await recordDisposition(store, resolver, user(res.locals), body));
  });

  route(router, 'GET', '/api/fieldwork/dispositions', validate({ query: recentQuery }), async (_req, res) => {
    const { limit } = validQuery<z.output<typeof recentQuery>>(res);
    res.set('Cache-Control', 'no-store').json({ dispositions: await recentDispositions(store, limit) });
  });

  route(router, 'DELETE', '/api/fieldwork/dispositions/:drawId/:householdId', validate({ params: unitParams }), async (_req, res) => {
    const { drawId, householdId } = validParams<z.output<typeof unitParams>>(res);
    res.set('Cache-Control', 'no-store').json({ cleared: await clearDisposition(store, user(res.locals), drawId, householdId) });
  });

  return router;
}
