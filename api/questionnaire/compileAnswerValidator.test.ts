import { expect } from 'chai';
import fc from 'fast-check';
import { answerValidatorFor, compileAnswerValidator } from './compileAnswerValidator';
import { loadQuestionnaire, parseQuestionnaire, questionCatalogue, simulateAnswers, validateAnswers, type QuestionnaireJson } from './index';
import { AppError } from '../errors/appError';
import { questionnaireProblems } from './questionnaireProblems';

const family = loadQuestionnaire(1);

/**
 * A synthetic questionnaire with what the family questionnaire lacks: a panel with its own
 * visibleIf, requiredIf, two expression validators on one question, a checkbox with "none" and
 * maxSelectedChoices, tagbox, dropdown, boolean, rating with rateValues, maxLength on a text,
 * a question hidden by `visible: false`, a filter on a later question and custom required texts.
 */
const synthetic = parseQuestionnaire({
  pages: [
    {
      name: 'a',
      elements: [
        { type: 'boolean', name: 'has_garden', isRequired: true },
        { type: 'text', name: 'garden_size', inputType: 'number', min: 1, max: 5000, visibleIf: '{has_garden} = true', requiredIf: '{uses_garden} = 1' },
        { type: 'radiogroup', name: 'uses_garden', choices: [1, 2, 3], visibleIf: '{has_garden} = true' },
        { type: 'text', name: 'nickname', maxLength: 12, requiredErrorText: { default: 'Bitte einen Namen.', en: 'A name, please.' }, isRequired: true },
        { type: 'text', name: 'secret', visible: false },
        {
          type: 'panel',
          name: 'pets',
          visibleIf: '{pet_count} > 0',
          elements: [
            { type: 'checkbox', name: 'pet_kinds', choices: [1, 2, 3, 4], showNoneItem: true, maxSelectedChoices: 3, isRequired: true },
            { type: 'tagbox', name: 'pet_food', choices: ['dry', 'wet', 'raw'] },
            {
              type: 'text',
              name: 'pet_age',
              inputType: 'number',
              step: 1,
              validators: [
                { type: 'expression', expression: '{pet_age} empty or {pet_age} <= 40', text: { default: 'Zu alt.', en: 'Too old.' } },
                { type: 'expression', expression: '{pet_age} empty or {pet_age} >= {pet_count}' },
              ],
            },
          ],
        },
      ],
    },
    {
      name: 'b',
      visibleIf: '{has_garden} = true or {pet_count} >= 2',
      elements: [
        { type: 'dropdown', name: 'mood', choices: ['good', 'bad'], isRequired: true },
        { type: 'rating', name: 'score', rateValues: [0, 5, 10] },
        { type: 'comment', name: 'remarks', maxLength: 30 },
      ],
    },
    { name: 'c', elements: [{ type: 'text', name: 'pet_count', inputType: 'number', min: 0, max: 9 }] },
  ],
});

/** Values that break each kind of rule: wrong types, unknown codes, out of range, empties, spaces. */
const oddValues: readonly unknown[] = [
  'x', '', '   ', 'a long text that is well beyond any maximum length of the questionnaire', -1, 0, 1, 2, 3, 5, 6, 16, 99, 1.5, 10_000, true, false,
  null, [], [1], [1, 1], [1, 2, 3, 4], ['none', 1], ['dry', 'wet'], { a: 1 }, 'good', 'none',
];

/** A valid value of any question, ignoring whether the question is shown (→ answers to hidden questions). */
function validValues(json: QuestionnaireJson): Map<string, unknown[]> {
  const values = new Map<string, unknown[]>();
  for (const q of questionCatalogue(json)) {
    if (q.choices) values.set(q.name, q.multiple ? q.choices.map((c) => [c.value]) : q.choices.map((c) => c.value));
    else if (q.inputType === 'number') values.set(q.name, [q.min ?? 0, q.max ?? 3, Math.round(((q.min ?? 0) + (q.max ?? 10)) / 2)]);
    else values.set(q.name, ['Text']);
  }
  return values;
}

type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'odd'; pick: number; value: number }
  | { kind: 'valid'; pick: number; value: number }
  | { kind: 'unknown'; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('odd' as const), pick: fc.nat(), value: fc.nat() }),
  fc.record({ kind: fc.constant('valid' as const), pick: fc.nat(), value: fc.nat() }),
  fc.record({ kind: fc.constant('unknown' as const), value: fc.nat() }),
);

function mutate(answers: Record<string, unknown>, names: readonly string[], valid: Map<string, unknown[]>, mutations: readonly Mutation[]): Record<string, unknown> {
  const result = { ...answers };
  for (const m of mutations) {
    if (m.kind === 'unknown') {
      result[`not_a_question_${m.value % 3}`] = oddValues[m.value % oddValues.length];
      continue;
    }
    const name = names[m.pick % names.length]!;
    if (m.kind === 'delete') delete result[name];
    else if (m.kind === 'odd') result[name] = oddValues[m.value % oddValues.length];
    else {
      const options = valid.get(name)!;
      result[name] = options[m.value % options.length];
    }
  }
  return result;
}

