/**
 * HTTP route of printed questionnaires for a draw (planner and admin, api/http/accessControl.ts):
 * one merged print-shop PDF in letter order, or one household's PDF. The PDF is streamed while it
 * is drawn; `X-Form-Count` and `X-Estimated-Bytes` let the page show progress.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { actorOf } from '../audit/auditLog';
import { route } from '../http/route';
import { validate, validParams } from '../http/validate';
import type { Store } from '../store/types';
import { prepareDrawForms } from './drawForms';
import { paperFormsPdf, paperFormsPdfStream } from './paperFormPdf';

const id = z.string().min(1).max(64);
const idParams = z.object({ id });
const formsBody = z.strictObject({
  lang: z.enum(['de', 'en']).default('de'),
  largePrint: z.boolean().default(false),
  householdId: id.optional(),
  questionnaire: z.string().regex(/^[A-Za-z0-9._-]{1,64}@[1-9][0-9]{0,5}$/).optional(),
});

const userOf = (res: Response) => actorOf(res.locals.session!.user);

export function paperFormRoutes(store: Store): Router {
  const router = Router();

  route(router, 'POST', '/api/sampling/draws/:id/paper-forms', validate({ params: idParams, body: formsBody }), async (req, res) => {
    const body = req.body as z.output<typeof formsBody>;
    const prepared = await prepareDrawForms(store, validParams<{ id: string }>(res).id, body, userOf(res));
    // One probe form gives the size of each (they differ only in their QR codes), for the progress bar.
    const probe = await paperFormsPdf(prepared.layout, ['000000000000']);
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${prepared.fileName}"`,
      'Cache-Control': 'no-store',
      'X-Form-Count': String(prepared.forms.length),
      'X-Page-Count': String(prepared.forms.length * prepared.layout.pages.length),
      'X-Estimated-Bytes': String(probe.length * prepared.forms.length),
    });
    const { stream, done } = paperFormsPdfStream(prepared.layout, prepared.forms.map((f) => f.formId));
    res.on('close', () => {
      if (!res.writableFinished) stream.destroy();
    });
    stream.pipe(res);
    try {
      await done;
    } catch (err) {
      res.destroy(err as Error);
    }
  });

  return router;
}
