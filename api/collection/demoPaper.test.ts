import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { seedDemo } from '../demo/seedDemo';
import { openStore } from '../store';
import type { PaperEntry, Store } from '../store/types';
import { DEMO_PAPER_DISAGREEING, DEMO_PAPER_FIRST_ONLY } from './demoPaperEntries';
import { differingQuestions, reconcilePaperForm } from './paperService';

async function seededStore(dir: string): Promise<Store> {
  const store = await openStore({ dataDir: dir });
  await seedDemo(store, undefined, { dataDir: dir });
  return store;
}

// Household ids are pseudonyms drawn anew for each store, so two stores agree on the shape of the forms, not on the ids.
const summary = (entries: PaperEntry[]) =>
  entries
    .map((e) => ({ status: e.status, differences: e.entry2Answers ? differingQuestions(e.entry1Answers, e.entry2Answers).length : null }))
    .sort((a, b) => `${a.status}${a.differences}`.localeCompare(`${b.status}${b.differences}`));

describe('demo seed: paper forms for double entry', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  let store: Store;
  /** The forms and responses as the seed left them; the reconcile test changes the store afterwards. */
  let seeded: { entries: PaperEntry[]; submitted: Map<string, unknown> };

  before(async () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'demo-paper-')));
    store = await seededStore(dirs[0]!);
    const entries = await store.paperEntries.list();
    seeded = { entries, submitted: new Map(await Promise.all(entries.map(async (e) => [e.householdId, await store.responses.submittedForHousehold(e.householdId)] as const))) };
  });
  after(async () => {
    await store?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves forms by staff and staff2: three with one or two differences, two with the first entry only', async () => {
    const [staff, staff2] = await Promise.all([store.users.getByUsername('staff'), store.users.getByUsername('staff2')]);
    const entries = seeded.entries;
    expect(entries).to.have.length(DEMO_PAPER_DISAGREEING + DEMO_PAPER_FIRST_ONLY);
    const waiting = entries.filter((e) => e.status === 'awaiting-reconciliation');
    const firstOnly = entries.filter((e) => e.status === 'awaiting-second-entry');
    expect(waiting).to.have.length(3);
    expect(firstOnly).to.have.length(2);
    for (const e of entries) expect(e.entry1UserId).to.equal(staff!.id);
    for (const e of waiting) {
      expect(e.entry2UserId).to.equal(staff2!.id);
      expect(differingQuestions(e.entry1Answers, e.entry2Answers!).length).to.be.within(1, 2);
    }
    expect(new Set(waiting.map((e) => differingQuestions(e.entry1Answers, e.entry2Answers!).length))).to.deep.equal(new Set([1, 2]));
  });

  it('uses sampled households without a submitted response and adds no response', async () => {
    const draw = (await store.draws.list())[0]!;
    const sampled = new Set((await store.sampleUnits.listByDraw(draw.id)).filter((u) => u.status !== 'reserve').map((u) => u.householdId));
    for (const e of seeded.entries) {
      expect(sampled.has(e.householdId), e.householdId).to.equal(true);
      expect(seeded.submitted.get(e.householdId), e.householdId).to.equal(null);
    }
  });

  it('is reproducible: a second seeded store has forms of the same states and numbers of differences', async () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'demo-paper-')));
    const other = await seededStore(dirs[1]!);
    try {
      expect(summary(await other.paperEntries.list())).to.deep.equal(summary(seeded.entries));
    } finally {
      await other.close();
    }
  });

  it('a waiting demo form can be reconciled like any other', async () => {
    const admin = (await store.users.getByUsername('admin'))!;
    const form = (await store.paperEntries.list({ status: 'awaiting-reconciliation' }))[0]!;
    const resolutions = Object.fromEntries(differingQuestions(form.entry1Answers, form.entry2Answers!).map((q) => [q, { choice: 'entry2' as const }]));
    const done = await reconcilePaperForm(store, admin, form.householdId, { revision: form.revision, resolutions }, 'de');
    expect(done.status).to.equal('reconciled');
    expect(done.outcome).to.equal('counted');
  });
});
