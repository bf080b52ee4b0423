import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { seedDemo } from '../demo/seedDemo';
import { openStore } from '../store';
import type { Store } from '../store/types';
import { currentQuestionnaire } from './questionnaires';
import { fieldworkMonitor } from './fieldworkMonitor';

describe('demo seed: returns without questionnaire', function () {
  this.timeout(60_000);
  let dir: string;
  let store: Store;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-dispositions-'));
    store = await openStore({ dataDir: dir });
    await seedDemo(store, undefined, { dataDir: dir });
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records 6 refusals, 4 undeliverable letters and 2 not eligible for silent households of the newest draw, and the monitor shows them', async () => {
    const dispositions = await store.dispositions.list();
    const count = (d: string) => dispositions.filter((x) => x.disposition === d).length;
    expect([count('refused'), count('unreachable'), count('not_eligible')]).to.deep.equal([6, 4, 2]);
    const draw = (await store.draws.list())[0]!;
    expect(new Set(dispositions.map((d) => d.drawId))).to.deep.equal(new Set([draw.id]));
    const answered = new Set((await store.responses.list({ status: 'submitted' })).map((r) => r.householdId));
    const onPaper = new Set((await store.paperEntries.list()).map((p) => p.householdId));
    for (const d of dispositions) expect(answered.has(d.householdId) || onPaper.has(d.householdId), d.householdId).to.equal(false);
    expect(dispositions.every((d) => d.recordedByUsername === 'staff')).to.equal(true);

    const q = await currentQuestionnaire(store);
    const monitor = fieldworkMonitor(await store.roster.list(), await store.responses.list(), await store.paperEntries.list(), (q.json.pages as unknown[]).length, dispositions);
    expect(monitor.total).to.include({ refused: 6, unreachable: 4, notEligible: 2 });
    const complete = monitor.total.completedOnline + monitor.total.completedPaper;
    expect(monitor.total.rr1).to.equal(complete / (monitor.total.invited - 2));
  });
});
