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
    expect(problemsOf('{"pages": [')[0]!.element).to.equal('$');
    expect(() => parseQuestionnaire('{"pages": [')).to.throw(AppError).with.property('key', 'questionnaire.notJson');
    expect(problemsOf([1, 2])).to.deep.equal([{ element: '$', problem: 'A SurveyJS questionnaire is a JSON object with "pages", not a list.' }]);
    expect(problemsOf({ title: 'x' })).to.deep.equal([{ element: '$.pages', problem: 'There is no "pages" list with at least one page.' }]);
    expect(problemsOf({ pages: [] })).to.deep.equal([{ element: '$.pages', problem: 'There is no "pages" list with at least one page.' }]);
  });

  it('rejects a questionnaire without questions', () => {
    expect(problemsOf({ pages: [{ name: 'p1', elements: [] }, { name: 'p2' }] })).to.deep.equal([{ element: '$.pages', problem: 'The questionnaire has no question.' }]);
    expect(problemsOf(page([{ type: 'html', name: 'intro', html: 'only text' }])).map((p) => p.element)).to.deep.equal(['$.pages']);
  });

  it('rejects duplicate names, naming both places', () => {
    expect(problemsOf(page([
      { type: 'text', name: 'children_count', inputType: 'number' },
      { type: 'panel', name: 'details', elements: [{ type: 'radiogroup', name: 'children_count', choices: [1, 2] }] },
    ]))).to.deep.equal([
      { element: "question 'children_count' at $.pages[0].elements[1].elements[0].name", problem: "The name 'children_count' is already used ($.pages[0].elements[0])." },
    ]);
  });

  it('rejects unknown and unsupported question types', () => {
    const problems = problemsOf(page([{ type: 'slidr', name: 'age' }, { type: 'matrixdynamic', name: 'kids' }, { name: 'untyped' }]));
    expect(problems.map((p) => p.element)).to.deep.equal([
      "question 'age' at $.pages[0].elements[0].type",
      "question 'kids' at $.pages[0].elements[1].type",
      "question 'untyped' at $.pages[0].elements[2].type",
    ]);
    expect(problems[0]!.problem).to.match(/^Unknown question type 'slidr' of 'age'\. Supported: text, comment, radiogroup/);
    expect(problems[1]!.problem).to.match(/^Question type 'matrixdynamic' of 'kids' is not supported – it cannot be collected online, entered from paper and printed/);
    expect(problems[2]!.problem).to.equal('The element has no "type".');
  });

  it('rejects names that are not snake_case analysis variables, and unnamed questions', () => {
    expect(problemsOf(page([{ type: 'text', name: 'Kinder Anzahl' }, { type: 'text', name: '2nd_child' }, { type: 'text' }])).map((p) => p.problem)).to.deep.equal([
      "The name 'Kinder Anzahl' must be a stable identifier: a lower-case letter, then lower-case letters, digits or _.",
      "The name '2nd_child' must be a stable identifier: a lower-case letter, then lower-case letters, digits or _.",
      'The question has no "name"; it becomes the analysis variable.',
    ]);
  });

  it('rejects unknown properties reported by survey-core (jsonErrors), naming the question', () => {
    expect(problemsOf(page([{ type: 'text', name: 'rooms_count', maxLenght: 3 }]))).to.deep.equal([
      { element: "question 'rooms_count' at $.pages[0].elements[0]", problem: "survey-core: Unknown property in class 'text': 'maxLenght'." },
    ]);
  });

  it('rejects duplicate or missing choice values and filters on questions that do not exist', () => {
    expect(problemsOf(page([
      { type: 'radiogroup', name: 'single_parent', choices: [1, { value: 1, text: 'Nein' }, { text: 'ohne Wert' }] },
      { type: 'rating', name: 'life_quality', visibleIf: '{single_parnet} = 1' },
    ])).map((p) => p.problem)).to.deep.equal([
      'Choice value 1 appears twice.',
      'Choice 3 needs a number or text "value".',
      "The expression \"{single_parnet} = 1\" refers to 'single_parnet', which is not a question.",
    ]);
  });

  it('lists every problem in the error message, one per line', () => {
    try {
      parseQuestionnaire(page([{ type: 'text', name: 'a' }, { type: 'text', name: 'a' }, { type: 'nope', name: 'b' }]));
      expect.fail('should throw');
    } catch (error) {
      const lines = (error as Error).message.split('\n');
      expect(lines.slice(0, 2)).to.deep.equal(['The questionnaire has 2 problem(s).', "- question 'a' at $.pages[0].elements[1].name: The name 'a' is already used ($.pages[0].elements[0])."]);
      expect(lines[2]).to.match(/^- question 'b' at \$\.pages\[0\]\.elements\[2\]\.type: Unknown question type 'nope' of 'b'\./);
    }
  });

  it('accepts incomplete languages (the import check refuses them)', () => {
    expect(() => parseQuestionnaire(page([{ type: 'boolean', name: 'pet', title: { default: 'Haustier?' }, description: { default: 'ja/nein', en: 'yes/no' } }]))).not.to.throw();
  });

  it('throws for an unknown built-in version', () => {
    expect(() => loadQuestionnaire(99)).to.throw(AppError, /family-life-quality version 99[\s\S]*available: family-life-quality v1/);
  });
});
