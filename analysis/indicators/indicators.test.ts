import { expect } from 'chai';
import { loadQuestionnaire, questionCatalogue } from '../../api/questionnaire';
import { INDICATORS, evaluateIndicator, evaluateRule, ruleConditions, ruleToR, type Rule } from './index';

describe('indicator definitions against the questionnaire', () => {
  const catalogue = questionCatalogue(loadQuestionnaire(1));
  const byName = new Map(catalogue.map((q) => [q.name, q]));

  it('declares 12–20 indicators with unique ids, bilingual labels and a theme', () => {
    expect(INDICATORS.length).to.be.within(12, 20);
    expect(new Set(INDICATORS.map((i) => i.id)).size).to.equal(INDICATORS.length);
    for (const i of INDICATORS) {
      expect(i.label.de, i.id).to.be.a('string').and.not.equal('');
      expect(i.label.en, i.id).to.be.a('string').and.not.equal('');
      expect(i.id, i.id).to.match(/^[a-z][a-z0-9_]*$/);
      expect(i.questionnaire).to.deep.equal({ id: 'family-life-quality', version: 1 });
    }
  });

  it('references only existing questions and answer codes; bounds only on numeric questions', () => {
    for (const indicator of INDICATORS) {
      const conditions = [...ruleConditions(indicator.rule), ...ruleConditions(indicator.denominator)];
      for (const c of conditions) {
        const q = byName.get(c.q);
        expect(q, `${indicator.id}: question ${c.q}`).to.not.equal(undefined);
        expect(indicator.questions, `${indicator.id} lists ${c.q}`).to.include(c.q);
        const codes = [...(c.eq !== undefined ? [c.eq] : []), ...(c.in ?? [])];
        for (const code of codes) {
          const values = (q!.choices ?? []).map((choice) => choice.value);
          expect(values, `${indicator.id}: ${c.q} has code ${code}`).to.include(code);
        }
        const bounds = [c.lt, c.le, c.gt, c.ge].filter((b) => b !== undefined) as number[];
        if (bounds.length > 0) {
          expect(q!.type === 'rating' || q!.inputType === 'number', `${indicator.id}: ${c.q} is numeric`).to.equal(true);
          const values = q!.type === 'rating' ? q!.choices!.map((x) => Number(x.value)) : [q!.min ?? -Infinity, q!.max ?? Infinity];
          for (const b of bounds) expect(b, `${indicator.id}: bound ${b} inside the scale of ${c.q}`).to.be.within(Math.min(...values), Math.max(...values) + 1);
        }
      }
      for (const name of indicator.questions) expect(byName.has(name), `${indicator.id}: ${name}`).to.equal(true);
    }
  });

  it('covers the themes of the questionnaire', () => {
    const themes = new Set(INDICATORS.map((i) => i.theme));
    for (const theme of ['childcare', 'school', 'leisure', 'safety', 'mobility', 'housing', 'services', 'information', 'work', 'wellbeing', 'context']) {
      expect(themes.has(theme as never), theme).to.equal(true);
    }
  });
});

describe('evaluateRule (three-valued)', () => {
  const rule: Rule = { all: [{ q: 'a', lt: 6 }, { q: 'b', in: [2, 3] }] };
  it('Kleene AND/OR/NOT like R', () => {
    expect(evaluateRule(rule, { a: 2, b: 3 })).to.equal(true);
    expect(evaluateRule(rule, { a: 7 })).to.equal(false); // false & NA = false
    expect(evaluateRule(rule, { a: 2 })).to.equal(null); // true & NA = NA
    expect(evaluateRule({ any: [{ q: 'a', ge: 10 }, { q: 'b', ge: 10 }] }, { a: 12 })).to.equal(true); // true | NA
    expect(evaluateRule({ any: [{ q: 'a', ge: 10 }, { q: 'b', ge: 10 }] }, { a: 5 })).to.equal(null); // false | NA
    expect(evaluateRule({ not: { q: 'a', eq: 1 } }, { a: 1 })).to.equal(false);
    expect(evaluateRule({ not: { q: 'a', eq: 1 } }, {})).to.equal(null);
    expect(evaluateRule({ all: [] }, {})).to.equal(true);
  });
  it('matches codes keyed as text and multiple-choice lists', () => {
    expect(evaluateRule({ q: 'b', in: [2, 3] }, { b: '3' })).to.equal(true);
    expect(evaluateRule({ q: 'c', eq: 4 }, { c: [1, 4] })).to.equal(true);
    expect(evaluateRule({ q: 'c', eq: 4 }, { c: [] })).to.equal(null);
    expect(evaluateRule({ q: 'a', le: 4 }, { a: 'viel' })).to.equal(null);
  });
});

