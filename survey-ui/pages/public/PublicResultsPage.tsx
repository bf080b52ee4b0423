import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaFeatureCollectionLike } from '../../../analysis/maps/types';
import { ChoroplethMap } from '../../components/ChoroplethMap';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { useLanguage } from '../../i18n';
import { api } from '../../lib/api';
import { percent } from '../analysis/format';
import './texts';
import './public.css';

type Flag = 'ok' | 'caution' | 'suppressed';
interface PublishedCell {
  area: string;
  n: number | null;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  flag: Flag;
}
interface Published {
  publishedAt: string;
  snapshot: {
    wave: number;
    respondents: number;
    geometry: { schematic: boolean } | null;
    indicators: { id: string; label: { de: string; en: string }; city: Omit<PublishedCell, 'area'>; areas: PublishedCell[] }[];
  };
  geometry: AreaFeatureCollectionLike | null;
}

/**
 * The public results page (/ergebnisse, no login): the published district results of a wave as a map and a
 * table, with the CSV and GeoJSON downloads. It reads the public snapshot endpoints only.
 */
export default function PublicResultsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [waves, setWaves] = useState<{ wave: number; publishedAt: string }[] | null>(null);
  const [wave, setWave] = useState<number | null>(null);
  const [published, setPublished] = useState<Published | null>(null);
  const [indicatorId, setIndicatorId] = useState('');
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    api
      .get<{ waves: { wave: number; publishedAt: string }[] }>('/api/public/results')
      .then((r) => {
        setWaves(r.waves);
        setWave(r.waves[0]?.wave ?? null);
      })
      .catch(() => setFailed(true));
  }, []);
  useEffect(() => {
    if (wave === null) return;
    setPublished(null);
    api
      .get<Published>(`/api/public/results/${wave}`)
      .then((p) => {
        setPublished(p);
        setIndicatorId((id) => id || p.snapshot.indicators[0]?.id || '');
      })
      .catch(() => setFailed(true));
  }, [wave]);

  const indicator = published?.snapshot.indicators.find((i) => i.id === indicatorId) ?? published?.snapshot.indicators[0];
  const values = useMemo(() => indicator?.areas.map((c) => ({ area: c.area, value: c.estimate, ciLow: c.ciLow, ciHigh: c.ciHigh, flag: c.flag })) ?? [], [indicator]);
  const note = (flag: Flag) => (flag === 'caution' ? t('publicResults.caution') : flag === 'suppressed' ? t('publicResults.suppressed') : '');
  const at = (iso: string) => new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long' }).format(new Date(iso));

  return (
    <>
      <PageTitle>{t('publicResults.title')}</PageTitle>
      <p className="lead">{t('publicResults.intro')}</p>
      {failed && (
        <p role="alert" className="message message--error">
          {t('publicResults.failed')}
        </p>
      )}
      {!failed && waves === null && <p role="status">{t('publicResults.loading')}</p>}
      {waves !== null && waves.length === 0 && <p className="public-none">{t('publicResults.none')}</p>}
      {waves !== null && waves.length > 0 && (
        <div className="public-controls">
          {waves.length > 1 && (
            <div className="field">
              <label htmlFor="public-wave">{t('publicResults.wave')}</label>
              <select id="public-wave" value={wave ?? ''} onChange={(e) => setWave(Number(e.target.value))}>
                {waves.map((w) => (
                  <option key={w.wave} value={w.wave}>
                    {t('publicResults.waveOption', { wave: w.wave })}
                  </option>
                ))}
              </select>
            </div>
          )}
          {published && (
            <div className="field">
              <label htmlFor="public-indicator">{t('publicResults.indicator')}</label>
              <select id="public-indicator" value={indicator?.id ?? ''} onChange={(e) => setIndicatorId(e.target.value)}>
                {published.snapshot.indicators.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.label[language]}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      )}
      {published && indicator && (
        <>
          <p>{t('publicResults.published', { wave: published.snapshot.wave, at: at(published.publishedAt), respondents: published.snapshot.respondents })}</p>
          <section className="card public-results" aria-label={indicator.label[language]}>
            {published.geometry ? (
              <ChoroplethMap
                id="public-map"
                title={t('publicResults.mapTitle', { indicator: indicator.label[language] })}
                geometry={published.geometry}
                values={values}
                format={percent}
                schematic={published.snapshot.geometry?.schematic === true}
              />
            ) : (
              <p>{t('publicResults.noMap')}</p>
            )}
            <TableScroll labelledBy="public-table-caption">
              <table className="public-table">
                <caption id="public-table-caption">{t('publicResults.tableCaption', { indicator: indicator.label[language], wave: published.snapshot.wave })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('publicResults.district')}</th>
                    <th scope="col">{t('publicResults.share')}</th>
                    <th scope="col">{t('publicResults.ci')}</th>
                    <th scope="col">{t('publicResults.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[{ ...indicator.city, area: t('publicResults.city') }, ...indicator.areas].map((c) => (
                    <tr key={c.area}>
                      <th scope="row">{c.area}</th>
                      <td>{percent(c.estimate)}</td>
                      <td>{c.ciLow !== null && c.ciHigh !== null ? `${percent(c.ciLow)} – ${percent(c.ciHigh)}` : '–'}</td>
                      <td>{note(c.flag)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <p className="public-footnotes">{t('publicResults.footnotes')}</p>
          </section>
          <section className="card" aria-labelledby="public-downloads">
            <h2 id="public-downloads">{t('publicResults.downloads')}</h2>
            <ul className="public-downloads">
              <li>
                <a className="button button--secondary" href={`/api/public/results/${published.snapshot.wave}/results.csv?lang=${language}`} download>
                  {t('publicResults.csv')}
                </a>
              </li>
              {published.geometry && (
                <li>
                  <a className="button button--secondary" href={`/api/public/results/${published.snapshot.wave}/results.geojson`} download>
                    {t('publicResults.geojson')}
                  </a>
                </li>
              )}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
