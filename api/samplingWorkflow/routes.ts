/**
 * HTTP routes of the sampling workflow ("Stichprobe"): upload → preview → import with progress,
 * allocation preview, draws, access codes and letters, reserve release, panel waves, contact purge.
 * Access (planner + admin; purge admin only) is declared in api/http/accessControl.ts.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { ALLOCATION_METHODS } from '../../sampling';
import { actorOf } from '../audit/auditLog';
import { AppError } from '../errors/appError';
import { preferredLanguage } from '../http/language';
import { route } from '../http/route';
import { validate, validParams, validQuery } from '../http/validate';
import type { Store } from '../store/types';
import { createDraw, drawSummary, previewAllocation, releaseReserveBatch, requireDraw, requireFrame, SORT_COLUMNS, verifyDraw } from './drawService';
import { listWaves, startWave } from './panelWaves';
import { panelIdKey } from '../secrets/panelIdKey';
import { FrameImports } from './frameImport';
import { defaultTemplate, exportLetters, purgeContacts, type LetterDefaults } from './lettersService';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { previewOf, UploadRegistry } from './uploads';

export interface SamplingRoutesOptions {
  dataDir: string;
  letters: LetterDefaults;
  /** Largest frame file accepted (default 500 MB). */
  uploadLimitBytes?: number;
}

const id = z.string().min(1).max(64);
const idParams = z.object({ id });
const districtName = z.string().min(1).max(200);
const perDistrictInt = z.record(districtName, z.number().int().min(0));
const numberOrPerDistrict = (schema: z.ZodNumber) => z.union([schema, z.record(districtName, schema)]);

const column = z.string().min(1).max(200);
const optionalColumn = z.string().max(200).optional();
const mappingSchema = z.strictObject({
  householdId: column,
  district: column,
  name: column,
  street: column,
  houseNumber: column,
  postcode: column,
  city: column,
  householdType: optionalColumn,
  children: optionalColumn,
  youngestChildAge: optionalColumn,
  sortKey: optionalColumn,
  subdistrict: optionalColumn,
});

const importBody = z.strictObject({
  uploadId: z.string().regex(/^[0-9a-f]{32}$/),
  name: z.string().trim().max(200).optional(),
  mapping: mappingSchema,
  districts: z.array(districtName).max(10_000).optional(),
});

const previewBody = z.strictObject({
  frameId: id,
  method: z.enum(ALLOCATION_METHODS),
  n: z.number().int().min(1),
  q: z.number().min(0).max(1).optional(),
  min: numberOrPerDistrict(z.number().int().min(0)).optional(),
  max: numberOrPerDistrict(z.number().int().min(0)).optional(),
  responseRate: numberOrPerDistrict(z.number().gt(0).max(1)).optional(),
  S: z.record(districtName, z.number().min(0)).optional(),
  p: z.number().min(0).max(1).optional(),
});

const drawBody = z.strictObject({
  frameId: id,
  method: z.enum(['srswor', 'systematic']),
  allocation: perDistrictInt,
  allocationExact: z.record(districtName, z.number().min(0)).optional(),
  sortKey: z.array(z.enum(SORT_COLUMNS)).min(1).max(SORT_COLUMNS.length).optional(),
  seed: z.number().int().min(0).max(4294967295).optional(),
  reserve: perDistrictInt.optional(),
  wave: z.number().int().min(1).max(100).optional(),
});

const text = (max: number) => z.string().min(1).max(max);
const templateSchema = z.strictObject({
  senderLine: text(300),
  senderBlock: text(1000),
  date: text(100),
  subject: text(300),
  body: text(10_000),
  signature: text(1000),
  surveyBaseUrl: z.string().url().max(300),
  deadline: text(100),
  language: z.enum(['de', 'en']),
});

const lettersBody = z.strictObject({
  format: z.enum(['pdf', 'csv']),
  reissue: z.boolean().default(false),
  template: templateSchema.optional(),
});
const codesBody = z.strictObject({ reissue: z.boolean().default(false), template: templateSchema.optional() });
const releaseBody = z.strictObject({ batch: perDistrictInt });
const purgeBody = z.strictObject({ confirm: z.literal(true) });
const waveBody = z.strictObject({
  previousDrawId: id,
  frameId: id,
  allocation: perDistrictInt,
  reserve: perDistrictInt.optional(),
  seed: z.number().int().min(0).max(4294967295).optional(),
});
const drawListQuery = z.object({ frameId: id.optional() });
const templateQuery = z.object({ language: z.enum(['de', 'en']).optional() });

const userOf = (res: { locals: { session?: { user: { id: string; username: string } | null } } }) => {
  const user = res.locals.session!.user!;
  return { ...actorOf(user as Parameters<typeof actorOf>[0]), id: user.id };
};

/** File name from the X-File-Name header (URI-encoded by the browser), without any path. */
function uploadFileName(req: Request): string {
  const raw = req.get('x-file-name') ?? '';
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // keep the raw header
  }
  name = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return name.slice(0, 200) || 'frame.csv';
}

