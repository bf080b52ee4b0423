import { useTranslation } from 'react-i18next';
import { percent } from './format';
import { areaCells, shownValue, type EstimateKind } from './shownEstimate';
import type { AreaLevel, Indicator, SubdistrictCell } from './types';

type ChartRow = { kind: 'group'; label: string } | { kind: 'area'; label: string; value: ReturnType<typeof shownValue> };

/**
 * Horizontal bars per area with 95 % CI whiskers, of the chosen estimate (model-based or direct); an accessible
 * SVG image (title + desc). Sub-districts are grouped under their district's name.
 */
export function IndicatorChart({ indicator, level, kind }: { indicator: Indicator; level: AreaLevel; kind: EstimateKind }) {
  const { t } = useTranslation();
  const rows: ChartRow[] = [];
  let group: string | null = null;
  for (const cell of areaCells(indicator, level)) {
    const parent = level === 'subdistrict' ? (cell as SubdistrictCell).parent : null;
    if (parent !== null && parent !== group) rows.push({ kind: 'group', label: (group = parent) });
    rows.push({ kind: 'area', label: String(cell.district), value: shownValue(cell, kind) });
  }
  const values = rows.flatMap((r) => (r.kind === 'area' ? [r.value] : []));
  const left = 170;
  const width = 640;
  const barArea = width - left - 70;
  const rowHeight = 26;
  const top = 10;
  const height = top + rows.length * rowHeight + 30;
  const max = Math.max(0.05, ...values.map((v) => v.ciHigh ?? v.estimate ?? 0), indicator.overall.estimate ?? 0);
  const scale = Math.min(1, Math.ceil(max * 10) / 10);
  const x = (v: number) => left + (v / scale) * barArea;
  const overall = indicator.overall.estimate;
  const ticks = [0, scale / 2, scale];
  const anySynthetic = values.some((v) => v.synthetic);
  const title = t(kind === 'model' ? 'analysis.chart.titleModel' : 'analysis.chart.title', { indicator: indicator.label });
  const desc = t(level === 'subdistrict' ? 'analysis.chart.descSubdistrict' : 'analysis.chart.desc', { overall: percent(overall) });
  return (
    <figure className={level === 'subdistrict' ? 'analysis-figure analysis-figure--wide' : 'analysis-figure'}>
      <svg role="img" aria-labelledby="chart-title chart-desc" viewBox={`0 0 ${width} ${height}`} className="analysis-chart">
        <title id="chart-title">{title}</title>
        <desc id="chart-desc">{anySynthetic ? `${desc} ${t('analysis.chart.synthetic')}` : desc}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={top} y2={height - 24} className="chart-grid" />
            <text x={x(v)} y={height - 8} textAnchor="middle" className="chart-axis">
              {percent(v)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = top + i * rowHeight;
          if (r.kind === 'group') {
            return (
              <text key={`group/${r.label}`} x={4} y={y + 19} className="chart-group">
                {r.label}
              </text>
            );
          }
          const v = r.value;
          const barClass = v.synthetic ? 'chart-bar chart-bar--synthetic' : v.flag === 'caution' ? 'chart-bar chart-bar--caution' : 'chart-bar';
          return (
            <g key={`${i}/${r.label}`}>
              <text x={left - 8} y={y + 17} textAnchor="end" className="chart-label">
                {r.label}
              </text>
              {v.estimate === null ? (
                <text x={left + 6} y={y + 17} className="chart-value">
                  –
                </text>
              ) : (
                <>
                  <rect x={left} y={y + 5} width={Math.max(0, x(v.estimate) - left)} height={rowHeight - 10} className={barClass} />
                  {v.ciLow !== null && v.ciHigh !== null && (
                    <g className="chart-whisker">
                      <line x1={x(v.ciLow)} x2={x(v.ciHigh)} y1={y + 13} y2={y + 13} />
                      <line x1={x(v.ciLow)} x2={x(v.ciLow)} y1={y + 8} y2={y + 18} />
                      <line x1={x(v.ciHigh)} x2={x(v.ciHigh)} y1={y + 8} y2={y + 18} />
                    </g>
                  )}
                  <text x={Math.min(width - 4, x(v.ciHigh ?? v.estimate) + 6)} y={y + 17} className="chart-value">
                    {percent(v.estimate)}
                    {v.flag === 'caution' ? '*' : ''}
                  </text>
                </>
              )}
            </g>
          );
        })}
        {overall !== null && <line x1={x(overall)} x2={x(overall)} y1={top} y2={height - 24} className="chart-overall" />}
      </svg>
      {anySynthetic && (
        <figcaption className="chart-legend">
          <span className="chart-swatch chart-swatch--synthetic" aria-hidden="true" /> {t('analysis.chart.syntheticLegend')}
        </figcaption>
      )}
    </figure>
  );
}
