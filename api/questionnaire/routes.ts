/**
 * HTTP routes of the questionnaire registry ("Fragebogen"): the stored versions and the version each
 * wave uses, the check of an uploaded file, import, one version with its JSON (for the preview),
 * publish and retire, the diff of two versions, and tying a wave to a version. Planner and admin only
 * (api/http/accessControl.ts); every change is audited by the service.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { actorOf } from '../audit/auditLog';
import { route } from '../http/route';
import { validate, validParams, validQuery } from '../http/validate';
import type { Store, User } from '../store/types';
import {
  bindWaveQuestionnaire,
  checkQuestionnaireVersion,
  currentIndicators,
  diffQuestionnaireVersions,
  getQuestionnaireVersion,
  importQuestionnaireVersion,
  listQuestionnaireVersions,
  listWaveQuestionnaires,
  parseVersionReference,
  publishQuestionnaireVersion,
  retireQuestionnaireVersion,
} from './questionnaireVersionService';

/** The file as text, so a file that is not JSON still gets a verdict (the body limit is 1 MB). */
const text = z.string().min(1).max(950_000);
const id = z.string().min(1).max(64);
const checkBody = z.strictObject({ text, questionnaireId: id.optional() });
const importBody = z.strictObject({ text, publish: z.boolean().optional() });
const idParams = z.object({ id });
const versionParams = z.object({ id, version: z.coerce.number().int().min(1).max(1_000_000) });
const diffQuery = z.object({ from: z.string().min(3).max(80), to: z.string().min(3).max(80) });
const waveParams = z.object({ drawId: z.string().min(1).max(80) });
const waveBody = z.strictObject({ questionnaireId: id, version: z.number().int().min(1).max(1_000_000) });

export function questionnaireRoutes(store: Store): Router {
  const router = Router();
  const actor = (res: Response) => actorOf(res.locals.session!.user as User);

  route(router, 'GET', '/api/questionnaires', async (_req, res) => {
    const [versions, waves] = await Promise.all([listQuestionnaireVersions(store), listWaveQuestionnaires(store)]);
    res.json({ versions, waves });
  });

  route(router, 'POST', '/api/questionnaires/check', validate({ body: checkBody }), async (req, res) => {
    const body = req.body as z.output<typeof checkBody>;
    const indicators = await currentIndicators(store);
    const { json: _json, ...verdict } = checkQuestionnaireVersion(body.text, { indicators, ...(body.questionnaireId !== undefined ? { questionnaireId: body.questionnaireId } : {}) });
    res.json(verdict);
  });

  route(router, 'POST', '/api/questionnaires/:id/versions', validate({ params: idParams, body: importBody }), async (req, res) => {
    const { id: questionnaireId } = validParams<z.output<typeof idParams>>(res);
    const body = req.body as z.output<typeof importBody>;
    const { check, ...version } = await importQuestionnaireVersion(store, { questionnaireId, file: body.text, publish: body.publish === true, actor: actor(res) });
    res.status(201).json({ version, warnings: check.warnings });
  });

  route(router, 'GET', '/api/questionnaires/:id/versions/:version', validate({ params: versionParams }), async (_req, res) => {
    const p = validParams<z.output<typeof versionParams>>(res);
    res.json({ version: await getQuestionnaireVersion(store, p.id, p.version) });
  });

  route(router, 'POST', '/api/questionnaires/:id/versions/:version/publish', validate({ params: versionParams }), async (_req, res) => {
    const p = validParams<z.output<typeof versionParams>>(res);
    res.json({ version: await publishQuestionnaireVersion(store, p.id, p.version, actor(res)) });
  });

  route(router, 'POST', '/api/questionnaires/:id/versions/:version/retire', validate({ params: versionParams }), async (_req, res) => {
    const p = validParams<z.output<typeof versionParams>>(res);
    res.json({ version: await retireQuestionnaireVersion(store, p.id, p.version, actor(res)) });
  });

  route(router, 'GET', '/api/questionnaires/diff', validate({ query: diffQuery }), async (_req, res) => {
    const q = validQuery<z.output<typeof diffQuery>>(res);
    const rows = await diffQuestionnaireVersions(store, parseVersionReference(q.from), parseVersionReference(q.to));
    res.json({ from: q.from, to: q.to, rows });
  });

  route(router, 'PUT', '/api/questionnaires/waves/:drawId', validate({ params: waveParams, body: waveBody }), async (req, res) => {
    const { drawId } = validParams<z.output<typeof waveParams>>(res);
    const body = req.body as z.output<typeof waveBody>;
    res.json({ wave: await bindWaveQuestionnaire(store, { drawId, questionnaireId: body.questionnaireId, version: body.version, actor: actor(res) }) });
  });

  return router;
}
