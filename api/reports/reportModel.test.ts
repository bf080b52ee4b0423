import { expect } from 'chai';
import { computeAnalysis, withWaveChanges, type AnalysisResult } from '../analysisWorkflow/computeAnalysis';
import { exampleInput, type ExampleDistrict } from '../analysisWorkflow/exampleInput';
import { buildReport, localisedWeightingNote, reasonParts, shownValue, type ReportForest, type ReportTable } from './reportModel';

// Five districts; 'Zwötzen' is small, so some of its cells are suppressed or flagged.
const DISTRICTS: ExampleDistrict[] = [
  { district: 'Bieblach-Ost', households: 900, sampled: 160, responseRate: 0.5 },
  { district: 'Gera-Süd', households: 800, sampled: 150, responseRate: 0.45 },
  { district: 'Lusan-Brüte', households: 700, sampled: 140, responseRate: 0.5 },
  { district: 'Stadtmitte', households: 1000, sampled: 170, responseRate: 0.4 },
  { district: 'Zwötzen', households: 200, sampled: 40, responseRate: 0.35 },
];

const opts = { now: () => new Date('2026-12-01T10:30:00Z'), bootstrap: 20 };
let wave1: AnalysisResult;
let wave2: AnalysisResult;
let wave2Alone: AnalysisResult;

