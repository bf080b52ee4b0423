/**
 * Demo seed step for returns without questionnaire: a few refusals, undeliverable letters and
 * households no longer eligible in the newest draw, recorded by the demo account `staff`, so the
 * fieldwork monitor shows them and the reminder list leaves them out. Only households without a
 * submitted response or paper form are picked (seeded partial Fisher–Yates over the households
 * sorted by id), so the analysis and paper-entry demos stay as they are. Notes are invented.
 */
import type { SeedStep } from '../demo/seedDemo';
import type { Disposition, Repositories } from '../store/types';
import { createRng } from '../../sampling';
import { setDisposition } from './dispositionService';

export const DEMO_DISPOSITION_SEED = 6161;
/** How many of each disposition the demo records. */
export const DEMO_DISPOSITIONS: readonly { disposition: Disposition; count: number; note: string | null }[] = [
  { disposition: 'refused', count: 6, note: 'Anruf: möchte nicht teilnehmen' },
  { disposition: 'unreachable', count: 4, note: 'Brief zurück: Empfänger unbekannt' },
  { disposition: 'not_eligible', count: 2, note: 'Kind inzwischen volljährig' },
];

/** Records the demo dispositions; returns how many households got one (0 when there is no draw). */
export async function seedDemoDispositions(repos: Repositories, options: { seed?: number } = {}): Promise<number> {
  const draw = (await repos.draws.list())[0];
  if (!draw) return 0;
  const staff = await repos.users.getByUsername('staff');
  if (!staff) throw new Error('demo dispositions need the demo account "staff"; seed the demo users first');
  const answered = new Set((await repos.responses.list({ status: 'submitted' })).map((r) => r.householdId));
  const onPaper = new Set((await repos.paperEntries.list()).map((p) => p.householdId));
  const candidates = (await repos.sampleUnits.listByDraw(draw.id))
    .filter((u) => u.status !== 'reserve' && !answered.has(u.householdId) && !onPaper.has(u.householdId))
    .sort((a, b) => (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0));
  const wanted = DEMO_DISPOSITIONS.reduce((n, d) => n + d.count, 0);
  if (candidates.length < wanted) return 0;
  const rng = createRng(options.seed ?? DEMO_DISPOSITION_SEED);
  for (let i = 0; i < wanted; i++) {
    const j = i + Math.floor(rng.uniform() * (candidates.length - i));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  const kinds = DEMO_DISPOSITIONS.flatMap((d) => Array.from({ length: d.count }, () => d));
  for (const [i, kind] of kinds.entries()) {
    const unit = candidates[i]!;
    await setDisposition(repos, staff, { drawId: draw.id, householdId: unit.householdId, district: unit.district, wave: draw.wave }, kind.disposition, kind.note, 'demo-seed');
  }
  return wanted;
}

export const dispositionDemoStep: SeedStep = {
  name: 'demo returns without questionnaire',
  async run(tx, _prepared, context) {
    const count = await seedDemoDispositions(tx);
    if (count > 0) {
      const parts = DEMO_DISPOSITIONS.map((d) => `${d.count} ${{ refused: 'Verweigerungen', unreachable: 'unzustellbare Briefe', not_eligible: 'nicht mehr zur Zielgruppe' }[d.disposition]}`);
      context.notes.push(`Rücklauf ohne Fragebogen: ${parts.join(', ')}.`);
    }
  },
};
