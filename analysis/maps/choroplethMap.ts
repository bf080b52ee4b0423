import { classBreaks, classIndex, type ClassMethod } from './classBreaks';
import { classFills, HATCH_PATTERN_ID, MAP_MAX_CLASSES, NO_DATA_FILL, SUPPRESSED_FILL, SUPPRESSED_PATTERN_ID } from './mapPalette';
import { projectAreas } from './projectAreas';
import type { AreaFeatureCollectionLike } from './types';

/** The value of one area as the map shows it (direct or model-based, chosen by the caller). */
export interface MapValue {
  area: string;
  /** null when suppressed or not estimable. */
  value: number | null;
  ciLow?: number | null;
  ciHigh?: number | null;
  /** Disclosure flag: 'caution' is drawn hatched, 'suppressed' grey with dots. */
  flag: 'ok' | 'caution' | 'suppressed';
}

export interface MapArea {
  area: string;
  path: string;
  centroid: [number, number];
  value: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  flag: MapValue['flag'] | 'missing';
  /** Class of the value, null when suppressed or missing. */
  classIndex: number | null;
  fill: string;
  /** Label colour readable on `fill`. */
  text: string;
  /** Pattern drawn over the fill (`url(#id)`), null for none. */
  pattern: string | null;
}

export interface LegendEntry {
  kind: 'class' | 'unreliable' | 'suppressed' | 'missing';
  fill: string;
  pattern: string | null;
  /** Class limits (from ≤ v < to; the last class includes `to`); null for the other entries. */
  from: number | null;
  to: number | null;
}

export interface ChoroplethMap {
  width: number;
  height: number;
  areas: MapArea[];
  breaks: number[];
  legend: LegendEntry[];
  /** Areas in the values without geometry, and areas of the geometry without a value (listed, never guessed). */
  unmatched: { withoutGeometry: string[]; withoutValue: string[] };
  /** Paths of `options.outline` (e.g. the districts over a sub-district map), in the same projection; empty without. */
  outline: { area: string; path: string }[];
}

export interface ChoroplethOptions {
  width?: number;
  height?: number;
  method?: ClassMethod;
  classes?: number;
  padding?: number;
  /** Boundaries drawn over the areas without fill (e.g. the districts on a sub-district map). */
  outline?: AreaFeatureCollectionLike;
}

/**
 * A choropleth as data: projected SVG paths (see projectAreas), class limits over the values that are shown
 * (suppressed ones excluded, unreliable ones included), a fill and pattern per area, and the legend entries
 * (classes, then hatched = unreliable, grey = suppressed, white = no value where present). Renderers (the
 * web map, the public page, the report) only draw what is returned. Areas keep the geometry's order.
 * Cost: O(vertices + n log n).
 * @example choroplethMap(fc, [{ area: 'Stadtmitte', value: 0.31, flag: 'ok' }], { classes: 4 }).areas[0].fill
 */
export function choroplethMap(collection: AreaFeatureCollectionLike, values: readonly MapValue[], options: ChoroplethOptions = {}): ChoroplethMap {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const classes = Math.min(options.classes ?? MAP_MAX_CLASSES, MAP_MAX_CLASSES);
  const byArea = new Map(values.map((v) => [v.area, v]));
  const shown = values.filter((v) => v.flag !== 'suppressed' && v.value !== null).map((v) => v.value);
  const breaks = classBreaks(shown, options.method ?? 'quantile', classes);
  const fills = classFills(Math.max(1, breaks.length - 1));
  // With an outline, both are projected together, so they share one fit.
  const outlineFeatures = options.outline?.features ?? [];
  const together = projectAreas({ type: 'FeatureCollection', features: [...collection.features, ...outlineFeatures] }, width, height, options.padding ?? 8);
  const projected = together.slice(0, collection.features.length);
  const outline = together.slice(collection.features.length).map((p) => ({ area: p.area, path: p.path }));
  const areas: MapArea[] = projected.map((p) => {
    const v = byArea.get(p.area);
    const common = { area: p.area, path: p.path, centroid: p.centroid, value: v?.value ?? null, ciLow: v?.ciLow ?? null, ciHigh: v?.ciHigh ?? null };
    if (!v) return { ...common, flag: 'missing', classIndex: null, fill: NO_DATA_FILL, text: '#000000', pattern: null };
    const k = v.flag === 'suppressed' ? null : classIndex(v.value, breaks);
    if (k === null) return { ...common, value: null, ciLow: null, ciHigh: null, flag: 'suppressed', classIndex: null, fill: SUPPRESSED_FILL, text: '#000000', pattern: `url(#${SUPPRESSED_PATTERN_ID})` };
    return { ...common, flag: v.flag, classIndex: k, fill: fills[k]!.fill, text: fills[k]!.text, pattern: v.flag === 'caution' ? `url(#${HATCH_PATTERN_ID})` : null };
  });
  const legend: LegendEntry[] = fills.map((f, j) => ({ kind: 'class', fill: f.fill, pattern: null, from: breaks[j] ?? null, to: breaks[j + 1] ?? null }));
  if (breaks.length < 2) legend.length = 0;
  if (areas.some((a) => a.flag === 'caution')) legend.push({ kind: 'unreliable', fill: fills[0]!.fill, pattern: `url(#${HATCH_PATTERN_ID})`, from: null, to: null });
  if (areas.some((a) => a.flag === 'suppressed')) legend.push({ kind: 'suppressed', fill: SUPPRESSED_FILL, pattern: `url(#${SUPPRESSED_PATTERN_ID})`, from: null, to: null });
  if (areas.some((a) => a.flag === 'missing')) legend.push({ kind: 'missing', fill: NO_DATA_FILL, pattern: null, from: null, to: null });
  const inGeometry = new Set(projected.map((p) => p.area));
  return {
    width,
    height,
    areas,
    breaks,
    legend,
    unmatched: { withoutGeometry: values.map((v) => v.area).filter((a) => !inGeometry.has(a)), withoutValue: areas.filter((a) => a.flag === 'missing').map((a) => a.area) },
    outline,
  };
}
