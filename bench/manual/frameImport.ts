/**
 * Measures a large frame import end to end over HTTP (upload → read and check → write) with the
 * time of each phase, the slowest progress poll (how long the server was unresponsive), CPU time
 * and the process's peak resident memory. Polls every 250 ms like the UI.
 *
 *   npx tsx bench/manual/frameImport.ts generate /tmp/frame-1m.csv 1000000
 *   npx tsx bench/manual/frameImport.ts import /tmp/frame-1m.csv
 *
 * The two steps run in separate processes so the generator's memory does not count.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { generateFrame } from '../../fixtures/syntheticFrame';
import { ApiClient } from '../../api/testing/apiClient';
import { startTestServer } from '../../api/testing/startTestServer';
import { SYNTHETIC_FRAME_HEADER, SYNTHETIC_FRAME_MAPPING, syntheticRegisterRow } from '../../api/samplingWorkflow/syntheticContacts';

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
      headers: { cookie: client.sessionCookie()!, 'x-csrf-token': client.csrfToken!, 'content-type': 'text/csv', 'x-file-name': 'frame.csv' },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const { upload } = (await res.json()) as { upload: { id: string } };
    const uploadedMs = Date.now() - started;
    const job = (await (await client.post('/api/sampling/imports', { uploadId: upload.id, mapping: SYNTHETIC_FRAME_MAPPING })).json()) as { import: { id: string } };
    const cpuAtStart = process.cpuUsage();
    const phaseStarted: Record<string, number> = { validating: Date.now() };
    let state = '';
    let lastPercent = -1;
    let slowestPoll = 0;
    let polls = 0;
    for (;;) {
      const sent = Date.now();
      const { import: p } = (await (await client.get(`/api/sampling/imports/${job.import.id}`)).json()) as {
        import: { state: string; percent: number; rowsRead: number; rowsWritten: number; rowsTotal: number | null; errorCount: number; message: string | null };
      };
      slowestPoll = Math.max(slowestPoll, Date.now() - sent);
      polls++;
      phaseStarted[p.state] ??= Date.now();
      if (p.percent !== lastPercent) {
        console.log(`${((Date.now() - started) / 1000).toFixed(1)} s  ${p.state.padEnd(10)} ${String(p.percent).padStart(3)} %  read ${p.rowsRead}  written ${p.rowsWritten}/${p.rowsTotal ?? '?'}`);
        lastPercent = p.percent;
      }
      state = p.state;
      if (['done', 'rejected', 'failed'].includes(state)) {
        if (p.message) console.log(p.message);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const totalMs = Date.now() - started;
    const ended = Date.now();
    const writingFrom = phaseStarted.writing ?? ended;
    const cpu = process.cpuUsage(cpuAtStart);
    console.log(
      `state ${state}; upload ${(uploadedMs / 1000).toFixed(1)} s, reading+checking ${((writingFrom - phaseStarted.validating!) / 1000).toFixed(1)} s, ` +
        `writing ${((ended - writingFrom) / 1000).toFixed(1)} s, import ${((ended - phaseStarted.validating!) / 1000).toFixed(1)} s, total ${(totalMs / 1000).toFixed(1)} s; ` +
        `CPU during import ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; slowest of ${polls} polls ${slowestPoll} ms; ` +
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
  console.error('usage: bench/manual/frameImport.ts generate <file> [households] | import <file>');
  process.exit(2);
}
