/**
 * Frame import as a background job: first the whole file is streamed and checked (nothing is
 * written), then — only if every row is valid — streamed a second time and written in one store
 * transaction. Memory stays bounded: one batch of rows plus a map of register ids for the
 * duplicate check.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { recordAudit, type Actor } from '../audit/auditLog';
import { newId } from '../store/ids';
import type { Contact, Frame, FrameColumnMapping, Household, Store } from '../store/types';
import { SamplingError, t, type Language, type Localised } from './samplingError';
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
  | 'missingAddress'
  | 'controlCharacter'
  | 'unreadable';

export type ImportState = 'validating' | 'writing' | 'done' | 'rejected' | 'failed';

export interface ImportProgress {
  id: string;
  uploadId: string;
  state: ImportState;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  /** 0–100 over both passes: checking is the first 60 %, writing the remaining 40 %. */
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
const BATCH_SIZE = 5000;
const CHECK_SHARE = 60;
const NUMERIC_FIELDS = ['children', 'youngestChildAge'] as const;
const ADDRESS_FIELDS = ['name', 'street', 'houseNumber', 'postcode', 'city'] as const;
const REQUIRED_FIELDS = ['householdId', 'district', ...ADDRESS_FIELDS] as const;
const OPTIONAL_FIELDS = ['householdType', 'children', 'youngestChildAge', 'sortKey'] as const;
export const MAPPING_FIELDS = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS] as const;
// Line breaks or control characters would break the letter's address block and the CSV export.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const reasons: Record<RowErrorCode, (p: Record<string, string | number>) => Localised> = {
  fieldCount: (p) => t(`Die Zeile hat ${p.got} Felder, die Kopfzeile ${p.want}.`, `The row has ${p.got} fields, the header ${p.want}.`),
  missingId: () => t('Haushaltsnummer fehlt.', 'Household id is missing.'),
  duplicateId: (p) => t(`Haushaltsnummer „${p.id}“ steht schon in Zeile ${p.first}.`, `Household id '${p.id}' already appears in row ${p.first}.`),
  missingDistrict: () => t('Bezirk fehlt.', 'District is missing.'),
  unknownDistrict: (p) => t(`Unbekannter Bezirk „${p.value}“.`, `Unknown district '${p.value}'.`),
  badNumber: (p) => t(`„${p.value}“ ist keine ganze Zahl von 0 bis 99.`, `'${p.value}' is not a whole number from 0 to 99.`),
  missingAddress: () => t('Angabe für das Anschreiben fehlt.', 'Needed for the letter but missing.'),
  controlCharacter: () => t('Enthält einen Zeilenumbruch oder ein Steuerzeichen.', 'Contains a line break or control character.'),
  unreadable: (p) => t(`Die Datei ist ab hier nicht lesbar: ${p.detail}`, `The file cannot be read from here: ${p.detail}`),
};

/** Random pseudonymous household id, 80 bits in Crockford base32: unrelated to the register id. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function pseudonymousIds(count: number): string[] {
  const bytes = randomBytes(count * 10);
  const ids: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    let bits = 0;
    let value = 0;
    let id = 'P';
    for (let b = i * 10; b < i * 10 + 10; b++) {
      value = (value << 8) | bytes[b]!;
      bits += 8;
      while (bits >= 5) {
        id += BASE32[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
      value &= (1 << bits) - 1;
    }
    ids[i] = id;
  }
  return ids;
}

/** Column positions of the mapped fields in the file's header. */
type ColumnIndex = Partial<Record<(typeof MAPPING_FIELDS)[number], number>>;

/**
 * Checks that every mapped column exists in the file and all required fields are mapped.
 * @throws SamplingError 400 with one detail per field (path `mapping.<field>`).
 */
export function resolveMapping(mapping: FrameColumnMapping, columns: readonly string[]): ColumnIndex {
  const details: { path: string; message: string }[] = [];
  const index: ColumnIndex = {};
  for (const field of MAPPING_FIELDS) {
    const column = mapping[field];
    if (column === undefined || column === '') {
      if ((REQUIRED_FIELDS as readonly string[]).includes(field)) details.push({ path: `mapping.${field}`, message: 'Pflichtfeld fehlt. / Required field is missing.' });
      continue;
    }
    const at = columns.indexOf(column);
    if (at < 0) details.push({ path: `mapping.${field}`, message: `Die Spalte „${column}“ gibt es in der Datei nicht. / Column '${column}' is not in the file.` });
    else index[field] = at;
  }
  if (details.length > 0) throw new SamplingError(400, t('Die Spaltenzuordnung passt nicht zur Datei.', 'The column mapping does not match the file.'), details);
  return index;
}

