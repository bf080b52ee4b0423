/**
 * HTTP routes of the maps and the open results.
 * Planner and admin (api/http/accessControl.ts): the current boundaries of a level and their versions, the
 * boundary upload (a GeoJSON file's text in a JSON body), the results as GeoJSON for the geoportal, and
 * publishing / unpublishing a wave. Public, without login: the published waves, a published wave's
 * snapshot with its boundaries, and its CSV and GeoJSON downloads — nothing else.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { actorOf, recordAudit } from '../audit/auditLog';
import { AnalysisService } from '../analysisWorkflow/analysisService';
import { AppError } from '../errors/appError';
import { preferredLanguage } from '../http/language';
import { route } from '../http/route';
import { validate, validParams, validQuery } from '../http/validate';
import { AREA_LEVELS, type Store, type User } from '../store/types';
import { importAreaGeometry } from './geometryImport';
import { currentGeometry } from './geometryService';
import { listPublications, publicWaves, publishedGeoJson, publishedResults, publishWave, unpublishResults } from './publications';
import { resultsGeoJson, resultsTable, resultsTableCsv } from './resultsTable';

/** Largest boundary file accepted: its text must fit the API's 1 MB JSON limit with room for the other fields. */
export const MAX_GEOMETRY_FILE_BYTES = 1000 * 1024;

const level = z.enum(AREA_LEVELS);
const levelQuery = z.object({ level: level.default('district') });
const uploadBody = z.strictObject({
  level,
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\u0000-\u001f\u007f/\\]+$/),
  content: z.string().min(1),
  nameProperty: z.string().min(1).max(80).optional(),
});
const exportQuery = z.object({ level: level.default('district'), drawId: z.string().min(1).max(64).optional() });
const publishBody = z.strictObject({ wave: z.number().int().min(1).max(1000) });
const idParams = z.object({ id: z.string().min(1).max(64) });
const waveParams = z.object({ wave: z.coerce.number().int().min(1).max(1000) });
const langQuery = z.object({ lang: z.enum(['de', 'en']).optional() });

const GEOJSON_TYPE = 'application/geo+json; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';

export function geographyRoutes(store: Store, service: AnalysisService = AnalysisService.forStore(store)): Router {
  const router = Router();
  const user = (res: Response) => res.locals.session!.user as User;
  const attachment = (res: Response, file: string, type: string, body: string) => {
    res.set('Content-Type', type);
    res.set('Content-Disposition', `attachment; filename="${file}"`);
    res.send(body);
  };

  route(router, 'GET', '/api/geography/areas', validate({ query: levelQuery }), async (_req, res) => {
    const q = validQuery<z.output<typeof levelQuery>>(res);
    const geometry = await currentGeometry(store, q.level);
    if (!geometry) throw new AppError('notFound', 'geography.noGeometry', { level: q.level });
    res.json({ geometry });
  });

  route(router, 'GET', '/api/geography/versions', async (_req, res) => {
    res.json({ versions: await store.areaGeometry.list() });
  });

  route(router, 'POST', '/api/geography/areas', validate({ body: uploadBody }), async (req, res) => {
    const body = req.body as z.output<typeof uploadBody>;
    if (Buffer.byteLength(body.content, 'utf8') > MAX_GEOMETRY_FILE_BYTES) throw new AppError('tooLarge', 'geography.fileTooLarge', { kb: MAX_GEOMETRY_FILE_BYTES / 1024 });
    const stored = await importAreaGeometry(store, { level: body.level, fileName: body.fileName, text: body.content, nameProperty: body.nameProperty }, actorOf(user(res)), preferredLanguage(req));
    const { geojson, ...version } = stored;
    res.status(201).json({ version: { ...version, areas: geojson.features.length } });
  });

  route(router, 'GET', '/api/analysis/export/results.geojson', validate({ query: exportQuery }), async (_req, res) => {
    const q = validQuery<z.output<typeof exportQuery>>(res);
    const geometry = await currentGeometry(store, q.level);
    if (!geometry) throw new AppError('notFound', 'geography.noGeometry', { level: q.level });
    const run = await service.run(q.drawId);
    const body = resultsGeoJson(geometry.geojson, resultsTable(run, q.level), geometry.schematic);
    const file = `ergebnisse-${q.level === 'district' ? 'bezirke' : 'teilbezirke'}-welle-${run.result.wave}.geojson`;
    await recordAudit(store.audit, actorOf(user(res)), {
      action: 'analysis.export',
      entityType: 'draw',
      entityId: run.result.drawId,
      details: { file, rows: body.features.length, dataVersion: run.result.dataVersion, level: q.level, geometryId: geometry.id },
    });
    res.set('Cache-Control', 'no-store');
    attachment(res, file, GEOJSON_TYPE, JSON.stringify(body));
  });

  route(router, 'GET', '/api/geography/publications', async (_req, res) => {
    res.json({ publications: await listPublications(store) });
  });

  route(router, 'POST', '/api/geography/publications', validate({ body: publishBody }), async (req, res) => {
    const body = req.body as z.output<typeof publishBody>;
    res.status(201).json({ publication: await publishWave(store, service, body.wave, actorOf(user(res))) });
  });

  route(router, 'POST', '/api/geography/publications/:id/unpublish', validate({ params: idParams }), async (_req, res) => {
    res.json({ publication: await unpublishResults(store, validParams<z.output<typeof idParams>>(res).id, actorOf(user(res))) });
  });

  // Public: only live snapshots, never the analysis itself.
  route(router, 'GET', '/api/public/results', async (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.json({ waves: await publicWaves(store) });
  });

  route(router, 'GET', '/api/public/results/:wave', validate({ params: waveParams }), async (_req, res) => {
    const published = await publishedResults(store, validParams<z.output<typeof waveParams>>(res).wave);
    res.set('Cache-Control', 'no-cache');
    res.json(published);
  });

  route(router, 'GET', '/api/public/results/:wave/results.csv', validate({ params: waveParams, query: langQuery }), async (req, res) => {
    const { wave } = validParams<z.output<typeof waveParams>>(res);
    const published = await publishedResults(store, wave);
    const csv = resultsTableCsv(published.snapshot, validQuery<z.output<typeof langQuery>>(res).lang ?? preferredLanguage(req));
    res.set('Cache-Control', 'no-cache');
    attachment(res, `ergebnisse-welle-${wave}.csv`, CSV_TYPE, csv.text);
  });

  route(router, 'GET', '/api/public/results/:wave/results.geojson', validate({ params: waveParams }), async (_req, res) => {
    const { wave } = validParams<z.output<typeof waveParams>>(res);
    const body = publishedGeoJson(await publishedResults(store, wave));
    if (!body) throw new AppError('notFound', 'geography.noGeometry', { level: 'district' });
    res.set('Cache-Control', 'no-cache');
    attachment(res, `ergebnisse-bezirke-welle-${wave}.geojson`, GEOJSON_TYPE, JSON.stringify(body));
  });

  return router;
}
