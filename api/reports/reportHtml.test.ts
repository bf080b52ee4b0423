import { expect } from 'chai';
import { computeAnalysis, type AnalysisResult } from '../analysisWorkflow/computeAnalysis';
import { exampleInput, type ExampleDistrict } from '../analysisWorkflow/exampleInput';
import { escapeHtml, reportHtml } from './reportHtml';
import { buildReport } from './reportModel';

const DISTRICTS: ExampleDistrict[] = [
  { district: 'Gera-Süd', households: 800, sampled: 150, responseRate: 0.45 },
  { district: 'Lusan <Brüte> & "Laune"', households: 700, sampled: 140, responseRate: 0.5 },
  { district: 'Zwötzen', households: 200, sampled: 40, responseRate: 0.35 },
];

let result: AnalysisResult;

describe('district report HTML', () => {
  before(() => {
    result = computeAnalysis(exampleInput(DISTRICTS, 5), { now: () => new Date('2026-12-01T10:30:00Z'), bootstrap: 20 }).result;
  });

  it('is one document with the language, semantic headings, a section per district on a new printed page, and no script', () => {
    const html = reportHtml(buildReport(result, 'de'));
    expect(html).to.match(/^<!doctype html>\n<html lang="de">/);
    expect(html.match(/<h1>/g)).to.have.length(1);
    const h2 = [...html.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(h2).to.deep.equal(['Inhalt', 'Methode in einfachen Worten', 'Überblick über die Stadtteile', 'Stadtteilprofile', 'Anhang: alle Kennwerte nach Stadtteil']);
    for (const d of result.districts) {
      expect(html).to.contain(`<h3 id="district-${result.districts.indexOf(d) + 1}-title">${escapeHtml(d)}</h3>`);
    }
    expect(html.match(/<section id="district-\d+" aria-labelledby="district-\d+-title" class="new-page">/g)).to.have.length(result.districts.length - 1);
    expect(html).to.contain('@media print').and.contain('break-before: page');
    expect(html).not.to.match(/<script|<link|src=/i);
  });

  it('has tables with a caption and header cells with scope, and an interval plot with a text alternative per indicator', () => {
    const html = reportHtml(buildReport(result, 'en'));
    const tables = html.match(/<table>[\s\S]*?<\/table>/g)!;
    expect(tables.length).to.equal(1 + result.districts.length + result.indicators.length);
    for (const t of tables) {
      expect(t).to.match(/<caption>[^<]+<\/caption>/);
      expect(t).to.contain('<th scope="col"').and.contain('<th scope="row"');
    }
    const need = result.indicators.filter((i) => i.direction === 'need').length;
    expect(html.match(/<svg viewBox="0 0 150 16" role="img" aria-label="[^"]+"/g)).to.have.length(need * result.districts.length);
  });

  it('escapes names from the data', () => {
    const html = reportHtml(buildReport(result, 'en'));
    expect(html).to.contain('Lusan &lt;Brüte&gt; &amp; &quot;Laune&quot;');
    expect(html).not.to.contain('<Brüte>');
  });
});
