/**
 * Demo seed step for the analysis: simulated, submitted questionnaire answers for about a third of the
 * contacted households of the newest draw (30 % online, 70 % reconciled paper, as in postal surveys), with district-specific
 * response rates and satisfaction shifts so the district indicators differ. Households that already have a
 * submitted response are left alone. Answers are invented (seeded), never real.
 */
import { createRng } from '../../sampling';
import type { SeedStep } from '../demo/seedDemo';
import { loadQuestionnaire } from '../questionnaire';
import type { Repositories } from '../store/types';
import { exampleAnswers } from './exampleInput';

export const DEMO_RESPONSE_SEED = 4242;

/** Adds simulated submitted responses to the newest draw's contacted households; returns how many. */
export async function seedSimulatedResponses(repos: Repositories, options: { seed?: number; rate?: number } = {}): Promise<number> {
  const draw = (await repos.draws.list())[0];
  if (!draw) return 0;
  const frameHouseholds = await repos.households.listByFrame(draw.frameId);
  const typeOf = new Map(frameHouseholds.map((h) => [h.householdId, h.householdType ?? 'other']));
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
    // Response rates 25–40 % and satisfaction shifts −0.5…+0.5 vary by district.
    const rate = (options.rate ?? 0.32) * (0.8 + 0.4 * ((k * 5) % 12) / 11);
    const shift = -0.5 + ((k * 7) % 12) / 11;
    if (uniform() >= rate) continue;
    const answers = exampleAnswers(uniform, typeOf.get(u.householdId) ?? 'other', shift);
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
