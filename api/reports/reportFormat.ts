/**
 * Number formats of the district report: German with decimal comma and "Pp.", English with decimal point
 * and "pp". Shares are printed in per cent with one decimal, intervals as [low–high].
 */
import type { ReportLanguage } from './reportTexts';

export interface ReportFormat {
  /** 0.366 → "36,6 %" / "36.6 %" (a no-break space before %, so a line never starts with it); null → "–". */
  percent(share: number | null | undefined): string;
  /** [0.304, 0.432] → "[30,4–43,2]"; a missing bound → "". */
  interval(low: number | null | undefined, high: number | null | undefined): string;
  /** A change of shares in percentage points with sign: 0.021 → "+2,1 Pp." / "+2.1 pp"; minus as an en dash, which the PDF fonts print. */
  points(change: number): string;
  /** A count with thousands separators: 9544.18 → "9.544" / "9,544". */
  count(value: number): string;
  /** A plain number with `digits` decimals. */
  decimal(value: number, digits: number): string;
  /** An ISO timestamp as "2026-12-01 14:05 UTC" (no time zone database needed, the same on every machine). */
  timestamp(iso: string): string;
}

export function reportFormat(lang: ReportLanguage): ReportFormat {
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  const fixed = (value: number, digits: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true }).format(value);
  const tenths = (share: number) => fixed(share * 100, 1);
  return {
    percent: (share) => (share === null || share === undefined || !Number.isFinite(share) ? '–' : `${tenths(share)}\u00a0%`),
    interval: (low, high) =>
      low === null || low === undefined || high === null || high === undefined || !Number.isFinite(low) || !Number.isFinite(high) ? '' : `[${tenths(low)}–${tenths(high)}]`,
    points: (change) => `${change > 0 ? '+' : change < 0 ? '–' : '±'}${tenths(Math.abs(change))}\u00a0${lang === 'de' ? 'Pp.' : 'pp'}`,
    count: (value) => fixed(Math.round(value), 0),
    decimal: fixed,
    timestamp: (iso) => {
      const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
      return m ? `${m[1]} ${m[2]} UTC` : iso;
    },
  };
}
