/**
 * Collection benchmark: validated online submissions through the real HTTP stack (Express,
 * sessions, CSRF, survey-core validation, SQLite with synchronous=FULL), one different access code
 * per request, and the gzipped size of the resident page's JavaScript.
 * Targets: ≥ 1,000 submissions/s with p99 ≤ 50 ms; resident JS ≤ 400 kB gzipped.
 * Run: npx tsx bench/collection.ts [households]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { createInvitedHouseholds } from '../api/collection/testHouseholds';
import { loadQuestionnaire, simulateAnswers } from '../api/questionnaire';
import { codeHmacSecret } from '../api/sampling/lettersService';
import { ApiClient } from '../api/testing/apiClient';
import { startTestServer } from '../api/testing/startTestServer';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** Sum of gzipped sizes of the JS files the built teilnahme.html loads (entry + preloaded chunks). */
export function residentBundleGzipBytes(uiDir = join(repoRoot, 'dist', 'ui')): { files: string[]; bytes: number } | null {
  const html = join(uiDir, 'teilnahme.html');
  if (!existsSync(html)) return null;
  const text = readFileSync(html, 'utf8');
  const files = [...new Set([...text.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!))];
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(uiDir, f))).length, 0);
  return { files, bytes };
}

export async function main(households = Number(process.argv[2] ?? 3000)): Promise<void> {
  const server = await startTestServer();
  try {
    const invited = await createInvitedHouseholds(server.store, codeHmacSecret(server.dataDir), households);
    let seed = 7;
    const answers = simulateAnswers(loadQuestionnaire(1), () => (seed = (seed * 48271) % 2147483647) / 2147483647);
    // One resident session per household, entered with its code (not timed).
    const sessions: { cookie: string; csrf: string }[] = [];
    for (let i = 0; i < invited.length; i += 50) {
      const batch = await Promise.all(
        invited.slice(i, i + 50).map(async (h) => {
          let cookie = '';
          const client = new ApiClient(server.url);
          const original = client.request.bind(client);
          client.request = async (...args) => {
            const res = await original(...args);
            for (const line of res.headers.getSetCookie()) if (line.startsWith('sid=')) cookie = line.split(';')[0]!;
            return res;
          };
          await client.session();
          const res = await client.post('/api/survey/enter', { code: h.code });
          if (res.status !== 200) throw new Error(`entering a code failed with ${res.status}`);
          return { cookie, csrf: client.csrfToken! };
        }),
      );
      sessions.push(...batch);
    }
    const body = JSON.stringify({ answers });
    let next = 0;
    const result = await autocannon({
      url: `${server.url}/api/survey/submit`,
      connections: 32,
      amount: sessions.length,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const s = sessions[next++ % sessions.length]!;
            return { ...req, body, headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf } };
          },
        },
      ],
    });
    const stored = (await server.store.responses.list({ status: 'submitted' })).filter((r) => r.householdId?.startsWith('T')).length;
    const rps = result.requests.average;
    console.log(`submissions: ${result.requests.total} requests, ${stored} stored, non-2xx ${result.non2xx}, errors ${result.errors}`);
    console.log(`throughput: ${rps.toFixed(0)} submissions/s (target ≥ 1000) → ${(rps / 1000).toFixed(2)}× target`);
    console.log(`latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (target p99 ≤ 50 ms)`);
  } finally {
    await server.stop();
  }
  const bundle = residentBundleGzipBytes();
  if (bundle) console.log(`resident page JS: ${(bundle.bytes / 1024).toFixed(1)} kB gzipped in ${bundle.files.length} file(s) (target ≤ 400 kB)`);
  else console.log('resident page JS: dist/ui/teilnahme.html missing (run npm run build:ui)');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
