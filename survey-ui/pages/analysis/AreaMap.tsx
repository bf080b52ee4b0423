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

  // The level's boundaries, and on a sub-district map the districts too (drawn over it as outlines).
  useEffect(() => {
    const wanted = (level === 'subdistrict' ? (['subdistrict', 'district'] as const) : (['district'] as const)).filter((l) => geometry[l] === undefined);
    if (wanted.length === 0) return;
    let cancelled = false;
    for (const l of wanted) {
      api
        .get<{ geometry: Geometry }>(`/api/geography/areas?level=${l}`)
        .then((r) => !cancelled && setGeometry((g) => ({ ...g, [l]: r.geometry })))
        .catch((err: unknown) => {
          if (!cancelled && err instanceof ApiError && err.status === 404) setGeometry((g) => ({ ...g, [l]: null }));
        });
    }
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
      // District outlines only from boundaries of the same kind (schematic demo ones do not fit real ones).
      outline={level === 'subdistrict' && geometry.district && geometry.district.schematic === g.schematic ? geometry.district.geojson : undefined}
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
