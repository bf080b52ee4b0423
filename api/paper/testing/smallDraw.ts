/** Test support: a small draw made through the API (a synthetic frame of 60 households in 3 districts). */
import { expect } from 'chai';
import { generateFrame } from '../../../fixtures/syntheticFrame';
import { SYNTHETIC_FRAME_MAPPING, syntheticRegisterCsv } from '../../samplingWorkflow/syntheticContacts';
import type { ApiClient } from '../../testing/apiClient';

export async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Imports a small synthetic frame through the API and draws 2 households per district (+1 reserve). */
export async function smallDraw(planner: ApiClient, fileName = 'register.csv'): Promise<{ frameId: string; drawId: string }> {
  const rows = generateFrame({ households: 60, districts: 3, seed: 7 });
  const up = await planner.sendBytes('POST', '/api/sampling/uploads', syntheticRegisterCsv(rows), { 'content-type': 'text/csv', 'x-file-name': fileName });
  expect(up.status, await up.clone().text()).to.equal(201);
  const started = await planner.post('/api/sampling/imports', { uploadId: (await json<{ upload: { id: string } }>(up)).upload.id, mapping: SYNTHETIC_FRAME_MAPPING });
  let progress = (await json<{ import: { id: string; state: string; frameId: string | null } }>(started)).import;
  for (let i = 0; i < 400 && !['done', 'rejected', 'failed'].includes(progress.state); i++) {
    await new Promise((r) => setTimeout(r, 25));
    progress = (await json<{ import: typeof progress }>(await planner.get(`/api/sampling/imports/${progress.id}`))).import;
  }
  expect(progress.state).to.equal('done');
  const districts = [...new Set(rows.map((r) => r.district))];
  const res = await planner.post('/api/sampling/draws', {
    frameId: progress.frameId,
    method: 'srswor',
    allocation: Object.fromEntries(districts.map((d) => [d, 2])),
    reserve: Object.fromEntries(districts.map((d) => [d, 1])),
    seed: 4711,
  });
  expect(res.status, await res.clone().text()).to.equal(201);
  return { frameId: progress.frameId!, drawId: (await json<{ draw: { id: string } }>(res)).draw.id };
}

