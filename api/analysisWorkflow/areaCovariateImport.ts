/**
 * Import of area covariates (Gebietsmerkmale) for small-area estimation: one CSV per level with a
 * row per district or sub-district of the frame, `area,<covariate>…`, read like the frame upload
 * (readCsvBytes, in the one dialect of api/csv/dialect.ts: UTF-8 or Windows-1252, `;` or `,`). In the German dialect
 * (`;`) numbers may use a decimal comma. Checked as a whole before anything is stored: every area of
 * the level has exactly one row, no unknown area, every value a finite number; each problem names
 * its row and column. A file that passes becomes the level's next version, audited; one that does
 * not is refused (and the refusal audited) with nothing stored.
 */
import { recordAudit, type Actor } from '../audit/auditLog';
import type { CsvDelimiter, CsvEncoding } from '../csv/dialect';
import { AppError, isAppError } from '../errors/appError';
import { render, type Language } from '../errors/catalogue';
import { csvHeader, readCsvBytes } from '../samplingWorkflow/uploads';
import { DuplicateKeyError, type AreaCovariateImport, type AreaLevel, type Frame, type Repositories, type Store } from '../store/types';
import { frameCovariates } from './frameCovariates';

export interface AreaCovariateUpload {
  /** Default: the frame of the newest draw (the one the analysis uses), else the newest frame. */
  frameId?: string;
  level: AreaLevel;
  fileName: string;
  bytes: Buffer;
}

export type CovariateErrorCode =
  | 'badColumnName'
  | 'frameColumnName'
  | 'fieldCount'
  | 'missingArea'
  | 'unknownArea'
  | 'duplicateArea'
  | 'missingValue'
  | 'badNumber'
  | 'ambiguousNumber'
  | 'areaWithoutRow';

export interface CovariateRowError {
  /** Row as a spreadsheet shows it (header = 1); null for an area of the frame the file has no row for. */
  row: number | null;
  /** Column name in the file. */
  column: string;
  code: CovariateErrorCode;
  reason: string;
}

/**
 * What the refusal of a covariate file (AppError `covariates.refused`) adds to the error body:
 * every problem (the first MAX_REPORTED), their number, and the area names that did not match.
 */
export type CovariateRefusal = {
  errors: CovariateRowError[];
  errorCount: number;
  unknownAreas: string[];
  missingAreas: string[];
};

/** The report of a refused covariate file, null for any other error. */
export function covariateRefusal(err: unknown): CovariateRefusal | null {
  return isAppError(err, 'covariates.refused') ? (err.body as CovariateRefusal) : null;
}

export const MAX_REPORTED = 100;
/** More covariates than this would not be a model any more, but a data dump. */
export const MAX_COVARIATES = 50;
/** Letters, digits and `_`, starting with a letter: usable as a model term and an R column name. */
const COVARIATE_NAME = /^\p{L}[\p{L}\p{N}_]{0,63}$/u;
const STANDARD_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GERMAN_DECIMAL_COMMA = /^[+-]?(\d+,\d*|,\d+)$/;
/** "1.234" in a German file is more likely 1234 with a thousands point than 1.234: refused, not guessed. */
const GERMAN_GROUPED = /^[+-]?[1-9]\d{0,2}(\.\d{3})+$/;

/**
 * A covariate value as written in the file: `12.5`, `-3`, `1e-3`; with the German dialect (`;`) also
 * `12,5`. Returns the number, or the error code for the text.
 * @example covariateNumber('12,5', true) // → 12.5
 */
export function covariateNumber(raw: string, german: boolean): number | 'missingValue' | 'badNumber' | 'ambiguousNumber' {
  const text = raw.trim();
  if (text === '') return 'missingValue';
  let value: number;
  if (german && GERMAN_DECIMAL_COMMA.test(text)) value = Number(text.replace(',', '.'));
  else if (german && GERMAN_GROUPED.test(text)) return 'ambiguousNumber';
  else if (STANDARD_NUMBER.test(text)) value = Number(text);
  else return 'badNumber';
  return Number.isFinite(value) ? value : 'badNumber';
}

/** A file that passed every check, ready to be stored as the next version. */
export interface CheckedAreaCovariates {
  frame: Frame;
  level: AreaLevel;
  fileName: string;
  columns: string[];
  rows: { area: string; values: number[] }[];
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
}

