/**
 * The areas a small-area model works on, with every covariate known for each of them: computed from
 * the frame's households (frameCovariates) and the newest imported version per level
 * (areaCovariateImport). One table per frame; its `version` changes whenever a value changes.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors/appError';
import type { AreaLevel, Household, Store } from '../store/types';
import { frameCovariates } from './frameCovariates';

export interface AnalysisArea {
  level: AreaLevel;
  area: string;
  /** The district the area lies in (the area itself at district level). */
  district: string;
  /** Households of the area in the frame. */
  households: number;
  covariates: Record<string, number>;
}

export interface AreaCovariate {
  level: AreaLevel;
  name: string;
  source: 'frame' | 'import';
  /** Version of the import the values come from; null for frame covariates. */
  version: number | null;
  label?: { de: string; en: string };
}

export interface AreaCovariateTable {
  /** Every district, and every sub-district when the frame has them (districts in name order, then sub-districts by district and name). */
  areas: AnalysisArea[];
  covariates: AreaCovariate[];
  /** Short hash that changes when any covariate value changes (cache key). */
  version: string;
}

const FRAME_LABELS: Record<string, { de: string; en: string }> = {
  mean_children: { de: 'Kinder je Haushalt (Mittelwert)', en: 'Children per household (mean)' },
  share_large_families: { de: 'Anteil kinderreicher Familien (3 und mehr Kinder)', en: 'Share of large families (3 or more children)' },
  share_youngest_under_6: { de: 'Anteil mit jüngstem Kind unter 6 Jahren', en: 'Share whose youngest child is under 6' },
};

/** Label of a frame covariate; household type shares name their type as the frame spells it. */
function frameLabel(name: string, typeOf: Map<string, string>): { de: string; en: string } | undefined {
  const type = typeOf.get(name);
  if (type !== undefined) return { de: `Anteil Haushaltstyp „${type}“`, en: `Share of household type '${type}'` };
  return FRAME_LABELS[name];
}

/**
 * A table from its areas and covariates, with the version hash over every name, source, version
 * and value (in order), so any change gives another cache key.
 */
export function areaCovariateTable(areas: AnalysisArea[], covariates: AreaCovariate[]): AreaCovariateTable {
  const hash = createHash('sha256');
  for (const c of covariates) hash.update(`${c.level}\u0000${c.name}\u0000${c.source}\u0000${c.version ?? ''}\n`);
  for (const a of areas) {
    hash.update(`${a.level}\u0000${a.area}\u0000${a.district}\u0000${a.households}`);
    for (const c of covariates) if (c.level === a.level) hash.update(`\u0000${a.covariates[c.name] ?? ''}`);
    hash.update('\n');
  }
  return { areas, covariates, version: hash.digest('hex').slice(0, 12) };
}

/**
 * Reads the covariate table of a frame: frame covariates of every district and sub-district,
 * joined with the newest imported version of each level. An import is complete for the frame's
 * areas when it is stored (checked on import), so every area has every covariate of its level.
 * Pass the frame's households when they are already loaded.
 * @throws AppError notFound for an unknown frame.
 */
export async function loadAreaCovariates(store: Pick<Store, 'frames' | 'households' | 'areaCovariates'>, frameId: string, households?: readonly Household[]): Promise<AreaCovariateTable> {
  const frame = await store.frames.get(frameId);
  if (!frame) throw new AppError('notFound', 'analysis.frameNotFound', { frameId });
  const rows = households ?? (await store.households.listByFrame(frameId));
  const fromFrame = frameCovariates(rows);
  const typeNames = new Map(Object.entries(fromFrame.householdTypes));

  const areas: AnalysisArea[] = fromFrame.areas.map((a) => ({ level: a.level, area: a.area, district: a.district, households: a.households, covariates: { ...a.covariates } }));
  const covariates: AreaCovariate[] = [];
  for (const level of ['district', 'subdistrict'] as const) {
    if (!areas.some((a) => a.level === level)) continue;
    for (const name of fromFrame.names[level]) {
      const label = frameLabel(name, typeNames);
      covariates.push({ level, name, source: 'frame', version: null, ...(label ? { label } : {}) });
    }
    const imported = await store.areaCovariates.latest(frameId, level);
    if (!imported) continue;
    const byArea = new Map(imported.rows.map((r) => [r.area, r.values]));
    for (const [j, name] of imported.columns.entries()) {
      covariates.push({ level, name, source: 'import', version: imported.version });
      for (const a of areas) {
        const value = a.level === level ? byArea.get(a.area)?.[j] : undefined;
        if (value !== undefined) a.covariates[name] = value;
      }
    }
  }
  return areaCovariateTable(areas, covariates);
}
