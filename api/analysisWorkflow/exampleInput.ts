/**
 * A seeded synthetic analysis input (frame margins, contacted units, simulated questionnaire answers), for
 * tests and for filling a store that has a draw but no responses yet. Households and answers are invented.
 */
import { createRng } from '../../sampling';
import { loadQuestionnaire, simulateAnswers } from '../questionnaire';
import type { AnalysisInput } from './analysisInput';
import { areaCovariateTable, type AnalysisArea } from './areaCovariates';

export interface ExampleDistrict {
  district: string;
  households: number;
  sampled: number;
  responseRate: number;
  satisfactionShift?: number;
}

export const EXAMPLE_TYPES = [
  { householdType: 'couple', share: 0.6 },
  { householdType: 'single_parent', share: 0.25 },
  { householdType: 'other', share: 0.15 },
] as const;

/**
 * Simulated answers for one household (single-parent households answer single_parent = 1);
 * `needShift` as in simulateAnswers (more need, e.g. in a deprived area).
 */
export function exampleAnswers(uniform: () => number, householdType: string, satisfactionShift = 0, needShift = 0): Record<string, unknown> {
  const answers = simulateAnswers(loadQuestionnaire(1), uniform, { singleParentShare: householdType === 'single_parent' ? 1 : 0, satisfactionShift, needShift, commentRate: 0.1 });
  return answers;
}

export function exampleInput(districts: readonly ExampleDistrict[], seed = 7): AnalysisInput {
  const rng = createRng(seed);
  const uniform = () => rng.uniform();
  const typeCounts = new Map<string, number>();
  const sampleUnits: AnalysisInput['sampleUnits'] = [];
  const responses: AnalysisInput['responses'] = [];
  let id = 0;
  for (const d of districts) {
    // Household types in the frame: fixed shares, so the margins are known exactly.
    const counts = EXAMPLE_TYPES.map((t) => Math.round(d.households * t.share));
    counts[0] += d.households - counts.reduce((a, b) => a + b, 0);
    EXAMPLE_TYPES.forEach((t, j) => typeCounts.set(t.householdType, (typeCounts.get(t.householdType) ?? 0) + counts[j]));
    for (let k = 0; k < d.sampled; k++) {
      const u = uniform();
      const type = u < 0.6 ? 'couple' : u < 0.85 ? 'single_parent' : 'other';
      const householdId = `X${String(++id).padStart(5, '0')}`;
      sampleUnits.push({ householdId, district: d.district, householdType: type, subdistrict: null, designWeight: d.households / d.sampled });
      const rate = d.responseRate * (type === 'single_parent' ? 0.8 : 1);
      if (uniform() < rate) {
        responses.push({ householdId, mode: uniform() < 0.7 ? 'online' : 'paper', probabilitySample: true, questionnaireVersion: 1, answers: exampleAnswers(uniform, type, d.satisfactionShift ?? 0) });
      }
    }
  }
  // District areas with their frame type shares (the same everywhere here: fixed shares above).
  const areas: AnalysisArea[] = districts.map((d) => {
    const counts = EXAMPLE_TYPES.map((t) => Math.round(d.households * t.share));
    counts[0] += d.households - counts.reduce((a, b) => a + b, 0);
    return {
      level: 'district',
      area: d.district,
      district: d.district,
      households: d.households,
      covariates: Object.fromEntries(EXAMPLE_TYPES.map((t, j) => [`share_${t.householdType}`, counts[j]! / d.households])),
    };
  });
  return {
    drawId: 'example-draw',
    wave: 1,
    questionnaireId: 'family-life-quality',
    districts: districts.map((d) => ({ district: d.district, households: d.households })),
    householdTypes: [...typeCounts.entries()].map(([householdType, households]) => ({ householdType, households })),
    sampleUnits,
    responses,
    areas: areaCovariateTable(
      areas,
      EXAMPLE_TYPES.map((t) => ({ level: 'district' as const, name: `share_${t.householdType}`, source: 'frame' as const, version: null })),
    ),
    dataVersion: `example-${seed}`,
  };
}
