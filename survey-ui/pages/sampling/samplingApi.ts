import { downloadFile, uploadFile } from '../../lib/api';

export interface UploadPreview {
  id: string;
  fileName: string;
  bytes: number;
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  delimiter: ';' | ',';
  columns: string[];
  previewRows: string[][];
}

export interface RowError {
  row: number;
  column: string;
  code: string;
  reason: string;
}

export interface ImportProgress {
  id: string;
  /** Phase of a running import: `validating` reads and checks the file, `writing` stores the households. */
  state: 'validating' | 'writing' | 'done' | 'rejected' | 'failed';
  rowsRead: number;
  rowsWritten: number;
  /** Households to write; null while the file is still being read. */
  rowsTotal: number | null;
  percent: number;
  errors: RowError[];
  errorCount: number;
  frameId: string | null;
  message: string | null;
}

export interface Frame {
  id: string;
  name: string;
  importedAt: string;
  rowCount: number;
  districts: { district: string; households: number }[];
  contactsPurgedAt: string | null;
}

export interface DrawView {
  id: string;
  frameId: string;
  method: 'srswor' | 'systematic';
  seed: number;
  prng: string;
  frameFingerprint: string;
  createdAt: string;
  allocation: Record<string, number>;
  counts: { invited: number; reserve: number; released: number };
}

export type AttritionReason = 'nonresponse' | 'refused' | 'moved_away' | 'no_longer_eligible' | 'unreachable' | 'other';

/** Counts of a wave, per district or in total (see api/samplingWorkflow/panelWaves.ts). */
export interface WaveCounts {
  households: number;
  contacted: number;
  panel: number;
  fresh: number;
  responded: number;
  attrition: number;
  attritionByReason: Partial<Record<AttritionReason, number>>;
  reserveDrawn: number;
  reserveReleased: number;
  reserveLeft: number;
}

export interface WaveDistrict extends WaveCounts {
  district: string;
  inclusionProbability: number | null;
  designWeight: number | null;
  weights: { retention: number | null; panelWeight: number | null; refreshmentWeight: number | null; lambda: number | null; designWeight: number | null } | null;
}

export interface WaveOverview {
  drawId: string;
  wave: number;
  frameId: string;
  frameName: string;
  method: 'srswor' | 'systematic';
  seed: number;
  createdAt: string;
  previousDrawId: string | null;
  panelRecorded: boolean;
  totals: WaveCounts;
  districts: WaveDistrict[];
}

export interface StartWaveResult {
  wave: WaveOverview;
  reinvited: number;
  attrition: number;
  refreshment: number;
  reserve: number;
  excluded: number;
}

export interface ReleaseResult {
  released: number;
  byDistrict: Record<string, number>;
  design: Record<string, { inclusionProbability: number; designWeight: number }>;
}

export interface LetterTemplate {
  senderLine: string;
  senderBlock: string;
  date: string;
  subject: string;
  body: string;
  signature: string;
  surveyBaseUrl: string;
  deadline: string;
  language: 'de' | 'en';
}

export interface AllocationPreview {
  allocation: { strata: { stratum: string; N: number; exact: number; allocation: number; gross?: number; expectedNet?: number }[] };
  gross: Record<string, number>;
  grossTotal: number;
  precision: {
    strata: { stratum: string; se: number; halfWidth: number }[];
    overall: { n: number; se: number; halfWidth: number; deffKish: number; effectiveN: number };
  };
}

/** Uploads a frame file (streamed to the server as the raw body) and returns its preview. */
export async function uploadFrameFile(file: File): Promise<UploadPreview> {
  return (await uploadFile<{ upload: UploadPreview }>('/api/sampling/uploads', file, 'text/csv')).upload;
}

/** Posts JSON and returns the answered letters file (PDF or CSV) with its name and the number of letters. */
export async function downloadLetters(path: string, body: unknown): Promise<{ blob: Blob; fileName: string; count: number }> {
  const file = await downloadFile(path, body);
  return { blob: file.blob, fileName: file.fileName ?? 'anschreiben', count: Number(file.headers.get('X-Letter-Count') ?? 0) };
}

/** Lets the browser save a blob under a file name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A random seed in [0, 2^32) from the browser's cryptographic generator. */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
