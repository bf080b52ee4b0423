import type { AreaLevel, Cell, Flag, Indicator, SubdistrictCell } from './types';

/** Which estimate the chart and the tile map show. */
export type EstimateKind = 'model' | 'direct';

/** The value of an area as the chart and the map draw it. */
export interface ShownValue {
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  flag: Flag;
  /** A model value that rests on the covariates alone (no usable answers in the area). */
  synthetic: boolean;
}

/**
 * The chosen estimate of a cell. An area without a model value shows "–" in the model view rather than
 * its direct value, so the two kinds never mix within one chart.
 */
export function shownValue(cell: Cell, kind: EstimateKind): ShownValue {
  if (kind === 'direct') return { estimate: cell.estimate, ciLow: cell.ciLow, ciHigh: cell.ciHigh, flag: cell.flag, synthetic: false };
  const m = cell.model;
  if (!m) return { estimate: null, ciLow: null, ciHigh: null, flag: 'suppressed', synthetic: false };
  return { estimate: m.estimate, ciLow: m.ciLow, ciHigh: m.ciHigh, flag: m.flag, synthetic: m.kind === 'synthetic' };
}

/** The areas of a level; sub-districts ordered by district, then name (so they read grouped). */
export function areaCells(indicator: Indicator, level: AreaLevel): (Cell | SubdistrictCell)[] {
  if (level === 'district') return indicator.districts;
  return [...indicator.subdistricts].sort((a, b) => a.parent.localeCompare(b.parent, 'de') || String(a.district).localeCompare(String(b.district), 'de'));
}

/** Model view only when the level has a model; otherwise the direct estimate, whatever was chosen. */
export function effectiveKind(indicator: Indicator, level: AreaLevel, chosen: EstimateKind): EstimateKind {
  return chosen === 'model' && indicator.models?.[level] ? 'model' : 'direct';
}
