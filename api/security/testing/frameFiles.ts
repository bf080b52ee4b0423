/** Frame files over HTTP for the security suites: upload, import with the standard column mapping, wait for the job. */
import { expect } from 'chai';
import type { ApiClient } from '../../testing/apiClient';

export const FRAME_HEADER = ['id', 'bezirk', 'name', 'strasse', 'hausnr', 'plz', 'ort'];
export const FRAME_MAPPING = { householdId: 'id', district: 'bezirk', name: 'name', street: 'strasse', houseNumber: 'hausnr', postcode: 'plz', city: 'ort' };

export interface ImportOutcome {
  upload: number;
  uploadError?: string;
  importStatus?: number;
  state?: string;
  frameId?: string | null;
  errors?: { row: number; column: string; reason: string }[];
  message?: string | null;
}

/** Uploads the bytes as a planner would and, when the upload is accepted, imports them with FRAME_MAPPING and waits for the job. */
export async function importFrameFile(client: ApiClient, bytes: Uint8Array, fileName = 'frame.csv'): Promise<ImportOutcome> {
  const up = await client.sendBytes('POST', '/api/sampling/uploads', bytes, { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(fileName) });
  const upBody = (await up.json()) as { upload?: { id: string; columns: string[] }; error?: string };
  expect(up.status, `upload: ${JSON.stringify(upBody).slice(0, 300)}`).to.be.below(500);
  if (up.status !== 201) {
    expect(upBody.error, 'upload refusal names the problem').to.be.a('string').and.not.equal('');
    return { upload: up.status, uploadError: upBody.error };
  }
  const started = await client.post('/api/sampling/imports', { uploadId: upBody.upload!.id, mapping: FRAME_MAPPING });
  const startBody = (await started.json()) as { import?: { id: string }; error?: string; details?: unknown[] };
  expect(started.status, `import: ${JSON.stringify(startBody).slice(0, 300)}`).to.be.below(500);
  if (started.status !== 202) {
    expect(startBody.error).to.be.a('string').and.not.equal('');
    return { upload: 201, importStatus: started.status };
  }
  for (;;) {
    const res = await client.get(`/api/sampling/imports/${startBody.import!.id}`);
    const { import: job } = (await res.json()) as { import: { state: string; finishedAt: string | null; frameId: string | null; errors: ImportOutcome['errors']; message: string | null } };
    if (job.finishedAt) return { upload: 201, importStatus: 202, state: job.state, frameId: job.frameId, errors: job.errors, message: job.message };
    await new Promise((r) => setTimeout(r, 15));
  }
}

const csvField = (v: string) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** `;`-separated frame text with CRLF line ends, as German office exports write it. */
export function frameCsv(rows: readonly (readonly string[])[]): string {
  return [FRAME_HEADER, ...rows].map((r) => r.map(csvField).join(';')).join('\r\n') + '\r\n';
}
