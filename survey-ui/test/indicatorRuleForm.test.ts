import { expect } from 'chai';
import { INDICATORS } from '../../analysis/indicators';
import { formToRule, problemTarget, ruleToForm, type RuleJson } from '../pages/indicators/ruleForm';

describe('indicator editor: rules as lists of conditions', () => {
  it('turns every shipped rule and base into the form and back unchanged', () => {
    for (const indicator of INDICATORS) {
      for (const rule of [indicator.rule, indicator.denominator] as RuleJson[]) {
        const form = ruleToForm(rule);
        expect(form, indicator.id).to.not.equal(null);
        const back = form!.conditions.length === 0 ? { all: [] } : formToRule(form!);
        expect(back, indicator.id).to.deep.equal(rule);
      }
    }
  });

  it('reads typed values as codes: numbers where they read as numbers, text otherwise', () => {
    expect(formToRule({ combine: 'all', conditions: [{ q: 'safety_night', op: 'in', values: ' 3, 4;6 ,' }] })).to.deep.equal({ q: 'safety_night', in: [3, 4, 6] });
    expect(formToRule({ combine: 'any', conditions: [{ q: 'a', op: 'eq', values: 'ja' }, { q: 'b', op: 'le', values: '2' }] })).to.deep.equal({ any: [{ q: 'a', eq: 'ja' }, { q: 'b', le: 2 }] });
  });

  it('shows a nested rule read-only, and splits a leaf with two bounds only under "all"', () => {
    expect(ruleToForm({ any: [{ all: [{ q: 'a', eq: 1 }] }] })).to.equal(null);
    expect(ruleToForm({ not: { q: 'a', eq: 1 } })).to.equal(null);
    expect(ruleToForm({ q: 'age', ge: 6, lt: 10 })).to.deep.equal({ combine: 'all', conditions: [{ q: 'age', op: 'lt', values: '10' }, { q: 'age', op: 'ge', values: '6' }] });
    expect(ruleToForm({ any: [{ q: 'age', ge: 6, lt: 10 }, { q: 'b', eq: 1 }] })).to.equal(null);
  });

  it('finds the condition a problem names', () => {
    expect(problemTarget('rule.any[2].in[0]')).to.deep.equal({ part: 'rule', index: 2 });
    expect(problemTarget('denominator.all[0].q')).to.deep.equal({ part: 'denominator', index: 0 });
    expect(problemTarget('rule.eq')).to.deep.equal({ part: 'rule', index: 0 });
    expect(problemTarget('rule')).to.deep.equal({ part: 'rule', index: null });
    expect(problemTarget('label.en')).to.deep.equal({ part: null, index: null });
  });
});
