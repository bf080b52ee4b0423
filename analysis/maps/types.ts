/** The GeoJSON the map functions read: areas named in `properties.district`, WGS 84 longitude/latitude. */
export interface AreaFeatureCollectionLike {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: { district: string; [key: string]: unknown };
    geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
  }[];
}
