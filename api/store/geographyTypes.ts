/**
 * Repository interfaces of area geometry and result publications (migration 009). Re-exported from
 * ./types as members of `Repositories`.
 *
 * A geometry version is the whole FeatureCollection of one level (districts or sub-districts) in
 * WGS 84, with the name of every area in `properties.district`; it never changes, a new delivery is a
 * new version. A publication holds the disclosure-controlled results of one wave as they were made
 * public; only unpublishing changes it, and at most one publication per wave is live.
 */
import type { AreaLevel } from './areaCovariateTypes';

export type Position = [number, number];
export type PolygonCoordinates = Position[][];

/** A GeoJSON Feature of one area: its name in `properties.district`. */
export interface AreaFeature {
  type: 'Feature';
  properties: { district: string; parent?: string | null; schematic?: boolean; [key: string]: unknown };
  geometry: { type: 'Polygon'; coordinates: PolygonCoordinates } | { type: 'MultiPolygon'; coordinates: PolygonCoordinates[] };
}

export interface AreaFeatureCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

export interface AreaGeometryVersion {
  id: string;
  level: AreaLevel;
  /** 1, 2, … per level, in import order. */
  version: number;
  /** WGS 84 longitude/latitude, closed rings. */
  geojson: AreaFeatureCollection;
  /** CRS of the imported file, e.g. 'EPSG:25832'; the stored coordinates are always WGS 84. */
  sourceCrs: string;
  /** True for drawn-up demo polygons that are no real boundaries. */
  schematic: boolean;
  importedAt: string;
  importedBy: string | null;
  fileName: string;
}

export type NewAreaGeometryVersion = Omit<AreaGeometryVersion, 'id' | 'importedAt'> & { importedAt?: string };

export interface AreaGeometryRepository {
  /**
   * Stores a version; the caller chooses the number (the newest + 1).
   * @throws DuplicateKeyError (field `version`) when the level already has this version.
   */
  create(entry: NewAreaGeometryVersion): Promise<AreaGeometryVersion>;
  get(id: string): Promise<AreaGeometryVersion | null>;
  /** The newest version of the level, null when none was imported. */
  latest(level: AreaLevel): Promise<AreaGeometryVersion | null>;
  /** Versions without their geometry (for listings), district level first, newest first. */
  list(level?: AreaLevel): Promise<Omit<AreaGeometryVersion, 'geojson'>[]>;
}

export interface ResultPublication {
  id: string;
  drawId: string;
  wave: number;
  /** The district geometry version the public map draws; null when none was imported. */
  geometryId: string | null;
  /** The published table, exactly as served to the public (shape: api/geography/publications.ts). */
  snapshot: Record<string, unknown>;
  publishedAt: string;
  publishedBy: string | null;
  unpublishedAt: string | null;
  unpublishedBy: string | null;
}

export type NewResultPublication = Omit<ResultPublication, 'id' | 'publishedAt' | 'unpublishedAt' | 'unpublishedBy'> & { publishedAt?: string };

export interface ResultPublicationsRepository {
  /** @throws DuplicateKeyError (field `wave`) when the wave already has a live publication. */
  create(entry: NewResultPublication): Promise<ResultPublication>;
  get(id: string): Promise<ResultPublication | null>;
  /** Live publications (not unpublished), newest wave first. */
  listLive(): Promise<ResultPublication[]>;
  /** Every publication, newest first, live or not. */
  list(): Promise<ResultPublication[]>;
  /** Sets the unpublished time where the publication is still live; the updated record, or null when unknown or already unpublished. */
  unpublish(id: string, at: string, by: string | null): Promise<ResultPublication | null>;
}
