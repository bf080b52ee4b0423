/**
 * Frame import as a background job in two phases, all-or-nothing:
 *  1. reading (`validating`): the file is streamed once, parsed and checked row by row; while no
 *     problem has been found, checked rows are appended to the store's staging area of a pending,
 *     invisible frame. The first problem discards the staging; checking goes on for the report.
 *  2. `writing`: the store gives the staged rows their pseudonymous ids and writes households and
 *     contacts in short steps; one transaction then makes the frame visible together with its
 *     audit entry. Any failure discards the pending frame, so nothing partial is ever visible.
 * Every store call is short, so progress polls and other requests are answered throughout.
 * Memory stays bounded by one batch of rows plus the register ids for the duplicate check.
 */
import { createReadStream } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { recordAudit, type Actor } from '../audit/auditLog';
import { csvChunkDecoder } from '../csv/decodeCsv';
import { CsvTextStream, type CsvRecords } from '../csv/parseCsv';
import { AppError } from '../errors/appError';
import { bothLanguages, render, type Language } from '../errors/catalogue';
import { newId } from '../store/ids';
import type { FrameStaging, StagedFrameRow } from '../store/samplingTypes';
import type { Frame, FrameColumnMapping, Store } from '../store/types';
import type { UploadedFrameFile, UploadRegistry } from './uploads';

export interface RowError {
  /** Row as a spreadsheet shows it: the header is row 1, the first household row 2. */
  row: number;
  /** Column name in the file ('' for a problem with the whole row). */
  column: string;
  code: RowErrorCode;
  reason: string;
}

export type RowErrorCode =
  | 'fieldCount'
  | 'missingId'
  | 'duplicateId'
  | 'missingDistrict'
  | 'unknownDistrict'
  | 'badNumber'
  | 'subdistrictInTwoDistricts'
  | 'missingAddress'
  | 'controlCharacter'
  | 'unreadable';

/** `validating` (reading and checking) and `writing` are the two phases of a running import. */
export type ImportState = 'validating' | 'writing' | 'done' | 'rejected' | 'failed';

export interface ImportProgress {
  id: string;
  uploadId: string;
  state: ImportState;
  /** Rows read and checked so far (phase 1). */
  rowsRead: number;
  /** Bytes of the file read so far (phase 1) out of `totalBytes`. */
  bytesRead: number;
  totalBytes: number;
  /** Households written so far (phase 2) out of `rowsTotal`. */
  rowsWritten: number;
  /** Number of households to write; null until the whole file has been read. */
  rowsTotal: number | null;
  /** 0–100 and never decreasing: reading is the first READ_SHARE %, writing the rest. */
  percent: number;
  /** The first MAX_REPORTED_ERRORS problems in file order. */
  errors: RowError[];
  errorCount: number;
  frameId: string | null;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface ImportRequest {
  uploadId: string;
  name?: string;
  mapping: FrameColumnMapping;
  /** When given, every row's district must be one of these (e.g. the city's official list). */
  districts?: string[];
}

export const MAX_REPORTED_ERRORS = 100;
/** Checked rows handed to the store per append: large enough to amortise a commit, small enough to stay brief. */
const STAGE_BATCH = 10_000;
/** Share of the progress bar for reading and checking (measured: about half of the time). */
export const READ_SHARE = 50;
/** A pending import without a sign of life for this long was left by a crashed process. */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;
const ADDRESS_FIELDS = ['name', 'street', 'houseNumber', 'postcode', 'city'] as const;
const REQUIRED_FIELDS = ['householdId', 'district', ...ADDRESS_FIELDS] as const;
const OPTIONAL_FIELDS = ['householdType', 'children', 'youngestChildAge', 'sortKey', 'subdistrict'] as const;
export const MAPPING_FIELDS = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS] as const;
// Line breaks or control characters would break the letter's address block and the CSV export.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The reason of a row problem in the import's language (catalogue keys `sampling.row.<code>`). */
const reason = (code: RowErrorCode | 'noHouseholds', lang: Language, params: Record<string, string | number> = {}) => render(`sampling.row.${code}`, params)[lang];

