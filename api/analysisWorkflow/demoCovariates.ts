/**
 * Demo seed step for the small-area models: one synthetic covariate file per level for the demo
 * frame (fixtures/syntheticAreaCovariates.ts), imported through the same check and store steps as a
 * planner's upload, so the demo starts with version 1 of each level in the audit trail.
 */
import { syntheticAreaCovariatesCsv } from '../../fixtures/syntheticAreaCovariates';
import { SYSTEM_ACTOR } from '../audit/auditLog';
import type { SeedStep } from '../demo/seedDemo';
import type { Repositories } from '../store/types';
import { checkAreaCovariates, storeAreaCovariates } from './areaCovariateImport';

export const DEMO_COVARIATE_SEED = 7070;

/** Imports the synthetic district and sub-district covariates of the newest frame; returns the versions stored. */
export async function seedDemoCovariates(repos: Repositories, options: { seed?: number } = {}): Promise<number> {
  const [frame] = await repos.frames.list();
  if (!frame) return 0;
  const households = await repos.households.listByFrame(frame.id);
  if (!households.some((h) => h.subdistrict !== null)) return 0;
  const files = syntheticAreaCovariatesCsv(households, options.seed ?? DEMO_COVARIATE_SEED);
  let stored = 0;
  for (const level of ['district', 'subdistrict'] as const) {
    const upload = { frameId: frame.id, level, fileName: `gebietsmerkmale-${level === 'district' ? 'bezirke' : 'teilbezirke'}-demo.csv`, bytes: Buffer.from(files[level], 'utf8') };
    await storeAreaCovariates(repos, await checkAreaCovariates(repos, upload), SYSTEM_ACTOR);
    stored++;
  }
  return stored;
}

export const covariateDemoStep: SeedStep = {
  name: 'demo area covariates',
  async run(tx) {
    await seedDemoCovariates(tx);
  },
};