export function samplingRoutes(store: Store, options: SamplingRoutesOptions): Router {
  const router = Router();
  const uploads = new UploadRegistry(options.dataDir, options.uploadLimitBytes);
  const imports = new FrameImports(store, uploads);
  let secret: string | undefined;
  const codeSecret = () => (secret ??= accessCodeHashSecret(options.dataDir));
  let panelKey: string | undefined;
  const panelSecret = () => (panelKey ??= panelIdKey(options.dataDir));

  route(router, 'POST', '/api/sampling/uploads', async (req, res) => {
    const declared = req.get('content-length');
    const upload = await uploads.receive(req, {
      userId: res.locals.session!.user!.id,
      fileName: uploadFileName(req),
      declaredLength: declared === undefined ? undefined : Number(declared),
    });
    res.status(201).json({ upload: previewOf(upload) });
  });

  route(router, 'POST', '/api/sampling/imports', validate({ body: importBody }), async (req, res) => {
    const body = req.body as z.output<typeof importBody>;
    const progress = imports.start(body, userOf(res), preferredLanguage(req));
    res.status(202).json({ import: progress });
  });

  route(router, 'GET', '/api/sampling/imports/:id', validate({ params: idParams }), async (_req, res) => {
    const progress = imports.get(validParams<{ id: string }>(res).id, res.locals.session!.user!.id);
    if (!progress) throw new AppError('notFound', 'sampling.importNotFound');
    res.json({ import: progress });
  });

  route(router, 'GET', '/api/sampling/frames', async (_req, res) => {
    res.json({ frames: await store.frames.list() });
  });

  route(router, 'GET', '/api/sampling/frames/:id', validate({ params: idParams }), async (_req, res) => {
    const frame = await requireFrame(store, validParams<{ id: string }>(res).id);
    res.json({ frame, contacts: await store.contacts.countByFrame(frame.id) });
  });

  route(router, 'POST', '/api/sampling/frames/:id/purge-contacts', validate({ params: idParams, body: purgeBody }), async (_req, res) => {
    res.json(await purgeContacts(store, validParams<{ id: string }>(res).id, userOf(res)));
  });

  route(router, 'POST', '/api/sampling/allocations/preview', validate({ body: previewBody }), async (req, res) => {
    res.json(await previewAllocation(store, req.body as z.output<typeof previewBody>));
  });

  route(router, 'POST', '/api/sampling/draws', validate({ body: drawBody }), async (req, res) => {
    const result = await createDraw(store, req.body as z.output<typeof drawBody>, userOf(res), panelSecret());
    res.status(201).json({ draw: await drawSummary(store, result.draw) });
  });

  route(router, 'GET', '/api/sampling/draws', validate({ query: drawListQuery }), async (_req, res) => {
    const { frameId } = validQuery<z.output<typeof drawListQuery>>(res);
    const draws = await store.draws.list(frameId);
    res.json({ draws: await Promise.all(draws.map((d) => drawSummary(store, d))) });
  });

  route(router, 'GET', '/api/sampling/draws/:id', validate({ params: idParams }), async (_req, res) => {
    const draw = await requireDraw(store, validParams<{ id: string }>(res).id);
    const codes = await store.accessCodes.listByDraw(draw.id);
    res.json({
      draw: await drawSummary(store, draw),
      codes: { active: codes.filter((c) => c.revokedAt === null).length, revoked: codes.filter((c) => c.revokedAt !== null).length },
    });
  });

  route(router, 'GET', '/api/sampling/draws/:id/verify', validate({ params: idParams }), async (_req, res) => {
    res.json(await verifyDraw(store, validParams<{ id: string }>(res).id));
  });

  route(router, 'POST', '/api/sampling/draws/:id/reserve-release', validate({ params: idParams, body: releaseBody }), async (req, res) => {
    const { batch } = req.body as z.output<typeof releaseBody>;
    res.json(await releaseReserveBatch(store, validParams<{ id: string }>(res).id, batch, userOf(res)));
  });

  route(router, 'GET', '/api/sampling/waves', async (_req, res) => {
    res.json({ waves: await listWaves(store) });
  });

  route(router, 'POST', '/api/sampling/waves', validate({ body: waveBody }), async (req, res) => {
    res.status(201).json(await startWave(store, req.body as z.output<typeof waveBody>, panelSecret(), userOf(res)));
  });

  route(router, 'GET', '/api/sampling/letter-template', validate({ query: templateQuery }), async (req, res) => {
    const language = validQuery<z.output<typeof templateQuery>>(res).language ?? preferredLanguage(req);
    res.json({ template: defaultTemplate(language, options.letters) });
  });

  const sendLetters = async (req: Request, res: import('express').Response, format: 'pdf' | 'csv', reissue: boolean, template: z.output<typeof templateSchema> | undefined) => {
    const file = await exportLetters(
      store,
      validParams<{ id: string }>(res).id,
      { format, reissue, template: template ?? defaultTemplate(preferredLanguage(req), options.letters) },
      codeSecret(),
      userOf(res),
    );
    res.set({
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'no-store',
      'X-Letter-Count': String(file.count),
    });
    res.send(file.body);
  };

  route(router, 'POST', '/api/sampling/draws/:id/letters', validate({ params: idParams, body: lettersBody }), async (req, res) => {
    const body = req.body as z.output<typeof lettersBody>;
    await sendLetters(req, res, body.format, body.reissue, body.template);
  });

  // Issuing codes without printing them would lose the plain codes, so this answers the mail-merge file.
  route(router, 'POST', '/api/sampling/draws/:id/codes', validate({ params: idParams, body: codesBody }), async (req, res) => {
    const body = req.body as z.output<typeof codesBody>;
    await sendLetters(req, res, 'csv', body.reissue, body.template);
  });

  return router;
}
