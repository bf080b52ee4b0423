/**
 * Demo seed steps of the maps: the schematic district and sub-district boundaries of the demo frame
 * (fixtures/syntheticAreaGeometry.ts), imported through the same checks as a planner's upload and stored as
 * version 1 of each level, marked schematic; then wave 1's results published, so the demo has a public
 * results page from the start.
 */
import { schematicAreaGeometry } from '../../fixtures/syntheticAreaGeometry';
import { SYSTEM_ACTOR } from '../audit/auditLog';
import type { SeedStep } from '../demo/seedDemo';
import { loadAnalysisInput } from '../analysisWorkflow/analysisInput';
import { computeAnalysis } from '../analysisWorkflow/computeAnalysis';
import type { Repositories, Store } from '../store/types';
import { checkAreaGeometry, storeAreaGeometry } from './geometryImport';
import { createPublication } from './publications';

/** Imports the schematic boundaries for the newest frame; returns how many levels were stored. */
export async function seedDemoGeometry(repos: Repositories): Promise<number> {
  const [frame] = await repos.frames.list();
  if (!frame) return 0;
  // The frame's own areas (the demo city's, or another frame's), drawn up around Gera's centre.
  const households = await repos.households.listByFrame(frame.id);
  const subdistricts = new Map<string, string>();
  for (const h of households) if (h.subdistrict !== null && !subdistricts.has(h.subdistrict)) subdistricts.set(h.subdistrict, h.district);
  const geometry = schematicAreaGeometry(
    frame.districts.map((d) => d.district),
    [...subdistricts].map(([name, district]) => ({ name, district })).sort((x, y) => x.name.localeCompare(y.name, 'de')),
  );
  const hasSubdistricts = subdistricts.size > 0;
  let stored = 0;
  for (const level of hasSubdistricts ? (['district', 'subdistrict'] as const) : (['district'] as const)) {
    const upload = { level, fileName: `schematische-${level === 'district' ? 'bezirke' : 'teilbezirke'}-demo.geojson`, text: JSON.stringify(geometry[level]) };
    await storeAreaGeometry(repos, { ...(await checkAreaGeometry(repos, upload)), schematic: true }, SYSTEM_ACTOR);
    stored++;
  }
  return stored;
}

export const geometryDemoStep: SeedStep = {
  name: 'demo schematic area boundaries',
  async run(tx) {
    await seedDemoGeometry(tx);
  },
};

/** Publishes wave 1 of the demo (its results as computed right after seeding). */
export const publicationDemoStep: SeedStep = {
  name: 'demo publication of wave 1',
  async run(tx) {
    const draw = (await tx.draws.list()).find((d) => d.wave === 1);
    if (!draw) return;
    // loadAnalysisInput reads repositories only, so the seed's transaction can stand in for the store.
    const run = computeAnalysis(await loadAnalysisInput(tx as unknown as Store, draw.id));
    await createPublication(tx, run, SYSTEM_ACTOR);
  },
};
