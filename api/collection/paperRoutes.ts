import { Router } from 'express';
import { z } from 'zod';
import { preferredLanguage } from '../http/language';
import { route } from '../http/route';
import { validate, validParams, validQuery } from '../http/validate';
import { questionCatalogue } from '../questionnaire';
import type { PaperEntry, Store } from '../store/types';
import { bothChannelCases, lookupPaperForm, reconcilePaperForm, reconciliationView, savePaperEntry } from './paperService';
import { currentQuestionnaire, paperQuestionnaire } from './questionnaires';
import type { CodeResolver } from './residentService';

const householdParams = z.object({ householdId: z.string().min(1).max(100) });
const questionnaireQuery = z.object({ householdId: z.string().min(1).max(100).optional() });
const lookupBody = z.strictObject({ code: z.string().max(64) });
const entryBody = z.strictObject({ answers: z.record(z.string().max(100), z.unknown()) });
const reconcileBody = z.strictObject({
  revision: z.number().int().min(1),
  resolutions: z.record(z.string().max(100), z.strictObject({ choice: z.enum(['entry1', 'entry2', 'corrected']), value: z.unknown().optional() })),
});

/** One form of GET /api/paper/queue: `mine` is the entry the caller keyed (1 or 2), null when none. */
export const paperQueueEntry = (e: PaperEntry, me: string) => ({
  householdId: e.householdId,
  district: e.district,
  status: e.status,
  outcome: e.outcome,
  mine: e.entry1UserId === me ? (1 as const) : e.entry2UserId === me ? (2 as const) : null,
  revision: e.revision,
  updatedAt: e.updatedAt,
});
export type PaperQueueEntry = ReturnType<typeof paperQueueEntry>;

/** Paper entry with blind double entry (staff, admin). */
export function paperRoutes(store: Store, resolver: CodeResolver): Router {
  const router = Router();
  const user = (locals: { session?: { user: unknown } }) => locals.session!.user as NonNullable<Parameters<typeof savePaperEntry>[1]>;

  // With ?householdId=, the version that household's form is keyed in (its wave's, or the one entered already).
  route(router, 'GET', '/api/paper/questionnaire', validate({ query: questionnaireQuery }), async (_req, res) => {
    const { householdId } = validQuery<z.output<typeof questionnaireQuery>>(res);
    const q = householdId === undefined ? await currentQuestionnaire(store) : await paperQuestionnaire(store, householdId);
    res.json({ id: q.id, version: q.version, questions: questionCatalogue(q.json) });
  });

  route(router, 'POST', '/api/paper/lookup', validate({ body: lookupBody }), async (req, res) => {
    const { code } = req.body as z.output<typeof lookupBody>;
    res.set('Cache-Control', 'no-store').json(await lookupPaperForm(store, resolver, code, user(res.locals)));
  });

  route(router, 'GET', '/api/paper/queue', async (_req, res) => {
    const me = user(res.locals).id;
    const entries = await store.paperEntries.list();
    res.json({ entries: entries.map((e) => paperQueueEntry(e, me)) });
  });

  route(router, 'PUT', '/api/paper/entries/:householdId', validate({ params: householdParams, body: entryBody }), async (req, res) => {
    const { householdId } = validParams<z.output<typeof householdParams>>(res);
    const { answers } = req.body as z.output<typeof entryBody>;
    const saved = await savePaperEntry(store, user(res.locals), householdId, answers, preferredLanguage(req));
    res.json({ householdId, status: saved.status, revision: saved.revision, outcome: saved.outcome });
  });

  route(router, 'GET', '/api/paper/reconcile/:householdId', validate({ params: householdParams }), async (_req, res) => {
    const { householdId } = validParams<z.output<typeof householdParams>>(res);
    res.set('Cache-Control', 'no-store').json(await reconciliationView(store, householdId));
  });

  route(router, 'POST', '/api/paper/reconcile/:householdId', validate({ params: householdParams, body: reconcileBody }), async (req, res) => {
    const { householdId } = validParams<z.output<typeof householdParams>>(res);
    const body = req.body as z.output<typeof reconcileBody>;
    const done = await reconcilePaperForm(store, user(res.locals), householdId, body, preferredLanguage(req));
    res.json({ householdId, status: done.status, outcome: done.outcome, revision: done.revision });
  });

  route(router, 'GET', '/api/fieldwork/both-channels', async (_req, res) => {
    res.json({ cases: await bothChannelCases(store) });
  });

  return router;
}
