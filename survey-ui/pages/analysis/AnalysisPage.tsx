import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { useLanguage } from '../../i18n';
import { api, ApiError } from '../../lib/api';
import { Link } from '../../lib/router';
import { AreaCovariates } from './AreaCovariates';
import { DistrictReport } from './DistrictReport';
import { AreaBoundaries } from './AreaBoundaries';
import { AreaMap } from './AreaMap';
import { IndicatorChart } from './IndicatorChart';
import { IndicatorTable } from './IndicatorTable';
import { ModelCard } from './ModelCard';
import { ModelSettings } from './ModelSettings';
import { effectiveKind, type EstimateKind } from './shownEstimate';
import { percent } from './format';
import './texts';
import type { AreaLevel, IndicatorsResponse, ModelSettingsByIndicator, Overview } from './types';
import { TrendBreakNote } from './TrendBreakNote';
import { WeightingPanel } from './WeightingPanel';
import { ResultPublications } from './ResultPublications';
import './analysis.css';

/** The saved covariate choices; none (all defaults) when they cannot be read, as the model cards still show what is used. */
async function loadModelSettings(): Promise<ModelSettingsByIndicator> {
  try {
    return (await api.get<{ settings: ModelSettingsByIndicator }>('/api/analysis/model-settings')).settings ?? {};
  } catch {
    return {};
  }
}

/**
 * Auswertung: weighting diagnostics; indicators per district or sub-district, direct and model-based (table,
 * chart, tile map); the model card with the covariate choice; area covariates; downloads (planner, admin).
 */
