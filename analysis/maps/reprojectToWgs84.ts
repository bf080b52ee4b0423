import proj4 from 'proj4';
import type { AreaFeatureCollectionLike } from './types';

/** Coordinate reference systems an area file may use. */
export const SUPPORTED_CRS = ['EPSG:4326', 'EPSG:25832'] as const;
export type SupportedCrs = (typeof SUPPORTED_CRS)[number];

/** ETRS89 / UTM zone 32N, what German geoportals publish (EPSG registry; ETRS89 = WGS 84 within a metre). */
const ETRS89_UTM32N = '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';

/**
 * The CRS of a GeoJSON file: its `crs.properties.name` when present (e.g. 'urn:ogc:def:crs:EPSG::25832',
 * 'EPSG:25832', 'urn:ogc:def:crs:OGC:1.3:CRS84'), otherwise read from the coordinates: longitude/latitude lie
 * within ±180/±90, UTM 32N eastings and northings in metres are far larger. null when the file names a CRS
 * that is not supported or the coordinates fit neither.
 * @example detectCrs({ type: 'FeatureCollection', features: [] , crs: { properties: { name: 'EPSG:25832' } } }) // → 'EPSG:25832'
 */
export function detectCrs(collection: AreaFeatureCollectionLike & { crs?: unknown }): SupportedCrs | null {
  const named = (collection.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof named === 'string') {
    const code = /(?:EPSG:{1,2}|EPSG\/0\/)(\d+)$/i.exec(named)?.[1] ?? (/CRS84$/i.test(named) ? '4326' : null);
    if (code === '4326' || code === '4258') return 'EPSG:4326';
    if (code === '25832') return 'EPSG:25832';
    return null;
  }
  let geographic = true;
  let utm = true;
  let any = false;
  // Read defensively: the file is not checked yet (normaliseAreaGeometry reports its faults).
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  for (const f of list(collection.features) as { geometry?: { type?: unknown; coordinates?: unknown } | null }[]) {
    const g = f?.geometry;
    const polygons = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? list(g.coordinates) : [];
    for (const polygon of polygons) for (const ring of list(polygon)) for (const p of list(ring)) {
      if (!Array.isArray(p)) continue;
      const [x, y] = p as number[];
      if (typeof x !== 'number' || typeof y !== 'number') continue;
      any = true;
      if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) geographic = false;
      if (!(x > 100_000 && x < 1_000_000 && y > 5_000_000 && y < 6_500_000)) utm = false;
    }
  }
  if (!any) return 'EPSG:4326';
  return geographic ? 'EPSG:4326' : utm ? 'EPSG:25832' : null;
}

/**
 * The collection in WGS 84 longitude/latitude: EPSG:25832 (ETRS89 / UTM 32N) coordinates are transformed with
 * proj4 (inverse transverse Mercator on GRS80; ETRS89 and WGS 84 are taken as identical, < 1 m), rounded to
 * 7 decimals (≈ 1 cm); EPSG:4326 coordinates are returned as they are. Properties are copied unchanged.
 * Cost: O(vertices).
 * @example reprojectToWgs84(fc, 'EPSG:25832') // (707000, 5640000) → ≈ [12.0637, 50.8791]
 */
export function reprojectToWgs84<T extends AreaFeatureCollectionLike>(collection: T, from: SupportedCrs): T {
  if (from === 'EPSG:4326') return collection;
  const converter = proj4(ETRS89_UTM32N, 'WGS84');
  const round = (x: number) => Math.round(x * 1e7) / 1e7;
  // Malformed parts (not a position, not a list) pass through unchanged, for normaliseAreaGeometry to report.
  const toLonLat = (p: unknown) => {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return p;
    const [lon, lat] = converter.forward([p[0], p[1]]);
    return [round(lon!), round(lat!)];
  };
  const rings = (polygon: unknown) => (Array.isArray(polygon) ? polygon.map((ring: unknown) => (Array.isArray(ring) ? ring.map(toLonLat) : ring)) : polygon);
  const features = Array.isArray(collection.features) ? collection.features : [];
  return {
    ...collection,
    crs: undefined,
    features: features.map((f) => {
      const g = (f as { geometry?: { type?: unknown; coordinates?: unknown } } | null)?.geometry;
      if (!g || !Array.isArray(g.coordinates)) return f;
      if (g.type === 'Polygon') return { ...f, geometry: { ...g, coordinates: rings(g.coordinates) } };
      if (g.type === 'MultiPolygon') return { ...f, geometry: { ...g, coordinates: g.coordinates.map(rings) } };
      return f;
    }),
  };
}