/** Column positions of the mapped fields in the file's header. */
type ColumnIndex = Partial<Record<(typeof MAPPING_FIELDS)[number], number>>;

/**
 * Checks that every mapped column exists in the file and all required fields are mapped.
 * @throws AppError invalid with one detail per field (path `mapping.<field>`).
 */
export function resolveMapping(mapping: FrameColumnMapping, columns: readonly string[]): ColumnIndex {
  const details: { path: string; message: string }[] = [];
  const index: ColumnIndex = {};
  for (const field of MAPPING_FIELDS) {
    const column = mapping[field];
    if (column === undefined || column === '') {
      if ((REQUIRED_FIELDS as readonly string[]).includes(field)) details.push({ path: `mapping.${field}`, message: bothLanguages('field.required') });
      continue;
    }
    const at = columns.indexOf(column);
    if (at < 0) details.push({ path: `mapping.${field}`, message: bothLanguages('sampling.mapping.noSuchColumn', { column }) });
    else index[field] = at;
  }
  if (details.length > 0) throw new AppError('invalid', 'sampling.mappingMismatch', {}, { details });
  return index;
}

/**
 * Streams the file's data records (header skipped) in batches, one batch per 256 KB read, so
 * that the per-record cost is an array push instead of an await per row. Read in the one CSV
 * dialect (api/csv/dialect.ts) with the encoding and delimiter the upload's preview decided.
 * @throws RangeError naming the line when the file stops being readable CSV (after the batches before it).
 */
export async function* frameRecordBatches(upload: UploadedFrameFile, onBytes: (n: number) => void): AsyncGenerator<string[][]> {
  const file = createReadStream(upload.path, { highWaterMark: 256 * 1024 });
  const decoder = csvChunkDecoder(upload.encoding);
  const csv = new CsvTextStream(upload.delimiter);
  let out: CsvRecords = { records: [], lines: [] };
  let header = true;
  /** Runs a parsing step; the records before a problem still go out, the problem after them. */
  const step = (parse: () => void): { batch: string[][]; failure: unknown } => {
    let failure: unknown = null;
    try {
      parse();
    } catch (err) {
      failure = err;
    }
    const batch = out.records;
    out = { records: [], lines: [] };
    if (header && batch.length > 0) {
      batch.shift();
      header = false;
    }
    return { batch, failure };
  };
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      onBytes(chunk.length);
      const { batch, failure } = step(() => csv.push(decoder.write(chunk), out));
      if (batch.length > 0) yield batch;
      if (failure) throw failure;
    }
    const { batch, failure } = step(() => {
      csv.push(decoder.end(), out);
      csv.end(out);
    });
    if (batch.length > 0) yield batch;
    if (failure) throw failure;
  } finally {
    file.destroy();
  }
}

/** What every row check needs, worked out once per import. */
interface RowCheck {
  index: ColumnIndex;
  columns: readonly string[];
  allowed: Set<string> | null;
  lang: Language;
}

const cell = (values: string[], at: number | undefined) => (at === undefined ? '' : (values[at] ?? '').trim());

/**
 * Checks one record (everything but the duplicate check) and returns the row to stage, or null
 * when it has problems, which go to `report` in column order. Allocates nothing per row but the
 * staged tuple (and error records), because it runs a million times.
 */
