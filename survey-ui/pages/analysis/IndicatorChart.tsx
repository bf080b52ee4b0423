import { useTranslation } from 'react-i18next';
import { percent } from './format';
import type { Indicator } from './types';

/** Horizontal bars per district with 95 % CI whiskers; an accessible SVG image (title + desc). */
export function IndicatorChart({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const rows = indicator.districts;
  const left = 150;
  const width = 640;
  const barArea = width - left - 70;
  const rowHeight = 26;
  const top = 10;
  const height = top + rows.length * rowHeight + 30;
  const max = Math.max(0.05, ...rows.map((r) => r.ciHigh ?? r.estimate ?? 0), indicator.overall.estimate ?? 0);
  const scale = Math.min(1, Math.ceil(max * 10) / 10);
  const x = (v: number) => left + (v / scale) * barArea;
  const overall = indicator.overall.estimate;
  const ticks = [0, scale / 2, scale];
  return (
    <figure className="analysis-figure">
      <svg role="img" aria-labelledby="chart-title chart-desc" viewBox={`0 0 ${width} ${height}`} className="analysis-chart">
        <title id="chart-title">{t('analysis.chart.title', { indicator: indicator.label })}</title>
        <desc id="chart-desc">{t('analysis.chart.desc', { overall: percent(overall) })}</desc>
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
          return (
            <g key={String(r.district)}>
              <text x={left - 8} y={y + 17} textAnchor="end" className="chart-label">
                {r.district}
              </text>
              {r.estimate === null ? (
                <text x={left + 6} y={y + 17} className="chart-value">
                  –
                </text>
              ) : (
                <>
                  <rect x={left} y={y + 5} width={Math.max(0, x(r.estimate) - left)} height={rowHeight - 10} className={r.flag === 'caution' ? 'chart-bar chart-bar--caution' : 'chart-bar'} />
                  {r.ciLow !== null && r.ciHigh !== null && (
                    <g className="chart-whisker">
                      <line x1={x(r.ciLow)} x2={x(r.ciHigh)} y1={y + 13} y2={y + 13} />
                      <line x1={x(r.ciLow)} x2={x(r.ciLow)} y1={y + 8} y2={y + 18} />
                      <line x1={x(r.ciHigh)} x2={x(r.ciHigh)} y1={y + 8} y2={y + 18} />
                    </g>
                  )}
                  <text x={Math.min(width - 4, x(r.ciHigh ?? r.estimate) + 6)} y={y + 17} className="chart-value">
                    {percent(r.estimate)}
                    {r.flag === 'caution' ? '*' : ''}
                  </text>
                </>
              )}
            </g>
          );
        })}
        {overall !== null && <line x1={x(overall)} x2={x(overall)} y1={top} y2={height - 24} className="chart-overall" />}
      </svg>
    </figure>
  );
}
