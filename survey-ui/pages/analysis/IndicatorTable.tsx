import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll';
import { number, percent, points, pValue } from './format';
import './trendTexts';
import { areaCells } from './shownEstimate';
import type { AreaLevel, Cell, Indicator, ModelCell, SubdistrictCell } from './types';

type SortKey = 'area' | 'parent' | 'direct' | 'n' | 'model';

const parentOf = (cell: Cell): string => (cell as SubdistrictCell).parent ?? '';
const byName = (a: string, b: string) => a.localeCompare(b, 'de');

function compare(key: SortKey, a: Cell, b: Cell): number {
  switch (key) {
    case 'area':
      return byName(String(a.district), String(b.district));
    case 'parent':
      // Sub-districts stay grouped under their district, in name order within it.
      return byName(parentOf(a), parentOf(b)) || byName(String(a.district), String(b.district));
    case 'n':
      return a.n - b.n;
    case 'direct':
      return (a.estimate ?? -1) - (b.estimate ?? -1);
    case 'model':
      return (a.model?.estimate ?? -1) - (b.model?.estimate ?? -1);
  }
}

/** The badge of a model value: model-based, or synthetic with the reason (no answers / too few to use). */
export function ModelBadge({ model }: { model: ModelCell }) {
  const { t } = useTranslation();
  if (model.kind === 'model') return <span className="badge badge--model">{t('analysis.badge.model')}</span>;
  // "synthetisch –" and the reason each on one line: two lines at most in a narrow column.
  const [kind, ...reason] = t(model.reason === 'few-respondents' ? 'analysis.badge.fewRespondents' : 'analysis.badge.noRespondents').split(' – ');
  return (
    <span className="badge badge--synthetic">
      <span className="nowrap">{reason.length > 0 ? `${kind} –` : kind}</span> <span className="nowrap">{reason.join(' – ')}</span>
    </span>
  );
}

/**
 * The change since the previous wave: an arrow (▲ up, ▼ down, with its word for screen readers), the points
 * with their standard error and 95 % CI, and the trend-break mark that points to the explanation below the table.
 */
function WaveChange({ change }: { change: NonNullable<Cell['change']> }) {
  const { t } = useTranslation();
  const arrow = change.change > 0 ? '▲' : change.change < 0 ? '▼' : '';
  return (
    <>
      {arrow && (
        <>
          <span aria-hidden="true">{arrow} </span>
          <span className="visually-hidden">{t(change.change > 0 ? 'analysis.trend.up' : 'analysis.trend.down')} </span>
        </>
      )}
      {points(change.change)}{' '}
      <span className="analysis-change-ci">({t('analysis.trend.interval', { se: number(change.se * 100, 1), low: points(change.ciLow), high: points(change.ciHigh) })})</span>
      {change.trendBreak && (
        <>
          {' '}
          <a className="trend-break-mark" href="#trend-break-note">
            <span aria-hidden="true">⚠ </span>
            {t('analysis.trend.breakMark')}
          </a>
        </>
      )}
    </>
  );
}

const caution = (flag: string) => (flag === 'caution' ? <span className="flag-mark">*</span> : null);
// "45,9 – 94,9 %": one percent sign per interval keeps the two interval columns narrow.
const interval = (low: number | null, high: number | null) => (low === null || high === null ? '–' : `${number(low * 100, 1)} – ${percent(high)}`);

/**
 * The chosen indicator by area: the direct survey estimate (± 95 % CI, n, CV) beside the model-based one
 * (± 95 % CI, weight on the survey γ, CV, kind). Sortable by area, district (sub-districts), either share or n;
 * suppressed "–", caution "*" (footnotes below the table explain both and the badges).
 */
