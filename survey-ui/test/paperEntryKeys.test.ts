import { expect } from 'chai';
import { MAX_KEYED_CHOICES, keyedChoice } from '../pages/fieldwork/keyedChoice';

const single = { choices: [{ value: 1 }, { value: 2 }, { value: 99 }], multiple: false };
const multiple = { choices: [{ value: 1 }, { value: 2 }, { value: 3 }, { value: 4 }], multiple: true };

describe('paper entry: number keys pick choices', function () {
  it('sets the n-th choice code of a single choice, replacing what was there', function () {
    expect(keyedChoice(single, '', 1)).to.equal('1');
    expect(keyedChoice(single, '1', 3)).to.equal('99');
  });

  it('switches the n-th choice of a multiple choice on and off, in questionnaire order', function () {
    expect(keyedChoice(multiple, '', 3)).to.equal('3');
    expect(keyedChoice(multiple, '3', 1)).to.equal('1,3');
    expect(keyedChoice(multiple, '1,3', 3)).to.equal('1');
    expect(keyedChoice(multiple, '4, 2', 1)).to.equal('1,2,4');
  });

  it('leaves keys without a choice, free-text questions and long choice lists to typing', function () {
    expect(keyedChoice(single, '', 4)).to.equal(null);
    expect(keyedChoice({ multiple: false }, '', 1)).to.equal(null);
    const scale = { choices: Array.from({ length: MAX_KEYED_CHOICES + 2 }, (_, i) => ({ value: i })), multiple: false };
    expect(keyedChoice(scale, '', 1)).to.equal(null);
  });
});
