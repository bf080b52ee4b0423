import { expect } from 'chai';
import { createRng } from '../../sampling/seededRng';
import { loadQuestionnaire, parseQuestionnaire, simulateAnswers, validateAnswers } from './index';

const json = loadQuestionnaire(1);

describe('simulateAnswers', function () {
  // survey-core re-evaluates all filter conditions after each answer; allow for slow CI machines.
  this.timeout(600_000);

  it('produces 200 answer sets that all pass validateAnswers unchanged', () => {
    const rng = createRng(20260101);
    for (let i = 0; i < 200; i++) {
      const answers = simulateAnswers(json, () => rng.uniform());
      const result = validateAnswers(json, answers);
      expect(result.ok, `set ${i}: ${JSON.stringify(result)}`).to.equal(true);
      // Nothing was hidden: the simulation asked only visible questions.
      expect(result.ok && result.data, `set ${i}`).to.deep.equal(answers);
    }
  });

  it('is reproducible: the same seed gives the same answers', () => {
    const a = createRng(5);
    const b = createRng(5);
    const first = [0, 1, 2].map(() => simulateAnswers(json, () => a.uniform()));
    const second = [0, 1, 2].map(() => simulateAnswers(json, () => b.uniform()));
    expect(first).to.deep.equal(second);
    expect(first[0]).to.not.deep.equal(first[1]);
  });

  it('respects filters and household logic', () => {
    const rng = createRng(11);
    for (let i = 0; i < 60; i++) {
      const answers = simulateAnswers(json, () => rng.uniform());
      const youngest = answers.youngest_child_age as number | undefined;
      if (youngest === undefined || youngest >= 6) expect(answers, `set ${i}`).to.not.have.property('childcare_need');
      if (answers.oldest_child_age !== undefined) expect(answers.oldest_child_age as number).to.be.at.least(youngest!);
      if (answers.single_parent === 1) expect(answers, `set ${i}`).to.not.have.property('employment_partner');
      for (const name of ['children_count', 'single_parent', 'adults_count']) expect(answers, `set ${i}`).to.have.property(name);
    }
  });

  it('follows the profile: more single parents, lower ratings, full item response', () => {
    const count = (profile: Parameters<typeof simulateAnswers>[2], seed: number) => {
      const rng = createRng(seed);
      const sets = Array.from({ length: 60 }, () => simulateAnswers(json, () => rng.uniform(), profile));
      return {
        singleParents: sets.filter((s) => s.single_parent === 1).length,
        meanLifeQuality: sets.reduce((sum, s) => sum + (s.life_quality as number), 0) / sets.length,
        missingLifeQuality: sets.filter((s) => s.life_quality === undefined).length,
      };
    };
    const low = count({ singleParentShare: 0.05, satisfactionShift: 1, answerRate: 1 }, 3);
    const high = count({ singleParentShare: 0.8, satisfactionShift: -1, answerRate: 1 }, 3);
    expect(low.missingLifeQuality).to.equal(0);
    expect(high.singleParents).to.be.greaterThan(low.singleParents + 20);
    expect(high.meanLifeQuality).to.be.lessThan(low.meanLifeQuality - 1.5);
  });

  it('a need shift makes need answers likelier, satisfaction lower and burden higher; 0 changes nothing', () => {
    const sets = (profile: Parameters<typeof simulateAnswers>[2], seed = 17) => {
      const rng = createRng(seed);
      return Array.from({ length: 80 }, () => simulateAnswers(json, () => rng.uniform(), { answerRate: 1, ...profile }));
    };
    const share = (list: Record<string, unknown>[], q: string, codes: number[]) => list.filter((s) => codes.includes(s[q] as number)).length / list.filter((s) => s[q] !== undefined).length;
    const mean = (list: Record<string, unknown>[], q: string) => list.reduce((sum, s) => sum + (s[q] as number), 0) / list.length;
    expect(sets({ needShift: 0 })).to.deep.equal(sets({}));
    const low = sets({ needShift: -1 });
    const high = sets({ needShift: 1.5 });
    expect(share(high, 'safety_night', [3, 4])).to.be.greaterThan(share(low, 'safety_night', [3, 4]) + 0.3);
    expect(share(high, 'financial_situation', [4, 5])).to.be.greaterThan(share(low, 'financial_situation', [4, 5]) + 0.2);
    expect(mean(high, 'life_quality')).to.be.lessThan(mean(low, 'life_quality') - 1.5);
    expect(mean(high, 'housing_cost_burden')).to.be.greaterThan(mean(low, 'housing_cost_burden') + 0.5);
    for (const answers of high) expect(validateAnswers(json, answers).ok).to.equal(true);
  });

  it('works for any questionnaire, including panels, booleans, dropdowns and expression validators', () => {
    const other = parseQuestionnaire({
      pages: [{ name: 'p', elements: [
        { type: 'boolean', name: 'has_garden', isRequired: true },
        { type: 'panel', name: 'garden', visibleIf: '{has_garden} = true', elements: [
          { type: 'text', name: 'garden_size', inputType: 'number', min: 1, max: 5000, validators: [{ type: 'expression', expression: '{garden_size} empty or {garden_size} >= 10' }] },
          { type: 'dropdown', name: 'garden_use', choices: ['play', 'vegetables', 'rest'], isRequired: true },
        ] },
        { type: 'tagbox', name: 'pets', choices: ['dog', 'cat', 'fish'], maxSelectedChoices: 2 },
      ] }],
    });
    const rng = createRng(1);
    for (let i = 0; i < 30; i++) {
      const answers = simulateAnswers(other, () => rng.uniform());
      expect(validateAnswers(other, answers).ok, JSON.stringify(answers)).to.equal(true);
      if (answers.has_garden === false) expect(answers).to.not.have.property('garden_use');
      else expect(answers).to.have.property('garden_use');
    }
  });
});
