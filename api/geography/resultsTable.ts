/**
 * The disclosure-controlled results per area that leave the platform as a map: what a publication stores
 * as its snapshot, what the public page shows, and what `cli export-geojson` and the GeoJSON/CSV downloads
 * write. Direct (design-based) estimates only, exactly as in the results table: a suppressed cell has no
 * value, no interval and no n — computeAnalysis applied the disclosure control, nothing here can undo it.
 */
import { resultsToCsv, type CsvCell } from '../../analysis';
import type { AnalysisRun, IndicatorCell } from '../analysisWorkflow/computeAnalysis';
import type { AreaFeatureCollection, AreaLevel } from '../store/types';

export type PublishedFlag = 'ok' | 'caution' | 'suppressed';

export interface PublishedCell {
  area: string;
  /** Respondents; null when suppressed. */
  n: number | null;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  flag: PublishedFlag;
}

export interface PublishedIndicator {
  id: string;
  label: { de: string; en: string };
  theme: string;
  direction: 'need' | 'context';
  city: Omit<PublishedCell, 'area'>;
  areas: PublishedCell[];
}

export interface ResultsTable {
  drawId: string;
  wave: number;
  level: AreaLevel;
  computedAt: string;
  respondents: number;
  areas: string[];
  indicators: PublishedIndicator[];
}

const published = (cell: IndicatorCell | undefined, area: string): PublishedCell => {
  if (!cell || cell.flag === 'suppressed' || cell.estimate === null) return { area, n: null, estimate: null, ciLow: null, ciHigh: null, flag: 'suppressed' };
  return { area, n: cell.n, estimate: cell.estimate, ciLow: cell.ciLow, ciHigh: cell.ciHigh, flag: cell.flag };
};

/** The run's direct estimates per area of the level (areas in the run's order; sub-districts as the frame lists them). */
export function resultsTable(run: AnalysisRun, level: AreaLevel): ResultsTable {
  const r = run.result;
  const areas = level === 'district' ? r.districts : r.smallArea.subdistricts.map((s) => s.area);
  return {
    drawId: r.drawId,
    wave: r.wave,
    level,
    computedAt: r.computedAt,
    respondents: r.respondents,
    areas,
    indicators: r.indicators.map((ind) => {
      const cells = new Map((level === 'district' ? ind.districts : ind.subdistricts).map((c) => [String(c.district), c]));
      const { area: _city, ...city } = published(ind.overall, '');
      return { id: ind.id, label: ind.label, theme: ind.theme, direction: ind.direction, city, areas: areas.map((a) => published(cells.get(a), a)) };
    }),
  };
}

/**
 * The areas as a GeoJSON FeatureCollection (WGS 84) with the results as properties: `district` (the area's
 * name), per indicator id its estimate (null when suppressed), `<id>_ci_low`, `<id>_ci_high`, `<id>_flag`;
 * `schematic: true` on drawn-up demo boundaries. One Feature per area of the geometry, in its order; an area
 * without results gets nulls and flag 'suppressed'.
 */
export function resultsGeoJson(geometry: AreaFeatureCollection, table: Pick<ResultsTable, 'indicators'>, schematic: boolean): AreaFeatureCollection {
  const byIndicator = table.indicators.map((ind) => ({ id: ind.id, cells: new Map(ind.areas.map((c) => [c.area, c])) }));
  return {
    type: 'FeatureCollection',
    features: geometry.features.map((f) => {
      const area = f.properties.district;
      const properties: AreaFeatureCollection['features'][number]['properties'] = { district: area };
      if (schematic) properties.schematic = true;
      for (const { id, cells } of byIndicator) {
        const c = cells.get(area) ?? published(undefined, area);
        properties[id] = c.estimate;
        properties[`${id}_ci_low`] = c.ciLow;
        properties[`${id}_ci_high`] = c.ciHigh;
        properties[`${id}_flag`] = c.flag;
      }
      return { type: 'Feature', properties, geometry: f.geometry };
    }),
  };
}

const CSV_COLUMNS = ['wave', 'indicator', 'label', 'area', 'n', 'estimate', 'ci_low', 'ci_high', 'flag'];

/** One row per indicator × (city, area); suppressed cells empty with flag 'suppressed'. */
export function resultsTableCsv(table: Pick<ResultsTable, 'indicators' | 'wave'>, lang: 'de' | 'en', dialect: 'standard' | 'excel-de' = 'standard'): { text: string; rows: number } {
  const city = lang === 'de' ? 'Stadt gesamt' : 'Whole city';
  const rows: CsvCell[][] = [];
  for (const ind of table.indicators) {
    for (const c of [{ ...ind.city, area: city }, ...ind.areas]) rows.push([table.wave, ind.id, ind.label[lang], c.area, c.n, c.estimate, c.ciLow, c.ciHigh, c.flag]);
  }
  return { text: resultsToCsv(CSV_COLUMNS, rows, dialect), rows: rows.length };
}
