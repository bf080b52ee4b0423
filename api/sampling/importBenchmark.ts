/**
 * Measures a large frame import end to end over HTTP (upload → check → write) with time and the
 * server process's peak resident memory.
 *
 *   npx tsx api/sampling/importBenchmark.ts generate /tmp/frame-1m.csv 1000000
 *   npx tsx api/sampling/importBenchmark.ts import /tmp/frame-1m.csv
 *
 * The two steps run in separate processes so the generator's memory does not count.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { generateFrame } from '../../fixtures/syntheticFrame';
import { ApiClient } from '../testing/apiClient';
import { startTestServer } from '../testing/startTestServer';
import { SYNTHETIC_FRAME_HEADER, SYNTHETIC_FRAME_MAPPING, syntheticRegisterRow } from './syntheticContacts';

async function generate(path: string, households: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(SYNTHETIC_FRAME_HEADER.join(';') + '\r\n');
  const rows = generateFrame({ households, districts: 12, seed: 2026 });
  for (let i = 0; i < rows.length; i++) {
    if (!out.write(syntheticRegisterRow(rows[i]!, i).join(';') + '\r\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  console.log(`wrote ${households} households, ${(statSync(path).size / 1e6).toFixed(1)} MB to ${path}`);
}

async function importFile(path: string): Promise<void> {
  const server = await startTestServer();
  try {
    const client = new ApiClient(server.url);
    await client.login('planner', 'Gera-planner-2026');
    const started = Date.now();
    const res = await fetch(`${server.url}/api/sampling/uploads`, {
      method: 'POST',
      headers: { cookie: (client as unknown as { cookie: string }).cookie, 'x-csrf-token': client.csrfToken!, 'content-type': 'text/csv', 'x-file-name': 'frame.csv' },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const { upload } = (await res.json()) as { upload: { id: string } };
    const uploadedMs = Date.now() - started;
    const job = (await (await client.post('/api/sampling/imports', { uploadId: upload.id, mapping: SYNTHETIC_FRAME_MAPPING })).json()) as { import: { id: string } };
    let state = '';
    let lastPercent = -1;
    for (;;) {
      const { import: p } = (await (await client.get(`/api/sampling/imports/${job.import.id}`)).json()) as { import: { state: string; percent: number; rowsRead: number; errorCount: number } };
      if (p.percent !== lastPercent) {
        console.log(`${((Date.now() - started) / 1000).toFixed(1)} s  ${p.state.padEnd(10)} ${String(p.percent).padStart(3)} %  ${p.rowsRead} rows`);
        lastPercent = p.percent;
      }
      state = p.state;
      if (['done', 'rejected', 'failed'].includes(state)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const totalMs = Date.now() - started;
    console.log(
      `state ${state}; upload ${(uploadedMs / 1000).toFixed(1)} s, total ${(totalMs / 1000).toFixed(1)} s; ` +
        `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (server and client in this process)`,
    );
  } finally {
    await server.stop();
  }
}

const [command, path, count] = process.argv.slice(2);
if (command === 'generate' && path) await generate(path, Number(count ?? 1_000_000));
else if (command === 'import' && path) await importFile(path);
else {
  console.error('usage: importBenchmark.ts generate <file> [households] | import <file>');
  process.exit(2);
}
