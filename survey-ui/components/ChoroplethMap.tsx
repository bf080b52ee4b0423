import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from './TableScroll';
import { choroplethMap, type MapArea, type MapValue } from '../../analysis/maps/choroplethMap';
import { AREA_STROKE, MAP_PATTERNS } from '../../analysis/maps/mapPalette';
import type { ClassMethod } from '../../analysis/maps/classBreaks';
import type { AreaFeatureCollectionLike } from '../../analysis/maps/types';
import './choroplethTexts';
import './choropleth.css';

export interface ChoroplethProps {
  /** Prefix of the element ids (several maps may share a page). */
  id: string;
  title: string;
  geometry: AreaFeatureCollectionLike;
  values: readonly MapValue[];
  /** The value as text (e.g. a percentage); null → "–". */
  format: (value: number | null) => string;
  schematic?: boolean;
  method?: ClassMethod;
  /** Extra lines for the details panel of an area (e.g. n, model weight). */
  details?: (area: MapArea) => string[];
  /** Boundaries drawn over the areas (the districts on a sub-district map). */
  outline?: AreaFeatureCollectionLike;
}

/**
 * A choropleth of areas drawn offline from WGS 84 boundaries (analysis/maps, d3-geo): class fills that stay
 * apart in greyscale, hatched unreliable values, grey dotted suppressed areas, a legend, the values as a table
 * (text alternative), and keyboard use — every area is focusable (Tab or arrow keys), with its name, value and
 * CI as its label, and Enter shows its details.
 */
