/** Date and time in the UI language, e.g. "27.11.2026, 23:54" / "27 Nov 2026, 23:54". */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Short readable lines for the "change" column: the object before → after (only what differs,
 * so an unchanged summary is not repeated), then each detail as `key: value`.
 * @example describeChange('lena · staff · active', 'lena · staff · disabled', { changed: ['disabled'] })
 *   // → ['lena · staff · active → lena · staff · disabled', 'changed: disabled']
 */
export function describeChange(beforeSummary: string | null, afterSummary: string | null, details: Record<string, unknown> | null): string[] {
  const lines: string[] = [];
  if (beforeSummary && afterSummary && beforeSummary !== afterSummary) lines.push(`${beforeSummary} → ${afterSummary}`);
  else if (afterSummary || beforeSummary) lines.push((afterSummary ?? beforeSummary)!);
  for (const [key, value] of Object.entries(details ?? {})) lines.push(`${key}: ${formatValue(value)}`);
  return lines;
}