function checkRow(values: string[], row: number, c: RowCheck, report: (e: RowError) => void): StagedFrameRow | null {
  const { index, columns, lang } = c;
  let ok = true;
  const add = (at: number | undefined, code: RowErrorCode, params: Record<string, string | number> = {}) => {
    ok = false;
    report({ row, column: at === undefined ? '' : columns[at]!, code, reason: reason(code, lang, params) });
  };
  const present = (at: number | undefined, value: string) => {
    if (value === '') add(at, 'missingAddress');
  };
  const printable = (at: number | undefined, value: string) => {
    if (at !== undefined && CONTROL_CHARACTER.test(value)) add(at, 'controlCharacter');
  };
  if (values.length !== columns.length) add(undefined, 'fieldCount', { got: values.length, want: columns.length });
  const id = cell(values, index.householdId);
  const district = cell(values, index.district);
  if (id === '') add(index.householdId, 'missingId');
  if (district === '') add(index.district, 'missingDistrict');
  else if (c.allowed && !c.allowed.has(district)) add(index.district, 'unknownDistrict', { value: district });
  const name = cell(values, index.name);
  const street = cell(values, index.street);
  const houseNumber = cell(values, index.houseNumber);
  const postcode = cell(values, index.postcode);
  const city = cell(values, index.city);
  present(index.name, name);
  present(index.street, street);
  present(index.houseNumber, houseNumber);
  present(index.postcode, postcode);
  present(index.city, city);
  const householdType = cell(values, index.householdType);
  const sortKey = cell(values, index.sortKey);
  const subdistrict = cell(values, index.subdistrict);
  printable(index.householdId, id);
  printable(index.district, district);
  printable(index.name, name);
  printable(index.street, street);
  printable(index.houseNumber, houseNumber);
  printable(index.postcode, postcode);
  printable(index.city, city);
  printable(index.householdType, householdType);
  printable(index.sortKey, sortKey);
  printable(index.subdistrict, subdistrict);
  const children = wholeNumber(cell(values, index.children), index.children, add);
  const youngestChildAge = wholeNumber(cell(values, index.youngestChildAge), index.youngestChildAge, add);
  if (!ok) return null;
  return [
    district,
    index.householdType === undefined ? null : householdType || null,
    children,
    youngestChildAge,
    index.sortKey === undefined ? null : sortKey || null,
    index.subdistrict === undefined ? null : subdistrict || null,
    id,
    name,
    street,
    houseNumber,
    postcode,
    city,
  ];
}

/**
 * Reports a row whose sub-district was first seen under another district (rows with either field
 * empty are reported by checkRow or carry no sub-district). Remembers the first home of each name.
 */
function checkSubdistrictHome(
  values: string[],
  row: number,
  index: ColumnIndex,
  home: Map<string, { district: string; row: number }>,
  columns: readonly string[],
  lang: Language,
  report: (e: RowError) => void,
): void {
  const subdistrict = cell(values, index.subdistrict);
  const district = cell(values, index.district);
  if (subdistrict === '' || district === '') return;
  const first = home.get(subdistrict);
  if (first === undefined) home.set(subdistrict, { district, row });
  else if (first.district !== district) {
    const params = { value: subdistrict.slice(0, 80), district: district.slice(0, 80), first: first.row, firstDistrict: first.district.slice(0, 80) };
    report({ row, column: columns[index.subdistrict!]!, code: 'subdistrictInTwoDistricts', reason: reason('subdistrictInTwoDistricts', lang, params) });
  }
}

const WHOLE_NUMBER = /^\d{1,2}$/;

/** A whole number 0–99, or null when empty or unmapped; anything else is reported. */
function wholeNumber(raw: string, at: number | undefined, add: (at: number | undefined, code: RowErrorCode, p: Record<string, string>) => void): number | null {
  if (at === undefined || raw === '') return null;
  if (WHOLE_NUMBER.test(raw)) return Number(raw);
  add(at, 'badNumber', { value: raw.slice(0, 40) });
  return null;
}

/** Runs and tracks frame imports; progress lives in memory for the life of the server process. */
export class FrameImports {
  private readonly jobs = new Map<string, ImportProgress & { userId: string }>();

  constructor(
    private readonly store: Store,
    private readonly uploads: UploadRegistry,
  ) {}

