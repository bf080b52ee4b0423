/**
 * Demo seed step for trends: a second wave of the demo survey, so Auswertung shows the change since wave 1
 * per district and a trend break. Wave 2 is a fresh cross-section on the same synthetic frame — a seeded
 * stratified SRSWOR among the households not drawn in wave 1 (sample or reserve), about 60 % of wave 1's
 * invitations per district — tied to questionnaire version 2 (api/questionnaire/family-life-quality.v2.json:
 * a new commute question and a changed answer list of moving_intention), which is stored as published.
 * About a third of the invited households answer with simulated v2 answers. The need behind the answers
 * really changes: it falls in every third district (in alphabetical order), rises in the next and stays in
 * the third (need shift ∓0.35, satisfaction ±0.175), on top of each household's sub-district deprivation (demoNeedShift). Answers are invented
 * (seeded), never real.
 *
 * Design weights are N_h / n_h of the frame; households of wave 1 could not be drawn again, which the
 * calibration to the frame's district and household-type totals absorbs (a demo simplification).
 */
import { PRNG_NAME, createRng } from '../../sampling';
import { SYSTEM_ACTOR, recordAudit } from '../audit/auditLog';
import type { SeedStep } from '../demo/seedDemo';
import { FAMILY_LIFE_QUALITY_ID, simulateAnswers, type QuestionnaireJson } from '../questionnaire';
import familyLifeQualityV2 from '../questionnaire/family-life-quality.v2.json';
import type { Repositories } from '../store/types';
import { runDraw } from '../samplingWorkflow/drawService';
import { demoNeedShift } from './demoResponses';

export const DEMO_WAVE2_DRAW_SEED = 20271201;
export const DEMO_WAVE2_RESPONSE_SEED = 4343;
/** Invitations of wave 2 per district, as a share of wave 1's. */
const WAVE2_SHARE = 0.6;
const WAVE2_RESPONSE_RATE = 0.33;
/** Change of the need shift from wave 1 to wave 2, by district (alphabetical order, cycling). */
const NEED_CHANGE = [-0.35, 0.35, 0] as const;

/**
 * The change of a district's need from wave 1 to wave 2 in the demo: −0.35 (less need), +0.35 (more) or 0,
 * cycling over the districts in alphabetical order.
 * @example demoNeedChange(['Bieblach', 'Debschwitz', 'Lusan'], 'Debschwitz') // → 0.35
 */
export function demoNeedChange(districts: readonly string[], district: string): number {
  const k = [...districts].sort().indexOf(district);
  return k < 0 ? 0 : NEED_CHANGE[k % NEED_CHANGE.length]!;
}

/** Adds wave 2 to the demo (draw, sample units, v2 binding, responses); returns the number of responses, 0 when there is no wave 1 or a wave 2 exists. */
export async function seedSecondWave(repos: Repositories): Promise<number> {
  const draws = await repos.draws.list();
  const first = draws.find((d) => d.wave === 1);
  if (!first || draws.some((d) => d.wave === 2)) return 0;
  const households = await repos.households.listByFrame(first.frameId);
  const frame = await repos.frames.get(first.frameId);
  if (!frame) return 0;
  const drawnBefore = new Set((await repos.sampleUnits.listByDraw(first.id)).map((u) => u.householdId));
  const eligible = households.filter((h) => !drawnBefore.has(h.householdId));
  const available = new Map<string, number>();
  for (const h of eligible) available.set(h.district, (available.get(h.district) ?? 0) + 1);
  const allocation = Object.fromEntries(
    Object.entries(first.allocation).map(([district, n]) => [district, Math.min(available.get(district) ?? 0, Math.max(12, Math.round(n * WAVE2_SHARE)))]),
  );
  const drawn = runDraw(eligible, { method: 'srswor', seed: DEMO_WAVE2_DRAW_SEED, allocation, reserve: {}, sortKey: null });
  const draw = await repos.draws.create({
    frameId: first.frameId,
    wave: 2,
    method: 'srswor',
    seed: DEMO_WAVE2_DRAW_SEED,
    prng: PRNG_NAME,
    frameFingerprint: drawn.fingerprint,
    sortKey: null,
    allocationExact: allocation,
    allocation,
    reserve: {},
    createdBy: null,
  });
  const size = new Map(frame.districts.map((d) => [d.district, d.households]));
  await repos.sampleUnits.insertMany(
    drawn.invited.map((u) => ({
      drawId: draw.id,
      householdId: u.householdId,
      district: u.district,
      inclusionProbability: allocation[u.district]! / size.get(u.district)!,
      designWeight: size.get(u.district)! / allocation[u.district]!,
      status: 'invited' as const,
      wave: 2,
      reserveRank: null,
      releasedAt: null,
    })),
  );
  await recordAudit(repos.audit, SYSTEM_ACTOR, {
    action: 'draw.create',
    entityType: 'draw',
    entityId: draw.id,
    details: { source: 'demo-seed', method: 'srswor', seed: DEMO_WAVE2_DRAW_SEED, invited: drawn.invited.length, reserve: 0, wave: 2 },
  });

  // Questionnaire version 2, published, and wave 2 tied to it.
  const v2 = familyLifeQualityV2 as unknown as QuestionnaireJson;
  if (!(await repos.questionnaireVersions.get(FAMILY_LIFE_QUALITY_ID, 2))) {
    await repos.questionnaireVersions.publish({ questionnaireId: FAMILY_LIFE_QUALITY_ID, version: 2, json: structuredClone(v2) as Record<string, unknown> });
  }
  await repos.questionnaireVersions.bindWave({ drawId: draw.id, questionnaireId: FAMILY_LIFE_QUALITY_ID, questionnaireVersion: 2, boundBy: null });

  const typeOf = new Map(households.map((h) => [h.householdId, h.householdType ?? 'other']));
  const subdistrictOf = new Map(households.map((h) => [h.householdId, h.subdistrict]));
  const districts = frame.districts.map((d) => d.district);
  const rng = createRng(DEMO_WAVE2_RESPONSE_SEED);
  const uniform = () => rng.uniform();
  let count = 0;
  for (const u of drawn.invited) {
    if (uniform() >= WAVE2_RESPONSE_RATE) continue;
    const type = typeOf.get(u.householdId) ?? 'other';
    const base = demoNeedShift(subdistrictOf.get(u.householdId) ?? null, type) ?? 0;
    const change = demoNeedChange(districts, u.district);
    const answers = simulateAnswers(v2, uniform, { singleParentShare: type === 'single_parent' ? 1 : 0, needShift: base + change, satisfactionShift: -change / 2, commentRate: 0.1 });
    await repos.responses.createSubmitted({
      householdId: u.householdId,
      questionnaireId: FAMILY_LIFE_QUALITY_ID,
      questionnaireVersion: 2,
      mode: uniform() < 0.4 ? 'online' : 'paper',
      district: u.district,
      wave: 2,
      drawId: draw.id,
      answers,
    });
    count++;
  }
  return count;
}

export const secondWaveDemoStep: SeedStep = {
  name: 'demo wave 2 answered with questionnaire version 2',
  async run(tx, _prepared, context) {
    const responses = await seedSecondWave(tx);
    if (responses > 0) context.notes.push(`Demo-Welle 2 (Fragebogen-Version 2): ${responses} Antworten; die Auswertung zeigt die Veränderung seit Welle 1.`);
  },
};
