import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { writeSyntheticBatch, type SyntheticBatch } from '../../paper/testing/syntheticBatch';
import { repoRoot, runCli } from '../../testing/runCli';

describe('cli scan', function () {
  this.timeout(120000);
  let dir: string;
  let batch: SyntheticBatch;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cli-scan-'));
    // Held-out seed (the bands were calibrated on seeds 1–5); 2 forms × 3 of their pages, the second as one PDF.
    batch = await writeSyntheticBatch(join(dir, 'in'), { forms: 2, seed: 4242, pagesPerForm: 3 });
    const first = readdirSync(join(dir, 'in')).find((f) => f.startsWith('scan-'))!;
    mkdirSync(join(dir, 'in', 'again'));
    copyFileSync(join(dir, 'in', first), join(dir, 'in', 'again', 'copy-of-first'));
    writeFileSync(join(dir, 'in', 'notes.txt'), 'not a scan');
    writeFileSync(join(dir, 'in', 'blank.png'), readFileSync(join(dir, 'in', first)).subarray(0, 0));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one row per chosen value with auto or review, every automatic answer right, and reports on stderr', async () => {
    const out = join(dir, 'answers.csv');
    const r = await runCli(['scan', '--in', join(dir, 'in'), '--out', out]);
    expect(r.code, r.stderr).to.equal(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).to.equal('form_id,question,value,status');
    const rows = parse(text, { columns: true }) as { form_id: string; question: string; value: string; status: string }[];
    expect(new Set(rows.map((x) => x.status))).to.satisfy((s: Set<string>) => [...s].every((v) => v === 'auto' || v === 'review'));
    // Every clear answer in truth is in the file, and every automatic row is one of them.
    const want = new Set<string>();
    const reviewQuestions = new Set<string>();
    for (const [key, page] of batch.truth) {
      const formId = key.split('/')[0]!;
      for (const q of page.questions) {
        if (q.kind === 'clear') for (const v of q.values) want.add(`${formId},${q.question},${v}`);
        else if (q.values.length > 0 || q.kind === 'ambiguous') reviewQuestions.add(`${formId},${q.question}`);
      }
    }
    const auto = rows.filter((x) => x.status === 'auto').map((x) => `${x.form_id},${x.question},${x.value}`);
    expect(auto.filter((a) => !want.has(a))).to.deep.equal([]);
    const got = new Set(rows.map((x) => `${x.form_id},${x.question},${x.value}`));
    const lost = [...want].filter((w) => !got.has(w) && !rows.some((x) => x.status === 'review' && w.startsWith(`${x.form_id},${x.question},`)));
    expect(lost).to.deep.equal([]);
    for (const q of reviewQuestions) expect(rows.some((x) => `${x.form_id},${x.question}` === q && x.status === 'review'), q).to.equal(true);
    expect(auto.length).to.be.greaterThan(20);
    // stderr: the text file and the empty file, the duplicate, the missing pages 4–10 of both forms.
    expect(r.stderr).to.match(/notes\.txt: skipped/);
    expect(r.stderr).to.match(/blank\.png: skipped/);
    expect(r.stderr).to.match(/(scan-\w+|again\/copy-of-first) page 1: form S4242-00\d page \d is a duplicate of (scan-\w+|again\/copy-of-first) page 1, ignored/);
    expect(r.stderr).to.match(/form S4242-001: missing pages 4, 5, 6, 7, 8, 9, 10 of 10/);
    expect(r.stderr).to.match(/form S4242-002: missing pages 4, 5, 6, 7, 8, 9, 10 of \d+/);
  });

  it('reads a form printed with cli paper-form, rendered by pdftoppm at 300 dpi and marked with 1-pixel crosses from its layout file', async () => {
    const printed = join(dir, 'printed');
    mkdirSync(join(printed, 'scans'), { recursive: true });
    const made = await runCli(['paper-form', '--questionnaire', 'family-life-quality@1', '--form-id', 'PX-0001', '--out', join(printed, 'form.pdf'), '--layout', join(printed, 'layout.json')]);
    expect(made.code, made.stderr).to.equal(0);
    const layout = JSON.parse(readFileSync(join(printed, 'layout.json'), 'utf8')) as { pages: { boxes: { question: string; value: unknown; xMm: number; yMm: number; wMm: number; hMm: number }[] }[] };
    execFileSync('pdftoppm', ['-r', '300', '-png', '-f', '2', '-l', '3', join(printed, 'form.pdf'), join(printed, 'render')]);
    const sharp = (await import('sharp')).default;
    const expected: string[] = [];
    for (const page of [2, 3]) {
      const file = readdirSync(printed).find((f) => f.startsWith('render') && f.endsWith(`-${String(page).padStart(2, '0')}.png`))!;
      const s = 300 / 25.4;
      let svg = '';
      const seen = new Set<string>();
      // The last box of each question, crossed corner to corner with a 1-pixel line.
      for (const b of [...layout.pages[page - 1]!.boxes].reverse()) {
        if (seen.has(b.question)) continue;
        seen.add(b.question);
        const [x0, y0, x1, y1] = [b.xMm * s, b.yMm * s, (b.xMm + b.wMm) * s, (b.yMm + b.hMm) * s];
        svg += `<line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y1}" stroke="black" stroke-width="1"/><line x1="${x1}" y1="${y0}" x2="${x0}" y2="${y1}" stroke="black" stroke-width="1"/>`;
        expected.push(`PX-0001,${b.question},${String(b.value)},auto`);
      }
      const { width, height } = await sharp(join(printed, file)).metadata();
      await sharp(join(printed, file))
        .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svg}</svg>`) }])
        .png()
        .toFile(join(printed, 'scans', `page-${page}.png`));
    }
    const out = join(printed, 'answers.csv');
    const r = await runCli(['scan', '--in', join(printed, 'scans'), '--out', out]);
    expect(r.code, r.stderr).to.equal(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1);
    expect([...rows].sort()).to.deep.equal([...expected].sort());
    expect(r.stderr).to.match(/form PX-0001: missing pages 1, 4, 5, 6, 7, 8, 9, 10 of 10/);
  });

  it('reads a form of a version imported into a store with the store (--data-dir), and refuses its pages without one', async () => {
    const imported = join(dir, 'imported');
    mkdirSync(join(imported, 'scans'), { recursive: true });
    const store = join(imported, 'store');
    const v2 = join(repoRoot, 'api', 'questionnaire', 'family-life-quality.v2.json');
    const stored = await runCli(['questionnaire', 'import', v2, '--id', 'family-life-quality', '--publish'], { DATA_DIR: store });
    expect(stored.code, stored.stderr).to.equal(0);
    expect(stored.stdout.trim()).to.equal('family-life-quality,2');
    const made = await runCli(['paper-form', '--questionnaire', 'family-life-quality@2', '--form-id', 'PX-0002', '--out', join(imported, 'form.pdf'), '--layout', join(imported, 'layout.json'), '--data-dir', store]);
    expect(made.code, made.stderr).to.equal(0);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', join(imported, 'form.pdf'), join(imported, 'scans', 'page')]);
    const withStore = await runCli(['scan', '--in', join(imported, 'scans'), '--out', join(imported, 'with.csv'), '--data-dir', store]);
    expect(withStore.code, withStore.stderr).to.equal(0);
    expect(withStore.stderr).to.match(/scan: 1 of 1 pages read, 1 form/);
    const noStore = join(imported, 'no-store');
    const without = await runCli(['scan', '--in', join(imported, 'scans'), '--out', join(imported, 'without.csv')], { DATA_DIR: noStore });
    expect(without.code).to.equal(1);
    expect(without.stderr).to.match(/form PX-0002 page 1 refused: questionnaire family-life-quality@2 cannot be laid out/);
  });

  it('lists a page without a form QR code on stderr and still exits 0 when other pages were read', async () => {
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed);
    const first = readdirSync(join(dir, 'in')).find((f) => f.startsWith('scan-'))!;
    copyFileSync(join(dir, 'in', first), join(mixed, 'page.img'));
    const sharp = (await import('sharp')).default;
    await sharp({ create: { width: 1654, height: 2339, channels: 3, background: '#ffffff' } }).png().toFile(join(mixed, 'white.png'));
    const r = await runCli(['scan', '--in', mixed, '--out', join(dir, 'mixed.csv')]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.match(/white\.png page 1: not identified: no QR code of a printed form found/);
  });

  it('advises scanning in grey on stderr when pages were scanned in black and white, and stays silent about it for grey pages', async () => {
    const bw = await writeSyntheticBatch(join(dir, 'bw'), { forms: 1, seed: 4243, pagesPerForm: 2, pdfs: false, format: 'bilevel' });
    const r = await runCli(['scan', '--in', bw.dir, '--out', join(dir, 'bw.csv')]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.match(/scan: 2 of 2 pages were scanned in black and white \(1 bit\): a light pen or pencil can vanish in the scanner; scan in grey/);
    const grey = await writeSyntheticBatch(join(dir, 'grey'), { forms: 1, seed: 4243, pagesPerForm: 1, pdfs: false, format: 'png' });
    const g = await runCli(['scan', '--in', grey.dir, '--out', join(dir, 'grey.csv')]);
    expect(g.code, g.stderr).to.equal(0);
    expect(g.stderr).to.not.match(/black and white/);
  });

  it('exits 1 when nothing could be read, and 2 for a missing folder', async () => {
    const junk = join(dir, 'junk');
    mkdirSync(junk);
    writeFileSync(join(junk, 'a.txt'), 'hello');
    const none = await runCli(['scan', '--in', junk, '--out', join(dir, 'none.csv')]);
    expect(none.code).to.equal(1);
    expect(none.stderr).to.match(/no page could be read/);
    const missing = await runCli(['scan', '--in', join(dir, 'nope'), '--out', join(dir, 'none.csv')]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.match(/--in '.*nope' does not exist/);
  });
});
