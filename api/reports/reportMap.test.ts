import { expect } from 'chai';
import type { AreaFeatureCollectionLike } from '../../analysis/maps';
import { computeAnalysis, type AnalysisResult } from '../analysisWorkflow/computeAnalysis';
import { exampleInput, type ExampleDistrict } from '../analysisWorkflow/exampleInput';
import { reportFormat } from './reportFormat';
import { reportHtml } from './reportHtml';
import { mapIndicator, reportMap } from './reportMap';
import { buildReport, shownValue } from './reportModel';
import { reportPdf } from './reportPdf';
import { pdfPages } from './testing/pdfText';

const DISTRICTS: ExampleDistrict[] = [
  { district: 'Bieblach-Ost', households: 900, sampled: 160, responseRate: 0.5 },
  { district: 'Gera-Süd', households: 800, sampled: 150, responseRate: 0.45 },
  { district: 'Lusan-Brüte', households: 700, sampled: 140, responseRate: 0.5 },
  { district: 'Stadtmitte', households: 1000, sampled: 170, responseRate: 0.4 },
  { district: 'Zwötzen', households: 200, sampled: 40, responseRate: 0.35 },
];

/** Squares side by side near Gera, one per name. */
function squares(names: string[]): AreaFeatureCollectionLike {
  return {
    type: 'FeatureCollection',
    features: names.map((district, i) => {
      const x = 12.0 + i * 0.03;
      return { type: 'Feature', properties: { district }, geometry: { type: 'Polygon', coordinates: [[[x, 50.85], [x + 0.03, 50.85], [x + 0.03, 50.87], [x, 50.87], [x, 50.85]]] } };
    }),
  };
}

let result: AnalysisResult;

describe('district report map', function () {
  this.timeout(20_000);
  before(() => {
    result = computeAnalysis(exampleInput(DISTRICTS, 5), { now: () => new Date('2026-12-01T10:30:00Z'), bootstrap: 20 }).result;
  });

  it('maps by default the need indicator with the fewest suppressed and uncertain district values, each as its profile shows it', () => {
    const chosen = mapIndicator(result)!;
    const score = (id: string) => {
      const ind = result.indicators.find((i) => i.id === id)!;
      return ind.districts.filter((c) => shownValue(c).kind === 'suppressed').length * 1000 + ind.districts.filter((c) => c.flag !== 'ok').length;
    };
    for (const ind of result.indicators.filter((i) => i.direction === 'need')) expect(score(chosen.id)).to.be.at.most(score(ind.id));
    const map = reportMap(result, squares(result.districts), 'de')!;
    expect(map.indicatorLabel).to.equal(chosen.label.de);
    const fmt = reportFormat('de');
    for (const area of map.areas) {
      const cell = chosen.districts.find((c) => c.district === area.name)!;
      expect(area.value).to.equal(fmt.percent(shownValue(cell).estimate));
      expect(area.path).to.match(/^M[\d.,]+L/);
    }
    expect(map.legend.filter((l) => l.pattern === null).map((l) => l.label)[0]).to.match(/^\d+,\d\u00a0% – \d+,\d\u00a0%$/);
  });

  it('lists an area of the geometry without a value as "kein Wert" and says when outlines are schematic', () => {
    const map = reportMap(result, squares([...result.districts, 'Neubaugebiet']), 'de', { schematic: true })!;
    expect(map.areas.find((a) => a.name === 'Neubaugebiet')!.value).to.equal('–');
    expect(map.legend.at(-1)!.label).to.equal('kein Wert');
    expect(map.note).to.equal('Schematische Gebietsumrisse, keine amtlichen Grenzen.');
  });

  it('names the districts the boundaries have no outline for', () => {
    const map = reportMap(result, squares(result.districts.slice(1)), 'en')!;
    expect(map.areas.map((a) => a.name)).not.to.include(result.districts[0]);
    expect(map.note).to.equal(`No outline in the boundaries, so not on the map: ${result.districts[0]}.`);
  });

  it('is drawn in the PDF under its own heading with the legend as text, and inline in the HTML with a title per district', async () => {
    const map = reportMap(result, squares(result.districts), 'en')!;
    const model = buildReport(result, 'en', { map });
    expect(model.sections.map((s) => s.id).slice(0, 3)).to.deep.equal(['method', 'overview', 'map']);
    const spaces = (t: string) => t.replace(/\u00a0/g, ' ');
    const text = spaces(pdfPages(await reportPdf(model)).join('\n'));
    // Tagged as a figure whose text alternative names every district with its value.
    const raw = (await reportPdf(model, { compress: false })).toString('latin1');
    expect(raw).to.match(/\/S \/Figure\n\/Alt \(/);
    expect(text).to.contain('City map').and.contain(`${map.indicatorLabel}: share per district`);
    for (const l of map.legend) expect(text).to.contain(spaces(l.label));
    for (const d of result.districts) expect(text).to.contain(d);
    const html = reportHtml(model);
    for (const a of map.areas) expect(html).to.contain(`<title>${a.name}: ${a.value}</title>`);
    expect(html).to.contain('<pattern id="map-hatch-unreliable"');
  });
});
