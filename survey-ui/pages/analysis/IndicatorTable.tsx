import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { percent, points, pValue } from './format';
import type { Cell, Indicator } from './types';

type SortKey = 'district' | 'share' | 'n';

/** The chosen indicator by district: sortable by district, share or n; suppressed "–", caution "*". */
export function IndicatorTable({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'district', descending: false });
  const rows = [...indicator.districts].sort((a, b) => {
    const s = sort.key === 'district' ? String(a.district).localeCompare(String(b.district), 'de') : sort.key === 'n' ? a.n - b.n : (a.estimate ?? -1) - (b.estimate ?? -1);
    return sort.descending ? -s : s;
  });
  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => setSort({ key, descending: active ? !sort.descending : key !== 'district' })}>
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
        </button>
      </th>
    );
  };
  // Shown only when a previous wave was analysed (independent-samples SE, see the results CSV).
  const previousWave = [indicator.overall, ...indicator.districts].find((c) => c.change)?.change?.previousWave;
  const row = (cell: Cell, label: string, total = false) => (
    <tr key={label} className={total ? 'analysis-total' : undefined} data-district={cell.district ?? ''}>
      <th scope="row">{label}</th>
      <td>
        {percent(cell.estimate)}
        {cell.flag === 'caution' && <span className="flag-mark">*</span>}
      </td>
      <td>{cell.ciLow === null || cell.ciHigh === null ? '–' : `${percent(cell.ciLow)} – ${percent(cell.ciHigh)}`}</td>
      <td>{cell.n}</td>
      <td>{cell.vsRest ? points(cell.vsRest.difference) : '–'}</td>
      <td>{cell.vsRest ? pValue(cell.vsRest.pValue) : '–'}</td>
      {previousWave !== undefined && <td>{cell.change ? `${points(cell.change.change)} (p ${pValue(cell.change.pValue)})` : '–'}</td>}
    </tr>
  );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="indicator-caption">
      <table className="table table--compact analysis-numbers" aria-describedby="analysis-footnotes">
        <caption id="indicator-caption">{t('analysis.indicator.caption', { indicator: indicator.label })}</caption>
        <thead>
          <tr>
            {header('district', t('analysis.indicator.district'))}
            {header('share', t('analysis.indicator.share'))}
            <th scope="col">{t('analysis.indicator.ci')}</th>
            {header('n', t('analysis.indicator.n'))}
            <th scope="col">{t('analysis.indicator.vsRest')}</th>
            <th scope="col">{t('analysis.indicator.p')}</th>
            {previousWave !== undefined && <th scope="col">{t('analysis.indicator.change', { wave: previousWave })}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((cell) => row(cell, String(cell.district)))}
          {row(indicator.overall, t('analysis.city'), true)}
        </tbody>
      </table>
    </div>
  );
}
