import { expect } from 'chai';
import { compareVersions, loadQuestionnaire } from './index';

const v1 = loadQuestionnaire(1);

/** A copy of v1 edited like a second wave might be. */
function editedCopy(edit: (pages: { name: string; elements: Record<string, unknown>[] }[]) => void) {
  const copy = structuredClone(v1) as { pages: { name: string; elements: Record<string, unknown>[] }[] };
  edit(copy.pages);
  return copy;
}
const question = (pages: { elements: Record<string, unknown>[] }[], name: string) => pages.flatMap((p) => p.elements).find((e) => e.name === name)!;

describe('compareVersions', () => {
  it('finds nothing between a version and itself', () => {
    expect(compareVersions(v1, v1)).to.deep.equal({ added: [], removed: [], changed: [], comparable: true });
  });

  it('finds a changed choice list: code added, code removed, label changed', () => {
    const v2 = editedCopy((pages) => {
      const language = question(pages, 'home_language') as { choices: { value: number; text: { default: string; en: string } }[] };
      language.choices.push({ value: 4, text: { default: 'Keine Angabe', en: 'No answer' } });
      language.choices[0]!.text = { default: 'Nur oder fast nur Deutsch', en: 'Only or almost only German' };
      const car = question(pages, 'car_available') as { choices: unknown[] };
      car.choices.splice(1, 1);
    });
    const result = compareVersions(v1, v2);
    expect(result.comparable).to.equal(false);
    expect(result.added).to.deep.equal([]);
    expect(result.removed).to.deep.equal([]);
    expect(result.changed).to.deep.equal([
      { name: 'home_language', changes: ['choices: label of value 1 changed from "Nur Deutsch" to "Nur oder fast nur Deutsch"', 'choices: value 4 added'] },
      { name: 'car_available', changes: ['choices: value 2 removed'] },
    ]);
  });

  it('finds added and removed questions, type, range and rating scale changes', () => {
    const v2 = editedCopy((pages) => {
      pages[9]!.elements.push({ type: 'text', name: 'commute_minutes', inputType: 'number', min: 0, max: 300 });
      pages[7]!.elements = pages[7]!.elements.filter((e) => e.name !== 'volunteering');
      Object.assign(question(pages, 'children_count'), { max: 20 });
      Object.assign(question(pages, 'life_quality'), { rateMin: 1 });
      const transit = question(pages, 'transit_use');
      Object.assign(transit, { type: 'dropdown' });
    });
    const result = compareVersions(v1, v2);
    expect(result.added).to.deep.equal(['commute_minutes']);
    expect(result.removed).to.deep.equal(['volunteering']);
    expect(result.changed).to.deep.equal([
      { name: 'children_count', changes: ['range: 0…15 → 0…20'] },
      { name: 'transit_use', changes: ['type: radiogroup → dropdown'] },
      { name: 'life_quality', changes: ['choices: value 0 removed', 'choices: label of value 1 changed from "1" to "1 – gar nicht zufrieden"'] },
    ]);
    expect(result.comparable).to.equal(false);
  });

  it('treats new questions alone as comparable, and ignores rewording of titles', () => {
    const v2 = editedCopy((pages) => {
      pages[0]!.elements.push({ type: 'radiogroup', name: 'grandparents_nearby', choices: [1, 2] });
      question(pages, 'life_quality').title = { default: 'Wie zufrieden sind Sie mit Ihrem Leben?', en: 'How satisfied are you with your life?' };
    });
    expect(compareVersions(v1, v2)).to.deep.equal({ added: ['grandparents_nearby'], removed: [], changed: [], comparable: true });
  });
});
