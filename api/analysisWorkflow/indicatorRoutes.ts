/**
 * HTTP routes of the indicator editor: the current definitions, the versions of one indicator, the
 * questions of a questionnaire version (what a rule may read), the check of a draft and saving it as the
 * next version. Planner and admin only (api/http/accessControl.ts); every saved version is audited.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Rule } from '../../analysis/indicators';
import { actorOf } from '../audit/auditLog';
import { AppError } from '../errors/appError';
import { route } from '../http/route';
import { validate, validParams, validQuery } from '../http/validate';
import { FAMILY_LIFE_QUALITY_ID } from '../questionnaire';
import type { Store, User } from '../store/types';
import { checkIndicatorDraft, questionnaireVersionsFor, questionsOf, saveIndicatorVersion, type IndicatorDraft } from './indicatorDefinitions';

const code = z.union([z.number().finite(), z.string().min(1).max(80)]);
const bound = z.number().finite();
const condition = z.strictObject({
  q: z.string().min(1).max(80),
  eq: code.optional(),
  in: z.array(code).max(50).optional(),
  lt: bound.optional(),
  le: bound.optional(),
  gt: bound.optional(),
  ge: bound.optional(),
});
// Rules nest (all/any/not); the body's depth is bounded by the API's JSON depth limit.
const rule: z.ZodType<Rule> = z.lazy(() =>
  z.union([condition, z.strictObject({ all: z.array(rule).max(30) }), z.strictObject({ any: z.array(rule).max(30) }), z.strictObject({ not: rule })]),
) as z.ZodType<Rule>;
const label = z.strictObject({ de: z.string().max(200), en: z.string().max(200) });
const draft = z.strictObject({
  label,
  denominatorLabel: label,
  direction: z.enum(['need', 'context']),
  rule,
  denominator: rule,
  questionnaire: z.strictObject({ id: z.string().min(1).max(80), version: z.number().int().min(1).max(10_000) }),
});
const saveBody = z.strictObject({ draft, basedOnVersion: z.number().int().min(1), note: z.string().max(500).nullable().optional() });
const checkBody = z.strictObject({ draft });
const idParams = z.object({ id: z.string().min(1).max(80) });
const questionsQuery = z.object({ questionnaireId: z.string().min(1).max(80).default(FAMILY_LIFE_QUALITY_ID), version: z.coerce.number().int().min(1).max(10_000) });

export function indicatorRoutes(store: Store): Router {
  const router = Router();
  const user = (res: Response) => res.locals.session!.user as User;

  route(router, 'GET', '/api/analysis/indicator-definitions', async (_req, res) => {
    res.json({
      indicators: await store.indicatorDefinitions.current(),
      questionnaires: [{ id: FAMILY_LIFE_QUALITY_ID, versions: await questionnaireVersionsFor(store, FAMILY_LIFE_QUALITY_ID) }],
    });
  });

  route(router, 'GET', '/api/analysis/indicator-definitions/questions', validate({ query: questionsQuery }), async (_req, res) => {
    const q = validQuery<z.output<typeof questionsQuery>>(res);
    res.json({ questionnaireId: q.questionnaireId, version: q.version, questions: await questionsOf(store, q.questionnaireId, q.version) });
  });

  route(router, 'GET', '/api/analysis/indicator-definitions/:id/versions', validate({ params: idParams }), async (_req, res) => {
    const { id } = validParams<z.output<typeof idParams>>(res);
    const versions = await store.indicatorDefinitions.versions(id);
    if (versions.length === 0) throw new AppError('notFound', 'indicators.unknown', { indicatorId: id });
    res.json({ versions });
  });

  route(router, 'POST', '/api/analysis/indicator-definitions/:id/check', validate({ params: idParams, body: checkBody }), async (req, res) => {
    const { id } = validParams<z.output<typeof idParams>>(res);
    const body = req.body as z.output<typeof checkBody>;
    res.json(await checkIndicatorDraft(store, id, body.draft as IndicatorDraft));
  });

  route(router, 'POST', '/api/analysis/indicator-definitions/:id/versions', validate({ params: idParams, body: saveBody }), async (req, res) => {
    const { id } = validParams<z.output<typeof idParams>>(res);
    const body = req.body as z.output<typeof saveBody>;
    const stored = await saveIndicatorVersion(store, actorOf(user(res)), id, body.draft as IndicatorDraft, { basedOnVersion: body.basedOnVersion, note: body.note ?? null });
    res.status(201).json({ version: stored });
  });

  return router;
}
