/**
 * Demo seed step for printed questionnaires: every contacted household of the newest demo draw gets
 * its paper form reference, as if the forms had been printed with the letters, so the print button
 * of the Stichprobe page and the scan import find them.
 */
import type { SeedStep } from '../demo/seedDemo';
import { FAMILY_LIFE_QUALITY_ID } from '../questionnaire/registry';
import { drawFormReferences } from './drawForms';

export const paperFormDemoStep: SeedStep = {
  name: 'demo paper form references',
  async run(tx) {
    const draw = (await tx.draws.list())[0];
    if (!draw) return;
    await drawFormReferences(tx, draw.id, { id: FAMILY_LIFE_QUALITY_ID, version: 1 });
  },
};
