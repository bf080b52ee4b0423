import { expect } from 'chai';
import { computeAnalysis, type AnalysisResult } from '../analysisWorkflow/computeAnalysis';
import { exampleInput, type ExampleDistrict } from '../analysisWorkflow/exampleInput';
import { buildReport, type ReportModel } from './reportModel';
import { printable, reportPdf } from './reportPdf';
import { pdfBookmarks, pdfPageCount, pdfPages } from './testing/pdfText';

const DISTRICTS: ExampleDistrict[] = [
  { district: 'Bieblach/Tinz', households: 900, sampled: 160, responseRate: 0.5 },
  { district: 'Gera-Süd', households: 800, sampled: 150, responseRate: 0.45 },
  { district: 'Lusan-Brüte', households: 700, sampled: 140, responseRate: 0.5 },
  { district: 'Zwötzen', households: 200, sampled: 40, responseRate: 0.35 },
];

let result: AnalysisResult;

describe('district report PDF', function () {
  this.timeout(20_000);
  before(() => {
    result = computeAnalysis(exampleInput(DISTRICTS, 5), { now: () => new Date('2026-12-01T10:30:00Z'), bootstrap: 20 }).result;
  });

  it('has selectable text with every district name, a profile page per district and "Seite X von Y" on every page', async () => {
    const pdf = await reportPdf(buildReport(result, 'de'));
    const pages = pdfPages(pdf);
    expect(pdfPageCount(pdf)).to.equal(pages.length);
    expect(pages.length).to.be.at.least(DISTRICTS.length + 3); // cover, method, overview
    const text = pages.join('\n');
    for (const d of DISTRICTS) expect(text).to.contain(d.district);
    pages.forEach((page, i) => expect(page, `page ${i + 1}`).to.contain(`Seite ${i + 1} von ${pages.length}`));
    // Each profile starts at the top of a page of its own: its heading is the page's first line (after the section's on the first).
    for (const [k, d] of DISTRICTS.entries()) {
      const page = pages.find((p) => p.includes(`Kennwerte in ${d.district} im Vergleich zur Stadt`))!;
      const lines = page.split('\n').filter((l) => l.trim() !== '');
      expect(lines.slice(0, k === 0 ? 2 : 1), d.district).to.deep.equal(k === 0 ? ['Stadtteilprofile', d.district] : [d.district]);
    }
    expect(text).to.contain('Methode in einfachen Worten').and.contain('Anhang: alle Kennwerte nach Stadtteil');
  });

  it('has a bookmark per section, district and indicator, and the contents on the cover name the pages', async () => {
    const model = buildReport(result, 'en');
    const pdf = await reportPdf(model, { compress: false });
    const bookmarks = pdfBookmarks(pdf);
    for (const s of model.sections) expect(bookmarks, s.title).to.include(s.title);
    const pages = pdfPages(pdf);
    const profilePage = pages.findIndex((p) => p.includes('Indicators in Gera-Süd compared with the city')) + 1;
    expect(pages[0]).to.contain('Contents');
    expect(pdfPages(pdf, { layout: true })[0]!.replace(/\s+/g, ' ')).to.match(new RegExp(`Gera-Süd ${profilePage}\\b`));
    expect(pages.at(-1)).to.contain(`Page ${pages.length} of ${pages.length}`);
  });

  it('is a tagged PDF: headings H1–H4, paragraphs, lists and tables with header cells; decoration and page numbers as artifacts', async () => {
    const model = buildReport(result, 'de');
    const raw = (await reportPdf(model, { compress: false })).toString('latin1');
    expect(raw).to.match(/\/MarkInfo\s+\d+ 0 R/).and.match(/\/StructTreeRoot\s+\d+ 0 R/);
    const count = (type: string) => (raw.match(new RegExp(`/S /${type}\\b`, 'g')) ?? []).length;
    expect(count('H1')).to.equal(1);
    expect(count('H2')).to.equal(model.sections.filter((s) => s.level === 1).length + 1); // + the contents
    expect(count('H3')).to.equal(model.sections.filter((s) => s.level === 2).length);
    expect(count('H4')).to.equal(DISTRICTS.length); // "Unterdrückte, unsichere …" in each profile
    const tables = model.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'table' || b.kind === 'forest');
    expect(count('Table')).to.equal(tables.length);
    expect(count('Caption')).to.equal(tables.length);
    expect(count('TR')).to.equal(tables.reduce((n, t) => n + 1 + t.rows.length, 0));
    expect(count('TOCI')).to.be.greaterThan(DISTRICTS.length);
    expect(raw).to.contain('/Artifact <<\n/Type /Pagination\n>> BDC');
  });

  it('continues a long table on the next page under its caption "(Fortsetzung)" with the header row again', async () => {
    const model: ReportModel = {
      ...buildReport(result, 'de'),
      sections: [
        {
          id: 'long',
          title: 'Lange Tabelle',
          level: 1,
          newPage: true,
          blocks: [
            {
              kind: 'table',
              caption: 'Viele Zeilen',
              columns: [
                { label: 'Gebiet', align: 'left', width: 2 },
                { label: 'Wert', align: 'right', width: 1 },
              ],
              rows: Array.from({ length: 130 }, (_, i) => ({ cells: [`Gebiet ${i + 1}`, String(i)] })),
            },
          ],
        },
      ],
    };
    const pages = pdfPages(await reportPdf(model)).slice(1);
    expect(pages.length).to.be.at.least(3);
    pages.forEach((page, i) => {
      const lines = page.split('\n');
      expect(lines, `page ${i + 2}`).to.include(i === 0 ? 'Viele Zeilen' : 'Viele Zeilen (Fortsetzung)');
      expect(lines).to.include('Gebiet').and.include('Wert'); // the header row
    });
    // Every row once, in order, none cut between pages.
    const rows = pages.join('\n').match(/Gebiet \d+/g)!;
    expect(rows).to.deep.equal(Array.from({ length: 130 }, (_, i) => `Gebiet ${i + 1}`));
  });

  it('keeps names the standard fonts cannot print searchable: the original text is attached to what is printed', async () => {
    const names = ['Łódź-Bałuty', 'Район 5', 'Gera-Süd'];
    const other = computeAnalysis(
      exampleInput(names.map((district) => ({ district, households: 800, sampled: 150, responseRate: 0.5 })), 3),
      { now: () => new Date('2026-12-01T10:30:00Z'), bootstrap: 10 },
    ).result;
    const pdf = await reportPdf(buildReport(other, 'en'), { compress: false });
    const text = pdfPages(pdf).join('\n');
    for (const name of names) expect(text, name).to.contain(name);
    expect(pdfBookmarks(pdf)).to.include.members(names);
  });

  it('prints what the standard fonts cannot show without failing: accents dropped, other scripts as "?"', () => {
    expect(printable('Gera-Süd – Łódź')).to.equal('Gera-Süd – Lódz');
    expect(printable('Район 5')).to.equal('????? 5');
  });
});
