import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { PageTitle } from '../../components/PageTitle';
import { currentLanguage } from '../../i18n';
import { api, ApiError } from '../../lib/api';
import { useRouter } from '../../lib/router';
import { DistrictTileMap } from './DistrictTileMap';
import { IndicatorChart } from './IndicatorChart';
import { IndicatorTable } from './IndicatorTable';
import './texts';
import type { IndicatorsResponse, Overview } from './types';
import { WeightingPanel } from './WeightingPanel';
import './analysis.css';

/** Auswertung: weighting diagnostics, district indicators (table, chart, tile map) and downloads (planner, admin). */
export default function AnalysisPage() {
  const { t, i18n } = useTranslation();
  const { expire } = useSession();
  const { navigate } = useRouter();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [data, setData] = useState<IndicatorsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string>('');
  const language = i18n.resolvedLanguage ?? currentLanguage();

  useEffect(() => {
    let cancelled = false;
    setData(null);
    (async () => {
      try {
        const [o, d] = await Promise.all([api.get<Overview>('/api/analysis/overview'), api.get<IndicatorsResponse>(`/api/analysis/indicators?lang=${language}`)]);
        if (cancelled) return;
        setOverview(o);
        setData(d);
        setSelected((s) => s || d.indicators[0]?.id || '');
      } catch (caught) {
        if (cancelled) return;
        if (caught instanceof ApiError && caught.status === 401) {
          void expire().then(() => navigate('/login?next=%2Fauswertung', { replace: true }));
          return;
        }
        setError(caught instanceof ApiError && caught.message ? caught.message : t('analysis.loadFailed'));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [language, expire, navigate, t]);

  const indicator = data?.indicators.find((i) => i.id === selected) ?? data?.indicators[0];
  const downloads: [string, string][] = [
    [`/api/analysis/export/results.csv?dialect=standard&lang=${language}`, 'resultsStandard'],
    [`/api/analysis/export/results.csv?dialect=excel-de&lang=${language}`, 'resultsExcel'],
    ['/api/analysis/export/microdata.csv', 'microdata'],
    ['/api/analysis/export/codebook.csv', 'codebook'],
    ['/api/analysis/export/reproduce.R', 'script'],
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
            <h2 id="indicators-title">{t('analysis.indicator.sectionTitle')}</h2>
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
              </p>
            </div>
            <IndicatorTable indicator={indicator} />
            <div id="analysis-footnotes" className="analysis-footnotes">
              <p>{t('analysis.footnotes.suppressed')}</p>
              <p>{t('analysis.footnotes.caution')}</p>
              <p>{t('analysis.footnotes.significant')}</p>
            </div>
            <div className="analysis-graphics">
              <IndicatorChart indicator={indicator} />
              <DistrictTileMap indicator={indicator} />
            </div>
          </section>
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
