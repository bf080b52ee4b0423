/** Maps of area results drawn offline: class limits, greyscale-safe fills and patterns, projected SVG paths, area geometry checks. */
export { classBreaks, classIndex, type ClassMethod } from './classBreaks';
export * from './mapPalette';
export { projectAreas, polygonsOf, type ProjectedArea } from './projectAreas';
export { choroplethMap, type ChoroplethMap, type ChoroplethOptions, type LegendEntry, type MapArea, type MapValue } from './choroplethMap';
export type { AreaFeatureCollectionLike } from './types';
export { detectCrs, reprojectToWgs84, SUPPORTED_CRS, type SupportedCrs } from './reprojectToWgs84';
export { normaliseAreaGeometry, type GeometryProblem, type GeometryProblemCode, type NormalisedGeometry } from './normaliseAreaGeometry';
export { matchAreaNames, type AreaNameMatch } from './matchAreaNames';
