/**
 * Benchmark of reading scanned paper questionnaires back (optical mark recognition): a seeded batch of
 * synthetic scans (api/paper/testing/syntheticScans.ts: the form's own PDF rendered with pdftoppm, pen
 * marks, ±3° turn, shift, scale, blur, noise, JPEG 60–90, 1-bit, multi-page PDFs in scrambled order)
 * on seeds that were not used to calibrate the classification bands, read exactly as `cli scan` reads
 * it (api/paper/scan/scanFolder.ts). Prints the confusion matrix per box state, wrong answers among
 * those accepted automatically (and, apart, how many of them are marks a 1-bit scan erased without leaving
 * one pixel: no reader can see those), the share of marked choice answers accepted automatically, misidentified
 * pages, pages per second at 200 dpi, and the staff time model (double entry vs verifying).
 * Goals: ≤ 0.1 % wrong among automatic answers, ≥ 95 % of marked choice answers automatic, 0 pages
 * misidentified, ≥ 2 pages/s on 2 cores at 200 dpi.
 * Run: npm run bench -- scan   (options: --forms N (default 16), --seed S, --no-dpi-mix)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadQuestionnaire } from '../api/questionnaire/registry';
import { paperLayout } from '../api/paper/paperLayout';
import { scanFolder } from '../api/paper/scan/scanFolder';
import { READ_STATES, scoreScan, TRUTH_STATES, writeSyntheticBatch, type ReadPageForScore, type ScanScore } from '../api/paper/testing/syntheticBatch';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const FORMS = option('--forms', 16);
const SEED = option('--seed', 20261207);
const dpiMix = !args.includes('--no-dpi-mix');

async function run(dpi: number, forms: number, seed: number): Promise<{ score: ScanScore; seconds: number; pages: number; forms: number; scans: Map<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), `bench-scan-${dpi}-`));
  try {
    const batch = await writeSyntheticBatch(dir, { forms, seed, dpi });
    const read: ReadPageForScore[] = [];
    const t0 = performance.now();
    const result = await scanFolder(dir, {
      dpi,
      onPage: (_page, reading) => {
        if (reading.kind === 'read') read.push({ formId: reading.identity.formId, page: reading.identity.page, boxes: reading.boxes, answers: reading.answers });
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    for (const u of result.report.unidentified) console.log(`  not identified: ${u.source.file.slice(dir.length + 1)} page ${u.source.pageInFile}: ${u.reason}`);
    for (const r of result.report.refused) console.log(`  refused: form ${r.formId} page ${r.page}: ${r.reason}`);
    const scans = new Map([...batch.scans].map(([k, d]) => [k, `${d.format}${d.format === 'jpeg' ? ` q${d.jpegQuality}` : ''}, blur ${d.blurSigma.toFixed(1)}, noise ${d.noise.toFixed(0)}`]));
    return { score: scoreScan(batch.truth, read), seconds, pages: batch.pages, forms, scans };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pct(a: number, b: number): string {
  return b === 0 ? '–' : `${((100 * a) / b).toFixed(2)} %`;
}

function print(label: string, r: { score: ScanScore; seconds: number; pages: number; scans: Map<string, string> }): void {
  const s = r.score;
  console.log(`\n${label}: ${r.pages} pages`);
  console.log(`confusion matrix (rows: truth, columns: read)`);
  console.log(`  ${'truth'.padEnd(10)}${READ_STATES.map((c) => c.padStart(11)).join('')}`);
  for (const t of TRUTH_STATES) console.log(`  ${t.padEnd(10)}${READ_STATES.map((c) => String(s.confusion[t][c]).padStart(11)).join('')}`);
  console.log(`wrong among automatic answers: ${s.wrongAuto} of ${s.autoQuestions} = ${pct(s.wrongAuto, s.autoQuestions)}   (goal ≤ 0.1 %)`);
  for (const w of s.wrongDetails) console.log(`  ${w.page} ${w.question}: truth ${w.truth}${w.faint ? ' (faint pen)' : ''}, read ${w.read}; page saved as ${r.scans.get(w.page)}${w.traceless ? '; the mark left no pixel on the page' : ''}`);
  const seen = s.autoQuestions - s.wrongTraceless;
  console.log(`  of them, marks a 1-bit scan erased (not one pixel left on the saved page): ${s.wrongTraceless}; misread from what the page shows: ${s.wrongAuto - s.wrongTraceless} of ${seen} = ${pct(s.wrongAuto - s.wrongTraceless, seen)}`);
  console.log(`marked choice answers accepted automatically: ${s.markedClearAuto} of ${s.markedClear} = ${pct(s.markedClearAuto, s.markedClear)}   (goal ≥ 95 %)`);
  console.log(`pages misidentified: ${s.misidentified}   (goal 0); pages not read (refused or unidentified): ${s.notRead}`);
}

const main = await run(200, FORMS, SEED);
print(`held-out seed ${SEED}, 200 dpi`, main);
console.log(`speed: ${main.pages} pages in ${main.seconds.toFixed(1)} s = ${(main.pages / main.seconds).toFixed(2)} pages/s at 200 dpi (decode + read + group, as cli scan; goal ≥ 2 pages/s on 2 cores)`);

// Staff time model, per form of the shipped questionnaire (German, normal print).
const layout = paperLayout(loadQuestionnaire(1), { questionnaire: 'family-life-quality@1', lang: 'de', largePrint: false });
const choiceQuestions = new Set(layout.pages.flatMap((p) => p.boxes.map((b) => b.question))).size;
const digitKeys = layout.pages.flatMap((p) => p.digitBoxes).length;
const digitQuestions = new Set(layout.pages.flatMap((p) => p.digitBoxes.map((b) => b.question))).size;
// Double entry: every question typed twice (a choice = its number + Tab; a number ≈ its digits + Tab).
const perEntry = choiceQuestions * 2 + digitKeys * 0.7 + digitQuestions;
const verify = main.score.reviewItems / main.forms;
console.log(`\nstaff time model per form (${layout.pages.length} pages, ${choiceQuestions} choice and ${digitQuestions} number questions):`);
console.log(`  typed double entry: 2 × ${perEntry.toFixed(0)} = ${(2 * perEntry).toFixed(0)} keystrokes`);
console.log(`  scan + verification queue: ${verify.toFixed(1)} items to verify (${(verify * 2).toFixed(0)} keystrokes at about 2 per item: a digit or 1–9 and Enter) + 1 key to accept the rest of each page (${layout.pages.length})`);

if (dpiMix) {
  for (const [dpi, forms] of [[150, 2], [300, 2], [600, 1]] as const) {
    const r = await run(dpi, forms, SEED + dpi);
    print(`held-out seed ${SEED + dpi}, ${dpi} dpi`, r);
    console.log(`speed: ${(r.pages / r.seconds).toFixed(2)} pages/s at ${dpi} dpi`);
  }
}