export function ChoroplethMap({ id, title, geometry, values, format, schematic = false, method = 'quantile', details, outline }: ChoroplethProps) {
  const { t } = useTranslation();
  // Room at the top for the schematic note.
  const map = useMemo(() => choroplethMap(geometry, values, { width: 640, height: 520, method, padding: schematic ? 26 : 8, outline }), [geometry, values, method, schematic, outline]);
  const [chosen, setChosen] = useState<string | null>(null);
  const refs = useRef<(SVGPathElement | null)[]>([]);
  // Keyboard order: by name, so arrow keys walk the areas predictably.
  const order = useMemo(() => map.areas.map((a, i) => ({ a, i })).sort((x, y) => x.a.area.localeCompare(y.a.area, 'de')).map((x) => x.i), [map]);

  const note = (a: MapArea) => (a.flag === 'caution' ? t('choropleth.unreliable') : a.flag === 'suppressed' ? t('choropleth.suppressedValue') : a.flag === 'missing' ? t('choropleth.missingValue') : '');
  const label = (a: MapArea) => {
    const base = a.value !== null && a.ciLow !== null && a.ciHigh !== null ? t('choropleth.areaCi', { area: a.area, value: format(a.value), low: format(a.ciLow), high: format(a.ciHigh) }) : t('choropleth.area', { area: a.area, value: a.value === null ? note(a) : format(a.value) });
    return a.value !== null && a.flag === 'caution' ? `${base} (${note(a)})` : base;
  };
  const move = (from: number, step: number) => {
    const k = order.indexOf(from);
    const next = order[(k + step + order.length) % order.length]!;
    refs.current[next]?.focus();
  };
  const onKey = (e: KeyboardEvent<SVGPathElement>, index: number) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
      e.preventDefault();
      move(index, 1);
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(index, -1);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      refs.current[e.key === 'Home' ? order[0]! : order[order.length - 1]!]?.focus();
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setChosen(map.areas[index]!.area);
    } else if (e.key === 'Escape') {
      setChosen(null);
    }
  };
  const selected = map.areas.find((a) => a.area === chosen) ?? null;

  return (
    <figure className="choropleth" id={id}>
      <svg viewBox={`0 0 ${map.width} ${map.height}`} className="choropleth__svg" role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-keys`}>
        <title id={`${id}-title`}>{title}</title>
        <defs>
          {MAP_PATTERNS.map((p) => (
            <pattern key={p.id} id={p.id} patternUnits="userSpaceOnUse" width={p.size} height={p.size} patternTransform={p.rotate ? `rotate(${p.rotate})` : undefined}>
              {p.shapes.map((s, k) =>
                s.kind === 'line' ? <line key={k} x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} stroke={s.stroke} strokeWidth={s.width} /> : <circle key={k} cx={s.cx} cy={s.cy} r={s.r} fill={s.fill} />,
              )}
            </pattern>
          ))}
        </defs>
        {map.areas.map((a, i) => (
          <g key={a.area} className="choropleth__area" data-area={a.area} data-flag={a.flag}>
            <path d={a.path} fill={a.fill} stroke="none" aria-hidden="true" />
            {a.pattern && <path d={a.path} fill={a.pattern} stroke="none" aria-hidden="true" />}
            <path
              ref={(el) => {
                refs.current[i] = el;
              }}
              d={a.path}
              fill="transparent"
              stroke={AREA_STROKE}
              strokeWidth={1}
              className="choropleth__focus"
              tabIndex={0}
              role="button"
              aria-label={label(a)}
              aria-pressed={chosen === a.area}
              onKeyDown={(e) => onKey(e, i)}
              onClick={() => setChosen(a.area)}
            />
          </g>
        ))}
        {map.outline.map((o) => (
          <path key={`outline-${o.area}`} d={o.path} fill="none" stroke="#000" strokeWidth={2.5} pointerEvents="none" aria-hidden="true" className="choropleth__outline" />
        ))}
        {schematic && (
          <text x={8} y={16} textAnchor="start" className="choropleth__schematic" aria-hidden="true">
            {t('choropleth.schematic')}
          </text>
        )}
      </svg>
      <figcaption>
        <p className="choropleth__keys" id={`${id}-keys`}>
          {t('choropleth.keyboard')}
          {schematic && <> {t('choropleth.schematic')}</>}
        </p>
        <div className="choropleth__details" aria-live="polite" id={`${id}-details`}>
          {selected ? (
            <>
              <p className="choropleth__details-title">
                <strong>{selected.area}</strong>
              </p>
              <p>{label(selected)}</p>
              {details?.(selected).map((line) => <p key={line}>{line}</p>)}
            </>
          ) : (
            <p>{t('choropleth.detailsHint')}</p>
          )}
        </div>
        <p className="choropleth__legend-title" id={`${id}-legend`}>
          {t('choropleth.legend')}
        </p>
        <ul className="choropleth__legend" aria-labelledby={`${id}-legend`}>
          {map.legend.map((l, k) => (
            <li key={`${l.kind}-${k}`}>
              <svg width="22" height="16" aria-hidden="true" focusable="false">
                <rect x="0.5" y="0.5" width="21" height="15" fill={l.fill} stroke={AREA_STROKE} />
                {l.pattern && <rect x="0.5" y="0.5" width="21" height="15" fill={l.pattern} />}
              </svg>
              {l.kind === 'class'
                ? t('choropleth.classRange', { from: format(l.from), to: format(l.to) })
                : l.kind === 'unreliable'
                  ? t('choropleth.legendUnreliable')
                  : l.kind === 'suppressed'
                    ? t('choropleth.legendSuppressed')
                    : t('choropleth.legendMissing')}
            </li>
          ))}
        </ul>
        <details className="choropleth__table">
          <summary id={`${id}-table-title`}>{t('choropleth.table')}</summary>
          <TableScroll labelledBy={`${id}-table-title`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('choropleth.tableArea')}</th>
                  <th scope="col">{t('choropleth.tableValue')}</th>
                  <th scope="col">{t('choropleth.tableCi')}</th>
                  <th scope="col">{t('choropleth.tableNote')}</th>
                </tr>
              </thead>
              <tbody>
                {order.map((i) => {
                  const a = map.areas[i]!;
                  return (
                    <tr key={a.area}>
                      <th scope="row">{a.area}</th>
                      <td>{format(a.value)}</td>
                      <td>{a.ciLow !== null && a.ciHigh !== null ? `${format(a.ciLow)} – ${format(a.ciHigh)}` : '–'}</td>
                      <td>{note(a)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        </details>
      </figcaption>
    </figure>
  );
}
