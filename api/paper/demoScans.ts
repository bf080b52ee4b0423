/**
 * Demo seed step for the scan verification queue (npm start): three households' printed forms, their
 * first two pages marked as respondents do — a cross per question, one question with two crosses, a
 * number written into its digit boxes — scanned at 150 dpi and read in, so Erhebung → Gescannte
 * Fragebögen has a small batch waiting. Only the start steps run it: every test server would otherwise
 * pay its few seconds.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { SeedStep } from '../demo/seedDemo';
import { loadQuestionnaire } from '../questionnaire/registry';
import { createRng } from '../../sampling/index';
import { paperFormsPdf } from './paperFormPdf';
import { paperLayout, type PaperPage } from './paperLayout';
import { importScanFile } from './scanQueue';
import { renderPdf } from './scan/loadScanPages';

const DPI = 150;
const FORMS = 3;
const PAGES = 2;

/** Pen strokes (SVG, page pixels) for one page: a cross per question, two on one of them, digits. */
function marks(page: PaperPage, pageIndex: number, rng: ReturnType<typeof createRng>): string {
  const px = (mm: number) => ((mm * DPI) / 25.4).toFixed(1);
  const line = (x0: number, y0: number, x1: number, y1: number) => `<line x1="${px(x0)}" y1="${px(y0)}" x2="${px(x1)}" y2="${px(y1)}" stroke="rgb(20,30,90)" stroke-width="${px(0.5)}" stroke-linecap="round"/>`;
  const cross = (b: { xMm: number; yMm: number; wMm: number; hMm: number }) =>
    line(b.xMm + 0.15 * b.wMm, b.yMm + 0.15 * b.hMm, b.xMm + 0.85 * b.wMm, b.yMm + 0.85 * b.hMm) + line(b.xMm + 0.85 * b.wMm, b.yMm + 0.15 * b.hMm, b.xMm + 0.15 * b.wMm, b.yMm + 0.85 * b.hMm);
  const parts: string[] = [];
  const questions = [...new Set(page.boxes.map((b) => b.question))];
  questions.forEach((q, i) => {
    const boxes = page.boxes.filter((b) => b.question === q);
    if (rng.uniform() < 0.15) return; // left blank
    const chosen = rng.uniformInt(boxes.length);
    parts.push(cross(boxes[chosen]!));
    if (pageIndex === 0 && i === 1 && boxes.length > 1) parts.push(cross(boxes[(chosen + 1) % boxes.length]!));
  });
  const digits = page.digitBoxes.filter((d) => d.question === page.digitBoxes[0]?.question);
  const last = digits[digits.length - 1];
  if (last) parts.push(line(last.xMm + 0.3 * last.wMm, last.yMm + 0.2 * last.hMm, last.xMm + 0.7 * last.wMm, last.yMm + 0.2 * last.hMm) + line(last.xMm + 0.7 * last.wMm, last.yMm + 0.2 * last.hMm, last.xMm + 0.4 * last.wMm, last.yMm + 0.85 * last.hMm));
  return parts.join('');
}

export const scanDemoStep: SeedStep = {
  name: 'demo scanned forms waiting for verification',
  async run(tx) {
    const refs = [];
    for (const draw of await tx.draws.list()) {
      for (const ref of await tx.paperForms.listByDraw(draw.id)) {
        if (refs.length === FORMS) break;
        if (ref.questionnaireId !== 'family-life-quality' || ref.questionnaireVersion !== 1) continue;
        if ((await tx.responses.submittedForHousehold(ref.householdId)) || (await tx.paperEntries.get(ref.householdId))) continue;
        refs.push(ref);
      }
    }
    if (refs.length === 0) return;
    const layout = paperLayout(loadQuestionnaire(1), { questionnaire: 'family-life-quality@1', lang: 'de', largePrint: false });
    const dir = mkdtempSync(join(tmpdir(), 'demo-scans-'));
    try {
      const pdf = join(dir, 'forms.pdf');
      writeFileSync(pdf, await paperFormsPdf(layout, refs.map((r) => r.formId)));
      const blank = await renderPdf(pdf, DPI);
      rmSync(pdf);
      const rng = createRng(2026);
      const scans = join(dir, 'scans');
      const pages: Buffer[] = [];
      for (let f = 0; f < refs.length; f++) {
        for (let p = 0; p < PAGES; p++) {
          const image = blank[f * layout.pages.length + p]!;
          const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${image.width}" height="${image.height}">${marks(layout.pages[p]!, p, rng)}</svg>`;
          pages.push(
            await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 1 } })
              .composite([{ input: Buffer.from(svg) }])
              .toColourspace('b-w')
              .png()
              .toBuffer(),
          );
        }
      }
      mkdirSync(scans);
      pages.forEach((png, i) => writeFileSync(join(scans, `scan-${String(i + 1).padStart(3, '0')}.png`), png));
      await importScanFile(tx, null, scans);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
