import { expect } from 'chai';
import { loadQuestionnaire, parseQuestionnaire, validateAnswers, type AnswerValidation } from './index';

const json = loadQuestionnaire(1);

/** A two-parent family with a toddler and a primary-school child who answered everything. */
const COMPLETE = {
  children_count: 2, youngest_child_age: 3, oldest_child_age: 8, single_parent: 2, adults_count: 2, respondent_role: 1, home_language: 1,
  childcare_need: 1, childcare_place_found: 1, childcare_search_months: 4, childcare_type: [1], childcare_hours_fit: 3, childcare_satisfaction: 4, childcare_cost_burden: 3,
  primary_school_child: 1, afterschool_care_met: 1, holiday_care_met: 2, school_satisfaction: 4,
  playground_use: 1, playground_satisfaction: 3, sports_culture_satisfaction: 4, leisure_cost_barrier: 3,
  safety_day: 1, safety_night: 2, school_route_safety: 2, traffic_safety: 3, car_available: 1, transit_use: 3, transit_satisfaction: 3, walking_cycling_satisfaction: 3,
  housing_tenure: 1, rooms_count: 4, enough_space: 2, housing_cost_burden: 3, housing_satisfaction: 4, surroundings_satisfaction: 4, moving_intention: 1,
  service_family_counselling: 2, service_early_help: 3, service_debt_counselling: 1, service_youth_office: 2, paediatrician_access: 2, child_health_limitation: 2, caring_for_relative: 2,
  family_portal_use: 2, district_office_use: 1, volunteer_centre_use: 1, info_channels: [2, 4, 5], volunteering: 2,
  employment_respondent: 2, employment_partner: 1, work_family_ease: 3, sick_child_flexibility: 2,
  life_quality: 7, financial_situation: 3, district_family_friendliness: 4, city_family_friendliness: 4, comment: 'Mehr Spielplätze bitte.',
};

function errorsOf(result: AnswerValidation): readonly { question: string; message: string }[] {
  expect(result.ok, JSON.stringify(result)).to.equal(false);
  return result.ok ? [] : result.errors;
}

