import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { pdfPageCount, pdfPages } from '../../reports/testing/pdfText';
import { openSqliteStore } from '../../store/sqlite/sqliteStore';
import { runCli } from '../../testing/runCli';

describe('cli report', function () {
  this.timeout(180_000);
  let dir: string;
  let districts: string[];
  let waves: number[];
  const cli = (args: string[]) => runCli(args, { MONGODB_URI: '', DATA_DIR: join(dir, 'store') });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cli-report-'));
    const seeded = await cli(['seed']);
    expect(seeded.code, seeded.stderr).to.equal(0);
    const store = openSqliteStore({ dataDir: join(dir, 'store') });
    try {
      const draws = await store.draws.list();
      districts = (await store.frames.get(draws[0]!.frameId))!.districts.map((d) => d.district);
      waves = [...new Set(draws.map((d) => d.wave))].sort((a, b) => a - b);
    } finally {
      await store.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a German PDF with every district’s name as text and at least one page per district', async () => {
    const out = join(dir, 'REPORT.pdf');
    const res = await cli(['report', '--out', out]);
    expect(res.code, res.stderr).to.equal(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    const pages = pdfPages(pdf);
    const text = pages.join('\n');
    expect(districts.length).to.be.greaterThan(5);
    for (const d of districts) expect(text, d).to.contain(d);
    expect(pdfPageCount(pdf)).to.be.at.least(districts.length + 3); // cover, method, overview
    expect(text).to.contain('Methode in einfachen Worten').and.contain('Stadtteilprofile').and.contain(`Seite 1 von ${pages.length}`);
    expect(res.stdout).to.contain(`Report written to ${out} (PDF, de, ${pages.length} pages)`).and.contain(`wave ${waves.at(-1)}, draw`);
  });

  it('writes English on request for the wave asked for', async () => {
    const out = join(dir, 'report-en.pdf');
    const res = await cli(['report', '--out', out, '--lang', 'en', '--wave', '1']);
    expect(res.code, res.stderr).to.equal(0);
    expect(res.stdout).to.contain('wave 1, draw').and.contain('change since previous wave: no previous wave');
    const text = pdfPages(readFileSync(out)).join('\n');
    expect(text).to.contain('Family survey: district report').and.contain('Method in plain words').and.contain('District profiles').and.contain('Page 1 of');
    expect(text).not.to.contain('Stadtteilprofile');
    for (const d of districts) expect(text, d).to.contain(d);
  });

  it('writes HTML when the file name ends in .html', async () => {
    const out = join(dir, 'report.html');
    const res = await cli(['report', '--out', out, '--lang', 'en']);
    expect(res.code, res.stderr).to.equal(0);
    const html = readFileSync(out, 'utf8');
    expect(html).to.match(/^<!doctype html>\n<html lang="en">/);
    expect(html).to.contain('<h2 id="profiles-title">District profiles</h2>');
    for (const d of districts) expect(html, d).to.contain(`>${d.replace(/&/g, '&amp;')}</h3>`);
  });

  it('refuses a wave without data, a wrong language or format with exit code 2 and writes nothing', async () => {
    const out = join(dir, 'none.pdf');
    const wave = await cli(['report', '--out', out, '--wave', '7']);
    expect(wave.code).to.equal(2);
    expect(wave.stderr).to.contain(`report: wave 7 has no data: the store has draws for wave${waves.length > 1 ? 's' : ''} ${waves.join(', ')}\n`);
    const lang = await cli(['report', '--out', out, '--lang', 'fr']);
    expect(lang.code).to.equal(2);
    expect(lang.stderr).to.contain("--lang must be de or en, got 'fr'");
    const format = await cli(['report', '--out', out, '--format', 'docx']);
    expect(format.code).to.equal(2);
    expect(format.stderr).to.contain("--format must be pdf or html, got 'docx'");
    const missing = await cli(['report']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('missing required option --out');
    expect(existsSync(out)).to.equal(false);
  });

  it('says when the store has nothing to report yet, in the report’s language', async () => {
    const empty = join(dir, 'empty');
    const res = await runCli(['report', '--out', join(dir, 'x.pdf'), '--data-dir', empty, '--lang', 'en'], { MONGODB_URI: '' });
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain('report: There is no draw to analyse yet.\n');
  });

  it('prints its usage with --help', async () => {
    const res = await cli(['report', '--help']);
    expect(res.code).to.equal(0);
    expect(res.stdout).to.contain('Usage: npm run --silent cli -- report --out REPORT.pdf [--lang de|en] [--wave N]');
  });
});
