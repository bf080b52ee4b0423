/** Date and time in the UI language, e.g. "27.11.2026, 23:54" / "27/11/2026, 23:54". */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * A short, readable line per changed field ("role: staff → planner") so the log can be scanned
 * without opening JSON. Fields present only on one side are shown as added or removed.
 */
export function describeChange(before: unknown, after: unknown, details: unknown): string[] {
  const lines: string[] = [];
  const old = asRecord(before);
  const neu = asRecord(after);
  if (old || neu) {
    const keys = [...new Set([...Object.keys(old ?? {}), ...Object.keys(neu ?? {})])];
    for (const key of keys) {
      const a = old?.[key];
      const b = neu?.[key];
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      if (!old || a === undefined) lines.push(`${key}: ${formatValue(b)}`);
      else if (!neu || b === undefined) lines.push(`${key}: ${formatValue(a)} → –`);
      else lines.push(`${key}: ${formatValue(a)} → ${formatValue(b)}`);
    }
  }
  const extra = asRecord(details);
  if (extra) for (const [key, value] of Object.entries(extra)) lines.push(`${key}: ${formatValue(value)}`);
  else if (details !== null && details !== undefined && details !== '') lines.push(formatValue(details));
  return lines;
}

/** The actor may arrive as a name, an id or a user record, depending on the store. */
export function describeActor(actor: unknown): string | null {
  if (actor === null || actor === undefined || actor === '') return null;
  const record = asRecord(actor);
  if (record) return formatValue(record.username ?? record.displayName ?? record.id);
  return formatValue(actor);
}
