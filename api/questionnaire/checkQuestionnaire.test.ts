import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { INDICATORS } from '../../analysis/indicators';
import { checkQuestionnaire, problemLine, type CheckProblem } from './checkQuestionnaire';
import { loadQuestionnaire } from './registry';
import v2 from './family-life-quality.v2.json';

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', 'questionnaires', name), 'utf8');
const check = (input: unknown) => checkQuestionnaire(input, { indicators: INDICATORS });
const where = (problems: readonly CheckProblem[]) => problems.map((p) => `${p.question ?? '-'} ${p.path}`);

describe('checkQuestionnaire', () => {
  it('accepts the shipped v1 and the v2 beside it: German and English complete, 59 and 60 questions', () => {
    const v1 = check(loadQuestionnaire(1));
    expect(v1).to.include({ ok: true, questions: 59 });
    expect(v1.languages).to.deep.equal(['de', 'en']);
    expect(v1.problems).to.deep.equal([]);
    const second = check(JSON.stringify(v2));
    expect(second).to.include({ ok: true, questions: 60 });
    expect(Object.isFrozen(second.json)).to.equal(true);
  });

  it('accepts a small questionnaire of another city without the family indicators, with a warning that no indicator reads it', () => {
    const result = check(fixture('small-valid.json'));
    expect(result.ok).to.equal(true);
    expect(result.warnings.map((w) => w.message.en)).to.deep.equal(['No indicator reads this questionnaire.']);
  });

  it('gives malformed JSON, a list and a LimeSurvey export a verdict instead of a crash', () => {
    const malformed = check(fixture('malformed.json'));
    expect(malformed.ok).to.equal(false);
    expect(malformed.problems[0]!.path).to.equal('$');
    expect(malformed.problems[0]!.message.en).to.match(/^Not valid JSON: /);
    expect(check([1, 2]).problems.map((p) => p.message.en)).to.deep.equal(['A SurveyJS questionnaire is a JSON object with "pages", not a list.']);
    const lime = check(fixture('limesurvey-export.json'));
    expect(where(lime.problems)).to.deep.equal(['- $.pages']);
    expect(lime.problems[0]!.message.en).to.include('looks like a LimeSurvey export');
    expect(lime.problems[0]!.message.de).to.include('Export aus LimeSurvey');
    const windows1252 = new Uint8Array([...Buffer.from('{"pages": [{"name": "p", "elements": [{"type": "text", "name": "a", "title": "Gr', 'latin1'), 0xfc, ...Buffer.from('n"}]}]}', 'latin1')]);
    expect(check(windows1252).problems.map((p) => p.message.en)).to.deep.equal(['The file is not saved as UTF-8; save it as UTF-8.']);
    for (const odd of [null, 42, 'text', { pages: 'x' }, { pages: [null, 3] }, { pages: [{ elements: [{ type: 'panel', elements: 'x' }] }] }, new Uint8Array([0xff, 0xfe])]) {
      expect(check(odd).ok, JSON.stringify(odd)).to.equal(false);
    }
  });

  it('refuses question types that cannot be collected online, entered from paper and printed, naming each question', () => {
    const result = check(fixture('unsupported-types.json'));
    expect(where(result.problems)).to.deep.equal([
      'birth_certificate $.pages[0].elements[1].type',
      'signature $.pages[0].elements[2].type',
      'mood $.pages[0].elements[3].type',
    ]);
    expect(result.problems[0]!.message.en).to.include("Question type 'file' of 'birth_certificate' is not supported");
    expect(result.problems[2]!.message.de).to.include("Unbekannter Fragetyp 'likert5'");
  });

  it('requires every text in English as soon as one text has English, and German always', () => {
    const result = check(fixture('missing-english.json'));
    expect(where(result.problems)).to.deep.equal([
      'has_garden $.pages[0].elements[0].choices[1].text',
      'garden_wish $.pages[0].elements[1].title',
      'garden_wish $.pages[0].elements[1].description',
    ]);
    expect(result.problems.every((p) => p.message.en === 'The English text is missing.')).to.equal(true);
    const englishOnly = check({ pages: [{ name: 'p', elements: [{ type: 'boolean', name: 'pet', title: { en: 'A pet?' } }] }] });
    expect(englishOnly.problems.map(problemLine)).to.deep.equal(['pet $.pages[0].elements[0].title: Es fehlt der Text auf Deutsch. / The German text is missing.']);
  });

  it('refuses expressions that do not parse or name a missing question, duplicate names and names that are not identifiers', () => {
    const result = check(fixture('bad-expressions.json'));
    expect(where(result.problems)).to.deep.equal([
      'car_count $.pages[0].elements[3].name',
      "Car Colour $.pages[0].elements[4].name",
      'has_car $.pages[0].elements[1].visibleIf',
      'car_count $.pages[0].elements[2].enableIf',
      'car_count $.pages[0].elements[2].validators[0].expression',
    ]);
    expect(result.problems[2]!.message.en).to.equal(`The expression "{childrens_count} > 0" refers to 'childrens_count', which is not a question.`);
    expect(result.problems[3]!.message.en).to.match(/cannot be parsed \(at character \d+\)/);
  });

  it('refuses a version in which an indicator no longer finds its question or its answer codes', () => {
    const json = structuredClone(loadQuestionnaire(1)) as { pages: { elements: { name: string; choices?: { value: unknown }[] }[] }[] };
    const housing = json.pages.find((p) => p.elements.some((e) => e.name === 'moving_intention'))!;
    const moving = housing.elements.find((e) => e.name === 'moving_intention')!;
    moving.choices = moving.choices!.filter((c) => c.value !== 4);
    const household = json.pages[0]!;
    household.elements = household.elements.filter((e) => e.name !== 'adults_count');
    const result = checkQuestionnaire(json, { indicators: INDICATORS, questionnaireId: 'family-life-quality' });
    expect(result.problems).to.have.length(1);
    expect(result.problems.some((p) => p.question === 'moving_intention' && p.path === '$.pages[5].elements[6].choices' && /counts choice value 4/.test(p.message.en))).to.equal(true);
    // adults_count is read by no indicator: removing it is no problem for them.
    expect(result.problems.some((p) => p.question === 'adults_count')).to.equal(false);
    expect(checkQuestionnaire(json, { indicators: INDICATORS, questionnaireId: 'another-city' }).ok).to.equal(true);
  });
});

