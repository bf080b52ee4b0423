import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll';
import { covariateLabel } from './covariateLabel';
import { number, pValue } from './format';
import type { AreaLevel, Indicator, ModelCard as Card, SmallArea } from './types';

type Warning = Card['warnings'][number];

/**
 * A model warning in the page's language, by its code; the values it names come from the card. The API's
 * English message is shown only for a code the catalogue does not know.
 */
export function warningText(t: TFunction, w: Warning, card: Card, smallArea: SmallArea, language: string): string {
  return t(`analysis.model.warnings.${w.code}`, {
    defaultValue: w.message,
    covariate: w.covariate ? covariateLabel(smallArea, card.level, w.covariate, language) : '',
    areas: card.modelledAreas,
    iterations: card.iterations,
    statistic: number(card.wald.statistic, 2),
    df: card.wald.df,
    p: pValue(card.wald.pValue),
  });
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="model-fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * The model card of one indicator and level: covariates, coefficients with SE, z and p, σ̂ᵤ², fit criteria,
 * areas, bootstrap, variance smoothing, benchmarking, the Wald check and the warnings; or why there is no
 * model. `aside` (the covariate choice) is placed beside the facts.
 */
export function ModelCard({ indicator, level, smallArea, aside }: { indicator: Indicator; level: AreaLevel; smallArea: SmallArea; aside?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'de';
  const card = indicator.models?.[level] ?? null;
  const levelName = t(`analysis.level.${level}`);
  const heading = (
    <h2 id="model-title">
      {t('analysis.model.title', { indicator: indicator.label, level: levelName })}
    </h2>
  );
  if (!card) {
    const failure = indicator.modelFailures?.[level];
    return (
      <section className="card" aria-labelledby="model-title" data-model-level={level}>
        {heading}
        <p className="model-none">{t('analysis.model.none', { reason: failure ?? t('analysis.model.noneUnknown') })}</p>
        {aside}
      </section>
    );
  }
  const label = (name: string) => (name === '(Intercept)' ? t('analysis.model.intercept') : covariateLabel(smallArea, level, name, language));
  const ratios = card.benchmark.ratios;
  const ratioValues = ratios.map((r) => r.ratio);
  const sameRatio = ratioValues.length > 0 && ratioValues.every((r) => Math.abs(r - ratioValues[0]!) < 5e-4);
  return (
    <section className="card" aria-labelledby="model-title" data-model-level={level}>
      {heading}
      <p>{t(level === 'district' ? 'analysis.model.whatDistrict' : 'analysis.model.whatSubdistrict')}</p>
      {card.warnings.length > 0 && (
        <div className="model-warnings" role="note" aria-labelledby="model-warnings-title">
          <p className="message__title" id="model-warnings-title">
            {t('analysis.model.warningsTitle')}
          </p>
          <ul>
            {card.warnings.map((w, i) => (
              <li key={`${w.code}/${w.covariate ?? i}`} data-warning={w.code}>
                {warningText(t, w, card, smallArea, language)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="model-layout">
        <div className="model-main">
          <dl className="model-facts">
            <Fact term={t('analysis.model.covariates')}>
              {card.covariates.length === 0 ? t('analysis.model.noCovariates') : card.covariates.map((c) => label(c)).join('; ')}
              {card.selection === 'automatic' && ` ${t('analysis.model.selectionAutomatic', { candidates: card.candidates?.length ?? 0 })}`}
              {card.selection === 'planner' && ` ${t('analysis.model.selectionPlanner')}`}
            </Fact>
            <Fact term={t('analysis.model.sigma2u')}>
              {number(card.sigma2u, 5)}{' '}
              {t(card.converged ? 'analysis.model.converged' : 'analysis.model.notConverged', { iterations: card.iterations })}
            </Fact>
            <Fact term={t('analysis.model.fit')}>
              {t('analysis.model.fitValues', { loglik: number(card.loglik, 2), aic: number(card.aic, 2), bic: number(card.bic, 2) })}
            </Fact>
            <Fact term={t('analysis.model.areas')}>{t('analysis.model.areasValue', { areas: card.areas, modelled: card.modelledAreas })}</Fact>
            <Fact term={t('analysis.model.bootstrap')}>{t('analysis.model.bootstrapValue', { replicates: card.bootstrap, seed: card.seed })}</Fact>
            <Fact term={t('analysis.model.smoothing')}>
              {t('analysis.model.smoothingValue', { deff: number(card.pooledDesignEffect, 2) })}{' '}
              {card.smoothedAreas.length === 0 ? t('analysis.model.smoothedNone') : t('analysis.model.smoothedAreas', { areas: card.smoothedAreas.join(', ') })}
            </Fact>
            <Fact term={t('analysis.model.benchmark')}>
              {t(card.benchmark.to === 'city' ? 'analysis.model.benchmarkCity' : 'analysis.model.benchmarkDistrict')}
              {ratios.length > 0 && sameRatio && ` ${t('analysis.model.ratio', { ratio: number(ratioValues[0]!, 3) })}`}
              {ratios.length > 0 && !sameRatio && (
                <>
                  {` ${t('analysis.model.ratioRange', { low: number(Math.min(...ratioValues), 3), high: number(Math.max(...ratioValues), 3) })}`}
                  <details>
                    <summary>{t('analysis.model.ratioList')}</summary>
                    <ul className="model-ratios">
                      {ratios.map((r) => (
                        <li key={r.area}>
                          {r.area}: {number(r.ratio, 3)}
                        </li>
                      ))}
                    </ul>
                  </details>
                </>
              )}
            </Fact>
            <Fact term={t('analysis.model.wald')}>
              {t('analysis.model.waldValue', { statistic: number(card.wald.statistic, 2), df: card.wald.df, p: pValue(card.wald.pValue) })}
            </Fact>
          </dl>
          <TableScroll labelledBy="model-terms-caption">
            <table className="table table--compact analysis-numbers model-terms">
              <caption id="model-terms-caption">{t('analysis.model.termsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('analysis.model.term')}</th>
                  <th scope="col">β̂</th>
                  <th scope="col">{t('analysis.model.se')}</th>
                  <th scope="col">z</th>
                  <th scope="col">{t('analysis.indicator.p')}</th>
                </tr>
              </thead>
              <tbody>
                {card.terms.map((term) => (
                  <tr key={term.name} data-term={term.name}>
                    <th scope="row">{label(term.name)}</th>
                    <td>{number(term.beta, 4)}</td>
                    <td>{number(term.se, 4)}</td>
                    <td>{number(term.z, 2)}</td>
                    <td>{pValue(term.p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
        {aside}
      </div>
    </section>
  );
}