  /**
   * Validates the mapping synchronously (invalid on mismatch) and starts the import in the background.
   * @throws AppError notFound for an unknown upload, conflict while it is being imported, invalid for a bad mapping.
   */
  start(request: ImportRequest, actor: Actor & { id: string }, lang: Language): ImportProgress {
    const upload = this.uploads.get(request.uploadId, actor.id);
    if (!upload) throw new AppError('notFound', 'sampling.uploadNotFound');
    if ([...this.jobs.values()].some((j) => j.uploadId === upload.id && (j.state === 'validating' || j.state === 'writing'))) {
      throw new AppError('conflict', 'sampling.importRunning');
    }
    const index = resolveMapping(request.mapping, upload.columns);
    const job: ImportProgress & { userId: string } = {
      id: newId(),
      uploadId: upload.id,
      userId: actor.id,
      state: 'validating',
      rowsRead: 0,
      bytesRead: 0,
      totalBytes: upload.bytes,
      rowsWritten: 0,
      rowsTotal: null,
      percent: 0,
      errors: [],
      errorCount: 0,
      frameId: null,
      message: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    const finish = (state: ImportState, message: string | null) => {
      job.state = state;
      job.message = message;
      job.finishedAt = new Date().toISOString();
      if (state === 'done') job.percent = 100;
    };
    this.run(job, upload, request, index, actor, lang).then(
      (state) => finish(state, null),
      (err: unknown) => finish('failed', err instanceof AppError ? err.text(lang) : err instanceof Error ? err.message : String(err)),
    );
    return this.view(job);
  }

  /** Progress of a job the user started, null otherwise. */
  get(id: string, userId: string): ImportProgress | null {
    const job = this.jobs.get(id);
    return job && job.userId === userId ? this.view(job) : null;
  }

  /** Resolves when the job has ended (tests, demo seed). */
  async settled(id: string): Promise<ImportProgress> {
    for (;;) {
      const job = this.jobs.get(id);
      if (!job) throw new Error(`unknown import ${id}`);
      if (job.finishedAt) return this.view(job);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private view(job: ImportProgress & { userId: string }): ImportProgress {
    const { userId: _userId, ...progress } = job;
    return { ...progress, errors: [...progress.errors] };
  }

  private async run(
    job: ImportProgress,
    upload: UploadedFrameFile,
    request: ImportRequest,
    index: ColumnIndex,
    actor: Actor,
    lang: Language,
  ): Promise<ImportState> {
    const check: RowCheck = {
      index,
      columns: upload.columns,
      allowed: request.districts && request.districts.length > 0 ? new Set(request.districts.map((d) => d.trim())) : null,
      lang,
    };
    const report = (e: RowError) => {
      job.errorCount++;
      if (job.errors.length < MAX_REPORTED_ERRORS) job.errors.push(e);
    };
    const advance = (percent: number) => {
      job.percent = Math.max(job.percent, Math.min(99, Math.floor(percent)));
    };

    await this.store.frames.discardAbandonedImports(new Date(Date.now() - ABANDONED_AFTER_MS).toISOString());
    const frameId = newId();
    let staging: FrameStaging | null = await this.store.frames.stage({
      id: frameId,
      name: request.name?.trim() || upload.fileName,
      importedAt: new Date().toISOString(),
      importedBy: actor.id,
      rowCount: 0,
      fingerprint: upload.sha256,
      columnMapping: request.mapping,
      districts: [],
    });
    try {
      // Phase 1: read and check every row; stage rows while the file is still clean.
      const firstRowOfId = new Map<string, number>();
      // Where each sub-district was first seen: a sub-district name must belong to one district.
      const subdistrictHome = new Map<string, { district: string; row: number }>();
      const districtSizes = new Map<string, number>();
      let batch: StagedFrameRow[] = [];
      let row = 1;
      try {
        for await (const records of frameRecordBatches(upload, (n) => {
          job.bytesRead += n;
          advance((job.bytesRead / Math.max(1, job.totalBytes)) * READ_SHARE);
        })) {
          for (const values of records) {
            row++;
            job.rowsRead++;
            const staged = checkRow(values, row, check, report);
            const id = cell(values, index.householdId);
            if (id !== '') {
              const first = firstRowOfId.get(id);
              if (first !== undefined) {
                report({ row, column: upload.columns[index.householdId!]!, code: 'duplicateId', reason: reason('duplicateId', lang, { id, first }) });
              } else firstRowOfId.set(id, row);
            }
            if (index.subdistrict !== undefined) checkSubdistrictHome(values, row, index, subdistrictHome, upload.columns, lang, report);
            if (staged) {
              districtSizes.set(staged[0], (districtSizes.get(staged[0]) ?? 0) + 1);
              if (job.errorCount === 0) batch.push(staged);
            }
          }
          if (job.errorCount > 0 && staging) {
            // The file will be rejected: drop what was staged now rather than at the end.
            batch = [];
            const dropped = staging;
            staging = null;
            await dropped.discard();
          } else if (staging && batch.length >= STAGE_BATCH) {
            await staging.append(batch);
            batch = [];
          }
          // A file read from the page cache may never wait; give waiting requests a turn anyway.
          await nextTurn();
        }
      } catch (err) {
        report({ row: job.rowsRead + 2, column: '', code: 'unreadable', reason: reason('unreadable', lang, { detail: (err as Error).message }) });
      }
      firstRowOfId.clear();
      if (job.rowsRead === 0 && job.errorCount === 0) {
        report({ row: 2, column: '', code: 'missingId', reason: reason('noHouseholds', lang) });
      }
      if (job.errorCount > 0) {
        if (staging) await staging.discard();
        staging = null;
        this.uploads.remove(upload.id);
        await recordAudit(this.store.audit, actor, {
          action: 'frame.import.rejected',
          entityType: 'frame',
          details: { fileName: upload.fileName, rows: job.rowsRead, errorCount: job.errorCount, fingerprint: upload.sha256 },
        });
        return 'rejected';
      }
      const active = staging!;
      if (batch.length > 0) await active.append(batch);
      batch = [];

      // Phase 2: write households and contacts, then make the frame visible in one step.
      job.state = 'writing';
      job.rowsTotal = job.rowsRead;
      advance(READ_SHARE);
      const written = await active.write((done, total) => {
        job.rowsWritten = done;
        advance(READ_SHARE + (done / Math.max(1, total)) * (100 - READ_SHARE));
      });
      if (written !== job.rowsRead) throw new Error(`${job.rowsRead} rows were checked but ${written} written`);
      const districts = [...districtSizes.entries()]
        .map(([district, households]) => ({ district, households }))
        .sort((a, b) => (a.district < b.district ? -1 : a.district > b.district ? 1 : 0));
      await this.store.transaction(async (tx) => {
        const frame = await tx.frames.completeImport(frameId, { rowCount: written, districts });
        await recordAudit(tx.audit, actor, {
          action: 'frame.import',
          entityType: 'frame',
          entityId: frameId,
          afterId: frameId,
          afterSummary: frameSummary(frame),
          details: { fileName: upload.fileName, rows: written, districts: districts.length, fingerprint: upload.sha256, encoding: upload.encoding, delimiter: upload.delimiter },
        });
      });
      staging = null;
      job.frameId = frameId;
      this.uploads.remove(upload.id);
      return 'done';
    } catch (err) {
      // Nothing of a failed import may stay behind; the original error is what the user sees.
      if (staging) await staging.discard().catch(() => undefined);
      throw err;
    }
  }
}

/** One line for the audit trail: name, size, districts — no personal data. */
export function frameSummary(frame: Frame): string {
  return `${frame.name} · ${frame.rowCount} households · ${frame.districts.length} districts`;
}
