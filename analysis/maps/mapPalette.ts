/**
 * Fills of the choropleth maps, readable in colour, in greyscale print and for colour-blind readers:
 * five steps of viridis (van der Walt & Smith 2015), reversed so darker means more; its lightness rises
 * strictly, so the classes stay apart when printed in black and white. Unreliable values get a hatch
 * drawn over their class colour, suppressed areas a light grey with a dot pattern (distinct from every
 * class in greyscale too). The pattern ids are shared by the web map, the public page and the report,
 * which all place `mapPatternDefs()` once in their SVG.
 */

export const MAP_CLASS_FILLS = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'] as const;
/** Label colour with at least 4.5:1 contrast on each class fill. */
export const MAP_CLASS_TEXT = ['#000000', '#000000', '#000000', '#ffffff', '#ffffff'] as const;
export const MAP_MAX_CLASSES = MAP_CLASS_FILLS.length;
export const SUPPRESSED_FILL = '#d9d9d9';
export const NO_DATA_FILL = '#ffffff';
export const AREA_STROKE = '#3d3d3d';

export const HATCH_PATTERN_ID = 'map-hatch-unreliable';
export const SUPPRESSED_PATTERN_ID = 'map-dots-suppressed';

/**
 * The fill colours for k classes: spread over the five steps so that 2 or 3 classes still span light to dark.
 * @example classFills(3) // → ['#fde725', '#21918c', '#440154']
 */
export function classFills(classes: number): { fill: string; text: string }[] {
  const k = Math.max(1, Math.min(MAP_MAX_CLASSES, classes));
  return Array.from({ length: k }, (_, j) => {
    const step = k === 1 ? 2 : Math.round((j * (MAP_MAX_CLASSES - 1)) / (k - 1));
    return { fill: MAP_CLASS_FILLS[step]!, text: MAP_CLASS_TEXT[step]! };
  });
}

/**
 * SVG `<defs>` with the hatch (unreliable) and dot (suppressed) patterns, as markup for server-side
 * SVG/HTML/PDF. The web map renders the same definitions as elements (see `MAP_PATTERNS`).
 */
export function mapPatternDefs(): string {
  return `<defs>${MAP_PATTERNS.map(
    (p) =>
      `<pattern id="${p.id}" patternUnits="userSpaceOnUse" width="${p.size}" height="${p.size}"${p.rotate ? ` patternTransform="rotate(${p.rotate})"` : ''}>${p.shapes
        .map((s) => (s.kind === 'line' ? `<line x1="${s.x1}" y1="${s.y1}" x2="${s.x2}" y2="${s.y2}" stroke="${s.stroke}" stroke-width="${s.width}"/>` : `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`))
        .join('')}</pattern>`,
  ).join('')}</defs>`;
}

export type PatternShape =
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string };

/** The two patterns as data, for renderers that build elements (React) instead of markup. */
export const MAP_PATTERNS: readonly { id: string; size: number; rotate: number; shapes: PatternShape[] }[] = [
  // Diagonal lines in black and white, so the hatch shows on light and dark class fills alike.
  {
    id: HATCH_PATTERN_ID,
    size: 8,
    rotate: 45,
    shapes: [
      { kind: 'line', x1: 0, y1: 0, x2: 0, y2: 8, stroke: '#ffffff', width: 3 },
      { kind: 'line', x1: 0, y1: 0, x2: 0, y2: 8, stroke: '#000000', width: 1.5 },
    ],
  },
  {
    id: SUPPRESSED_PATTERN_ID,
    size: 6,
    rotate: 0,
    shapes: [{ kind: 'circle', cx: 3, cy: 3, r: 1, fill: '#6b6b6b' }],
  },
];
