/**
 * Known population margins for calibration, in the form planners keep them: one row per
 * `variable, category, total` (e.g. `district, Gera-Ost, 1210`). Reads and checks such rows.
 * Cost: O(m).
 * @throws AnalysisError for no rows, a missing field, a non-numeric or negative total, or a category listed twice.
 * @example populationMargins([{ variable: 'stype', category: 'E', total: '4421' }]) // → [{ variable: 'stype', category: 'E', total: 4421 }]
 */
import { AnalysisError } from './analysisError';

export interface PopulationMargin {
  variable: string;
  category: string;
  total: number;
}

export function populationMargins(rows: readonly Readonly<Record<string, unknown>>[]): PopulationMargin[] {
  if (rows.length === 0) throw new AnalysisError('the population margins are empty');
  const seen = new Set<string>();
  return rows.map((row, i) => {
    const variable = String(row.variable ?? '').trim();
    const category = String(row.category ?? '').trim();
    const rawTotal = row.total;
    if (variable === '') throw new AnalysisError(`margin row ${i + 1} has no variable`);
    if (category === '') throw new AnalysisError(`margin row ${i + 1} (variable '${variable}') has no category`);
    const total = typeof rawTotal === 'number' ? rawTotal : Number(String(rawTotal ?? '').trim());
    if (String(rawTotal ?? '').trim() === '' || !Number.isFinite(total)) {
      throw new AnalysisError(`margin row ${i + 1} (${variable} = ${category}) has a non-numeric total '${String(rawTotal ?? '')}'`);
    }
    if (total < 0) throw new AnalysisError(`margin row ${i + 1} (${variable} = ${category}) has a negative total ${total}`);
    const key = `${variable}\u0000${category}`;
    if (seen.has(key)) throw new AnalysisError(`margin ${variable} = ${category} is listed twice`);
    seen.add(key);
    return { variable, category, total };
  });
}
