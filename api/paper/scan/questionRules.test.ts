import { expect } from 'chai';
import { classifyBox } from './classifyBox';
import { choiceAnswers, digitAnswers } from './questionRules';

const m = (inside: number, around = 0) => ({ inside, around, border: 1, shiftMm: [0, 0] as const });

describe('classifyBox', () => {
  it('puts the ink share inside a box into empty, crossed, filled and the uncertain gaps between', () => {
    expect([0.003, 0.008, 0.02, 0.3, 0.85, 0.95].map((f) => classifyBox(m(f)))).to.deep.equal(['empty', 'uncertain', 'uncertain', 'crossed', 'uncertain', 'filled']);
  });
  it('calls a blank box with a mark right beside it uncertain, and a box a mark beside it only grazes', () => {
    expect(classifyBox(m(0.01, 0.05))).to.equal('uncertain');
    expect(classifyBox(m(0.05, 0.09))).to.equal('uncertain');
    expect(classifyBox(m(0.2, 0.09))).to.equal('crossed');
  });
  it('calls a box uncertain when a mark overlaps it but much of its ink lies beside it, and keeps a cross that overshoots a little', () => {
    expect(classifyBox(m(0.0624, 0.0501))).to.equal('uncertain'); // a mark beside the box, read as a cross before
    expect(classifyBox(m(0.3, 0.12))).to.equal('crossed');
  });
});

describe('choiceAnswers', () => {
  it('accepts one crossed box of a single choice and ignores a filled (corrected) one', () => {
    expect(choiceAnswers('q', false, [{ value: '1', state: 'filled' }, { value: '2', state: 'crossed' }, { value: '3', state: 'empty' }])).to.deep.equal([
      { question: 'q', value: '2', status: 'auto', reason: '' },
    ]);
  });
  it('sends two marks on a single choice to review without a guess', () => {
    expect(choiceAnswers('q', false, [{ value: '1', state: 'crossed' }, { value: '2', state: 'crossed' }])).to.deep.equal([
      { question: 'q', value: '', status: 'review', reason: 'severalMarks' },
    ]);
  });
  it('sends an uncertain box to review with the best guess', () => {
    expect(choiceAnswers('q', false, [{ value: '1', state: 'uncertain' }, { value: '2', state: 'empty' }])).to.deep.equal([
      { question: 'q', value: '1', status: 'review', reason: 'uncertainMark' },
    ]);
    expect(choiceAnswers('q', false, [{ value: '1', state: 'uncertain' }, { value: '2', state: 'crossed' }])[0]).to.include({ value: '2', status: 'review' });
  });
  it('gives no row for an unanswered question', () => {
    expect(choiceAnswers('q', false, [{ value: '1', state: 'empty' }, { value: '2', state: 'empty' }])).to.deep.equal([]);
  });
  it('sends a question whose only marks are filled boxes to review, the filled value as the guess', () => {
    expect(choiceAnswers('q', false, [{ value: '1', state: 'empty' }, { value: '2', state: 'filled' }])).to.deep.equal([
      { question: 'q', value: '2', status: 'review', reason: 'filledOnly' },
    ]);
    expect(choiceAnswers('m', true, [{ value: 'a', state: 'filled' }, { value: 'b', state: 'empty' }])).to.deep.equal([
      { question: 'm', value: 'a', status: 'review', reason: 'filledOnly' },
    ]);
  });
  it('gives one row per ticked value of a multiple choice, uncertain ones for review', () => {
    expect(choiceAnswers('m', true, [{ value: 'a', state: 'crossed' }, { value: 'b', state: 'uncertain' }, { value: 'c', state: 'crossed' }]).map((a) => `${a.value}:${a.status}`)).to.deep.equal([
      'a:auto',
      'b:review',
      'c:auto',
    ]);
  });
});

describe('digitAnswers', () => {
  it('sends written digit boxes to review and ignores blank ones', () => {
    expect(digitAnswers('rooms_count', [0, 0.2])).to.deep.equal([{ question: 'rooms_count', value: '', status: 'review', reason: 'handwriting' }]);
    expect(digitAnswers('rooms_count', [0.01, 0])).to.deep.equal([]);
  });
});
