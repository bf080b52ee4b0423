import { expect } from 'chai';
import { Model } from 'survey-core';
import names from './family-life-quality.v1.names.json';
import { QUESTION_NAME_PATTERN, loadQuestionnaire, parseQuestionnaire, questionCatalogue } from './index';
import { createModel } from './surveyModel';

const json = loadQuestionnaire(1);

/** Every localizable text property in the raw JSON, with its path. */
function localizableTexts(value: unknown, path: string, out: { path: string; text: unknown }[] = []): { path: string; text: unknown }[] {
  const textKeys = new Set(['title', 'description', 'text', 'minRateDescription', 'maxRateDescription', 'completedHtml']);
  if (Array.isArray(value)) value.forEach((item, i) => localizableTexts(item, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (textKeys.has(key)) out.push({ path: `${path}.${key}`, text: child });
      else localizableTexts(child, `${path}.${key}`, out);
    }
  }
  return out;
}

describe('family life-quality questionnaire v1', () => {
  it('loads in survey-core without jsonErrors and passes parseQuestionnaire', () => {
    expect(new Model(json).jsonErrors).to.equal(null);
    expect(() => parseQuestionnaire(json)).not.to.throw();
  });

  it('has 40–60 questions on 8–10 titled pages', () => {
    const model = createModel(json);
    expect(model.getAllQuestions().length).to.be.within(40, 60);
    expect(model.pages.length).to.be.within(8, 10);
    for (const page of model.pages) expect(page.title, page.name).to.not.equal(page.name);
  });

  it('gives every title, description, choice and scale label in German ("default") and English ("en")', () => {
    const texts = localizableTexts(json, 'questionnaire');
    expect(texts.length).to.be.greaterThan(200);
    for (const { path, text } of texts) {
      expect(text, path).to.be.an('object');
      const { default: de, en } = text as { default?: unknown; en?: unknown };
      expect(de, `${path}.default`).to.be.a('string').and.not.equal('');
      expect(en, `${path}.en`).to.be.a('string').and.not.equal('');
    }
    for (const question of questionCatalogue(json)) {
      expect(question.title.de, question.name).to.not.equal(question.name);
      expect(question.title.en, question.name).to.not.equal(question.title.de);
    }
  });

  it('shows German by default and English with locale "en"', () => {
    const german = createModel(json);
    const english = createModel(json, 'en');
    expect(german.getQuestionByName('single_parent').title).to.match(/^Sind Sie alleinerziehend\?/);
    expect(english.getQuestionByName('single_parent').title).to.match(/^Are you a single parent\?/);
    expect(english.pages[0]!.title).to.equal('Your household');
  });

  it('needs survey-core\'s default locale set to German: with the library default "en", locale "en" shows the German text', () => {
    // Documents why createModel() switches the default locale: the UI must do the same.
    const plain = new Model(json);
    plain.locale = 'en';
    expect(plain.getQuestionByName('single_parent').title).to.match(/^Sind Sie alleinerziehend\?/);
  });

  it('keeps the committed list of question names (analysis variables) — renaming breaks trends', () => {
    const current = questionCatalogue(json).map((q) => q.name);
    expect(current).to.deep.equal(names);
    expect(new Set(current).size).to.equal(current.length);
    for (const name of current) expect(name).to.match(QUESTION_NAME_PATTERN);
  });

  it('asks no identifying free text: the open comment is the only text answer and is length-limited', () => {
    const catalogue = questionCatalogue(json);
    const freeText = catalogue.filter((q) => q.type === 'comment' || (q.type === 'text' && q.inputType !== 'number'));
    expect(freeText.map((q) => q.name)).to.deep.equal(['comment']);
    expect(freeText[0]!.maxLength).to.equal(1000);
  });

  it('requires only the core household items', () => {
    const required = questionCatalogue(json).filter((q) => q.isRequired).map((q) => q.name);
    expect(required).to.deep.equal(['children_count', 'youngest_child_age', 'single_parent', 'adults_count']);
  });

  it('asks the childcare page only for families with a child under 6', () => {
    const model = createModel(json);
    model.data = { children_count: 2, youngest_child_age: 7, oldest_child_age: 12 };
    expect(model.getPageByName('childcare').isVisible).to.equal(false);
    expect(model.getPageByName('school').isVisible).to.equal(true);
    model.data = { children_count: 1, youngest_child_age: 2 };
    expect(model.getPageByName('childcare').isVisible).to.equal(true);
    expect(model.getPageByName('school').isVisible).to.equal(false);
  });

  it('lists codes with German and English labels in the catalogue', () => {
    const catalogue = questionCatalogue(json);
    const singleParent = catalogue.find((q) => q.name === 'single_parent')!;
    expect(singleParent).to.deep.include({ type: 'radiogroup', page: 'household', multiple: false, isRequired: true });
    expect(singleParent.choices).to.deep.equal([
      { value: 1, text: { de: 'Ja', en: 'Yes' } },
      { value: 2, text: { de: 'Nein', en: 'No' } },
    ]);
    const lifeQuality = catalogue.find((q) => q.name === 'life_quality')!;
    expect(lifeQuality.choices!.map((c) => c.value)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(lifeQuality.choices![0]!.text).to.deep.equal({ de: '0 – gar nicht zufrieden', en: '0 – not at all satisfied' });
    expect(lifeQuality.choices![10]!.text.en).to.equal('10 – completely satisfied');
    const children = catalogue.find((q) => q.name === 'children_count')!;
    expect(children).to.deep.include({ inputType: 'number', min: 0, max: 15 });
    expect(catalogue.find((q) => q.name === 'childcare_type')).to.deep.include({ multiple: true, visibleIf: '{youngest_child_age} < 6 and {childcare_place_found} anyof [1, 2]' });
  });
});
