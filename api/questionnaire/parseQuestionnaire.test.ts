import { expect } from 'chai';
import { AppError } from '../errors/appError';
import { loadQuestionnaire, parseQuestionnaire, questionnaireProblems, type QuestionnaireProblem } from './index';

function problemsOf(input: unknown): readonly QuestionnaireProblem[] {
  try {
    parseQuestionnaire(input);
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return questionnaireProblems(error)!;
  }
  expect.fail('parseQuestionnaire should have thrown');
}

const page = (elements: unknown[]) => ({ pages: [{ name: 'household', elements }] });

describe('parseQuestionnaire', () => {
  it('accepts a small valid questionnaire, also as a JSON string, and returns a frozen copy', () => {
    const json = page([{ type: 'text', name: 'children_count', inputType: 'number', min: 0 }, { type: 'radiogroup', name: 'single_parent', choices: [1, 2], visibleIf: '{children_count} > 0' }]);
    const parsed = parseQuestionnaire(json);
    expect(parsed).to.deep.equal(json);
    expect(parsed).to.not.equal(json);
    expect(Object.isFrozen(parsed)).to.equal(true);
    expect(parseQuestionnaire(JSON.stringify(json))).to.deep.equal(json);
  });

  it('accepts panels, display elements and a questionnaire loaded from the registry', () => {
    expect(() => parseQuestionnaire(page([{ type: 'html', name: 'intro', html: '<p>Hallo</p>' }, { type: 'panel', name: 'box', elements: [{ type: 'boolean', name: 'has_car' }] }]))).not.to.throw();
    expect(() => parseQuestionnaire(loadQuestionnaire(1))).not.to.throw();
  });

  it('rejects text that is not JSON, and JSON that is not a questionnaire object', () => {
    expect(problemsOf('{"pages": [')[0]!.element).to.equal('questionnaire');
    expect(problemsOf([1, 2])).to.deep.equal([{ element: 'questionnaire', problem: 'must be a JSON object with a "pages" list, got a list' }]);
    expect(problemsOf({ title: 'x' })).to.deep.equal([{ element: 'questionnaire', problem: 'needs a "pages" list with at least one page' }]);
    expect(problemsOf({ pages: [] })).to.deep.equal([{ element: 'questionnaire', problem: 'needs a "pages" list with at least one page' }]);
  });

  it('rejects a questionnaire without questions', () => {
    expect(problemsOf({ pages: [{ name: 'p1', elements: [] }, { name: 'p2' }] })).to.deep.equal([
      { element: 'questionnaire', problem: 'has no questions: at least one page needs at least one question' },
    ]);
    expect(problemsOf(page([{ type: 'html', name: 'intro', html: 'only text' }])).map((p) => p.element)).to.deep.equal(['questionnaire']);
  });

  it('rejects duplicate names, naming both places', () => {
    expect(problemsOf(page([
      { type: 'text', name: 'children_count', inputType: 'number' },
      { type: 'panel', name: 'details', elements: [{ type: 'radiogroup', name: 'children_count', choices: [1, 2] }] },
    ]))).to.deep.equal([
      { element: "question 'children_count' (panel 'details' (page 'household'))", problem: "duplicate name: 'children_count' is already used by the question in page 'household'" },
    ]);
  });

  it('rejects unknown and unsupported question types', () => {
    const problems = problemsOf(page([{ type: 'slidr', name: 'age' }, { type: 'matrixdynamic', name: 'kids' }, { name: 'untyped' }]));
    expect(problems).to.deep.equal([
      { element: "question 'age' (page 'household')", problem: "unknown question type 'slidr'" },
      { element: "question 'kids' (page 'household')", problem: "question type 'matrixdynamic' is not supported, because the server cannot check its answers; use one of text, comment, radiogroup, dropdown, checkbox, tagbox, rating, boolean" },
      { element: "question 'untyped' (page 'household')", problem: 'has no "type"' },
    ]);
  });

  it('rejects names that are not snake_case analysis variables, and unnamed questions', () => {
    expect(problemsOf(page([{ type: 'text', name: 'Kinder Anzahl' }, { type: 'text', name: '2nd_child' }, { type: 'text' }])).map((p) => p.problem)).to.deep.equal([
      "name 'Kinder Anzahl' must be lower-case snake_case: a letter, then letters, digits or _",
      "name '2nd_child' must be lower-case snake_case: a letter, then letters, digits or _",
      'has no "name"; every question needs a name (it becomes the analysis variable)',
    ]);
  });

  it('rejects unknown properties reported by survey-core (jsonErrors), naming the question', () => {
    expect(problemsOf(page([{ type: 'text', name: 'rooms_count', maxLenght: 3 }]))).to.deep.equal([
      { element: "question 'rooms_count'", problem: "Unknown property in class 'text': 'maxLenght'." },
    ]);
  });

  it('rejects duplicate or missing choice values and filters on questions that do not exist', () => {
    expect(problemsOf(page([
      { type: 'radiogroup', name: 'single_parent', choices: [1, { value: 1, text: 'Nein' }, { text: 'ohne Wert' }] },
      { type: 'rating', name: 'life_quality', visibleIf: '{single_parnet} = 1' },
    ])).map((p) => p.problem)).to.deep.equal([
      'choices value 1 appears twice',
      'choices item 3 needs a number or text "value", got undefined',
      "visibleIf \"{single_parnet} = 1\" refers to 'single_parnet', which is not a question",
    ]);
  });

  it('lists every problem in the error message, one per line', () => {
    try {
      parseQuestionnaire(page([{ type: 'text', name: 'a' }, { type: 'text', name: 'a' }, { type: 'nope', name: 'b' }]));
      expect.fail('should throw');
    } catch (error) {
      expect((error as Error).message.split('\n')).to.deep.equal([
        'The questionnaire has 2 problem(s).',
        "- question 'a' (page 'household'): duplicate name: 'a' is already used by the question in page 'household'",
        "- question 'b' (page 'household'): unknown question type 'nope'",
      ]);
    }
  });

  it('throws for an unknown built-in version', () => {
    expect(() => loadQuestionnaire(99)).to.throw(AppError, /family-life-quality version 99[\s\S]*available: family-life-quality v1/);
  });
});