/** Streams the data records (header skipped) with their spreadsheet row numbers. */
async function* frameRecords(upload: UploadedFrameFile, onBytes: (n: number) => void): AsyncGenerator<{ row: number; values: string[] }> {
  const file = createReadStream(upload.path, { highWaterMark: 256 * 1024 });
  file.on('data', (chunk) => onBytes(chunk.length));
  const text = (upload.encoding === 'windows-1252' ? file.pipe(iconv.decodeStream('win1252')) : file) as Readable;
  const parser = text.pipe(parse({ delimiter: upload.delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, from: 2 }));
  let row = 1;
  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, values };
    }
  } finally {
    file.destroy();
  }
}

/** Reads and cleans one record; returns the problems found (without the duplicate check). */
function readRow(values: string[], index: ColumnIndex, columns: readonly string[], allowed: Set<string> | null, lang: Language, row: number) {
  const errors: RowError[] = [];
  const add = (field: keyof ColumnIndex | '', code: RowErrorCode, params: Record<string, string | number> = {}) =>
    errors.push({ row, column: field === '' ? '' : columns[index[field]!]!, code, reason: reasons[code](params)[lang] });
  if (values.length !== columns.length) add('', 'fieldCount', { got: values.length, want: columns.length });
  const get = (field: keyof ColumnIndex) => (index[field] === undefined ? '' : (values[index[field]!] ?? '').trim());
  const id = get('householdId');
  const district = get('district');
  if (id === '') add('householdId', 'missingId');
  if (district === '') add('district', 'missingDistrict');
  else if (allowed && !allowed.has(district)) add('district', 'unknownDistrict', { value: district });
  for (const field of ADDRESS_FIELDS) if (get(field) === '') add(field, 'missingAddress');
  for (const field of [...REQUIRED_FIELDS, 'householdType', 'sortKey'] as const) {
    if (index[field] !== undefined && CONTROL_CHARACTER.test(get(field))) add(field, 'controlCharacter');
  }
  const numbers: Partial<Record<(typeof NUMERIC_FIELDS)[number], number | null>> = {};
  for (const field of NUMERIC_FIELDS) {
    if (index[field] === undefined) continue;
    const raw = get(field);
    if (raw === '') numbers[field] = null;
    else if (/^\d{1,2}$/.test(raw)) numbers[field] = Number(raw);
    else add(field, 'badNumber', { value: raw.slice(0, 40) });
  }
  return { id, district, get, numbers, errors };
}

/** Runs and tracks frame imports; progress lives in memory for the life of the server process. */
export class FrameImports {
  private readonly jobs = new Map<string, ImportProgress & { userId: string }>();

  constructor(
    private readonly store: Store,
    private readonly uploads: UploadRegistry,
  ) {}

