import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaFeatureCollectionLike } from '../../../analysis/maps/types';
import { ChoroplethMap } from '../../components/ChoroplethMap';
import { api, ApiError } from '../../lib/api';
import { DistrictTileMap } from './DistrictTileMap';
import { number, percent } from './format';
import { areaCells, shownValue, type EstimateKind } from './shownEstimate';
import type { AreaLevel, Indicator } from './types';

interface Geometry {
  id: string;
  version: number;
  schematic: boolean;
  geojson: AreaFeatureCollectionLike;
}

/**
 * The map of the chosen indicator on the imported boundaries of the level (model-based values where the level
 * has a model and the model view is chosen). Without imported district boundaries it falls back to the tile
 * map; without sub-district boundaries it says so.
 */
export function AreaMap({ indicator, level, kind }: { indicator: Indicator; level: AreaLevel; kind: EstimateKind }) {
  const { t } = useTranslation();
  const [geometry, setGeometry] = useState<Record<AreaLevel, Geometry | null | undefined>>({ district: undefined, subdistrict: undefined });

  useEffect(() => {
    if (geometry[level] !== undefined) return;
    let cancelled = false;
    api
      .get<{ geometry: Geometry }>(`/api/geography/areas?level=${level}`)
      .then((r) => !cancelled && setGeometry((g) => ({ ...g, [level]: r.geometry })))
      .catch((err: unknown) => {
        if (!cancelled && err instanceof ApiError && err.status === 404) setGeometry((g) => ({ ...g, [level]: null }));
      });
    return () => {
      cancelled = true;
    };
  }, [level, geometry]);

  const cells = areaCells(indicator, level);
  const values = useMemo(
    () =>
      cells.map((c) => {
        const v = shownValue(c, kind);
        return { area: String(c.district), value: v.estimate, ciLow: v.ciLow, ciHigh: v.ciHigh, flag: v.flag };
      }),
    [cells, kind],
  );
  const g = geometry[level];
  if (g === undefined) return <p role="status">{t('analysis.areaMap.loading')}</p>;
  if (g === null) {
    return level === 'district' ? <DistrictTileMap indicator={indicator} kind={kind} /> : <p className="analysis-map-missing">{t('analysis.areaMap.noGeometry')}</p>;
  }
  const byArea = new Map(cells.map((c) => [String(c.district), c]));
  const title = t(kind === 'model' ? 'analysis.areaMap.titleModel' : 'analysis.areaMap.title', { indicator: indicator.label, level: t(`analysis.level.${level}`) });
  return (
    <ChoroplethMap
      id={`map-${level}`}
      title={title}
      geometry={g.geojson}
      values={values}
      format={percent}
      schematic={g.schematic}
      details={(a) => {
        const c = byArea.get(a.area);
        if (!c) return [];
        const lines = [t('analysis.areaMap.respondents', { n: number(c.n) })];
        if (kind === 'model' && c.model) lines.push(t(c.model.kind === 'synthetic' ? 'analysis.areaMap.synthetic' : 'analysis.areaMap.modelWeight', { gamma: percent(c.model.gamma) }));
        return lines;
      }}
    />
  );
}
