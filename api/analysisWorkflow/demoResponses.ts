/**
 * Demo seed step for the analysis: simulated, submitted questionnaire answers for about a third of the
 * contacted households of the newest draw (30 % online, 70 % reconciled paper, as in postal surveys), with
 * district-specific response rates. How much need a household reports follows its sub-district's synthetic
 * deprivation score and its household type (demoNeedShift), the same score that drives the demo's benefits
 * and immigration covariates: so area covariates predict the indicators, as a small-area model assumes.
 * Households that already have a submitted response are left alone. Answers are invented (seeded), never real.
 */
import { GERA_SUBDISTRICTS } from '../../fixtures/syntheticSubdistricts';
import { createRng } from '../../sampling';
import type { SeedStep } from '../demo/seedDemo';
import { loadQuestionnaire } from '../questionnaire';
import type { Repositories } from '../store/types';
import { exampleAnswers } from './exampleInput';

export const DEMO_RESPONSE_SEED = 4242;

const DEPRIVATION = new Map(GERA_SUBDISTRICTS.map((s) => [s.name, s.deprivation]));

/**
 * The need shift of a demo household (see SimulationProfile.needShift): 1.1 × its sub-district's
 * deprivation score, plus 0.45 for single parents and 0.15 for other household types; null when the
 * household has no synthetic sub-district.
 * @example demoNeedShift('Gera-West 1', 'couple') // → 1.1 × −0.95 = −1.045
 */
export function demoNeedShift(subdistrict: string | null, householdType: string): number | null {
  const deprivation = subdistrict === null ? undefined : DEPRIVATION.get(subdistrict);
  if (deprivation === undefined) return null;
  return 1.1 * deprivation + (householdType === 'single_parent' ? 0.45 : householdType === 'couple' ? 0 : 0.15);
}

/** Adds simulated submitted responses to the newest draw's contacted households; returns how many. */
export async function seedSimulatedResponses(repos: Repositories, options: { seed?: number; rate?: number } = {}): Promise<number> {
  const draw = (await repos.draws.list())[0];
  if (!draw) return 0;
  const frameHouseholds = await repos.households.listByFrame(draw.frameId);
  const typeOf = new Map(frameHouseholds.map((h) => [h.householdId, h.householdType ?? 'other']));
  const subdistrictOf = new Map(frameHouseholds.map((h) => [h.householdId, h.subdistrict]));
  const units = (await repos.sampleUnits.listByDraw(draw.id)).filter((u) => u.status !== 'reserve');
  const done = new Set((await repos.responses.list({ status: 'submitted' })).map((r) => r.householdId));
  const districts = [...new Set(units.map((u) => u.district))].sort();
  if (!(await repos.questionnaireVersions.get('family-life-quality', 1))) {
    await repos.questionnaireVersions.publish({ questionnaireId: 'family-life-quality', version: 1, json: structuredClone(loadQuestionnaire(1)) as Record<string, unknown> });
  }
  const rng = createRng(options.seed ?? DEMO_RESPONSE_SEED);
  const uniform = () => rng.uniform();
  let count = 0;
  for (const u of units) {
    if (done.has(u.householdId)) continue;
    const k = districts.indexOf(u.district);
    // Response rates 25–40 % vary by district.
    const rate = (options.rate ?? 0.32) * (0.8 + 0.4 * ((k * 5) % 12) / 11);
    if (uniform() >= rate) continue;
    const type = typeOf.get(u.householdId) ?? 'other';
    const need = demoNeedShift(subdistrictOf.get(u.householdId) ?? null, type);
    // A frame without the synthetic sub-districts: satisfaction shifts −0.5…+0.5 by district instead.
    const answers = need === null ? exampleAnswers(uniform, type, -0.5 + ((k * 7) % 12) / 11) : exampleAnswers(uniform, type, 0, need);
    await repos.responses.createSubmitted({
      householdId: u.householdId,
      questionnaireId: 'family-life-quality',
      questionnaireVersion: 1,
      mode: uniform() < 0.3 ? 'online' : 'paper', // postal surveys: most answers come back on paper
      district: u.district,
      wave: draw.wave,
      drawId: draw.id,
      answers,
    });
    count++;
  }
  return count;
}

export const analysisDemoStep: SeedStep = {
  name: 'demo survey responses for the analysis',
  async run(tx) {
    await seedSimulatedResponses(tx);
  },
};