  /**
   * Validates the mapping synchronously (400 on mismatch) and starts the import in the background.
   * @throws SamplingError 404 for an unknown upload, 400 for a bad mapping.
   */
  start(request: ImportRequest, actor: Actor & { id: string }, lang: Language): ImportProgress {
    const upload = this.uploads.get(request.uploadId, actor.id);
    if (!upload) throw new SamplingError(404, t('Die hochgeladene Datei wurde nicht gefunden. Bitte laden Sie sie erneut hoch.', 'The uploaded file was not found. Please upload it again.'));
    if ([...this.jobs.values()].some((j) => j.uploadId === upload.id && (j.state === 'validating' || j.state === 'writing'))) {
      throw new SamplingError(409, t('Diese Datei wird bereits eingelesen.', 'This file is already being imported.'));
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
      (err: unknown) => finish('failed', err instanceof SamplingError ? err.text[lang] : err instanceof Error ? err.message : String(err)),
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
    const allowed = request.districts && request.districts.length > 0 ? new Set(request.districts.map((d) => d.trim())) : null;
    const report = (e: RowError) => {
      job.errorCount++;
      if (job.errors.length < MAX_REPORTED_ERRORS) job.errors.push(e);
    };

    // Pass 1: check every row; nothing is written.
    const firstRowOfId = new Map<string, number>();
    const districtSizes = new Map<string, number>();
    try {
      for await (const { row, values } of frameRecords(upload, (n) => {
        job.bytesRead += n;
        job.percent = Math.min(CHECK_SHARE, Math.floor((job.bytesRead / Math.max(1, job.totalBytes)) * CHECK_SHARE));
      })) {
        job.rowsRead++;
        const parsed = readRow(values, index, upload.columns, allowed, lang, row);
        parsed.errors.forEach(report);
        if (parsed.id !== '') {
          const first = firstRowOfId.get(parsed.id);
          if (first !== undefined) {
            report({ row, column: upload.columns[index.householdId!]!, code: 'duplicateId', reason: reasons.duplicateId({ id: parsed.id, first })[lang] });
          } else firstRowOfId.set(parsed.id, row);
        }
        if (parsed.errors.length === 0 && parsed.district !== '') districtSizes.set(parsed.district, (districtSizes.get(parsed.district) ?? 0) + 1);
      }
    } catch (err) {
      report({ row: job.rowsRead + 2, column: '', code: 'unreadable', reason: reasons.unreadable({ detail: (err as Error).message })[lang] });
    }
    firstRowOfId.clear();
    if (job.rowsRead === 0 && job.errorCount === 0) {
      report({ row: 2, column: '', code: 'missingId', reason: t('Die Datei enthält keine Haushalte.', 'The file contains no households.')[lang] });
    }
    if (job.errorCount > 0) {
      this.uploads.remove(upload.id);
      await recordAudit(this.store.audit, actor, {
        action: 'frame.import.rejected',
        entityType: 'frame',
        details: { fileName: upload.fileName, rows: job.rowsRead, errorCount: job.errorCount, fingerprint: upload.sha256 },
      });
      return 'rejected';
    }

    // Pass 2: the file is valid; write frame, households and contacts in one transaction.
    job.state = 'writing';
    const rowCount = job.rowsRead;
    job.bytesRead = 0;
    const frameId = newId();
    const districts = [...districtSizes.entries()]
      .map(([district, households]) => ({ district, households }))
      .sort((a, b) => (a.district < b.district ? -1 : a.district > b.district ? 1 : 0));
    const frame = await this.store.transaction(async (tx) => {
      const created = await tx.frames.create({
        id: frameId,
        name: request.name?.trim() || upload.fileName,
        importedAt: new Date().toISOString(),
        importedBy: actor.id,
        rowCount,
        fingerprint: upload.sha256,
        columnMapping: request.mapping,
        districts,
      });
      let households: Household[] = [];
      let contacts: Contact[] = [];
      let ids = pseudonymousIds(BATCH_SIZE);
      const flush = async () => {
        await tx.households.insertMany(households);
        await tx.contacts.insertMany(contacts);
        households = [];
        contacts = [];
        ids = pseudonymousIds(BATCH_SIZE);
      };
      let written = 0;
      for await (const { values } of frameRecords(upload, (n) => {
        job.bytesRead += n;
        job.percent = CHECK_SHARE + Math.min(100 - CHECK_SHARE - 1, Math.floor((job.bytesRead / Math.max(1, job.totalBytes)) * (100 - CHECK_SHARE)));
      })) {
        const { get, numbers } = readRow(values, index, upload.columns, null, lang, 0);
        const householdId = ids[households.length]!;
        households.push({
          frameId,
          householdId,
          district: get('district'),
          householdType: index.householdType === undefined ? null : get('householdType') || null,
          children: numbers.children ?? null,
          youngestChildAge: numbers.youngestChildAge ?? null,
          sortKey: index.sortKey === undefined ? null : get('sortKey') || null,
        });
        contacts.push({
          frameId,
          householdId,
          registerId: get('householdId'),
          name: get('name'),
          street: get('street'),
          houseNumber: get('houseNumber'),
          postcode: get('postcode'),
          city: get('city'),
        });
        written++;
        if (households.length === BATCH_SIZE) await flush();
      }
      if (households.length > 0) await flush();
      if (written !== rowCount) throw new Error(`the file changed between checking (${rowCount} rows) and writing (${written} rows)`);
      await recordAudit(tx.audit, actor, {
        action: 'frame.import',
        entityType: 'frame',
        entityId: frameId,
        afterId: frameId,
        afterSummary: frameSummary(created),
        details: { fileName: upload.fileName, rows: rowCount, districts: districts.length, fingerprint: upload.sha256, encoding: upload.encoding, delimiter: upload.delimiter },
      });
      return created;
    });
    job.frameId = frame.id;
    this.uploads.remove(upload.id);
    return 'done';
  }
}

/** One line for the audit trail: name, size, districts — no personal data. */
export function frameSummary(frame: Frame): string {
  return `${frame.name} · ${frame.rowCount} households · ${frame.districts.length} districts`;
}