export default function AnalysisPage() {
  const { t } = useTranslation();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [data, setData] = useState<IndicatorsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string>('');
  const [level, setLevel] = useState<AreaLevel>('district');
  const [kind, setKind] = useState<EstimateKind>('model');
  const [saved, setSaved] = useState<ModelSettingsByIndicator>({});
  // Counts boundary imports, so the map reads the new boundaries.
  const [mapRevision, setMapRevision] = useState(0);
  const language = useLanguage();

  // After a changed model setting: the page stays as it is while the indicators are fetched again.
  const reloadIndicators = useCallback(async () => {
    const [d, s] = await Promise.all([api.get<IndicatorsResponse>(`/api/analysis/indicators?lang=${language}`), loadModelSettings()]);
    setData(d);
    setSaved(s);
  }, [language]);

  useEffect(() => {
    let cancelled = false;
    setData(null);
    (async () => {
      try {
        const [o, d, s] = await Promise.all([api.get<Overview>('/api/analysis/overview'), api.get<IndicatorsResponse>(`/api/analysis/indicators?lang=${language}`), loadModelSettings()]);
        if (cancelled) return;
        setOverview(o);
        setData(d);
        setSaved(s);
        setSelected((id) => id || d.indicators[0]?.id || '');
      } catch (caught) {
        if (cancelled) return;
        setError(caught instanceof ApiError && caught.message ? caught.message : t('analysis.loadFailed'));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [language, t]);

  const indicator = data?.indicators.find((i) => i.id === selected) ?? data?.indicators[0];
  const levels = data?.smallArea?.levels ?? [];
  const shownLevel: AreaLevel = level === 'subdistrict' && levels.includes('subdistrict') ? 'subdistrict' : 'district';
  const shownKind = indicator ? effectiveKind(indicator, shownLevel, kind) : 'direct';
  const hasModel = indicator?.models?.[shownLevel] != null;
  const medianCv = data?.smallArea?.medianCv;
  const downloads: [string, string][] = [
    [`/api/analysis/export/results.csv?dialect=standard&lang=${language}`, 'resultsStandard'],
    [`/api/analysis/export/results.csv?dialect=excel-de&lang=${language}`, 'resultsExcel'],
    ['/api/analysis/export/microdata.csv', 'microdata'],
    ['/api/analysis/export/codebook.csv', 'codebook'],
    ['/api/analysis/export/small-area-inputs.csv', 'smallAreaInputs'],
    ['/api/analysis/export/model-cards.json', 'modelCards'],
    ['/api/analysis/export/reproduce.R', 'script'],
    ['/api/analysis/export/results.geojson?level=district', 'geojsonDistricts'],
    ...(levels.includes('subdistrict') ? [['/api/analysis/export/results.geojson?level=subdistrict', 'geojsonSubdistricts'] as [string, string]] : []),
  ];

  return (
    <>
      <PageTitle>{t('analysis.title')}</PageTitle>
      <p className="lead">{t('analysis.intro')}</p>
      {error && (
        <div role="alert" className="message message--error">
          <p>{error}</p>
        </div>
      )}
      {!error && (!data || !overview) && (
        <div role="status" className="analysis-progress">
          <p>{t('analysis.computing')}</p>
          <progress aria-label={t('analysis.progressLabel')} />
        </div>
      )}
      {data && overview && indicator && (
        <>
          <p className="analysis-summary">
            {t('analysis.summary', { wave: data.wave, respondents: data.respondents, sampled: overview.sampled, version: data.dataVersion, ms: data.durationMs })}
          </p>
          <WeightingPanel overview={overview} />
          <section className="card" aria-labelledby="indicators-title">
            <h2 id="indicators-title">{t(levels.includes('subdistrict') ? 'analysis.indicator.sectionTitleAreas' : 'analysis.indicator.sectionTitle')}</h2>
            <div className="field">
              <label htmlFor="indicator-select">{t('analysis.indicator.select')}</label>
              <select id="indicator-select" value={indicator.id} onChange={(e) => setSelected(e.target.value)} aria-describedby="indicator-base">
                {data.indicators.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.label}
                  </option>
                ))}
              </select>
              <p className="field__hint" id="indicator-base">
                {t('analysis.indicator.denominator', { text: indicator.denominatorLabel })} ({t(indicator.direction === 'need' ? 'analysis.indicator.need' : 'analysis.indicator.context')})
                {indicator.version !== undefined && <> · {t('analysis.trend.version', { version: indicator.version })}</>} ·{' '}
                <Link to={`/auswertung/kennzahlen?indicator=${encodeURIComponent(indicator.id)}`}>{t('analysis.trend.editLink')}</Link>
              </p>
            </div>
            <div className="analysis-switches">
              {levels.includes('subdistrict') && (
                <fieldset className="analysis-switch">
                  <legend>{t('analysis.switch.level')}</legend>
                  {(['district', 'subdistrict'] as const).map((l) => (
                    <div className="analysis-switch__choice" key={l}>
                      <input type="radio" id={`level-${l}`} name="analysis-level" value={l} checked={shownLevel === l} onChange={() => setLevel(l)} />
                      <label htmlFor={`level-${l}`}>{t(`analysis.level.${l}`)}</label>
                    </div>
                  ))}
                </fieldset>
              )}
              {hasModel && (
                <fieldset className="analysis-switch">
                  <legend>{t('analysis.switch.estimate')}</legend>
                  {(['model', 'direct'] as const).map((k) => (
                    <div className="analysis-switch__choice" key={k}>
                      <input type="radio" id={`estimate-${k}`} name="analysis-estimate" value={k} checked={shownKind === k} onChange={() => setKind(k)} />
                      <label htmlFor={`estimate-${k}`}>{t(`analysis.switch.${k}`)}</label>
                    </div>
                  ))}
                </fieldset>
              )}
            </div>
            {!hasModel && <p className="model-none">{t('analysis.model.none', { reason: indicator.modelFailures?.[shownLevel] ?? t('analysis.model.noneUnknown') })}</p>}
            {medianCv && (medianCv.direct !== null || medianCv.model !== null) && (
              <p className="analysis-median-cv">{t('analysis.medianCv', { direct: percent(medianCv.direct), model: percent(medianCv.model) })}</p>
            )}
            <IndicatorTable indicator={indicator} level={shownLevel} />
            <div id="analysis-footnotes" className="analysis-footnotes">
              <p>{t('analysis.footnotes.suppressed')}</p>
              <p>{t('analysis.footnotes.caution')}</p>
              {shownLevel === 'district' && <p>{t('analysis.footnotes.significant')}</p>}
              {shownLevel === 'district' && <TrendBreakNote indicator={indicator} wave={data.wave} />}
              {hasModel && (
                <>
                  <p>{t('analysis.footnotes.model')}</p>
                  <p>{t('analysis.footnotes.gamma')}</p>
                  <p>{t('analysis.footnotes.noRespondents')}</p>
                  <p>{t('analysis.footnotes.fewRespondents')}</p>
                  <p>{t('analysis.footnotes.modelCaution')}</p>
                </>
              )}
            </div>
            <div className={shownLevel === 'district' ? 'analysis-graphics' : 'analysis-graphics analysis-graphics--single'}>
              <IndicatorChart indicator={indicator} level={shownLevel} kind={shownKind} />
              <AreaMap key={`map-${mapRevision}`} indicator={indicator} level={shownLevel} kind={shownKind} />
            </div>
          </section>
          {data.smallArea && (
            <ModelCard
              indicator={indicator}
              level={shownLevel}
              smallArea={data.smallArea}
              aside={<ModelSettings indicator={indicator} level={shownLevel} smallArea={data.smallArea} saved={saved[indicator.id]?.[shownLevel]} onSaved={reloadIndicators} />}
            />
          )}
          <section className="card" aria-labelledby="area-covariates-title">
            <h2 id="area-covariates-title">{t('analysis.areaCovariates.title')}</h2>
            <AreaCovariates onImported={reloadIndicators} />
          </section>
          <DistrictReport pageLanguage={language} />
          <AreaBoundaries levels={levels.length > 0 ? levels : ['district']} onImported={() => setMapRevision((r) => r + 1)} />
          <ResultPublications wave={data.wave} />
          <section className="card" aria-labelledby="downloads-title">
            <h2 id="downloads-title">{t('analysis.downloads.title')}</h2>
            <p>{t('analysis.downloads.hint')}</p>
            <ul className="analysis-downloads">
              {downloads.map(([href, key]) => (
                <li key={key}>
                  <a className="button button--secondary" href={href} download>
                    {t(`analysis.downloads.${key}`)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
