import { ConditionRunner, Model, type Question } from 'survey-core';
import { ANSWER_TYPES, NUMBER_INPUT_TYPES, withGermanDefault, type QuestionnaireJson } from './surveyModel';
import { allowedChoiceValues, allowedRatingValues } from './validateAnswers';

/** How a simulated population answers. All fields optional; defaults give a plausible mix. */
export interface SimulationProfile {
  /** Probability that a visible optional question is answered (item response rate). Default 0.95. */
  readonly answerRate?: number;
  /** Share of single-parent households. Default 0.2. */
  readonly singleParentShare?: number;
  /** Shifts ratings towards the top (+1) or bottom (−1) of their scales, e.g. for a deprived district. Default 0. */
  readonly satisfactionShift?: number;
  /** Probability of writing an open comment. Default 0.15. */
  readonly commentRate?: number;
  /**
   * How much more need than average a household has, e.g. in a deprived area (0 = none, the default;
   * about −1…+1.5). Answers that signal a need (NEED_CODES: no childcare place, unsafe at night,
   * services needed but not used …) become exp(needShift) times as likely; satisfaction ratings move
   * down and burden ratings up by 0.2 · needShift of their scale. Draws the same number of random
   * numbers whatever its value.
   */
  readonly needShift?: number;
}

/** A uniform random number in [0, 1), e.g. `() => rng.uniform()` from the project's seeded generator. */
export type UniformRandom = () => number;

/**
 * Household-level plausible distributions for known analysis variables (codes → weight). Used only
 * when the question's codes match; other questions get the generic rules below. Weights are rough
 * shapes for demo data (e.g. mostly 1–2 children, mostly mothers answering), not estimates.
 */
const CODE_WEIGHTS: Record<string, Record<number, number>> = {
  children_count: { 1: 0.47, 2: 0.37, 3: 0.11, 4: 0.04, 5: 0.01 },
  respondent_role: { 1: 0.72, 2: 0.25, 3: 0.03 },
  home_language: { 1: 0.85, 2: 0.1, 3: 0.05 },
  childcare_need: { 1: 0.65, 2: 0.15, 3: 0.2 },
  childcare_place_found: { 1: 0.72, 2: 0.14, 3: 0.14 },
  childcare_hours_fit: { 1: 0.6, 2: 0.1, 3: 0.15, 4: 0.05, 5: 0.1 },
  primary_school_child: { 1: 0.45, 2: 0.55 },
  afterschool_care_met: { 1: 0.7, 2: 0.1, 3: 0.08, 4: 0.12 },
  holiday_care_met: { 1: 0.55, 2: 0.2, 3: 0.12, 4: 0.13 },
  car_available: { 1: 0.75, 2: 0.05, 3: 0.2 },
  housing_tenure: { 1: 0.7, 2: 0.27, 3: 0.03 },
  moving_intention: { 1: 0.62, 2: 0.1, 3: 0.1, 4: 0.06, 5: 0.12 },
  child_health_limitation: { 1: 0.1, 2: 0.9 },
  caring_for_relative: { 1: 0.15, 2: 0.85 },
  employment_respondent: { 1: 0.45, 2: 0.28, 3: 0.05, 4: 0.08, 5: 0.04, 6: 0.1 },
  employment_partner: { 1: 0.8, 2: 0.06, 3: 0.02, 4: 0.03, 5: 0.02, 6: 0.07 },
  volunteering: { 1: 0.25, 2: 0.2, 3: 0.55 },
};

/**
 * Answer codes that signal a need, per question of `family-life-quality` (the codes the district
 * needs indicators count, analysis/indicators/definitions.ts), tilted by `needShift`.
 */
const NEED_CODES: Record<string, readonly number[]> = {
  childcare_place_found: [2, 3],
  childcare_hours_fit: [2, 3, 4, 5],
  afterschool_care_met: [2, 3],
  holiday_care_met: [2, 3],
  safety_night: [3, 4],
  school_route_safety: [3, 4],
  enough_space: [3, 4],
  moving_intention: [3, 4],
  service_family_counselling: [4],
  service_early_help: [4],
  service_debt_counselling: [4],
  service_youth_office: [4],
  paediatrician_access: [2, 3],
  family_portal_use: [1],
  district_office_use: [1],
  financial_situation: [4, 5],
};

const SAMPLE_COMMENTS = [
  'Mehr Spielplätze im Stadtteil wären schön.',
  'Die Kita-Öffnungszeiten sind für Schichtarbeit zu kurz.',
  'Der Bus fährt abends zu selten.',
  'Wir wünschen uns mehr Angebote für Jugendliche.',
  'Die Schulwege brauchen mehr Zebrastreifen.',
  'Insgesamt leben wir gern hier.',
];