/** The frame the upload is for: the given one, else that of the newest draw, else the newest frame. */
export async function covariateFrame(repos: Pick<Repositories, 'frames' | 'draws'>, frameId?: string): Promise<Frame> {
  const id = frameId ?? (await repos.draws.list())[0]?.frameId ?? (await repos.frames.list())[0]?.id;
  const frame = id === undefined ? null : await repos.frames.get(id);
  if (!frame) {
    throw frameId ? new AppError('notFound', 'analysis.frameNotFound', { frameId }) : new AppError('notFound', 'covariates.noFrame');
  }
  return frame;
}

/** The frame's areas of a level (districts from the frame record, sub-districts from its households) and the frame covariate names. */
async function frameAreas(repos: Pick<Repositories, 'households'>, frame: Frame, level: AreaLevel): Promise<{ areas: string[]; frameNames: string[] }> {
  const covariates = frameCovariates(await repos.households.listByFrame(frame.id));
  const areas = level === 'district' ? frame.districts.map((d) => d.district) : covariates.areas.filter((a) => a.level === 'subdistrict').map((a) => a.area);
  return { areas, frameNames: covariates.names[level] };
}

/**
 * Reads and checks a covariate file against the frame's areas of its level; stores nothing.
 * @throws AppError notFound (frame); invalid (no sub-districts in the frame, unreadable or empty
 *   file, bad header), or invalid `covariates.refused` with every problem by row and column (covariateRefusal).
 */
export async function checkAreaCovariates(repos: Pick<Repositories, 'frames' | 'draws' | 'households'>, upload: AreaCovariateUpload, lang: Language = 'de'): Promise<CheckedAreaCovariates> {
  const frame = await covariateFrame(repos, upload.frameId);
  const { areas, frameNames } = await frameAreas(repos, frame, upload.level);
  if (areas.length === 0) {
    throw new AppError('invalid', 'covariates.noSubdistricts');
  }
  if (upload.bytes.length === 0) throw new AppError('invalid', 'upload.fileEmpty');
  const csv = readCsvBytes(upload.bytes);
  const header = csvHeader(csv.records[0]);
  const german = csv.delimiter === ';';
  const errors: CovariateRowError[] = [];
  let errorCount = 0;
  const report = (row: number | null, column: string, code: CovariateErrorCode, params: Record<string, string | number | boolean> = {}) => {
    errorCount++;
    if (errors.length < MAX_REPORTED) errors.push({ row, column, code, reason: render(`covariates.row.${code}`, { level: upload.level, ...params })[lang] });
  };

  const columns = header.slice(1);
  if (columns.length > MAX_COVARIATES) {
    throw new AppError('invalid', 'covariates.tooMany', { max: MAX_COVARIATES });
  }
  for (const name of columns) {
    if (!COVARIATE_NAME.test(name)) report(1, name, 'badColumnName');
    else if (frameNames.includes(name)) report(1, name, 'frameColumnName', { name });
  }

  const known = new Set(areas);
  const firstRow = new Map<string, number>();
  const unknownAreas: string[] = [];
  const rows: { area: string; values: number[] }[] = [];
  csv.records.slice(1).forEach((record, i) => {
    const row = i + 2;
    if (record.length !== header.length) return report(row, '', 'fieldCount', { got: record.length, want: header.length });
    const area = record[0]!.trim();
    if (area === '') report(row, header[0]!, 'missingArea');
    else if (!known.has(area)) {
      report(row, header[0]!, 'unknownArea', { value: area.slice(0, 80) });
      if (!unknownAreas.includes(area)) unknownAreas.push(area);
    } else if (firstRow.has(area)) report(row, header[0]!, 'duplicateArea', { value: area, first: firstRow.get(area)! });
    else firstRow.set(area, row);
    const values = columns.map((column, j) => {
      const value = covariateNumber(record[j + 1]!, german);
      if (typeof value === 'number') return value;
      report(row, column, value, { value: record[j + 1]!.trim().slice(0, 40), german });
      return Number.NaN;
    });
    rows.push({ area, values });
  });
  const missingAreas = areas.filter((a) => !firstRow.has(a));
  for (const area of missingAreas) report(null, header[0]!, 'areaWithoutRow', { value: area });

  if (errorCount > 0) {
    const refusal: CovariateRefusal = { errors, errorCount, unknownAreas, missingAreas };
    throw new AppError('invalid', 'covariates.refused', { count: errorCount }, { body: refusal });
  }
  return { frame, level: upload.level, fileName: upload.fileName, columns, rows, encoding: csv.encoding, delimiter: csv.delimiter };
}

