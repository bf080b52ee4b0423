import { useTranslation } from 'react-i18next';
import { classOf, PALETTE, PALETTE_TEXT, percent } from './format';
import { shownValue, type EstimateKind } from './shownEstimate';
import type { Indicator } from './types';

/**
 * Tile positions (row, column) that keep the rough geography of Gera's 12 statistical districts (north at the
 * top). Districts of another city, or unknown names, are laid out in reading order on a 4-column grid.
 */
const KNOWN_LAYOUT: Record<string, [number, number]> = {
  'gera-nord': [0, 1],
  'bieblach/tinz': [0, 2],
  'bieblach-ost': [0, 3],
  'gera-west': [1, 0],
  untermhaus: [1, 1],
  stadtmitte: [1, 2],
  'gera-ost': [1, 3],
  'gera-süd': [2, 1],
  debschwitz: [2, 2],
  'lusan-zentrum': [2, 3],
  'lusan-laune': [3, 2],
  'lusan-brüte': [3, 3],
};

function layout(districts: readonly string[]): Map<string, [number, number]> {
  const known = districts.every((d) => KNOWN_LAYOUT[d.toLowerCase()] !== undefined);
  return new Map(districts.map((d, i) => [d, known ? KNOWN_LAYOUT[d.toLowerCase()] : [Math.floor(i / 4), i % 4]]));
}

/** Tile map of the districts coloured by the chosen indicator and estimate, with a legend and a text list as alternative. */
export function DistrictTileMap({ indicator, kind }: { indicator: Indicator; kind: EstimateKind }) {
  const { t } = useTranslation();
  const cells = indicator.districts.map((c) => ({ district: c.district, ...shownValue(c, kind) }));
  const values = cells.map((c) => c.estimate).filter((v): v is number => v !== null);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  const positions = layout(cells.map((c) => String(c.district)));
  const rows = Math.max(...[...positions.values()].map(([r]) => r)) + 1;
  const tile = 120;
  const gap = 6;
  const width = 4 * (tile + gap);
  const height = rows * (tile * 0.6 + gap);
  const bounds = [0, 1, 2, 3, 4, 5].map((k) => min + ((max - min) * k) / 5);
  return (
    <figure className="analysis-figure">
      <svg role="img" aria-labelledby="map-title map-desc" viewBox={`0 0 ${width} ${height}`} className="analysis-map">
        <title id="map-title">{t(kind === 'model' ? 'analysis.map.titleModel' : 'analysis.map.title', { indicator: indicator.label })}</title>
        <desc id="map-desc">{t('analysis.map.desc')}</desc>
        {cells.map((c) => {
          const [r, col] = positions.get(String(c.district))!;
          const k = c.estimate === null ? -1 : classOf(c.estimate, min, max);
          const x = col * (tile + gap);
          const y = r * (tile * 0.6 + gap);
          return (
            <g key={String(c.district)} data-district={c.district ?? ''}>
              <rect x={x} y={y} width={tile} height={tile * 0.6} rx={6} fill={k < 0 ? '#e6e8eb' : PALETTE[k]} stroke="#4a5562" />
              <text x={x + tile / 2} y={y + 28} textAnchor="middle" fill={k < 0 ? '#1b1f24' : PALETTE_TEXT[k]} className="map-name">
                {c.district}
              </text>
              <text x={x + tile / 2} y={y + 52} textAnchor="middle" fill={k < 0 ? '#1b1f24' : PALETTE_TEXT[k]} className="map-value">
                {percent(c.estimate)}
                {c.flag === 'caution' ? '*' : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <p className="map-legend-title" id="map-legend-title">
          {t('analysis.map.legend')}
        </p>
        <ul className="map-legend" aria-labelledby="map-legend-title">
          {PALETTE.map((colour, k) => (
            <li key={colour}>
              <span className="map-swatch" style={{ background: colour }} aria-hidden="true" />
              {percent(bounds[k])} – {percent(bounds[k + 1])}
            </li>
          ))}
          <li>
            <span className="map-swatch" style={{ background: '#e6e8eb' }} aria-hidden="true" />– {t('analysis.map.suppressed')}
          </li>
        </ul>
        <details>
          <summary>{t('analysis.map.listTitle')}</summary>
          <ul className="map-list">
            {cells.map((c) => (
              <li key={String(c.district)}>
                {c.district}: {percent(c.estimate)}
                {c.flag === 'caution' ? '*' : ''}
              </li>
            ))}
          </ul>
        </details>
      </figcaption>
    </figure>
  );
}
