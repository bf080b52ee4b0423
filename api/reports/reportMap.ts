/**
 * The city overview map of the district report: one indicator's district values as a choropleth drawn by
 * analysis/maps (projected SVG paths, class limits, greyscale-safe fills with hatch and dot patterns), turned
 * into the report's map block with a legend in the report's language. Pure: the caller passes the geometry.
 *
 * The indicator mapped is, unless chosen, the first need indicator with the fewest suppressed and uncertain
 * district values (suppressed count first), so the overview shows as many reliable values as possible.
 * Each district shows the value its profile shows (reportModel.shownValue).
 */
import { choroplethMap, type AreaFeatureCollectionLike, type MapValue } from '../../analysis/maps';
import type { AnalysisResult, IndicatorResult } from '../analysisWorkflow/computeAnalysis';
import { reportFormat } from './reportFormat';
import { shownValue, type ReportOptions } from './reportModel';
import type { ReportLanguage } from './reportTexts';

const LEGEND = {
  de: {
    unreliable: 'mit Vorsicht (schraffiert)',
    suppressed: 'unterdrückt (gepunktet)',
    missing: 'kein Wert',
    schematic: 'Schematische Gebietsumrisse, keine amtlichen Grenzen.',
    withoutOutline: (names: string) => `Ohne Umriss in den Gebietsgrenzen, daher nicht in der Karte: ${names}.`,
  },
  en: {
    unreliable: 'with caution (hatched)',
    suppressed: 'suppressed (dotted)',
    missing: 'no value',
    schematic: 'Schematic area outlines, not official boundaries.',
    withoutOutline: (names: string) => `No outline in the boundaries, so not on the map: ${names}.`,
  },
} as const;

/** The indicator the overview map shows by default (see the module comment). */
export function mapIndicator(result: AnalysisResult): IndicatorResult | null {
  let best: IndicatorResult | null = null;
  let bestScore = Infinity;
  for (const ind of result.indicators) {
    if (ind.direction !== 'need') continue;
    const shown = ind.districts.map(shownValue);
    const score = shown.filter((s) => s.kind === 'suppressed').length * 1000 + ind.districts.filter((c) => c.flag !== 'ok').length;
    if (score < bestScore) {
      best = ind;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The map block for buildReport's options, or null when there is nothing to draw.
 * @example buildReport(result, 'de', { map: reportMap(result, geometry, 'de') ?? undefined })
 */
export function reportMap(
  result: AnalysisResult,
  geometry: AreaFeatureCollectionLike,
  lang: ReportLanguage,
  options: { indicatorId?: string; schematic?: boolean } = {},
): NonNullable<ReportOptions['map']> | null {
  const indicator = options.indicatorId ? result.indicators.find((i) => i.id === options.indicatorId) ?? null : mapIndicator(result);
  if (!indicator || geometry.features.length === 0) return null;
  const fmt = reportFormat(lang);
  const values: MapValue[] = indicator.districts.map((cell) => {
    const shown = shownValue(cell);
    const flag = shown.kind === 'suppressed' ? 'suppressed' : shown.kind === 'direct' ? cell.flag : (cell.model?.flag ?? 'ok');
    return { area: cell.district as string, value: shown.estimate, ciLow: shown.ciLow, ciHigh: shown.ciHigh, flag };
  });
  const map = choroplethMap(geometry, values, { width: 480, height: 360, classes: 4 });
  const patternOf = (pattern: string | null): 'hatch' | 'dots' | null => (pattern === null ? null : pattern.includes('dots') ? 'dots' : 'hatch');
  const words = LEGEND[lang];
  return {
    indicatorLabel: indicator.label[lang],
    width: map.width,
    height: map.height,
    areas: map.areas.map((a) => ({
      name: a.area,
      path: a.path,
      fill: a.fill,
      pattern: patternOf(a.pattern),
      value: a.value === null ? '–' : fmt.percent(a.value),
      centroid: a.centroid,
      labelColour: a.text,
    })),
    legend: map.legend.map((l) => ({
      fill: l.fill,
      pattern: patternOf(l.pattern),
      label:
        l.kind === 'class'
          ? `${fmt.percent(l.from)} – ${fmt.percent(l.to)}`
          : l.kind === 'unreliable'
            ? words.unreliable
            : l.kind === 'suppressed'
              ? words.suppressed
              : words.missing,
    })),
    note:
      [options.schematic ? words.schematic : '', map.unmatched.withoutGeometry.length > 0 ? words.withoutOutline(map.unmatched.withoutGeometry.join(', ')) : '']
        .filter((n) => n !== '')
        .join(' ') || null,
  };
}