const answerTypes = new Set<string>(ANSWER_TYPES);
const models = new WeakMap<object, Model>();

/**
 * Draws one plausible, valid answer set for a questionnaire: for demo data and load tests.
 *
 * Walks the questions in questionnaire order and answers only those shown given the answers so
 * far (`visibleIf` of questions, panels and pages). Required questions are always answered,
 * optional ones with probability `answerRate`. A latent household mood (uniform in [−1, 1]) makes
 * ratings of one household correlate; "burden" ratings run against it. Household variables follow
 * CODE_WEIGHTS, adults follow single-parent status, the oldest child is never younger than the
 * youngest, rooms grow with household size. Generators keep to choices, scales, min/max and
 * maxLength; values of questions with validators are checked with survey-core and redrawn (up to
 * 20 times) if they fail, e.g. against an expression validator.
 * All randomness comes from `random`: the same generator state gives the same answers.
 *
 * Cost: O(questions · (choices + filter depth)); ~5 ms per answer set for the 59-question v1.
 * @throws RangeError when a required question cannot get a valid value in 20 draws.
 * @example simulateAnswers(loadQuestionnaire(1), () => rng.uniform(), { singleParentShare: 0.4 })
 */
export function simulateAnswers(json: QuestionnaireJson, random: UniformRandom, profile: SimulationProfile = {}): Record<string, unknown> {
  const answerRate = profile.answerRate ?? 0.95;
  const commentRate = profile.commentRate ?? 0.15;
  const shift = profile.satisfactionShift ?? 0;
  const needShift = profile.needShift ?? 0;
  const weights: Record<string, Record<number, number>> = {
    ...CODE_WEIGHTS,
    single_parent: { 1: profile.singleParentShare ?? 0.2, 2: 1 - (profile.singleParentShare ?? 0.2) },
  };

  return withGermanDefault(() => {
    let model = models.get(json);
    if (model === undefined) {
      model = new Model(json);
      models.set(json, model);
    }
    const data: Record<string, unknown> = {};
    const mood = 2 * random() - 1;
    const draw = { random, weights, mood, shift, needShift, answer: (name: string) => data[name] };
    const questions = model.getAllQuestions(false).filter((q) => answerTypes.has(q.getType()));

    for (const question of questions) {
      if (!isShown(question, data)) continue;
      const rate = question.getType() === 'comment' ? commentRate : answerRate;
      if (!question.isRequired && random() >= rate) continue;
      if (question.validators.length === 0) {
        // Generators respect choices, scales, min/max and maxLength: no survey-core round trip needed.
        data[question.name] = drawValue(question, draw);
        continue;
      }
      // Validators (e.g. expressions over other answers) need the answers inside the survey-core model.
      model.data = data;
      let valid = false;
      for (let attempt = 0; attempt < 20 && !valid; attempt++) {
        model.setValue(question.name, drawValue(question, draw));
        valid = question.validate(false);
      }
      if (valid) data[question.name] = model.getValue(question.name);
      else if (question.isRequired) throw new RangeError(`question '${question.name}': no valid value found in 20 draws`);
    }
    // Filters may also refer to later questions: drop answers whose question is hidden, until stable.
    for (;;) {
      const hidden = questions.filter((q) => q.name in data && !isShown(q, data));
      if (hidden.length === 0) return data;
      for (const q of hidden) delete data[q.name];
    }
  });
}

/**
 * Whether a question is shown for the answers in `data`: its own `visible`/`visibleIf` and those of
 * its panels and page. Evaluated with survey-core's ConditionRunner on plain values, because setting
 * values on the model re-runs every condition of the survey each time (~7 ms per answer).
 */
function isShown(question: Question, data: Record<string, unknown>): boolean {
  let element: unknown = question;
  while (element !== null && element !== undefined && typeof element === 'object' && 'visibleIf' in element) {
    const e = element as { visible: boolean; visibleIf?: string; parent?: unknown; getType(): string };
    // survey-core overwrites `visible` when it runs `visibleIf`, so `visible` is read only where there is no condition.
    if (e.visibleIf) {
      if (!conditionFor(e.visibleIf).runValues(data)) return false;
    } else if (!e.visible) {
      return false;
    }
    element = e.getType() === 'page' ? undefined : e.parent;
  }
  return true;
}

const conditions = new Map<string, ConditionRunner>();
function conditionFor(expression: string): ConditionRunner {
  let runner = conditions.get(expression);
  if (runner === undefined) {
    runner = new ConditionRunner(expression);
    conditions.set(expression, runner);
  }
  return runner;
}

interface Draw {
  readonly random: UniformRandom;
  readonly weights: Record<string, Record<number, number>>;
  readonly mood: number;
  readonly shift: number;
  readonly needShift: number;
  readonly answer: (name: string) => unknown;
}