export function IndicatorTable({ indicator, level }: { indicator: Indicator; level: AreaLevel }) {
  const { t } = useTranslation();
  const sub = level === 'subdistrict';
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'parent', descending: false });
  // 'parent' is the natural order at both levels (at district level it falls back to the name).
  const key = !sub && sort.key === 'parent' ? 'area' : sort.key;
  const cells = areaCells(indicator, level);
  const rows = [...cells].sort((a, b) => (sort.descending ? -1 : 1) * compare(key, a, b));
  const withModel = indicator.models?.[level] != null || cells.some((c) => c.model);
  const withComparison = !sub;
  // Shown only when a previous wave was analysed (independent-samples SE, see the results CSV).
  const previousWave = withComparison ? [indicator.overall, ...indicator.districts].find((c) => c.change)?.change?.previousWave : undefined;

  const sortHeader = (k: SortKey, label: ReactNode, props: { rowSpan?: number } = {}) => {
    const active = key === k;
    return (
      <th scope="col" {...props} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => setSort({ key: k, descending: active ? !sort.descending : k === 'direct' || k === 'model' || k === 'n' })}>
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
        </button>
      </th>
    );
  };
  const hidden = (text: string) => <span className="visually-hidden">{text}</span>;

  const row = (cell: Cell, label: string, total = false) => {
    const m = cell.model;
    return (
      <tr key={`${parentOf(cell)}/${label}`} className={total ? 'analysis-total' : undefined} data-area={total ? '' : (cell.district ?? '')}>
        <th scope="row">{label}</th>
        {sub && <td className="analysis-text">{total ? '' : parentOf(cell)}</td>}
        <td>
          {percent(cell.estimate)}
          {caution(cell.flag)}
        </td>
        <td className="nowrap">{interval(cell.ciLow, cell.ciHigh)}</td>
        <td>{cell.n}</td>
        <td>{cell.estimate === null ? '–' : percent(cell.cv)}</td>
        {withModel && (
          <>
            <td className="analysis-model">
              {m ? percent(m.estimate) : '–'}
              {m && caution(m.flag)}
            </td>
            <td className="nowrap">{m ? interval(m.ciLow, m.ciHigh) : '–'}</td>
            <td>{m ? percent(m.gamma) : '–'}</td>
            <td>{m ? percent(m.cv) : '–'}</td>
            <td className="analysis-text analysis-kind">{m ? <ModelBadge model={m} /> : total ? '' : '–'}</td>
          </>
        )}
        {withComparison && (
          <>
            <td>{cell.vsRest ? points(cell.vsRest.difference) : '–'}</td>
            <td>{cell.vsRest ? pValue(cell.vsRest.pValue) : '–'}</td>
            {previousWave !== undefined && <td className="nowrap">{cell.change ? <WaveChange change={cell.change} /> : '–'}</td>}
          </>
        )}
      </tr>
    );
  };

  const direct = t('analysis.table.directShort');
  const model = t('analysis.table.modelShort');
  return (
    <TableScroll labelledBy="indicator-caption">
      <table className={`table table--compact analysis-numbers analysis-areas${sub ? ' analysis-areas--sub' : ''}`} aria-describedby="analysis-footnotes">
        <caption id="indicator-caption">{t(sub ? 'analysis.indicator.captionSubdistrict' : 'analysis.indicator.caption', { indicator: indicator.label })}</caption>
        <colgroup span={sub ? 2 : 1} />
        <colgroup span={4} />
        {withModel && <colgroup span={5} className="analysis-model-columns" />}
        {withComparison && <colgroup span={previousWave !== undefined ? 3 : 2} />}
        <thead>
          <tr>
            {sortHeader('area', t(sub ? 'analysis.indicator.subdistrict' : 'analysis.indicator.district'), { rowSpan: 2 })}
            {sub && sortHeader('parent', t('analysis.indicator.district'), { rowSpan: 2 })}
            <th scope="colgroup" colSpan={4}>
              {t('analysis.table.direct')}
            </th>
            {withModel && (
              <th scope="colgroup" colSpan={5}>
                {t('analysis.table.model')}
              </th>
            )}
            {withComparison && (
              <>
                <th scope="col" rowSpan={2}>
                  {t('analysis.indicator.vsRest')}
                </th>
                <th scope="col" rowSpan={2}>
                  {t('analysis.indicator.p')}
                </th>
                {previousWave !== undefined && (
                  <th scope="col" rowSpan={2}>
                    {t('analysis.trend.column', { wave: previousWave })}
                  </th>
                )}
              </>
            )}
          </tr>
          <tr>
            {sortHeader(
              'direct',
              <>
                {t('analysis.indicator.share')}
                {hidden(` (${direct})`)}
              </>,
            )}
            <th scope="col">
              {t('analysis.indicator.ci')}
              {hidden(` (${direct})`)}
            </th>
            {sortHeader('n', t('analysis.indicator.n'))}
            <th scope="col">
              {t('analysis.table.cv')}
              {hidden(` (${direct})`)}
            </th>
            {withModel && (
              <>
                {sortHeader(
                  'model',
                  <>
                    {t('analysis.indicator.share')}
                    {hidden(` (${model})`)}
                  </>,
                )}
                <th scope="col">
                  {t('analysis.indicator.ci')}
                  {hidden(` (${model})`)}
                </th>
                <th scope="col">{t('analysis.table.gamma')}</th>
                <th scope="col">
                  {t('analysis.table.cv')}
                  {hidden(` (${model})`)}
                </th>
                <th scope="col">{t('analysis.table.kind')}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((cell) => row(cell, String(cell.district)))}
          {row(indicator.overall, t('analysis.city'), true)}
        </tbody>
      </table>
    </TableScroll>
  );
}
