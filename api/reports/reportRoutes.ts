/**
 * HTTP route of the district report: GET /api/analysis/report?format=pdf|html&lang=de|en[&drawId=…] sends the
 * report of the newest (or the given) draw as a download. Planner and admin only (api/http/accessControl.ts);
 * audited like every analysis download, with the file, the page count and the data version.
 */
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, recordAudit } from '../audit/auditLog';
import { preferredLanguage } from '../http/language';
import { route } from '../http/route';
import { validate, validQuery } from '../http/validate';
import type { Store, User } from '../store/types';
import type { AnalysisService } from '../analysisWorkflow/analysisService';
import { districtReport } from './reportService';

const reportQuery = z.object({
  drawId: z.string().min(1).max(64).optional(),
  lang: z.enum(['de', 'en']).optional(),
  format: z.enum(['pdf', 'html']).default('pdf'),
});

/** The report route on the analysis' own service, so the report reads the same cached run as the view. */
export function reportRoutes(store: Store, service: AnalysisService): Router {
  const router = Router();
  route(router, 'GET', '/api/analysis/report', validate({ query: reportQuery }), async (req, res) => {
    const q = validQuery<z.output<typeof reportQuery>>(res);
    const lang = q.lang ?? preferredLanguage(req);
    const report = await districtReport(store, { lang, format: q.format, drawId: q.drawId }, service);
    await recordAudit(store.audit, actorOf(res.locals.session!.user as User), {
      action: 'analysis.export',
      entityType: 'draw',
      entityId: report.drawId,
      details: { file: report.fileName, rows: report.pages ?? report.model.sections.length, dataVersion: report.dataVersion, lang, format: q.format },
    });
    res.set('Content-Type', report.contentType);
    res.set('Content-Disposition', `attachment; filename="${report.fileName}"`);
    res.set('Cache-Control', 'no-store');
    res.send(report.body);
  });
  return router;
}