function drawValue(question: Question, draw: Draw): unknown {
  const q = question as unknown as Record<string, unknown>;
  const answer = draw.answer;
  switch (question.getType()) {
    case 'text': {
      if (!NUMBER_INPUT_TYPES.has(String(q.inputType))) return 'Beispiel';
      const min = typeof q.min === 'number' ? q.min : 0;
      const max = typeof q.max === 'number' ? q.max : min + 20;
      const clamp = (value: number): number => Math.min(max, Math.max(min, Math.round(value)));
      switch (question.name) {
        case 'youngest_child_age':
          return clamp(draw.random() * 18 - 0.5);
        case 'oldest_child_age': {
          const youngest = Number(answer('youngest_child_age') ?? min);
          // About 1 in 10 families with several children have twins or siblings of the same age.
          if (draw.random() < 0.1) return clamp(youngest);
          return clamp(youngest + 1 + Math.floor(draw.random() * Math.min(8, max - youngest)));
        }
        case 'adults_count':
          if (answer('single_parent') === 1) return clamp(draw.random() < 0.88 ? 1 : 2);
          return clamp(draw.random() < 0.86 ? 2 : draw.random() < 0.8 ? 3 : 4);
        case 'rooms_count': {
          const people = Number(answer('adults_count') ?? 2) + Number(answer('children_count') ?? 1);
          return clamp(people * 0.8 + draw.random() * 2 - 0.5);
        }
        case 'childcare_search_months':
          return clamp(draw.random() ** 2 * 13 - 0.5);
        default: {
          const weighted = weightedCode(question.name, range(min, max), draw);
          return weighted ?? clamp(min + draw.random() * (max - min + 1) - 0.5);
        }
      }
    }
    case 'comment': {
      const text = SAMPLE_COMMENTS[Math.floor(draw.random() * SAMPLE_COMMENTS.length)]!;
      const maxLength = (question as unknown as { getMaxLength(): unknown }).getMaxLength();
      return typeof maxLength === 'number' && maxLength > 0 ? text.slice(0, maxLength) : text;
    }
    case 'radiogroup':
    case 'dropdown': {
      const values = (q.choices as { value: unknown }[]).map((item) => item.value);
      return weightedCode(question.name, values, draw) ?? values[Math.floor(draw.random() * values.length)];
    }
    case 'checkbox':
    case 'tagbox': {
      const values = (q.choices as { value: unknown }[]).map((item) => item.value);
      const picked = values.filter(() => draw.random() < 0.35);
      if (picked.length === 0) picked.push(values[Math.floor(draw.random() * values.length)]);
      const max = typeof q.maxSelectedChoices === 'number' && q.maxSelectedChoices > 0 ? q.maxSelectedChoices : picked.length;
      return picked.slice(0, max);
    }
    case 'rating': {
      const values = allowedRatingValues(question);
      const direction = /burden/.test(question.name) ? -1 : 1;
      // Position on the scale in [0, 1]: centre a bit above the middle, moved by mood, profile and noise.
      const position = 0.6 + 0.25 * direction * draw.mood + 0.2 * draw.shift - 0.2 * direction * draw.needShift + 0.35 * (draw.random() - 0.5);
      const index = Math.round(Math.min(1, Math.max(0, position)) * (values.length - 1));
      return values[index];
    }
    case 'boolean': {
      const b = question as unknown as { getValueTrue(): unknown; getValueFalse(): unknown };
      return draw.random() < 0.5 ? b.getValueTrue() : b.getValueFalse();
    }
    default:
      return allowedChoiceValues(question)[0];
  }
}

/**
 * Draws from CODE_WEIGHTS when the question has weights for the codes it offers (equal weights for a
 * question with need codes and a need shift), need codes tilted by exp(needShift). One random number.
 */
function weightedCode(name: string, values: readonly unknown[], draw: Draw): unknown {
  const base = draw.weights[name];
  const need = draw.needShift !== 0 ? NEED_CODES[name] : undefined;
  if (base === undefined && need === undefined) return undefined;
  const usable = values.filter((value) => typeof value === 'number' && (base === undefined || base[value] !== undefined)) as number[];
  if (usable.length === 0) return undefined;
  const tilt = Math.exp(draw.needShift);
  const weightOf = (value: number) => (base === undefined ? 1 : base[value]!) * (need?.includes(value) ? tilt : 1);
  const total = usable.reduce((sum, value) => sum + weightOf(value), 0);
  let u = draw.random() * total;
  for (const value of usable) {
    u -= weightOf(value);
    if (u < 0) return value;
  }
  return usable[usable.length - 1];
}

function range(min: number, max: number): number[] {
  return Array.from({ length: Math.max(0, Math.floor(max - min) + 1) }, (_, i) => min + i);
}
