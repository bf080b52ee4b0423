/**
 * HTTP routes of the area covariates (Gebietsmerkmale) used by the small-area models: upload a CSV
 * per level as a new version, list the versions. Planner and admin only (api/http/accessControl.ts).
 * The file travels base64-encoded in a JSON body, so the server sees its bytes (encoding detection)
 * and the body is validated like every other request; covariate files are a few kilobytes.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { actorOf } from '../audit/auditLog';
import { AppError } from '../errors/appError';
import { preferredLanguage } from '../http/language';
import { route } from '../http/route';
import { validate, validQuery } from '../http/validate';
import { AREA_LEVELS, type Store, type User } from '../store/types';
import { areaCovariateOverview, importAreaCovariates } from './areaCovariateImport';

/** Largest covariate file accepted (its base64 text must fit the API's 1 MB JSON limit). */
export const MAX_COVARIATE_FILE_BYTES = 512 * 1024;

const frameId = z.string().min(1).max(64);
const level = z.enum(AREA_LEVELS);
const uploadBody = z.strictObject({
  frameId: frameId.optional(),
  level,
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\u0000-\u001f\u007f/\\]+$/),
  // Base64 of at most MAX_COVARIATE_FILE_BYTES bytes.
  content: z
    .string()
    .max(Math.ceil(MAX_COVARIATE_FILE_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
const listQuery = z.object({ frameId: frameId.optional(), level: level.optional() });

export function covariateRoutes(store: Store): Router {
  const router = Router();
  const user = (res: Response) => res.locals.session!.user as User;

  route(router, 'GET', '/api/analysis/covariates', validate({ query: listQuery }), async (_req, res) => {
    const q = validQuery<z.output<typeof listQuery>>(res);
    res.json(await areaCovariateOverview(store, q.frameId, q.level));
  });

  route(router, 'POST', '/api/analysis/covariates', validate({ body: uploadBody }), async (req, res) => {
    const body = req.body as z.output<typeof uploadBody>;
    const bytes = Buffer.from(body.content, 'base64');
    if (bytes.length > MAX_COVARIATE_FILE_BYTES) {
      throw new AppError('tooLarge', 'covariates.fileTooLarge', { kb: MAX_COVARIATE_FILE_BYTES / 1024 });
    }
    const stored = await importAreaCovariates(store, { frameId: body.frameId, level: body.level, fileName: body.fileName, bytes }, actorOf(user(res)), preferredLanguage(req));
    res.status(201).json({ version: { ...stored, importedByUsername: user(res).username } });
  });

  return router;
}
