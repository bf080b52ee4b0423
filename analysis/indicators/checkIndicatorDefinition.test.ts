import { expect } from 'chai';
import { loadQuestionnaire, questionCatalogue } from '../../api/questionnaire';
import { INDICATORS, checkIndicatorDefinition, type CheckedDefinition } from './index';

describe('checkIndicatorDefinition', () => {
  const questions = questionCatalogue(loadQuestionnaire(1));
  const base = INDICATORS.find((d) => d.id === 'unsafe_at_night')!;
  const check = (change: Partial<CheckedDefinition>) => checkIndicatorDefinition({ ...base, ...change }, questions, 'family-life-quality v1');
  const fields = (change: Partial<CheckedDefinition>) => check(change).map((p) => p.field);

  it('finds nothing wrong with any of the 20 shipped indicators against version 1', () => {
    for (const indicator of INDICATORS) expect(checkIndicatorDefinition(indicator, questions), indicator.id).to.deep.equal([]);
  });

  it('names a question that is not in the version, with the version in both languages', () => {
    const problems = check({ rule: { all: [{ q: 'safety_night', in: [3, 4] }, { q: 'commute_minutes', ge: 30 }] } });
    expect(problems).to.deep.equal([
      { field: 'rule.all[1].q', reason: { de: 'Frage commute_minutes gibt es in family-life-quality v1 nicht.', en: 'Question commute_minutes does not exist in family-life-quality v1.' } },
    ]);
  });

  it('names codes the question does not have and an empty list of codes', () => {
    const problems = check({ rule: { q: 'safety_night', in: [3, 7] }, denominator: { q: 'single_parent', in: [] } });
    expect(problems.map((p) => p.field)).to.deep.equal(['rule.in[1]', 'denominator.in']);
    expect(problems[0]!.reason.en).to.equal('Question safety_night has no code 7 (it has: 1, 2, 3, 4).');
    expect(problems[0]!.reason.de).to.equal('Code 7 gibt es bei Frage safety_night nicht (vorhanden: 1, 2, 3, 4).');
    // A code keyed as text matches the numeric code, as the evaluator does.
    expect(fields({ rule: { q: 'safety_night', eq: '4' } })).to.deep.equal([]);
  });

  it('checks numbers of numeric questions against their range', () => {
    expect(fields({ rule: { q: 'youngest_child_age', lt: 6 } })).to.deep.equal([]);
    const problems = check({ rule: { q: 'youngest_child_age', eq: 25 } });
    expect(problems).to.deep.equal([{ field: 'rule.eq', reason: { de: '25 liegt außerhalb des Bereichs 0…17 von Frage youngest_child_age.', en: '25 is outside the range 0…17 of question youngest_child_age.' } }]);
    expect(fields({ rule: { q: 'youngest_child_age', eq: 'drei' } })).to.deep.equal(['rule.eq']);
  });

  it('refuses operators that do not fit the question type', () => {
    // Free text and multiple choice cannot be counted as one 0/1 variable.
    expect(check({ rule: { q: 'comment', eq: 'x' } })[0]!.reason.en).to.equal('Question comment is free text; no share can be counted from it.');
    expect(fields({ rule: { q: 'info_channels', in: [1] } })).to.deep.equal(['rule.q']);
    // Bounds on ratings and coded scales are fine; a bound that is not a number is not.
    expect(fields({ rule: { q: 'life_quality', le: 4 } })).to.deep.equal([]);
    expect(fields({ rule: { q: 'housing_cost_burden', ge: 4 } })).to.deep.equal([]);
    expect(fields({ rule: { q: 'life_quality', le: 'low' as unknown as number } })).to.deep.equal(['rule.le']);
    // A condition without any comparison says nothing.
    expect(fields({ rule: { q: 'safety_night' } })).to.deep.equal(['rule']);
    expect(fields({ rule: { all: [] } })).to.deep.equal(['rule']);
  });

  it('asks for both labels in both languages and a known direction', () => {
    const problems = check({ label: { de: 'Unsicher nachts', en: ' ' }, denominatorLabel: { de: '', en: 'all households' }, direction: 'up' as 'need' });
    expect(problems.map((p) => p.field)).to.deep.equal(['label.en', 'denominatorLabel.de', 'direction']);
    expect(problems[0]!.reason).to.deep.equal({ de: 'Die englische Bezeichnung fehlt.', en: 'The English label is missing.' });
  });

  it('walks nested rules and reports every problem, not only the first', () => {
    const problems = check({
      rule: { any: [{ q: 'safety_night', in: [9] }, { not: { q: 'nope', eq: 1 } }] },
      denominator: { all: [{ q: 'children_count', ge: 1 }, { q: 'comment', eq: 'a' }] },
    });
    expect(problems.map((p) => p.field)).to.deep.equal(['rule.any[0].in[0]', 'rule.any[1].not.q', 'denominator.all[1].q']);
  });
});