describe('evaluateIndicator', () => {
  const get = (id: string) => INDICATORS.find((i) => i.id === id)!;
  it('unmet childcare: 1 / 0 / NA', () => {
    const i = get('childcare_unmet');
    expect(evaluateIndicator(i, { youngest_child_age: 2, childcare_need: 1, childcare_place_found: 3 })).to.equal(1);
    expect(evaluateIndicator(i, { youngest_child_age: 2, childcare_need: 1, childcare_place_found: 2 })).to.equal(1);
    expect(evaluateIndicator(i, { youngest_child_age: 2, childcare_need: 1, childcare_place_found: 1 })).to.equal(0);
    expect(evaluateIndicator(i, { youngest_child_age: 8, childcare_need: 1 })).to.equal(null); // not in the denominator
    expect(evaluateIndicator(i, { youngest_child_age: 2, childcare_need: 3 })).to.equal(null);
    expect(evaluateIndicator(i, { youngest_child_age: 2, childcare_need: 1 })).to.equal(null); // answer missing
    expect(evaluateIndicator(i, { childcare_need: 1, childcare_place_found: 3 })).to.equal(null); // age missing
  });
  it('low life quality: 4 of 10 counts, 5 does not; counselling: any service needed but not used', () => {
    expect(evaluateIndicator(get('low_life_quality'), { life_quality: 4 })).to.equal(1);
    expect(evaluateIndicator(get('low_life_quality'), { life_quality: 5 })).to.equal(0);
    expect(evaluateIndicator(get('low_life_quality'), { life_quality: 0 })).to.equal(1);
    const c = get('counselling_unmet');
    expect(evaluateIndicator(c, { service_family_counselling: 1, service_early_help: 4 })).to.equal(1);
    expect(evaluateIndicator(c, { service_family_counselling: 1, service_early_help: 2, service_debt_counselling: 3, service_youth_office: 1 })).to.equal(0);
    expect(evaluateIndicator(c, { service_family_counselling: 1 })).to.equal(null);
  });
  it('youth leisure counts a single child of 12 (oldest not asked) and skips a single child of 5', () => {
    const y = get('youth_leisure_dissatisfied');
    expect(evaluateIndicator(y, { youngest_child_age: 12, youth_leisure_satisfaction: 2 })).to.equal(1);
    expect(evaluateIndicator(y, { youngest_child_age: 5, youth_leisure_satisfaction: 2 })).to.equal(null);
    expect(evaluateIndicator(y, { youngest_child_age: 5, oldest_child_age: 14, youth_leisure_satisfaction: 4 })).to.equal(0);
  });
});

describe('ruleToR', () => {
  it('writes rules as R expressions with NA-preserving code sets', () => {
    expect(ruleToR({ q: 'safety_night', in: [3, 4] })).to.equal('in_codes(safety_night, c(3, 4))');
    expect(ruleToR({ all: [{ q: 'a', lt: 6 }, { any: [{ q: 'b', eq: 1 }, { not: { q: 'c', ge: 2 } }] }] })).to.equal('((a < 6) & (in_codes(b, c(1)) | (!(c >= 2))))');
    expect(ruleToR({ all: [] })).to.equal('TRUE');
    expect(() => ruleToR({ q: 'info_channels', eq: 1 }, new Set(['info_channels']))).to.throw(/multiple choice/);
  });
});
