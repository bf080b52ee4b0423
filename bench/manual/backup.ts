/**
 * Measures backup and restore of a SQLite store: the demo store, and the demo plus N simulated
 * submitted responses (default 100,000), plain and encrypted. Figures for the operations section.
 *
 *   npx tsx bench/manual/backup.ts [responses=100000] [repetitions=3]
 *
 * The extra responses go in through the store (responses.createSubmitted), like reconciled paper forms.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../../api/demo/seedDemo';
import { loadQuestionnaire, simulateAnswers } from '../../api/questionnaire';
import { openStore } from '../../api/store';
import { SQLITE_FILE_NAME } from '../../api/store/sqlite/sqliteStore';
import { createBackup, restoreBackup } from '../../api/operations/backupService';
import { seededUniform } from '../../api/testing/seededUniform';

async function demoStore(dir: string, extraResponses: number): Promise<void> {
  const store = await openStore({ dataDir: dir });
  try {
    await seedDemo(store, undefined, { dataDir: dir });
    if (extraResponses === 0) return;
    const q = (await store.questionnaireVersions.latest('family-life-quality'))!;
    const json = loadQuestionnaire(q.version, q.questionnaireId);
    // Simulating answers costs milliseconds each; 500 distinct answer sets reused give the same sizes.
    const random = seededUniform(11);
    const answerSets = Array.from({ length: 500 }, () => simulateAnswers(json, random));
    for (let i = 0; i < extraResponses; i++) {
      await store.responses.createSubmitted({
        householdId: `BENCH-${i}`,
        questionnaireId: q.questionnaireId,
        questionnaireVersion: q.version,
        mode: 'online',
        district: String(1 + (i % 12)).padStart(2, '0'),
        wave: 1,
        answers: answerSets[i % answerSets.length]!,
      });
    }
  } finally {
    await store.close();
  }
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
