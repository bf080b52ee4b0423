/**
 * HTTP routes of the analysis ("Auswertung"): weighting overview, indicator table, and the downloads
 * (results CSV in two dialects, microdata, codebook, R script). Planner and admin only (api/http/accessControl.ts).
 * Every download is audited with who, which file and how many rows.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { actorOf, recordAudit } from '../audit/auditLog';
import { preferredLanguage } from '../http/language';
import { route } from '../http/route';
import { validate, validQuery } from '../http/validate';
import type { Store, User } from '../store/types';
import { indicatorsAnswer, overviewAnswer } from './analysisAnswers';
import { AnalysisService } from './analysisService';
import type { AnalysisRun } from './computeAnalysis';
import { codebookCsv, microdataCsv, modelCardsJson, reproduceR, resultsCsv, smallAreaInputsCsv, type Lang } from './exports';
import { loadModelSettings, saveModelSetting } from './modelSettings';
import { reportRoutes } from '../reports/reportRoutes';

const drawId = z.string().min(1).max(64).optional();
const lang = z.enum(['de', 'en']).optional();
const drawQuery = z.object({ drawId });
const indicatorsQuery = z.object({ drawId, lang });
const resultsQuery = z.object({ drawId, lang, dialect: z.enum(['standard', 'excel-de']).default('standard') });
const modelSettingBody = z.object({
  indicatorId: z.string().min(1).max(80),
  level: z.enum(['district', 'subdistrict']),
  covariates: z.array(z.string().min(1).max(120)).max(30).nullable(),
});

const CSV_TYPE = 'text/csv; charset=utf-8';

export function analysisRoutes(store: Store, service: AnalysisService = AnalysisService.forStore(store)): Router {
  const router = Router();
  const user = (res: Response) => res.locals.session!.user as User;

  async function download(res: Response, file: string, type: string, body: string, rows: number, run: { result: { drawId: string; dataVersion: string } }, details: Record<string, unknown> = {}) {
    await recordAudit(store.audit, actorOf(user(res)), {
      action: 'analysis.export',
      entityType: 'draw',
      entityId: run.result.drawId,
      details: { file, rows, dataVersion: run.result.dataVersion, ...details },
    });
    res.set('Content-Type', type);
    res.set('Content-Disposition', `attachment; filename="${file}"`);
    res.set('Cache-Control', 'no-store');
    res.send(body);
  }

  route(router, 'GET', '/api/analysis/overview', validate({ query: drawQuery }), async (_req, res) => {
    const run = await service.run(validQuery<z.output<typeof drawQuery>>(res).drawId);
    res.json(overviewAnswer(run.result, run.cached));
  });

  route(router, 'GET', '/api/analysis/indicators', validate({ query: indicatorsQuery }), async (req, res) => {
    const q = validQuery<z.output<typeof indicatorsQuery>>(res);
    const language: Lang = q.lang ?? preferredLanguage(req);
    const run = await service.run(q.drawId);
    res.json(indicatorsAnswer(run.result, run.cached, language));
  });

  route(router, 'GET', '/api/analysis/model-settings', async (_req, res) => {
    res.json({ settings: await loadModelSettings(store) });
  });

  route(router, 'PUT', '/api/analysis/model-settings', validate({ body: modelSettingBody }), async (req, res) => {
    const body = req.body as z.output<typeof modelSettingBody>;
    const r = (await service.run()).result;
    const areas = body.level === 'district' ? r.districts.length : r.smallArea.subdistricts.length;
    const settings = await saveModelSetting(store, user(res), body, { indicators: r.indicators.map((i) => i.id), covariates: r.smallArea.covariates, areas });
    res.json({ settings });
  });

  route(router, 'GET', '/api/analysis/export/results.csv', validate({ query: resultsQuery }), async (req, res) => {
    const q = validQuery<z.output<typeof resultsQuery>>(res);
    const language: Lang = q.lang ?? preferredLanguage(req);
    const run = await service.run(q.drawId);
    const csv = resultsCsv(run, q.dialect, language);
    const file = q.dialect === 'excel-de' ? 'ergebnisse-excel.csv' : 'results.csv';
    await download(res, file, CSV_TYPE, csv.text, csv.rows, run, { dialect: q.dialect, lang: language });
  });

  // Downloads that depend on the draw only, each audited with its file name and row count.
  const exports: [file: string, type: string, make: (run: AnalysisRun) => { text: string; rows: number }][] = [
    ['microdata.csv', CSV_TYPE, microdataCsv],
    ['codebook.csv', CSV_TYPE, codebookCsv],
    ['small-area-inputs.csv', CSV_TYPE, smallAreaInputsCsv],
    ['model-cards.json', 'application/json; charset=utf-8', modelCardsJson],
    ['reproduce.R', 'text/plain; charset=utf-8', (run) => {
      const script = reproduceR(run);
      return { text: script, rows: script.split('\n').length };
    }],
  ];
  for (const [file, type, make] of exports) {
    route(router, 'GET', `/api/analysis/export/${file}`, validate({ query: drawQuery }), async (_req, res) => {
      const run = await service.run(validQuery<z.output<typeof drawQuery>>(res).drawId);
      const { text, rows } = make(run);
      await download(res, file, type, text, rows, run);
    });
  }

  // The district report (PDF/HTML) reads the same cached runs.
  router.use(reportRoutes(store, service));

  return router;
}
