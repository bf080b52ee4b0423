import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { paperLayout } from '../../paper/paperLayout';
import { darkestNearMm, decodeQrCodes, greyAtMm, pdfPageCount, pdfText, renderPdfPage } from '../../paper/testing/renderedPdf';
import { loadQuestionnaire } from '../../questionnaire/registry';
import { openSqliteStore } from '../../store/sqlite/sqliteStore';
import { runCli } from '../../testing/runCli';

describe('cli paper-form', function () {
  this.timeout(180_000);
  let dir: string;
  // An empty DATA_DIR: no store, so the shipped questionnaire versions are used.
  const cli = (args: string[]) => runCli(['paper-form', ...args], { MONGODB_URI: '', DATA_DIR: join(dir, 'no-store') });
  before(() => (dir = mkdtempSync(join(tmpdir(), 'cli-paper-form-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the shipped questionnaire without a store: PDF pages, QR on each page, layout file with every choice box', async () => {
    const out = join(dir, 'form.pdf');
    const layoutPath = join(dir, 'layout.json');
    const res = await cli(['--questionnaire', 'family-life-quality@1', '--form-id', 'K7M2Q9XT4B8R', '--out', out, '--layout', layoutPath]);
    expect(res.code, res.stderr).to.equal(0);
    const expected = paperLayout(loadQuestionnaire(1), { questionnaire: 'family-life-quality@1', lang: 'de', largePrint: false });
    const file = JSON.parse(readFileSync(layoutPath, 'utf8')) as { formId: string; questionnaire: string; pages: { page: number; widthMm: number; heightMm: number; boxes: Record<string, unknown>[] }[] };
    expect(file.formId).to.equal('K7M2Q9XT4B8R');
    expect(file.questionnaire).to.equal('family-life-quality@1');
    expect(file.pages.map((p) => [p.page, p.widthMm, p.heightMm])).to.deep.equal(expected.pages.map((p) => [p.page, 210, 297]));
    expect(file.pages.flatMap((p) => p.boxes)).to.deep.equal(expected.pages.flatMap((p) => p.boxes.map((b) => ({ ...b }))));
    expect(Object.keys(file.pages[1]!.boxes[0]!)).to.deep.equal(['question', 'value', 'multiple', 'xMm', 'yMm', 'wMm', 'hMm']);
    const pdf = readFileSync(out);
    expect(pdfPageCount(pdf)).to.equal(expected.pages.length);
    expect(await decodeQrCodes(renderPdfPage(pdf, 2, 150))).to.deep.equal([`FBQ1;q=family-life-quality@1;lang=de;lp=0;p=2/${expected.pages.length};h=${expected.layoutHash};f=K7M2Q9XT4B8R`]);
    // The boxes of LAYOUT.json are where the PDF draws them: dark edges, paper inside (100 dpi).
    for (const n of [2, 6]) {
      const image = renderPdfPage(pdf, n, 100);
      for (const b of file.pages[n - 1]!.boxes as { question: string; xMm: number; yMm: number; wMm: number; hMm: number }[]) {
        expect(darkestNearMm(image, b.xMm + b.wMm / 2, b.yMm), `${b.question} top`).to.be.below(128);
        expect(darkestNearMm(image, b.xMm, b.yMm + b.hMm / 2), `${b.question} left`).to.be.below(128);
        expect(greyAtMm(image, b.xMm + b.wMm / 2, b.yMm + b.hMm / 2), `${b.question} inside`).to.be.above(200);
      }
    }
  });

  it('prints English in large print with bigger boxes', async () => {
    const out = join(dir, 'en.pdf');
    const layoutPath = join(dir, 'en.json');
    const res = await cli(['--questionnaire', 'family-life-quality@1', '--form-id', 'F-1', '--lang', 'en', '--large-print', '--out', out, '--layout', layoutPath]);
    expect(res.code, res.stderr).to.equal(0);
    const file = JSON.parse(readFileSync(layoutPath, 'utf8')) as { pages: { boxes: { wMm: number }[] }[] };
    expect(file.pages.flatMap((p) => p.boxes).every((b) => b.wMm === 7)).to.equal(true);
    const text = pdfText(readFileSync(out));
    expect(text).to.contain('How many children under 18').and.contain(';lang=en;lp=1;');
  });

  it('reads a version from the store when it holds one', async () => {
    const dataDir = join(dir, 'store');
    const store = openSqliteStore({ dataDir });
    try {
      await store.migrate();
      const json = structuredClone(loadQuestionnaire(1)) as Record<string, unknown>;
      json.title = { default: 'Familienbefragung 2027 aus dem Speicher', en: 'Family survey 2027 from the store' };
      await store.questionnaireVersions.publish({ questionnaireId: 'family-life-quality', version: 41, json });
    } finally {
      await store.close();
    }
    const out = join(dir, 'v41.pdf');
    const res = await cli(['--questionnaire', 'family-life-quality@41', '--form-id', 'F-2', '--out', out, '--layout', join(dir, 'v41.json'), '--data-dir', dataDir]);
    expect(res.code, res.stderr).to.equal(0);
    expect(pdfText(readFileSync(out))).to.contain('aus dem Speicher').and.contain('q=family-life-quality@41;');
  });

  it('refuses unknown questionnaires and versions, bad options and missing ones with exit code 2 and no output', async () => {
    const out = join(dir, 'bad.pdf');
    const layoutPath = join(dir, 'bad.json');
    const base = ['--form-id', 'F-1', '--out', out, '--layout', layoutPath];
    const cases: [string[], RegExp][] = [
      [['--questionnaire', 'family-life-quality@9', ...base], /no questionnaire family-life-quality@9.*Available: family-life-quality@1/],
      [['--questionnaire', 'no-such-survey@1', ...base], /no questionnaire no-such-survey@1/],
      [['--questionnaire', 'family-life-quality', ...base], /not a questionnaire reference of the form id@version/],
      [['--questionnaire', 'family-life-quality@1', ...base, '--lang', 'fr'], /--lang must be de or en, got 'fr'/],
      [['--questionnaire', 'family-life-quality@1', '--form-id', 'A;B', '--out', out, '--layout', layoutPath], /--form-id 'A;B' may only hold/],
      [['--questionnaire', 'family-life-quality@1', '--form-id', 'F-1', '--out', out], /missing required option --layout/],
      [['--questionnaire', 'family-life-quality@1', ...base, '--colour'], /Unknown option '--colour'/],
      [['--questionnaire', 'family-life-quality@1', ...base, '--data-dir', join(dir, 'nothing-here')], /holds no store/],
    ];
    for (const [args, message] of cases) {
      const res = await cli(args);
      expect(res.code, args.join(' ')).to.equal(2);
      expect(res.stderr, args.join(' ')).to.match(message);
      expect(existsSync(out) || existsSync(layoutPath), args.join(' ')).to.equal(false);
    }
  });

  it('explains itself with --help', async () => {
    const res = await cli(['--help']);
    expect(res.code).to.equal(0);
    expect(res.stdout).to.contain('--questionnaire ID@VERSION').and.contain('--large-print').and.contain('--layout LAYOUT.json');
  });
});
