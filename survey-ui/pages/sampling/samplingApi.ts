import { downloadFile, uploadFile } from '../../lib/api';

// The answers' shapes come from the API modules that produce them; `import type` is erased by the
// bundler, so the page still talks to the API only over HTTP.
import type { drawSummary, releaseReserveBatch } from '../../../api/samplingWorkflow/drawService';
import type { UploadPreview } from '../../../api/samplingWorkflow/uploads';

export type { UploadPreview };
export type { ImportProgress, RowError } from '../../../api/samplingWorkflow/frameImport';
export type { Frame } from '../../../api/store/samplingTypes';
export type { AllocationPreview } from '../../../api/samplingWorkflow/drawService';
export type { AttritionReason } from '../../../sampling/reinvitePanel';
export type { StartWaveResult, WaveCounts, WaveDistrict, WaveOverview } from '../../../api/samplingWorkflow/panelWaves';
export type { LetterTemplate } from '../../../api/letters/letterTypes';

/** A draw as GET /api/sampling/draws lists it: the recorded draw with its counts. */
export type DrawView = Awaited<ReturnType<typeof drawSummary>>;
/** The answer to releasing a reserve batch. */
export type ReleaseResult = Awaited<ReturnType<typeof releaseReserveBatch>>;

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
