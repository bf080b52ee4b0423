/**
 * Measures backup and restore of a SQLite store: the demo store, and the demo plus N simulated
 * submitted responses (default 100,000), plain and encrypted. Figures for the operations section.
 *
 *   npx tsx api/operations/backupBenchmark.ts [responses=100000] [repetitions=3]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seedDemo } from '../demo/seedDemo';
import { loadQuestionnaire, simulateAnswers } from '../questionnaire';
import { openStore } from '../store';
import { newId } from '../store/ids';
import { SQLITE_FILE_NAME } from '../store/sqlite/sqliteStore';
import { createBackup, restoreBackup } from './backupService';
import { seededUniform } from '../testing/seededUniform';

async function demoStore(dir: string, extraResponses: number): Promise<void> {
  const store = await openStore({ dataDir: dir });
  await seedDemo(store, undefined, { dataDir: dir });
  await store.close();
  if (extraResponses === 0) return;
  const db = new Database(join(dir, SQLITE_FILE_NAME));
  const q = db.prepare(`SELECT questionnaire_id AS id, version FROM questionnaire_versions ORDER BY version DESC LIMIT 1`).get() as { id: string; version: number };
  const json = loadQuestionnaire(q.version, q.id);
  // Simulating answers costs milliseconds each; 500 distinct answer sets reused give the same sizes.
  const random = seededUniform(11);
  const answerSets = Array.from({ length: 500 }, () => JSON.stringify(simulateAnswers(json, random)));
  const insert = db.prepare(
    `INSERT INTO responses (id, household_id, questionnaire_id, questionnaire_version, mode, status, answers, current_page, probability_sample, district, wave, draw_id, revision, created_at, updated_at, submitted_at)
     VALUES (?, ?, ?, ?, 'online', 'submitted', ?, 0, 1, ?, 1, NULL, 2, ?, ?, ?)`,
  );
  const at = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < extraResponses; i++) {
      insert.run(newId(), `BENCH-${i}`, q.id, q.version, answerSets[i % answerSets.length]!, String(1 + (i % 12)).padStart(2, '0'), at, at, at);
    }
  })();
  db.close();
}

const mb = (b: number) => (b / 1_048_576).toFixed(1);

async function main(): Promise<void> {
  const extra = Number(process.argv[2] ?? 100_000);
  const reps = Number(process.argv[3] ?? 3);
  const key = randomBytes(32);
  for (const n of [0, extra]) {
    const dir = mkdtempSync(join(tmpdir(), 'backup-bench-'));
    try {
      await demoStore(join(dir, 'store'), n);
      const storeBytes = statSync(join(dir, 'store', SQLITE_FILE_NAME)).size;
      for (const encrypted of [false, true]) {
        const backups: number[] = [];
        const restores: number[] = [];
        let fileBytes = 0;
        let responses = 0;
        for (let r = 0; r < reps; r++) {
          const file = join(dir, `b${r}.bak`);
          const b = await createBackup({ dataDir: join(dir, 'store') }, file, encrypted ? key : null);
          backups.push(b.seconds);
          fileBytes = b.fileBytes;
          responses = b.header.counts.responses ?? 0;
          const target = join(dir, `r${r}`);
          const res = await restoreBackup({ dataDir: target }, file, { key: encrypted ? key : null, force: false, env: {} });
          restores.push(res.seconds);
          rmSync(target, { recursive: true, force: true });
          rmSync(file, { force: true });
        }
        const span = (xs: number[]) => `best ${Math.min(...xs).toFixed(2)} s (runs ${xs.map((x) => x.toFixed(2)).join(', ')})`;
        console.log(
          `${responses} responses, store ${mb(storeBytes)} MB, ${encrypted ? 'encrypted' : 'plain'}: file ${mb(fileBytes)} MB; backup ${span(backups)}; restore ${span(restores)}`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
