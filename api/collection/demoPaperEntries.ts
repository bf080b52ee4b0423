/**
 * Demo seed step for paper entry: a few returned paper forms of the newest draw, keyed by the demo
 * accounts `staff` (entry 1) and `staff2` (entry 2), so a newcomer signing in as staff finds forms
 * waiting for the second entry and for reconciliation. Households with a submitted response are
 * left alone, so the response counts of the analysis demo stay as they are. Answers are invented
 * (seeded), never real. The picks follow the seed over the households sorted by id; ids are pseudonyms
 * of the store, so another store gets other households but the same mix of forms.
 */
import { actorOf, recordAudit } from '../audit/auditLog';
import { exampleAnswers } from '../analysisWorkflow/exampleInput';
import type { SeedStep } from '../demo/seedDemo';
import { loadQuestionnaire, questionCatalogue, validateAnswers } from '../questionnaire';
import type { Repositories, User } from '../store/types';
import { createRng } from '../../sampling';
import { paperEntryTransition } from './paperEntryTransition';
import { writePaperStep } from './paperService';

export const DEMO_PAPER_SEED = 5151;
/** Forms with two differing entries (waiting for reconciliation), then forms with the first entry only. */
export const DEMO_PAPER_DISAGREEING = 3;
export const DEMO_PAPER_FIRST_ONLY = 2;

/**
 * Entry 2 as a second person might mistype it: the first one or two single-choice questions that
 * entry 1 answered get another allowed value, every other answer is the same.
 */
function mistyped(entry1: Record<string, unknown>, choiceQuestions: { name: string; values: unknown[] }[], count: number): Record<string, unknown> {
  const entry2 = { ...entry1 };
  const answered = choiceQuestions.filter((q) => entry1[q.name] !== undefined && q.values.length > 1).slice(0, count);
  for (const q of answered) entry2[q.name] = q.values.find((v) => v !== entry1[q.name]);
  return entry2;
}

async function demoUser(repos: Repositories, username: string): Promise<User> {
  const user = await repos.users.getByUsername(username);
  if (!user) throw new Error(`demo paper entries need the demo account "${username}"; seed the demo users first`);
  return user;
}

/** Leaves the demo paper forms described above; returns how many households got entries. */
export async function seedDemoPaperEntries(repos: Repositories, options: { seed?: number } = {}): Promise<number> {
  const draw = (await repos.draws.list())[0];
  if (!draw) return 0;
  const [staff, staff2] = await Promise.all([demoUser(repos, 'staff'), demoUser(repos, 'staff2')]);
  const answered = new Set((await repos.responses.list({ status: 'submitted' })).map((r) => r.householdId));
  const candidates = (await repos.sampleUnits.listByDraw(draw.id))
    .filter((u) => u.status !== 'reserve' && !answered.has(u.householdId))
    .sort((a, b) => (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0));
  const wanted = DEMO_PAPER_DISAGREEING + DEMO_PAPER_FIRST_ONLY;
  if (candidates.length < wanted) return 0;
  const json = structuredClone(loadQuestionnaire(1)) as Record<string, unknown>;
  if (!(await repos.questionnaireVersions.get('family-life-quality', 1))) {
    await repos.questionnaireVersions.publish({ questionnaireId: 'family-life-quality', version: 1, json });
  }
  const choiceQuestions = questionCatalogue(loadQuestionnaire(1))
    .filter((q) => !q.multiple && q.choices && q.choices.length > 1)
    .map((q) => ({ name: q.name, values: q.choices!.map((c) => c.value) }));
  const frameHouseholds = await repos.households.listByFrame(draw.frameId);
  const typeOf = new Map(frameHouseholds.map((h) => [h.householdId, h.householdType ?? 'other']));
  const rng = createRng(options.seed ?? DEMO_PAPER_SEED);
  const uniform = () => rng.uniform();
  // A seeded partial Fisher–Yates shuffle picks the households, spread over the draw.
  const picked = [...candidates];
  for (let i = 0; i < wanted; i++) {
    const j = i + Math.floor(uniform() * (picked.length - i));
    [picked[i], picked[j]] = [picked[j]!, picked[i]!];
  }
  for (const [i, unit] of picked.slice(0, wanted).entries()) {
    const entry1 = exampleAnswers(uniform, typeOf.get(unit.householdId) ?? 'other', 0);
    const checked = validateAnswers(loadQuestionnaire(1), entry1, { partial: true, locale: 'de' });
    if (!checked.ok) throw new Error(`demo paper entry for household ${unit.householdId} is invalid: ${checked.errors.map((e) => `${e.question}: ${e.message}`).join('; ')}`);
    const at = new Date().toISOString();
    const form = { householdId: unit.householdId, questionnaireId: 'family-life-quality', questionnaireVersion: 1, district: unit.district, wave: draw.wave, drawId: draw.id };
    const first = await writePaperStep(repos, unit.householdId, paperEntryTransition(null, { type: 'key', form, userId: staff.id, answers: checked.data, at }));
    await record(repos, staff, unit.householdId, 1, checked.data);
    if (i >= DEMO_PAPER_DISAGREEING) continue;
    const entry2 = mistyped(checked.data, choiceQuestions, 1 + (i % 2));
    await writePaperStep(repos, unit.householdId, paperEntryTransition(first, { type: 'key', form, userId: staff2.id, answers: entry2, at }));
    await record(repos, staff2, unit.householdId, 2, entry2);
  }
  return wanted;
}

/** The snapshot and audit record a keyed entry leaves, as for entries made in the app. */
async function record(repos: Repositories, user: User, householdId: string, which: 1 | 2, answers: Record<string, unknown>): Promise<void> {
  const after = await repos.paperEntries.recordHistory({ householdId, kind: `entry${which}`, answers, userId: user.id });
  await recordAudit(repos.audit, actorOf(user), {
    action: 'paper.entry',
    entityType: 'paper_form',
    entityId: householdId,
    beforeId: null,
    afterId: after.id,
    afterSummary: `entry ${which} · ${Object.keys(answers).length} answers`,
    details: { entry: which, source: 'demo-seed', changedQuestions: Object.keys(answers) },
  });
}

export const paperDemoStep: SeedStep = {
  name: 'demo paper forms for double entry',
  async run(tx, _prepared, context) {
    const count = await seedDemoPaperEntries(tx);
    if (count > 0) context.notes.push(`Papiererfassung: ${DEMO_PAPER_DISAGREEING} Fragebögen warten auf den Abgleich, ${DEMO_PAPER_FIRST_ONLY} auf die zweite Erfassung.`);
  },
};
