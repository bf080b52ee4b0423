import { expect } from 'chai';
import { INDICATORS } from '../../analysis/indicators';
import { loadQuestionnaire } from './registry';
import { diffDetail, diffVersions } from './versionDiff';
import v2 from './family-life-quality.v2.json';

type Json = { pages: { elements: Record<string, unknown>[] }[] };
const v1 = loadQuestionnaire(1);
const summary = (rows: ReturnType<typeof diffVersions>) => rows.map((r) => `${r.change} ${r.question} ${r.trendBreaks.join(',')}`.trim());

describe('diffVersions', () => {
  it('lists the added question and the changed choice list of v2, with the trend break of the indicator reading it', () => {
    const rows = diffVersions(v1, v2, { indicators: INDICATORS });
    expect(summary(rows)).to.deep.equal(['added commute_minutes', 'choices-changed moving_intention moving_away_intention']);
    expect(diffDetail(rows[1]!)).to.equal('value 4: "Yes, away from the city" → "Yes, to the area around the city"; value 6 ("Yes, further away") added; trend break: moving_away_intention');
    expect(rows[1]!.details[1]!.de).to.equal('Wert 6 („Ja, weiter weg“) hinzugefügt');
    expect(diffVersions(v1, v1)).to.deep.equal([]);
  });

  it('reports removed questions and changed formats as trend breaks, a reworded title as a change without one', () => {
    const b = structuredClone(v1) as Json;
    const household = b.pages[0]!;
    household.elements = household.elements.filter((e) => e.name !== 'single_parent');
    const children = household.elements.find((e) => e.name === 'children_count')!;
    children.max = 20;
    const adults = household.elements.find((e) => e.name === 'adults_count')!;
    adults.title = { default: 'Wie viele Erwachsene wohnen bei Ihnen?', en: 'How many adults live with you?' };
    const rows = diffVersions(v1, b, { indicators: INDICATORS });
    expect(summary(rows)).to.deep.equal(['changed children_count paediatrician_access_hard', 'changed adults_count', 'removed single_parent single_parent_share']);
    expect(rows[0]!.details.map((d) => d.en)).to.deep.equal(['range: 0…15 → 0…20']);
  });

  it('compares a question renamed with "renamedFrom" (or an explicit rename) with its old self', () => {
    const b = structuredClone(v1) as Json;
    const single = b.pages[0]!.elements.find((e) => e.name === 'single_parent')!;
    single.name = 'lone_parent';
    single.renamedFrom = 'single_parent';
    expect(summary(diffVersions(v1, b, { indicators: INDICATORS }))).to.deep.equal(['changed lone_parent']);
    delete single.renamedFrom;
    expect(summary(diffVersions(v1, b))).to.deep.equal(['added lone_parent', 'removed single_parent']);
    expect(diffVersions(v1, b, { renames: { single_parent: 'lone_parent' } })[0]!.details.map((d) => d.en)).to.deep.equal(['renamed from single_parent']);
  });
});
