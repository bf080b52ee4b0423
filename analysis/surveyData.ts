/**
 * Survey data as the estimators see it: named columns of equal length, read either from an array of
 * row records (as a CSV parser returns them) or from column arrays (typed arrays for large files).
 * Missing values are `null`, `undefined`, `NaN`, the empty string and `'NA'` (as R writes them).
 */
import { AnalysisError } from './analysisError';

/** Rows (`[{ district: 'Gera-Ost', weight: '12.5' }, …]`) or columns (`{ weight: Float64Array, … }`). */
export type SurveyData = readonly Readonly<Record<string, unknown>>[] | Readonly<Record<string, ArrayLike<unknown>>>;

/** Column access with caching; one instance per design. */
export interface SurveyTable {
  readonly size: number;
  has(name: string): boolean;
  column(name: string): ArrayLike<unknown>;
  readonly columnNames: readonly string[];
}

export function surveyTable(data: SurveyData): SurveyTable {
  if (Array.isArray(data)) {
    const rows = data as readonly Readonly<Record<string, unknown>>[];
    const names = rows.length > 0 ? Object.keys(rows[0]) : [];
    const cache = new Map<string, unknown[]>();
    return {
      size: rows.length,
      columnNames: names,
      has: (name) => names.includes(name) || (rows.length > 0 && name in rows[0]),
      column(name) {
        let col = cache.get(name);
        if (!col) {
          if (!this.has(name)) throw new AnalysisError(`the data have no column '${name}'`);
          col = rows.map((r) => r[name]);
          cache.set(name, col);
        }
        return col;
      },
    };
  }
  const cols = data as Readonly<Record<string, ArrayLike<unknown>>>;
  const names = Object.keys(cols);
  const size = names.length > 0 ? cols[names[0]].length : 0;
  for (const name of names) {
    if (cols[name].length !== size) {
      throw new AnalysisError(`column '${name}' has ${cols[name].length} values, column '${names[0]}' has ${size}`);
    }
  }
  return {
    size,
    columnNames: names,
    has: (name) => Object.prototype.hasOwnProperty.call(cols, name),
    column(name) {
      if (!this.has(name)) throw new AnalysisError(`the data have no column '${name}'`);
      return cols[name];
    },
  };
}

/** True for the values treated as a missing answer. */
export function isMissingValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' || t === 'NA';
  }
  return false;
}

/**
 * Reads a numeric column into a Float64Array with NaN for missing answers.
 * Numbers pass through, numeric strings are parsed, booleans count as 1/0.
 * Cost: O(n).
 * @throws AnalysisError naming the column and the 1-based data row of the first non-numeric value.
 */
export function numericColumn(table: SurveyTable, name: string, what = 'variable'): Float64Array {
  const values = table.column(name);
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(table.size);
  for (let i = 0; i < table.size; i++) {
    const v = values[i];
    if (typeof v === 'number') {
      if (v === Infinity || v === -Infinity) throw new AnalysisError(`${what} '${name}' in data row ${i + 1} is infinite`);
      out[i] = v;
    } else if (isMissingValue(v)) {
      out[i] = NaN;
    } else if (typeof v === 'boolean') {
      out[i] = v ? 1 : 0;
    } else {
      const s = String(v).trim();
      const x = Number(s);
      if (!Number.isFinite(x)) {
        throw new AnalysisError(`${what} '${name}' in data row ${i + 1} is not a number: '${String(v)}'`);
      }
      out[i] = x;
    }
  }
  return out;
}

/** Category labels of a column as trimmed strings; `null` for a missing value. Cost: O(n). */
export function categoryColumn(table: SurveyTable, name: string): (string | null)[] {
  const values = table.column(name);
  const out = new Array<string | null>(table.size);
  for (let i = 0; i < table.size; i++) {
    const v = values[i];
    if (typeof v === 'string') {
      const t = v.trim();
      out[i] = t === '' || t === 'NA' ? null : t;
    } else out[i] = isMissingValue(v) ? null : String(v).trim();
  }
  return out;
}

/**
 * Orders category labels: numerically when every label is a number, otherwise by code point
 * (the C-locale order R uses with `sort(method = "radix")`), so results do not depend on the locale.
 */
export function compareCategories(labels: readonly string[]): (a: string, b: string) => number {
  const numeric = labels.length > 0 && labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  if (numeric) return (a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);
  return (a, b) => (a < b ? -1 : a > b ? 1 : 0);
}

/** A categorical column coded once: `codeOf[i]` indexes `labels` (−1 = missing). Cost: O(n + k log k). */
export interface CategoryIndex {
  labels: string[];
  codeOf: Int32Array;
}

export function categoryIndex(categories: readonly (string | null)[]): CategoryIndex {
  // One look-up per unit: codes in order of first appearance, renumbered in label order after the sort.
  const seen = new Map<string, number>();
  const codeOf = new Int32Array(categories.length);
  for (let i = 0; i < categories.length; i++) {
    const c = categories[i];
    if (c === null) {
      codeOf[i] = -1;
      continue;
    }
    let code = seen.get(c);
    if (code === undefined) {
      code = seen.size;
      seen.set(c, code);
    }
    codeOf[i] = code;
  }
  const firstSeen = [...seen.keys()];
  const labels = [...firstSeen].sort(compareCategories(firstSeen));
  const position = new Map(labels.map((l, j) => [l, j]));
  const renumber = Int32Array.from(firstSeen, (l) => position.get(l) as number);
  for (let i = 0; i < codeOf.length; i++) if (codeOf[i] >= 0) codeOf[i] = renumber[codeOf[i]];
  return { labels, codeOf };
}

const codedCache = new WeakMap<SurveyTable, Map<string, CategoryIndex>>();

/**
 * The categorical column coded once per table (cached): strata, calibration margins and domains often use
 * the same column (district), so it is read and sorted only once. Cost: O(n + k log k) the first time, O(1) after.
 */
export function codedColumn(table: SurveyTable, name: string): CategoryIndex {
  let byName = codedCache.get(table);
  if (!byName) {
    byName = new Map();
    codedCache.set(table, byName);
  }
  let index = byName.get(name);
  if (!index) {
    index = categoryIndex(categoryColumn(table, name));
    byName.set(name, index);
  }
  return index;
}