describe('validateAnswers', () => {
  it('accepts a complete realistic answer set and returns it in questionnaire order', () => {
    const result = validateAnswers(json, COMPLETE);
    expect(result).to.deep.equal({ ok: true, data: COMPLETE });
    expect(Object.keys(result.ok ? result.data : {})).to.deep.equal(Object.keys(COMPLETE));
  });

  it('rejects missing required answers, naming each question', () => {
    const { single_parent: _s, adults_count: _a, ...rest } = COMPLETE;
    const errors = errorsOf(validateAnswers(json, rest));
    expect(errors).to.deep.equal([
      { question: 'single_parent', message: 'Bitte beantworten Sie diese Frage.' },
      { question: 'adults_count', message: 'Bitte beantworten Sie diese Frage.' },
    ]);
    expect(errorsOf(validateAnswers(json, rest, { locale: 'en' }))[0]).to.deep.equal({ question: 'single_parent', message: 'Response required.' });
  });

  it('treats null and empty text as "not answered"', () => {
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, adults_count: null })).map((e) => e.question)).to.deep.equal(['adults_count']);
    const result = validateAnswers(json, { ...COMPLETE, comment: '' });
    expect(result.ok && 'comment' in result.data).to.equal(false);
  });

  it('rejects numbers out of range, fractions and a younger oldest child', () => {
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, children_count: 16 }))).to.deep.equal([
      { question: 'children_count', message: 'Der Wert sollte nicht größer als 15 sein' },
    ]);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, rooms_count: 0 }, { locale: 'en' }))).to.deep.equal([
      { question: 'rooms_count', message: 'The value should not be less than 1' },
    ]);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, adults_count: 1.5 }))).to.deep.equal([
      { question: 'adults_count', message: 'Bitte eine ganze Zahl eingeben.' },
    ]);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, oldest_child_age: 2 }, { locale: 'en' }))).to.deep.equal([
      { question: 'oldest_child_age', message: 'The oldest child cannot be younger than the youngest child.' },
    ]);
  });

  it('rejects codes that are not among the choices, scale points or checkbox items', () => {
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, single_parent: 3 }))).to.deep.equal([
      { question: 'single_parent', message: 'Die Antwort 3 ist nicht erlaubt. Erlaubt sind: 1, 2.' },
    ]);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, life_quality: 11 }, { locale: 'en' }))).to.deep.equal([
      { question: 'life_quality', message: 'The answer 11 is not allowed. Allowed are: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10.' },
    ]);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, playground_satisfaction: 0 })).map((e) => e.question)).to.deep.equal(['playground_satisfaction']);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, info_channels: [2, 8] }))).to.deep.equal([
      { question: 'info_channels', message: 'Die Antwort 8 ist nicht erlaubt. Erlaubt sind: 1, 2, 3, 4, 5, 6, 7.' },
    ]);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, info_channels: [2, 2] }, { locale: 'en' }))[0]!.message).to.equal('The answer 2 appears twice.');
  });

  it('rejects keys that are not questions', () => {
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, district_name: 'Lusan' }))).to.deep.equal([
      { question: 'district_name', message: 'Diese Frage gibt es im Fragebogen nicht.' },
    ]);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, household: 1 }, { locale: 'en' }))).to.deep.equal([
      { question: 'household', message: 'This question is not part of the questionnaire.' },
    ]);
  });

  it('rejects wrong value types: text for a number, number for a text, a single code for a checkbox', () => {
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, children_count: '2' }))).to.deep.equal([
      { question: 'children_count', message: 'Die Antwort muss eine Zahl sein, nicht "2".' },
    ]);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, single_parent: '1' }, { locale: 'en' }))).to.deep.equal([
      { question: 'single_parent', message: 'The answer "1" is not allowed. Allowed are: 1, 2.' },
    ]);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, comment: 42 }))).to.deep.equal([{ question: 'comment', message: 'Die Antwort muss ein Text sein.' }]);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, info_channels: 2 }))).to.deep.equal([{ question: 'info_channels', message: 'Die Antwort muss eine Liste sein.' }]);
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, safety_day: [1] }))).to.deep.equal([{ question: 'safety_day', message: 'Bitte genau eine Antwort wählen.' }]);
  });

  it('rejects a comment longer than maxLength', () => {
    expect(errorsOf(validateAnswers(json, { ...COMPLETE, comment: 'x'.repeat(1001) }))).to.deep.equal([
      { question: 'comment', message: 'Der Text ist zu lang: 1001 Zeichen, erlaubt sind höchstens 1000.' },
    ]);
    expect(validateAnswers(json, { ...COMPLETE, comment: 'x'.repeat(1000) }).ok).to.equal(true);
  });

  it('rejects answers that are not an object', () => {
    expect(errorsOf(validateAnswers(json, [1, 2]))[0]!.message).to.match(/Objekt/);
    expect(errorsOf(validateAnswers(json, null, { locale: 'en' }))[0]!.message).to.match(/object/);
  });

  it('partial mode (autosave) accepts an incomplete first page but still checks values', () => {
    const firstPage = { children_count: 2, youngest_child_age: 4 };
    expect(validateAnswers(json, firstPage, { partial: true })).to.deep.equal({ ok: true, data: firstPage });
    expect(errorsOf(validateAnswers(json, firstPage)).map((e) => e.question)).to.deep.equal(['single_parent', 'adults_count']);
    expect(errorsOf(validateAnswers(json, { ...firstPage, oldest_child_age: 30 }, { partial: true })).map((e) => e.question)).to.deep.equal(['oldest_child_age']);
  });

  it('drops answers to hidden questions, also along filter chains', () => {
    // Children aged 7 and 9: the childcare page and the teenager question are hidden, so its answers are dropped, not stored.
    const answers = { ...COMPLETE, youngest_child_age: 7, oldest_child_age: 9, childcare_place_found: 7, youth_leisure_satisfaction: 2 };
    const result = validateAnswers(json, answers);
    expect(result.ok, JSON.stringify(result)).to.equal(true);
    const data = result.ok ? result.data : {};
    for (const name of ['childcare_need', 'childcare_place_found', 'childcare_type', 'childcare_cost_burden', 'youth_leisure_satisfaction']) {
      expect(data, name).to.not.have.property(name);
    }
    expect(data).to.include({ youngest_child_age: 7, school_satisfaction: 4, playground_use: 1 });
    // Single parent: the partner's employment is not asked.
    const single = validateAnswers(json, { ...COMPLETE, single_parent: 1, adults_count: 1 });
    expect(single.ok && 'employment_partner' in single.data).to.equal(false);
  });

  it('drops a hidden answer whose invalid value would otherwise be an error', () => {
    const result = validateAnswers(json, { ...COMPLETE, single_parent: 1, adults_count: 1, employment_partner: 99 });
    expect(result.ok).to.equal(true);
  });

  it('collects all errors at once in questionnaire order, unknown keys last', () => {
    const errors = errorsOf(validateAnswers(json, { ...COMPLETE, zzz: 1, life_quality: -1, children_count: 99 }));
    expect(errors.map((e) => e.question)).to.deep.equal(['children_count', 'life_quality', 'zzz']);
  });

  it('gives the same result when called again (the cached survey-core model keeps no state between calls)', () => {
    const bad = validateAnswers(json, { ...COMPLETE, single_parent: 9 });
    const good = validateAnswers(json, COMPLETE);
    expect(bad.ok).to.equal(false);
    expect(good).to.deep.equal({ ok: true, data: COMPLETE });
    expect(validateAnswers(json, { children_count: 0 }, { partial: true })).to.deep.equal({ ok: true, data: { children_count: 0 } });
  });

  it('checks other question types of uploaded questionnaires: booleans, tagboxes, "other" and "none" items', () => {
    const other = parseQuestionnaire({ pages: [{ name: 'p', elements: [
      { type: 'boolean', name: 'has_garden' },
      { type: 'dropdown', name: 'heating', choices: ['gas', 'district'], showOtherItem: true },
      { type: 'checkbox', name: 'pets', choices: ['dog', 'cat'], showNoneItem: true, maxSelectedChoices: 1 },
      { type: 'tagbox', name: 'sports', choices: [1, 2, 3] },
    ] }] });
    expect(validateAnswers(other, { has_garden: false, heating: 'other', 'heating-Comment': 'Holzofen', pets: ['none'], sports: [1, 3] })).to.deep.equal({
      ok: true, data: { has_garden: false, heating: 'other', 'heating-Comment': 'Holzofen', pets: ['none'], sports: [1, 3] },
    });
    expect(errorsOf(validateAnswers(other, { has_garden: 'ja', pets: ['dog', 'cat'], sports: [4], 'pets-Comment': 'x' }, { locale: 'en' }))).to.deep.equal([
      { question: 'has_garden', message: 'The answer "ja" is not allowed. Allowed are: true, false.' },
      { question: 'pets', message: 'Please choose at most 1 answers.' },
      { question: 'sports', message: 'The answer 4 is not allowed. Allowed are: 1, 2, 3.' },
      { question: 'pets-Comment', message: 'This question is not part of the questionnaire.' },
    ]);
    expect(errorsOf(validateAnswers(other, { pets: ['none', 'dog'] }))[0]!.message).to.equal('„Keine“ kann nicht mit anderen Antworten gewählt werden.');
  });
});
