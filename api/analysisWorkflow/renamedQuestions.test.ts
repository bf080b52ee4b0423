import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createInvitedHouseholds } from '../collection/testing/testHouseholds';
import { loadQuestionnaire } from '../questionnaire';
import { openStore } from '../store';
import type { Store } from '../store/types';
import { loadAnalysisInput } from './analysisInput';
import { seedSimulatedResponses } from './demoResponses';

/** v1 with `moving_intention` renamed to `moving_plan` (declared with renamedFrom), as a later version would. */
function versionRenaming(from: string, to: string): Record<string, unknown> {
  const json = structuredClone(loadQuestionnaire(1)) as { pages: { elements?: Record<string, unknown>[] }[] };
  for (const page of json.pages) for (const q of page.elements ?? []) if (q.name === from) Object.assign(q, { name: to, renamedFrom: from });
  return json;
}

describe('analysis input across questionnaire versions', function () {
  this.timeout(30_000);
  let dir: string;
  let store: Store;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'renamed-questions-'));
    store = await openStore({ dataDir: dir });
    await createInvitedHouseholds(store, 'x'.repeat(40), 40);
    expect(await seedSimulatedResponses(store, { rate: 1 })).to.be.greaterThan(0);
  });
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads answers given in v1 under the name a published later version gives the question (renamedFrom)', async () => {
    const given = (await loadAnalysisInput(store)).responses.filter((r) => 'moving_intention' in r.answers);
    expect(given.length).to.be.greaterThan(0);
    await store.questionnaireVersions.publish({ questionnaireId: 'family-life-quality', version: 2, json: versionRenaming('moving_intention', 'moving_plan') });
    const mapped = (await loadAnalysisInput(store)).responses;
    expect(mapped.filter((r) => 'moving_intention' in r.answers)).to.have.length(0);
    expect(mapped.filter((r) => 'moving_plan' in r.answers).map((r) => r.answers.moving_plan)).to.deep.equal(given.map((r) => r.answers.moving_intention));
  });

  it('ignores the renames of a draft version: nobody has answered it yet', async () => {
    await store.questionnaireVersions.create({ questionnaireId: 'family-life-quality', version: 2, json: versionRenaming('moving_intention', 'moving_plan'), status: 'draft', importedBy: null });
    const responses = (await loadAnalysisInput(store)).responses;
    expect(responses.some((r) => 'moving_intention' in r.answers)).to.equal(true);
    expect(responses.some((r) => 'moving_plan' in r.answers)).to.equal(false);
  });
});