describe('district report model', () => {
  before(() => {
    wave1 = computeAnalysis({ ...exampleInput(DISTRICTS, 5), drawId: 'wave-1', wave: 1 }, opts).result;
    wave2Alone = computeAnalysis({ ...exampleInput(DISTRICTS, 11), drawId: 'wave-2', wave: 2 }, opts).result;
    wave2 = withWaveChanges(wave2Alone, wave1);
  });

  it('has the front matter, one profile per district (each on a new page but the first) and an appendix table per indicator', () => {
    const report = buildReport(wave1, 'de');
    expect(report.sections.slice(0, 3).map((s) => s.id)).to.deep.equal(['method', 'overview', 'profiles']);
    const profiles = report.sections.filter((s) => s.district);
    expect(profiles.map((s) => s.title)).to.deep.equal(wave1.districts);
    expect(profiles.map((s) => s.newPage)).to.deep.equal([false, true, true, true, true]);
    const appendix = report.sections.filter((s) => s.id.startsWith('indicator-'));
    expect(appendix).to.have.length(wave1.indicators.length);
    const table = appendix[0]!.blocks[0] as ReportTable;
    expect(table.rows.map((r) => r.cells[0])).to.deep.equal([...wave1.districts, 'Stadt gesamt']);
  });

  it('states the run’s own numbers in the method: sample, response rate, weighting, model', () => {
    const report = buildReport(wave1, 'de');
    const text = JSON.stringify(report.sections[0]!.blocks);
    const eligible = wave1.sampled - wave1.notEligible;
    const rate = `${((wave1.respondents / eligible) * 100).toFixed(1).replace('.', ',')}\u00a0%`;
    expect(text).to.contain(`${wave1.respondents} von ${eligible} angeschriebenen Haushalten`).and.contain(`Rücklaufquote von ${rate}`);
    expect(text).to.contain('Stadtteil und Haushaltstyp').and.contain('Fay-Herriot').and.contain('keine Vorwelle');
    expect(text).to.contain(`${wave1.weighting.calibration.iterations} Durchläufe`);
  });

  it('profiles every key indicator against the city, with the interval of the value shown and its kind', () => {
    const report = buildReport(wave1, 'en');
    const profile = report.sections.find((s) => s.district === 'Stadtmitte')!;
    const forest = profile.blocks.find((b) => b.kind === 'forest') as ReportForest;
    const need = wave1.indicators.filter((i) => i.direction === 'need');
    expect(forest.rows.map((r) => r.indicator)).to.deep.equal(need.map((i) => i.id));
    need.forEach((ind, k) => {
      const cell = ind.districts.find((c) => c.district === 'Stadtmitte')!;
      const row = forest.rows[k]!;
      const shown = shownValue(cell);
      expect(row.kind).to.equal(shown.kind);
      expect(row.estimate).to.equal(shown.estimate);
      expect(row.cityEstimate).to.equal(ind.overall.estimate);
      expect(row.n).to.equal(String(cell.n));
      expect(row.marker).to.equal({ direct: 'D', model: 'M', synthetic: 'S', suppressed: '–' }[shown.kind]);
      // Direct values are shown exactly when they are published without caution.
      expect(shown.kind === 'direct' && cell.flag === 'ok').to.equal(cell.flag === 'ok' && cell.estimate !== null);
    });
    expect(forest.columns.indicator).to.equal('Indicator');
  });

  it('lists what is suppressed and why, in the report’s language', () => {
    const suppressedCells = wave1.indicators.flatMap((i) => i.districts.filter((c) => c.flag === 'suppressed').map((c) => ({ i, c })));
    expect(suppressedCells.length, 'the example has suppressed cells').to.be.greaterThan(0);
    const { i, c } = suppressedCells[0]!;
    for (const lang of ['de', 'en'] as const) {
      const profile = buildReport(wave1, lang).sections.find((s) => s.district === c.district)!;
      const notes = profile.blocks.filter((b) => b.kind === 'list').flatMap((b) => (b.kind === 'list' ? b.items : []));
      const rule = lang === 'de' ? 'Direkter Wert unterdrückt, weil weniger als 10 Antworten vorliegen: ' : 'Direct value suppressed because there are fewer than 10 answers: ';
      const note = notes.find((n) => n.startsWith(rule))!;
      expect(note, lang).to.be.a('string');
      expect(note).to.contain(`${i.label[lang]} (n = ${c.n}`);
      // Every suppressed indicator of the district is named in that one line.
      const district = wave1.indicators.filter((x) => x.districts.find((d) => d.district === c.district)!.flag === 'suppressed');
      for (const x of district) expect(note).to.contain(x.label[lang]);
    }
  });

  it('never prints a suppressed direct value: the appendix shows "–" and the flag', () => {
    const report = buildReport(wave1, 'de');
    let checked = 0;
    wave1.indicators.forEach((ind, k) => {
      const table = report.sections.find((s) => s.id === `indicator-${k + 1}`)!.blocks[0] as ReportTable;
      for (const cell of ind.districts.filter((c) => c.flag === 'suppressed')) {
        const row = table.rows.find((r) => r.cells[0] === cell.district)!;
        expect(row.cells.slice(1, 4), `${ind.id} ${cell.district}`).to.deep.equal([String(cell.n), '–', 'unterdrückt']);
        checked++;
      }
    });
    expect(checked).to.be.greaterThan(0);
  });

  it('shows the change since the previous wave when that wave was analysed, and "no previous wave" otherwise', () => {
    const first = buildReport(wave1, 'en');
    expect(first.previousWave).to.equal(null);
    const forest1 = first.sections.find((s) => s.district)!.blocks.find((b) => b.kind === 'forest') as ReportForest;
    expect(forest1.rows.every((r) => r.change === '–')).to.equal(true);
    expect(forest1.columns.change).to.equal('Change (no previous wave)');
    expect(JSON.stringify(first.sections)).to.contain('no previous wave');

    const second = buildReport(wave2, 'de');
    expect(second.previousWave).to.equal(1);
    const ind = wave2.indicators.find((i) => i.direction === 'need' && i.districts[0]!.change)!;
    const change = ind.districts[0]!.change!;
    const forest2 = second.sections.find((s) => s.district === ind.districts[0]!.district)!.blocks.find((b) => b.kind === 'forest') as ReportForest;
    const row = forest2.rows.find((r) => r.indicator === ind.id)!;
    const points = `${(Math.abs(change.change) * 100).toFixed(1).replace('.', ',')}\u00a0Pp.`;
    expect(row.change).to.equal(`${change.change > 0 ? '+' : change.change < 0 ? '–' : '±'}${points}${change.pValue < 0.05 ? '*' : ''}`);
    expect(JSON.stringify(second.sections[0]!.blocks)).to.contain('mit Welle 1');
  });

  it('marks a break in the series where a question the indicator reads changed between the waves', () => {
    const id = 'unsafe_at_night';
    const breaks = new Map([[id, { fromVersions: [1], toVersions: [2], questions: [{ name: 'safety_night', changes: ['choices: value 5 added'] }] }]]);
    const report = buildReport(withWaveChanges(wave2Alone, wave1, breaks), 'de');
    expect(JSON.stringify(report.sections[0]!.blocks)).to.contain('Zeitreihenbrüche').and.contain('Fühlt sich nachts im Stadtteil unsicher (safety_night)');
    const profile = report.sections.find((s) => s.district === 'Stadtmitte')!;
    const forest = profile.blocks.find((b) => b.kind === 'forest') as ReportForest;
    expect(forest.rows.find((r) => r.indicator === id)!.change).to.match(/†$/);
    expect(forest.rows.filter((r) => r.change.endsWith('†')).map((r) => r.indicator)).to.deep.equal([id]);
    const notes = profile.blocks.flatMap((b) => (b.kind === 'list' ? b.items : []));
    expect(notes).to.include('Zeitreihenbruch, weil sich im Fragebogen eine Frage geändert hat; die Veränderung ist nur eingeschränkt vergleichbar: Fühlt sich nachts im Stadtteil unsicher (safety_night).');
    expect(JSON.stringify(buildReport(wave2, 'de').sections)).not.to.contain('Zeitreihenbruch, weil');
    // A version whose text is unknown breaks every series, and the report says why instead of naming a question.
    const unknown = new Map([[id, { fromVersions: [1], toVersions: [9], questions: [{ name: '*', changes: ['questionnaire version 9 unknown'] }] }]]);
    expect(JSON.stringify(buildReport(withWaveChanges(wave2Alone, wave1, unknown), 'en').sections[0]!.blocks)).to.contain('Feels unsafe in the district at night (text of a questionnaire version unknown)');
  });

  it('says the disclosure reasons and weighting notes again in German, keeping unknown parts', () => {
    expect(reasonParts('fewer than 30 answers (n = 14); coefficient of variation 34.1 % above 30 %', 'de')).to.deep.equal([
      { key: 'few:30', text: 'weniger als 30 Antworten vorliegen', detail: 'n = 14' },
      { key: 'cv:30', text: 'der Variationskoeffizient (VK) über 30\u00a0% liegt', detail: 'VK\u00a034,1\u00a0%' },
    ]);
    expect(reasonParts('something new', 'en')).to.deep.equal([{ key: 'other:something new', text: 'something new', detail: '' }]);
    expect(localisedWeightingNote("frame counts reduced by 5.8 households estimated no longer eligible (2 found in the sample); household type 'other' has no respondent; raked to districts only", 'de')).to.equal(
      'Die Haushaltszahlen der Auswahlgrundlage wurden um geschätzt 5,8 Haushalte verringert, die nicht mehr zur Zielgruppe gehören (2 davon in der Stichprobe gefunden); Haushaltstyp „other“ hat keine Antwort; es wurde nur an die Stadtteile angepasst',
    );
  });

  it('works without area data: no model, only direct values, and the method says so', () => {
    const plain = computeAnalysis({ ...exampleInput(DISTRICTS, 5), areas: { areas: [], covariates: [], version: '' } }, opts).result;
    const report = buildReport(plain, 'de');
    expect(JSON.stringify(report.sections[0]!.blocks)).to.contain('keine Strukturdaten der Gebiete').and.not.contain('Fay-Herriot');
    const rows = report.sections.filter((s) => s.district).flatMap((s) => (s.blocks.find((b) => b.kind === 'forest') as ReportForest).rows);
    expect(rows.length).to.equal(DISTRICTS.length * plain.indicators.filter((i) => i.direction === 'need').length);
    expect(new Set(rows.map((r) => r.kind))).to.satisfy((kinds: Set<string>) => [...kinds].every((k) => k === 'direct' || k === 'suppressed'));
    expect(rows.some((r) => r.kind === 'suppressed')).to.equal(true);
  });

  it('has English headings on request', () => {
    const en = buildReport(wave1, 'en');
    expect(en.title).to.equal('Family survey: district report');
    expect(en.sections.filter((s) => s.level === 1).map((s) => s.title)).to.deep.equal(['Method in plain words', 'Districts at a glance', 'District profiles', 'Appendix: all indicators by district']);
  });
});
