/**
 * Reading the stored area geometry: the current (newest) version of a level, as a WGS 84 FeatureCollection
 * with the area names in `properties.district`. The maps (Auswertung, the public results page, the district
 * report) draw it with analysis/maps; none of them reads the store's geometry any other way.
 */
import type { AreaFeatureCollection, AreaGeometryVersion, AreaLevel, Repositories } from '../store/types';

export interface CurrentGeometry {
  id: string;
  level: AreaLevel;
  version: number;
  /** Drawn-up demo polygons, not real boundaries: every map says so. */
  schematic: boolean;
  sourceCrs: string;
  fileName: string;
  importedAt: string;
  geojson: AreaFeatureCollection;
}

const current = (v: AreaGeometryVersion): CurrentGeometry => ({
  id: v.id,
  level: v.level,
  version: v.version,
  schematic: v.schematic,
  sourceCrs: v.sourceCrs,
  fileName: v.fileName,
  importedAt: v.importedAt,
  geojson: v.geojson,
});

/** The newest geometry version of the level; null when none was imported (the maps then say so instead of drawing). */
export async function currentGeometry(repos: Pick<Repositories, 'areaGeometry'>, level: AreaLevel): Promise<CurrentGeometry | null> {
  const latest = await repos.areaGeometry.latest(level);
  return latest ? current(latest) : null;
}

/** A stored version by id (e.g. the one a publication names); null when unknown. */
export async function geometryVersion(repos: Pick<Repositories, 'areaGeometry'>, id: string): Promise<CurrentGeometry | null> {
  const v = await repos.areaGeometry.get(id);
  return v ? current(v) : null;
}
