import { geoIdentity, geoPath } from 'd3-geo';
import type { AreaFeatureCollectionLike } from './types';

export interface ProjectedArea {
  /** The area's name (`properties.district`). */
  area: string;
  /** SVG path data in the map's pixel coordinates. */
  path: string;
  /** Label point (planar centroid of the projected shape). */
  centroid: [number, number];
}

/**
 * Projects WGS 84 areas into a width × height box for SVG: a local equirectangular projection
 * x = λ·cos φ₀, y = φ (φ₀ the middle latitude of the areas), scaled to fit with north up. Within a
 * city (≈ 20 km) its distortion is far below a pixel, and being planar it does not depend on the
 * rings' winding order, which geoportals do not agree on. Uses d3-geo's geoIdentity/geoPath (no tiles,
 * nothing fetched). Cost: O(total vertices).
 * @throws RangeError when the collection has no area or the box is not positive.
 * @example projectAreas(fc, 400, 300)[0].path // → 'M12.5,280L…Z'
 */
export function projectAreas(collection: AreaFeatureCollectionLike, width: number, height: number, padding = 8): ProjectedArea[] {
  if (collection.features.length === 0) throw new RangeError('the geometry has no area to draw');
  if (!(width > 2 * padding) || !(height > 2 * padding)) throw new RangeError(`the map box ${width} × ${height} is too small`);
  let south = Infinity;
  let north = -Infinity;
  for (const f of collection.features) {
    for (const polygon of polygonsOf(f.geometry)) for (const ring of polygon) for (const [, lat] of ring) {
      if (lat < south) south = lat;
      if (lat > north) north = lat;
    }
  }
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const planar = {
    type: 'FeatureCollection' as const,
    features: collection.features.map((f) => ({
      type: 'Feature' as const,
      properties: { district: f.properties.district },
      geometry: {
        type: 'MultiPolygon' as const,
        coordinates: polygonsOf(f.geometry).map((polygon) => polygon.map((ring) => ring.map(([lon, lat]) => [lon * k, lat]))),
      },
    })),
  };
  const projection = geoIdentity().reflectY(true).fitExtent([[padding, padding], [width - padding, height - padding]], planar);
  const path = geoPath(projection).digits(1);
  return planar.features.map((f) => {
    const [cx, cy] = path.centroid(f);
    return { area: f.properties.district, path: path(f) ?? '', centroid: [Math.round(cx * 10) / 10, Math.round(cy * 10) / 10] };
  });
}

/** The polygons of a Polygon or MultiPolygon geometry. */
export function polygonsOf(geometry: AreaFeatureCollectionLike['features'][number]['geometry']): number[][][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