describe('checkQuestionnaire and renamed questions', () => {
  it('lets indicators find a question renamed with "renamedFrom", and refuses a renamedFrom that is no earlier name', () => {
    const json = structuredClone(loadQuestionnaire(1)) as { pages: { elements: Record<string, unknown>[] }[] };
    const single = json.pages[0]!.elements.find((e) => e.name === 'single_parent')!;
    single.name = 'lone_parent';
    single.renamedFrom = 'single_parent';
    for (const page of json.pages) {
      for (const e of page.elements) if (typeof e.visibleIf === 'string') e.visibleIf = e.visibleIf.replaceAll('{single_parent}', '{lone_parent}');
    }
    const renamed = checkQuestionnaire(json, { indicators: INDICATORS, questionnaireId: 'family-life-quality' });
    expect(renamed.problems.map(problemLine)).to.deep.equal([]);
    single.renamedFrom = 'Single Parent';
    expect(where(checkQuestionnaire(json, { indicators: INDICATORS, questionnaireId: 'family-life-quality' }).problems)).to.deep.equal([
      'lone_parent $.pages[0].elements[3].renamedFrom',
      'single_parent $.pages',
    ]);
  });
});

describe('checkQuestionnaire and texts left out', () => {
  const page = (elements: unknown[], extra: Record<string, unknown> = {}) => ({ ...extra, pages: [{ name: 'household', elements }] });
  const questions = [{ type: 'text', name: 'children_count', inputType: 'number', min: 0 }, { type: 'radiogroup', name: 'single_parent', choices: [1, 2], visibleIf: '{children_count} > 0' }];

  it('accepts a questionnaire of one language without titles or choice texts, noting that names and numbers are shown', () => {
    const result = check(page(questions));
    expect(result.ok).to.equal(true);
    expect(where(result.warnings)).to.deep.equal([
      'children_count $.pages[0].elements[0].title',
      'single_parent $.pages[0].elements[1].title',
      'single_parent $.pages[0].elements[1].choices[0]',
      'single_parent $.pages[0].elements[1].choices[1]',
      '- $',
    ]);
  });

  it('refuses them once a second language is declared: the translation is missing', () => {
    const result = check(page(questions, { title: { default: 'Familie', en: 'Family' } }));
    expect(result.ok).to.equal(false);
    expect(where(result.problems)).to.deep.equal([
      'children_count $.pages[0].elements[0].title',
      'single_parent $.pages[0].elements[1].title',
      'single_parent $.pages[0].elements[1].choices[0]',
      'single_parent $.pages[0].elements[1].choices[1]',
    ]);
  });
});

describe('checkQuestionnaire and choice lists', () => {
  it('refuses a choice question without choices, or with choices loaded from a web address (nothing to print or key in)', () => {
    const result = check({
      pages: [{ name: 'p', elements: [
        { type: 'radiogroup', name: 'empty_list', title: 'Leer', choices: [] },
        { type: 'dropdown', name: 'no_list', title: 'Ohne Liste' },
        { type: 'dropdown', name: 'remote', title: 'Land', choicesByUrl: { url: 'https://example.org/countries' } },
      ] }],
    });
    expect(where(result.problems)).to.deep.equal(['empty_list $.pages[0].elements[0].choices', 'no_list $.pages[0].elements[1].choices', 'remote $.pages[0].elements[2].choicesByUrl']);
  });
});
