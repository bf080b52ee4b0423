import { useTranslation } from 'react-i18next';
import { number } from './format';
import type { Overview, WeightSummary } from './types';

function Row({ label, s, sampled, header }: { label: string; s: WeightSummary; sampled: number; header?: boolean }) {
  return (
    <tr className={header ? 'analysis-total' : undefined}>
      <th scope="row">{label}</th>
      <td>{number(sampled)}</td>
      <td>{number(s.n)}</td>
      <td>{number(s.sumWeights, 1)}</td>
      <td>{number(s.population)}</td>
      <td>{number(s.min, 2)}</td>
      <td>{number(s.max, 2)}</td>
      <td>{number(s.cv, 3)}</td>
      <td>{number(s.kishDeff, 3)}</td>
      <td>{number(s.effectiveN, 1)}</td>
    </tr>
  );
}

/** Weighting diagnostics: Σ weights against the population, spread and Kish design effect per district. */
export function WeightingPanel({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const w = overview.weighting;
  const columns = ['district', 'sampled', 'respondents', 'sumWeights', 'population', 'min', 'max', 'cv', 'deff', 'effectiveN'];
  return (
    <section className="card" aria-labelledby="weighting-title">
      <h2 id="weighting-title">{t('analysis.weighting.title')}</h2>
      <p>
        {t('analysis.weighting.cells', {
          cells: w.nonresponse.cells.length,
          variables: w.nonresponse.cellVariables.join(' × '),
          collapsed: w.nonresponse.cells.filter((c) => c.collapsed).length,
          margins: w.calibration.variables.join(' + '),
          iterations: w.calibration.iterations,
        })}
      </p>
      {overview.notEligible > 0 && <p>{t('analysis.weighting.notEligible', { count: overview.notEligible })}</p>}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="weighting-caption">
        <table className="table table--compact analysis-numbers">
          <caption id="weighting-caption">{t('analysis.weighting.caption')}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {t(`analysis.weighting.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {w.districts.map((d) => (
              <Row key={d.domain} label={d.domain} s={d} sampled={d.sampled} />
            ))}
            <Row label={t('analysis.weighting.overall')} s={w.overall} sampled={overview.sampled} header />
          </tbody>
        </table>
      </div>
    </section>
  );
}