/** Park–Miller generator seeded by fast-check, so simulateAnswers draws reproducible households. */
function uniform(seed: number): () => number {
  let state = (seed % 2147483646) + 1;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

function checkEquivalence(json: QuestionnaireJson, runs: number): { accepted: number; rejected: number } {
  const compiled = compileAnswerValidator(json);
  const valid = validValues(json);
  const names = [...valid.keys()];
  const tally = { accepted: 0, rejected: 0 };
  fc.assert(
    fc.property(
      fc.nat({ max: 2147483645 }),
      fc.array(mutation, { maxLength: 6 }),
      fc.boolean(),
      fc.constantFrom('de' as const, 'en' as const),
      (seed, mutations, partial, locale) => {
        const answers = mutate(simulateAnswers(json, uniform(seed)), names, valid, mutations);
        const expected = validateAnswers(json, answers, { partial, locale });
        const actual = compiled(answers, { partial, locale });
        // Same verdict, same questions in the same order, same messages, same cleaned data.
        expect(actual).to.deep.equal(expected, JSON.stringify({ answers, partial, locale }));
        if (expected.ok) tally.accepted++;
        else tally.rejected++;
      },
    ),
    { numRuns: runs, seed: 20260501 },
  );
  return tally;
}

describe('compileAnswerValidator', () => {
  // survey-core needs ~10–80 ms per answer set here, so the run counts are kept moderate.
  it('agrees with survey-core validation on simulated and mutated family questionnaires', function () {
    this.timeout(120_000);
    const tally = checkEquivalence(family, 300);
    // Both outcomes must be exercised, or the comparison proves little.
    expect(tally.accepted).to.be.greaterThan(30);
    expect(tally.rejected).to.be.greaterThan(100);
  });

  it('agrees with survey-core on a questionnaire with panels, requiredIf, validators and more item types', function () {
    this.timeout(120_000);
    const tally = checkEquivalence(synthetic, 300);
    expect(tally.accepted).to.be.greaterThan(10);
    expect(tally.rejected).to.be.greaterThan(50);
  });

  it('agrees on hand-picked edge cases: spaces as an answer, requiredIf, none item, order of errors', () => {
    const compiled = compileAnswerValidator(synthetic);
    const cases: Record<string, unknown>[] = [
      { has_garden: true, uses_garden: 1, nickname: 'Ida', mood: 'good' },
      { has_garden: true, uses_garden: 2, nickname: '   ', mood: 'good' },
      { has_garden: false, nickname: 'Ida', pet_count: 3, pet_kinds: ['none', 2], pet_age: 2 },
      { has_garden: false, nickname: 'Ida', pet_count: 3, pet_kinds: [1], pet_age: 41, mood: 'good' },
      { has_garden: false, nickname: 'Ida', pet_count: 1, pet_kinds: [1], pet_age: 0, secret: 'x', zzz: 1, aaa: 2 },
      { has_garden: true, garden_size: 0, uses_garden: 1, nickname: 'Ida', mood: 'good' },
      [],
      'not an object',
    ] as Record<string, unknown>[];
    for (const answers of cases) {
      for (const options of [{}, { partial: true }, { locale: 'en' as const }]) {
        expect(compiled(answers, options)).to.deep.equal(validateAnswers(synthetic, answers, options), JSON.stringify(answers));
      }
    }
  });

  it('reuses a condition result only for the same values of the questions it reads', () => {
    const compiled = compileAnswerValidator(synthetic);
    // Alternating values: a result remembered for one value must never answer for the other.
    const sequence = [
      { has_garden: true, uses_garden: 1, nickname: 'Ida', mood: 'good' },
      { has_garden: false, uses_garden: 1, nickname: 'Ida', mood: 'good' },
      { has_garden: true, uses_garden: 1, nickname: 'Ida', mood: 'good' },
      { has_garden: false, nickname: 'Ida', pet_count: 3, pet_kinds: [1], pet_age: 2, mood: 'good' },
      { has_garden: false, nickname: 'Ida', pet_count: 0, pet_kinds: [1], pet_age: 2, mood: 'good' },
      { has_garden: false, nickname: 'Ida', pet_count: 3, pet_kinds: [1], pet_age: 2, mood: 'good' },
    ];
    for (let round = 0; round < 3; round++) {
      for (const answers of sequence) expect(compiled(answers)).to.deep.equal(validateAnswers(synthetic, answers), JSON.stringify(answers));
    }
  });

  it('is much faster than building the answers into a survey-core model', () => {
    const compiled = compileAnswerValidator(family);
    const sets = Array.from({ length: 40 }, (_, i) => simulateAnswers(family, uniform(i + 1)));
    validateAnswers(family, sets[0]);
    const time = (work: () => void) => {
      const start = process.hrtime.bigint();
      work();
      return Number(process.hrtime.bigint() - start);
    };
    const slow = time(() => sets.forEach((a) => validateAnswers(family, a)));
    const fast = time(() => sets.forEach((a) => compiled(a)));
    expect(fast * 5).to.be.lessThan(slow);
  });

  it('refuses questionnaires outside the compiled subset, naming each feature; answerValidatorFor then uses survey-core', () => {
    const other = parseQuestionnaire({
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'radiogroup', name: 'pet', choices: [1, 2], showOtherItem: true },
            { type: 'text', name: 'mail', inputType: 'email' },
            { type: 'text', name: 'age', inputType: 'number', enableIf: '{pet} = 1', validators: [{ type: 'numeric', minValue: 0 }] },
          ],
        },
      ],
    });
    let problems: unknown[] = [];
    try {
      compileAnswerValidator(other);
    } catch (error) {
      expect(error).to.be.instanceOf(AppError);
      problems = questionnaireProblems(error)!.map((p) => p.problem);
    }
    expect(problems).to.include.members(['uses "showOtherItem"', "text input type 'email'", 'uses "enableIf"', 'numericvalidator is not compiled']);
    const answers = { pet: 'other', 'pet-Comment': '', age: -1 };
    expect(answerValidatorFor(other)(answers)).to.deep.equal(validateAnswers(other, answers));
  });

  it('answerValidatorFor compiles each questionnaire object once', () => {
    expect(answerValidatorFor(family)).to.equal(answerValidatorFor(family));
  });
});
