import type { AreaFeatureCollectionLike } from './types';

export type GeometryProblemCode = 'notCollection' | 'notFeature' | 'noName' | 'geometryType' | 'noCoordinates' | 'noRings' | 'notPositions' | 'badPosition' | 'outOfRange' | 'tooFewPositions' | 'noArea';

export interface GeometryProblem {
  /** 1-based position of the feature in the file (0: the file as a whole). */
  feature: number;
  /** The feature's name when it has one. */
  name: string | null;
  /** What is wrong, for translated messages; `problem` says it in English. */
  code: GeometryProblemCode;
  /** Where in the feature ('polygon 2, ring 1'), the offending value; empty when not needed. */
  params: Record<string, string | number>;
  problem: string;
}

export interface NormalisedGeometry {
  collection: AreaFeatureCollectionLike;
  problems: GeometryProblem[];
  /** Rings that were not closed and were closed by repeating the first position. */
  closedRings: number;
  /** Rings turned round to the RFC 7946 winding (exterior counter-clockwise, holes clockwise). */
  rewoundRings: number;
}

/** Twice the signed planar area of a ring (shoelace); > 0 counter-clockwise in longitude/latitude. */
function signedArea(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

/**
 * Checks and tidies the areas of a WGS 84 FeatureCollection: every feature a Polygon or MultiPolygon with
 * a name in `properties[nameProperty]`, every position two finite numbers in the longitude/latitude range,
 * every ring with at least three distinct positions and a non-zero area. Rings that are not closed are closed
 * (RFC 7946 §3.1.6 requires first = last), rings are turned to the RFC 7946 §3.1.6 winding (exterior
 * counter-clockwise, holes clockwise). The output has only `district` (the name) and, when the file has it,
 * `parent` as properties. Problems are listed per feature, never thrown; the caller stores nothing when any
 * is found. Cost: O(vertices).
 * @example normaliseAreaGeometry(fc, 'name').problems // → [{ feature: 3, name: 'Gera-Süd', problem: 'ring 1 has only 2 distinct positions' }]
 */
export function normaliseAreaGeometry(input: unknown, nameProperty: string, parentProperty: string | null = null): NormalisedGeometry {
  const problems: GeometryProblem[] = [];
  let closedRings = 0;
  let rewoundRings = 0;
  const fc = input as { type?: unknown; features?: unknown };
  if (fc === null || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { collection: { type: 'FeatureCollection', features: [] }, problems: [{ feature: 0, name: null, code: 'notCollection', params: {}, problem: 'the file is no GeoJSON FeatureCollection' }], closedRings, rewoundRings };
  }
  const features: AreaFeatureCollectionLike['features'] = [];
  (fc.features as unknown[]).forEach((raw, index) => {
    const f = raw as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: { type?: unknown; coordinates?: unknown } | null };
    const at = index + 1;
    const nameValue = f?.properties?.[nameProperty];
    const name = typeof nameValue === 'string' && nameValue.trim() !== '' ? nameValue.trim() : typeof nameValue === 'number' ? String(nameValue) : null;
    const problem = (code: GeometryProblemCode, text: string, params: Record<string, string | number> = {}) => problems.push({ feature: at, name, code, params, problem: text });
    if (f === null || typeof f !== 'object' || f.type !== 'Feature') return problem('notFeature', 'is no GeoJSON Feature');
    if (name === null) problem('noName', `has no name in the property '${nameProperty}'`, { property: nameProperty });
    const g = f.geometry;
    const type = String(g?.type ?? 'none');
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return problem('geometryType', `has geometry type ${type}, not Polygon or MultiPolygon`, { type });
    const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
    if (!Array.isArray(polygons) || polygons.length === 0) return problem('noCoordinates', 'has no coordinates');
    const out: number[][][][] = [];
    for (const [p, polygon] of (polygons as unknown[]).entries()) {
      if (!Array.isArray(polygon) || polygon.length === 0) return problem('noRings', `polygon ${p + 1} has no rings`, { polygon: p + 1 });
      const rings: number[][][] = [];
      for (const [r, ringRaw] of (polygon as unknown[]).entries()) {
        const where = `${g.type === 'MultiPolygon' ? `polygon ${p + 1}, ` : ''}ring ${r + 1}`;
        const at = { polygon: p + 1, ring: r + 1 };
        if (!Array.isArray(ringRaw)) return problem('notPositions', `${where} is no list of positions`, at);
        const ring: number[][] = [];
        for (const pos of ringRaw as unknown[]) {
          if (!Array.isArray(pos) || pos.length < 2 || !pos.slice(0, 2).every((x) => typeof x === 'number' && Number.isFinite(x))) return problem('badPosition', `${where} has a position that is not two numbers`, at);
          const [lon, lat] = pos as number[];
          if (Math.abs(lon!) > 180 || Math.abs(lat!) > 90) return problem('outOfRange', `${where} has the position (${lon}, ${lat}) outside longitude/latitude; is the file in another coordinate system?`, { ...at, position: `${lon}, ${lat}` });
          ring.push([lon!, lat!]);
        }
        const first = ring[0];
        const last = ring[ring.length - 1];
        if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
          ring.push([first[0]!, first[1]!]);
          closedRings++;
        }
        const distinct = new Set(ring.map((q) => `${q[0]},${q[1]}`)).size;
        if (distinct < 3) return problem('tooFewPositions', `${where} has only ${distinct} distinct positions`, { ...at, distinct });
        const area = signedArea(ring);
        if (area === 0) return problem('noArea', `${where} encloses no area`, at);
        const wantCounterClockwise = r === 0;
        if (area > 0 !== wantCounterClockwise) {
          ring.reverse();
          rewoundRings++;
        }
        rings.push(ring);
      }
      out.push(rings);
    }
    if (name === null) return;
    const parentValue = parentProperty ? f.properties?.[parentProperty] : undefined;
    const properties: AreaFeatureCollectionLike['features'][number]['properties'] = { district: name };
    if (typeof parentValue === 'string' && parentValue.trim() !== '') properties.parent = parentValue.trim();
    features.push({ type: 'Feature', properties, geometry: out.length === 1 ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out } });
  });
  return { collection: { type: 'FeatureCollection', features }, problems, closedRings, rewoundRings };
}
