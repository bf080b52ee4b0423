import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { INDICATORS } from '../../analysis/indicators';
import { loadQuestionnaire, type QuestionnaireJson } from '../questionnaire';
import { AnalysisService } from './analysisService';
import { computeAnalysis } from './computeAnalysis';
import { exampleInput } from './exampleInput';
import { resultsCsv } from './exports';
import { trendBreaks } from './trendBreaks';

/** Version 2 for these tests: safety_night gets a fifth answer code, and a new question is appended. */
function version2(): QuestionnaireJson {
  const json = structuredClone(loadQuestionnaire(1)) as { pages: { elements?: Record<string, unknown>[] }[] };
  for (const page of json.pages) {
    for (const e of page.elements ?? []) {
      if (e.name === 'safety_night') (e.choices as unknown[]).push({ value: 5, text: { default: 'Bin abends nicht unterwegs', en: 'Not out in the evening' } });
    }
  }
  json.pages[json.pages.length - 1]!.elements!.push({ type: 'radiogroup', name: 'commute_long', title: { default: 'Pendeln Sie länger als 45 Minuten?', en: 'Do you commute more than 45 minutes?' }, choices: [1, 2] });
  return json as unknown as QuestionnaireJson;
}

const DISTRICTS = [
  { district: 'Nord', households: 1800, sampled: 160, responseRate: 0.5 },
  { district: 'Ost', households: 1200, sampled: 120, responseRate: 0.45, satisfactionShift: -0.6 },
  { district: 'Süd', households: 900, sampled: 100, responseRate: 0.5 },
];

describe('trend breaks between questionnaire versions', function () {
  this.timeout(30_000);
  const v2 = version2();
  const load = (v: number) => (v === 2 ? v2 : loadQuestionnaire(1));

  it('marks exactly the indicators that read a question whose codes changed or that is new', () => {
    const breaks = trendBreaks(INDICATORS, [1], [2], load);
    expect([...breaks.keys()]).to.deep.equal(['unsafe_at_night']);
    expect(breaks.get('unsafe_at_night')).to.deep.equal({ fromVersions: [1], toVersions: [2], questions: [{ name: 'safety_night', changes: ['choices: value 5 added'] }] });
    // An indicator reading the new question breaks too: it was not asked in version 1.
    const reader = { ...INDICATORS[6]!, id: 'long_commute', questions: ['commute_long'], rule: { q: 'commute_long', eq: 1 } };
    expect(trendBreaks([reader], [1], [2], load).get('long_commute')!.questions).to.deep.equal([{ name: 'commute_long', changes: ['question new in version 2 (not asked in version 1)'] }]);
    // The same version on both sides, or a wave that used both: only different pairs count.
    expect(trendBreaks(INDICATORS, [1], [1], load).size).to.equal(0);
    expect([...trendBreaks(INDICATORS, [1, 2], [2], load).keys()]).to.deep.equal(['unsafe_at_night']);
  });

  it('gives each district the change since the previous wave with SE, 95 % CI and the break marker; the CSV carries them', async () => {
    const previous = { ...exampleInput(DISTRICTS, 5), drawId: 'wave-1', wave: 1 };
    const base = exampleInput(DISTRICTS, 9);
    const current = { ...base, drawId: 'wave-2', wave: 2, responses: base.responses.map((r) => ({ ...r, questionnaireVersion: 2 })) };
    const service = new AnalysisService(async (id) => (id === 'wave-1' ? previous : current), 8, async () => 'wave-1', async (_id, v) => load(v));
    const run = await service.run();
    const result = run.result;
    expect(result.previousWave).to.deep.equal({ wave: 1, drawId: 'wave-1', questionnaireVersions: [1] });
    expect(result.questionnaire.versions).to.deep.equal([2]);
    const before = computeAnalysis(previous).result;
    const night = result.indicators.find((i) => i.id === 'unsafe_at_night')!;
    const nord = night.districts.find((c) => c.district === 'Nord')!;
    const old = before.indicators.find((i) => i.id === 'unsafe_at_night')!.districts.find((c) => c.district === 'Nord')!;
    expect(nord.change!.change).to.be.closeTo(nord.estimate! - old.estimate!, 1e-15);
    expect(nord.change!.se).to.be.closeTo(Math.hypot(nord.se!, old.se!), 1e-15);
    expect(nord.change!.ciLow).to.be.closeTo(nord.change!.change - 1.959963984540054 * nord.change!.se, 1e-12);
    expect(nord.change!.ciHigh).to.be.closeTo(nord.change!.change + 1.959963984540054 * nord.change!.se, 1e-12);
    expect(nord.change!.trendBreak).to.equal(true);
    expect(night.trendBreak!.questions.map((q) => q.name)).to.deep.equal(['safety_night']);
    const transit = result.indicators.find((i) => i.id === 'transit_dissatisfied')!;
    expect(transit.trendBreak).to.equal(null);
    expect(transit.districts.every((c) => c.change === null || c.change!.trendBreak === false)).to.equal(true);

    const rows = parse(resultsCsv(run, 'standard', 'en').text, { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.indicator === 'unsafe_at_night' && r.district === 'Nord' && r.level === 'district')!;
    expect(Number(row.change_ci_low)).to.be.closeTo(nord.change!.ciLow, 1e-12);
    expect(Number(row.change_ci_high)).to.be.closeTo(nord.change!.ciHigh, 1e-12);
    expect(row).to.include({ trend_break: '1', trend_break_questions: 'safety_night' });
    expect(rows.find((r) => r.indicator === 'transit_dissatisfied' && r.district === 'Nord' && r.level === 'district')).to.include({ trend_break: '0', trend_break_questions: '' });
  });

  it('marks every indicator when a wave used a questionnaire version whose text is unknown (no silent comparison)', async () => {
    const previous = { ...exampleInput(DISTRICTS, 5), drawId: 'wave-1', wave: 1 };
    const base = exampleInput(DISTRICTS, 9);
    const current = { ...base, drawId: 'wave-2', wave: 2, responses: base.responses.map((r) => ({ ...r, questionnaireVersion: 7 })) };
    const service = new AnalysisService(async (id) => (id === 'wave-1' ? previous : current), 8, async () => 'wave-1', async (_id, v) => (v === 1 ? loadQuestionnaire(1) : null));
    const result = (await service.run()).result;
    expect(result.indicators.every((i) => i.trendBreak !== null && i.trendBreak!.questions[0]!.changes[0] === 'questionnaire version 7 unknown')).to.equal(true);
  });
});
