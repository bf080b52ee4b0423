import { expect } from 'chai';
import { answersUnderCurrentNames } from './answersUnderCurrentNames';

describe('answersUnderCurrentNames', () => {
  it('moves an answer of an older version to the name a later version gives its question', () => {
    const renames = new Map([[2, { commute_minutes: 'commute_time' }]]);
    expect(answersUnderCurrentNames({ commute_minutes: 20, children_count: 2 }, 1, renames)).to.deep.equal({ commute_time: 20, children_count: 2 });
  });

  it('applies the renames of every later version in order (a → b → c)', () => {
    const renames = new Map<number, Record<string, string>>([
      [3, { b: 'c' }],
      [2, { a: 'b' }],
    ]);
    expect(answersUnderCurrentNames({ a: 1 }, 1, renames)).to.deep.equal({ c: 1 });
    expect(answersUnderCurrentNames({ b: 1 }, 2, renames)).to.deep.equal({ c: 1 });
  });

  it('leaves answers of the renaming version itself and of newer ones untouched', () => {
    const renames = new Map([[2, { a: 'b' }]]);
    const answers = { a: 'other question of v2 named a', b: 1 };
    expect(answersUnderCurrentNames(answers, 2, renames)).to.equal(answers);
  });

  it('keeps an answer already under the new name and never mutates the stored answers', () => {
    const answers = Object.freeze({ a: 1, b: 2 });
    expect(answersUnderCurrentNames(answers, 1, new Map([[2, { a: 'b' }]]))).to.deep.equal({ b: 2 });
    expect(answers).to.deep.equal({ a: 1, b: 2 });
  });
});
