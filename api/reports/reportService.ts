/**
 * The district report of one draw (default: the newest) or one wave, as PDF or HTML: the analysis run from
 * the AnalysisService (the view and the exports read the same kind of cached run), the district geometry for the
 * overview map when one was imported, the report model, the renderer. Used by the HTTP route and `cli report`.
 */
import { currentGeometry } from '../geography/geometryService';
import type { Store } from '../store/types';
import { AnalysisService } from '../analysisWorkflow/analysisService';
import { reportHtml } from './reportHtml';
import { reportMap } from './reportMap';
import { buildReport, type ReportModel } from './reportModel';
import { renderReportPdf } from './reportPdf';
import type { ReportLanguage } from './reportTexts';

export type ReportFormatName = 'pdf' | 'html';

export interface ReportRequest {
  lang: ReportLanguage;
  format: ReportFormatName;
  /** A draw id; without it, the newest draw. */
  drawId?: string;
}

export interface DistrictReport {
  body: Buffer;
  contentType: string;
  fileName: string;
  model: ReportModel;
  drawId: string;
  dataVersion: string;
  /** Whether the city map could be drawn (a district geometry was imported). */
  withMap: boolean;
  /** Pages of the PDF; null for HTML. */
  pages: number | null;
  /** Where the time went: the analysis run (both waves when there is a previous one; 0 when cached) and the report itself. */
  timings: { analysisMs: number; reportMs: number };
}

/**
 * Builds the report. Errors of the analysis (no draw, no responses yet, weighting not possible) pass through
 * as the AppErrors they are.
 */
export async function districtReport(store: Store, request: ReportRequest, service: AnalysisService = AnalysisService.forStore(store)): Promise<DistrictReport> {
  const started = performance.now();
  const run = await service.run(request.drawId);
  const analysed = performance.now();
  const geometry = await currentGeometry(store, 'district');
  const map = geometry ? reportMap(run.result, geometry.geojson, request.lang, { schematic: geometry.schematic }) : null;
  const model = buildReport(run.result, request.lang, map ? { map } : {});
  const base = request.lang === 'de' ? `stadtteilbericht-welle-${run.result.wave}` : `district-report-wave-${run.result.wave}`;
  const pdf = request.format === 'pdf' ? await renderReportPdf(model) : null;
  const body = pdf ? pdf.pdf : Buffer.from(reportHtml(model), 'utf8');
  return {
    body,
    contentType: request.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
    fileName: `${base}.${request.format}`,
    model,
    drawId: run.result.drawId,
    dataVersion: run.result.dataVersion,
    withMap: map !== null,
    pages: pdf ? pdf.pages : null,
    timings: { analysisMs: Math.round(analysed - started), reportMs: Math.round(performance.now() - analysed) },
  };
}
