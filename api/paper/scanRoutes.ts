/**
 * HTTP routes of scanned paper forms (staff and admin, api/http/accessControl.ts): upload a scan file
 * (raw body; read in the background, progress by polling), the verification queue, one form with its
 * items, an item's image crop, and verification.
 */
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors/appError';
import { preferredLanguage } from '../http/language';
import { route } from '../http/route';
import { validate, validParams } from '../http/validate';
import type { Store, User } from '../store/types';
import { ScanImports, scanCrop, scannedFormView, scanQueue, verifyScannedForm } from './scanQueue';

const formParams = z.object({ formId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/) });
const cropParams = formParams.extend({ item: z.coerce.number().int().min(0).max(10_000) });
const jobParams = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) });
const verifyBody = z.strictObject({
  revision: z.number().int().min(1),
  decisions: z.record(z.string().regex(/^\d{1,5}$/), z.array(z.string().max(40)).max(30)),
});

const userOf = (res: Response): User => res.locals.session!.user! as User;

export function scanRoutes(store: Store, options: { uploadDir?: string; limitBytes?: number } = {}): Router {
  const router = Router();
  const imports = new ScanImports();
  const dir = options.uploadDir ?? join(tmpdir(), 'paper-scan-uploads');
  const limit = options.limitBytes ?? 500 * 1024 * 1024;

  route(router, 'POST', '/api/paper/scans', async (req, res) => {
    const declared = Number(req.get('content-length') ?? 0);
    const tooLarge = new AppError('tooLarge', 'upload.fileTooLarge', { limitMb: Math.round(limit / 1024 / 1024) });
    if (declared > limit) {
      req.resume();
      throw tooLarge;
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, `${randomBytes(16).toString('hex')}.scan`);
    let bytes = 0;
    const count = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        bytes += chunk.length;
        done(bytes > limit ? tooLarge : null, chunk);
      },
    });
    try {
      await pipeline(req, count, createWriteStream(path, { mode: 0o600 }));
    } catch (err) {
      rmSync(path, { force: true });
      throw err;
    }
    const id = imports.start(store, userOf(res), path);
    res.status(202).json({ import: { id, status: 'running', pagesDone: 0 } });
  });

  route(router, 'GET', '/api/paper/scans/imports/:id', validate({ params: jobParams }), async (req, res) => {
    const job = imports.get(validParams<{ id: string }>(res).id, userOf(res).id);
    res.json({
      import: {
        status: job.status,
        pagesDone: job.pagesDone,
        summary: job.summary,
        error: job.error ? job.error.text(preferredLanguage(req)) : null,
      },
    });
  });

  route(router, 'GET', '/api/paper/scans', async (_req, res) => {
    res.json({ forms: await scanQueue(store) });
  });

  route(router, 'GET', '/api/paper/scans/:formId', validate({ params: formParams }), async (req, res) => {
    res.json({ form: await scannedFormView(store, validParams<{ formId: string }>(res).formId, preferredLanguage(req)) });
  });

  route(router, 'GET', '/api/paper/scans/:formId/items/:item/crop', validate({ params: cropParams }), async (_req, res) => {
    const { formId, item } = validParams<{ formId: string; item: number }>(res);
    const png = await scanCrop(store, formId, item);
    res.set({ 'Content-Type': 'image/png', 'Cache-Control': 'no-store' }).send(Buffer.from(png));
  });

  route(router, 'POST', '/api/paper/scans/:formId/verify', validate({ params: formParams, body: verifyBody }), async (req, res) => {
    const body = req.body as z.output<typeof verifyBody>;
    const result = await verifyScannedForm(store, userOf(res), validParams<{ formId: string }>(res).formId, body, preferredLanguage(req));
    res.json({ verified: result });
  });

  return router;
}