/** One line for the audit trail: level, version, size — statistics of areas, no personal data. */
export function covariateSummary(entry: AreaCovariateImport): string {
  return `${entry.level} v${entry.version} · ${entry.columns.length} covariates · ${entry.rows.length} areas · ${entry.fileName}`;
}

/**
 * Stores a checked file as the next version of its frame and level and audits it; run it inside
 * `store.transaction` (or the demo seed's transaction), so version and audit entry are one step.
 * @throws AppError conflict when another import took the version number at the same moment.
 */
export async function storeAreaCovariates(tx: Repositories, checked: CheckedAreaCovariates, actor: Actor): Promise<AreaCovariateImport> {
  const latest = await tx.areaCovariates.latest(checked.frame.id, checked.level);
  let stored: AreaCovariateImport;
  try {
    stored = await tx.areaCovariates.create({
      frameId: checked.frame.id,
      level: checked.level,
      version: (latest?.version ?? 0) + 1,
      columns: checked.columns,
      rows: checked.rows,
      importedBy: actor.id,
      fileName: checked.fileName,
    });
  } catch (err) {
    if (err instanceof DuplicateKeyError) {
      throw new AppError('conflict', 'covariates.versionTaken');
    }
    throw err;
  }
  await recordAudit(tx.audit, actor, {
    action: 'covariates.import',
    entityType: 'frame',
    entityId: checked.frame.id,
    afterId: stored.id,
    afterSummary: covariateSummary(stored),
    details: { level: stored.level, version: stored.version, fileName: stored.fileName, columns: stored.columns, areas: stored.rows.length, encoding: checked.encoding, delimiter: checked.delimiter },
  });
  return stored;
}

/**
 * The upload as the route runs it: check, then store in one transaction; a refused file is audited
 * (outside the transaction, so the refusal stays on record) and nothing else is written.
 */
export async function importAreaCovariates(store: Store, upload: AreaCovariateUpload, actor: Actor, lang: Language = 'de'): Promise<AreaCovariateImport> {
  // The frame first, so that a refusal is audited against it.
  const frameId = (await covariateFrame(store, upload.frameId)).id;
  let checked: CheckedAreaCovariates;
  try {
    checked = await checkAreaCovariates(store, { ...upload, frameId }, lang);
  } catch (err) {
    const refusal = covariateRefusal(err);
    if (refusal) {
      await recordAudit(store.audit, actor, {
        action: 'covariates.import.rejected',
        entityType: 'frame',
        entityId: frameId,
        details: { level: upload.level, fileName: upload.fileName, errorCount: refusal.errorCount, unknownAreas: refusal.unknownAreas.length, missingAreas: refusal.missingAreas.length },
      });
    }
    throw err;
  }
  return store.transaction((tx) => storeAreaCovariates(tx, checked, actor));
}

/** What the covariate page shows for a frame: its areas per level, the covariates it already has, every imported version. */
export interface AreaCovariateOverview {
  frame: { id: string; name: string };
  /** Area names a file must list, per level (empty sub-district list: the frame has none). */
  areas: Record<AreaLevel, string[]>;
  /** Covariates computed from the frame, per level (not to be imported again under these names). */
  frameCovariates: Record<AreaLevel, string[]>;
  /** Newest first within each level, district level first. */
  versions: (AreaCovariateImport & { importedByUsername: string | null })[];
}

/** @throws AppError notFound when there is no (such) frame. */
export async function areaCovariateOverview(store: Store, frameId?: string, level?: AreaLevel): Promise<AreaCovariateOverview> {
  const frame = await covariateFrame(store, frameId);
  const covariates = frameCovariates(await store.households.listByFrame(frame.id));
  const names = new Map<string, string | null>();
  const versions = await store.areaCovariates.list(frame.id, level);
  for (const v of versions) if (v.importedBy !== null && !names.has(v.importedBy)) names.set(v.importedBy, (await store.users.getById(v.importedBy))?.username ?? null);
  const areasOf = (l: AreaLevel) => covariates.areas.filter((a) => a.level === l).map((a) => a.area);
  return {
    frame: { id: frame.id, name: frame.name },
    areas: { district: areasOf('district'), subdistrict: areasOf('subdistrict') },
    frameCovariates: covariates.names,
    versions: versions.map((v) => ({ ...v, importedByUsername: v.importedBy === null ? null : (names.get(v.importedBy) ?? null) })),
  };
}
