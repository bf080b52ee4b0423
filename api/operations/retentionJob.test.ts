/**
 * The retention job on a real SQLite store: the upgrade fixture (a store with contacts, responses,
 * paper entries, session links and audit entries at known dates), migrated by the current code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { writeOldReleaseStore } from '../../fixtures/upgrade/buildFixture';
import { openStore } from '../store';
import type { Store } from '../store/types';
import { LAST_RUN_KEY, runRetention, startRetentionSchedule, type RetentionRun } from './retentionJob';

const policy = { contactsDaysAfterFieldwork: 90, answersYears: 10 };

describe('retention job (SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'retention-'));
    writeOldReleaseStore(dir);
    store = await openStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a dry run reports what is due and changes nothing, not even the audit trail', async () => {
    const data = await store.openRetentionData();
    try {
      const run = await runRetention({ store, data, policy, now: new Date('2026-06-01T00:30:00.000Z'), dryRun: true });
      expect(run.status).to.equal('dry-run');
      // Fieldwork of f-1 ended with the last paper entry on 3 March 00:30; due 90 days later.
      expect(run.plan!.purgeContacts).to.deep.equal([{ frameId: 'f-1', contacts: 5, fieldworkEndedAt: '2026-03-03T00:30:00.000Z', dueSince: '2026-06-01T00:30:00.000Z' }]);
      expect(await store.contacts.countByFrame('f-1')).to.equal(5);
      expect(await store.audit.count()).to.equal(5);
      expect(await store.meta.get(LAST_RUN_KEY)).to.equal(null);
    } finally {
      await data.close();
    }
  });

  it('purges contacts after fieldwork, keeps answers younger than N years, audits the counts, and runs once a day', async () => {
    const data = await store.openRetentionData();
    try {
      const now = new Date('2026-11-28T03:00:00.000Z');
      const run = await runRetention({ store, data, policy, now, dryRun: false, minIntervalMs: 86_400_000 });
      expect(run.status).to.equal('applied');
      expect(run.contactsPurged).to.deep.equal([{ frameId: 'f-1', removed: 5 }]);
      expect(run.answers).to.deep.equal({ responses: 0, paperEntries: 0, surveyLinks: 0, paperHistoryKept: 0, dispositions: 0 });
      expect(await store.contacts.countByFrame('f-1')).to.equal(0);
      expect((await store.frames.get('f-1'))!.contactsPurgedAt).to.be.a('string');
      expect((await store.responses.list()).length).to.equal(4);
      const [entry, purge] = await store.audit.list({ limit: 2, offset: 0 });
      expect(entry).to.deep.include({ action: 'retention.run', entityType: 'store' });
      expect(entry!.details).to.deep.include({ contactsPurged: [{ frameId: 'f-1', removed: 5 }], responsesDeleted: 0, paperEntriesDeleted: 0, auditKept: true });
      expect(purge).to.deep.include({ action: 'frame.contacts.purge', entityId: 'f-1' });
      expect(await store.meta.get(LAST_RUN_KEY)).to.equal(now.toISOString());

      const again = await runRetention({ store, data, policy, now: new Date(now.getTime() + 3_600_000), dryRun: false, minIntervalMs: 86_400_000 });
      expect(again.status).to.equal('skipped-ran-recently');
      expect(await store.audit.count()).to.equal(7);
    } finally {
      await data.close();
    }
  });

  it('deletes raw answers older than N years with their session links; audit and paper-entry history are kept', async () => {
    // A refusal recorded during fieldwork (old) and a correction recorded last week (young).
    await store.dispositions.set({ drawId: 'd-1', householdId: 'H102', disposition: 'refused', note: 'am Telefon abgelehnt', recordedByUserId: null, recordedByUsername: null, recordedAt: '2026-02-10T09:00:00.000Z' });
    await store.dispositions.set({ drawId: 'd-1', householdId: 'H103', disposition: 'unreachable', note: null, recordedByUserId: null, recordedByUsername: null, recordedAt: '2027-05-25T09:00:00.000Z' });
    const data = await store.openRetentionData();
    try {
      const run = await runRetention({ store, data, policy: { contactsDaysAfterFieldwork: 90, answersYears: 1 }, now: new Date('2027-06-01T00:00:00.000Z'), dryRun: false });
      expect(run.answers).to.deep.equal({ responses: 4, paperEntries: 2, surveyLinks: 1, paperHistoryKept: 4, dispositions: 1 });
      expect((await store.dispositions.list()).map((d) => d.householdId)).to.deep.equal(['H103']);
      expect(await store.responses.list()).to.deep.equal([]);
      expect(await store.paperEntries.list()).to.deep.equal([]);
      expect(await store.surveyLinks.get('h-resident')).to.equal(null);
      expect((await store.paperEntries.history('H101')).length).to.equal(3);
      expect(await store.audit.count()).to.equal(7); // 5 old + contact purge + retention.run
      expect((await store.audit.list({ limit: 1, offset: 0 }))[0]!.details).to.deep.include({ responsesDeleted: 4, paperEntriesDeleted: 2, surveyLinksDeleted: 1, paperHistoryKept: 4, dispositionsDeleted: 1 });
      // Analysis-side records without answers stay.
      expect((await store.sampleUnits.listByDraw('d-1')).length).to.equal(5);
    } finally {
      await data.close();
    }
  });

  it('two instances started together: the lease lets exactly one of them apply retention', async () => {
    const other = await openStore({ dataDir: dir });
    const a = await store.openRetentionData();
    const b = await other.openRetentionData();
    try {
      const now = new Date('2026-11-28T03:00:00.000Z');
      const runs = await Promise.all([
        runRetention({ store, data: a, policy, now, dryRun: false, minIntervalMs: 86_400_000, holder: 'api-1' }),
        runRetention({ store: other, data: b, policy, now, dryRun: false, minIntervalMs: 86_400_000, holder: 'api-2' }),
      ]);
      expect(runs.map((r) => r.status).sort()).to.satisfy((s: string[]) => s[0] === 'applied' && s[1] !== 'applied');
      expect((await store.audit.list({ limit: 10, offset: 0 })).filter((e) => e.action === 'retention.run')).to.have.length(1);
      // A lease left by a crashed holder expires: 31 minutes later another instance may run.
      expect(await a.acquireLease('crashed', now.toISOString(), new Date(now.getTime() + 30 * 60_000).toISOString())).to.equal(true);
      expect(await b.acquireLease('api-2', new Date(now.getTime() + 60_000).toISOString(), new Date(now.getTime() + 31 * 60_000).toISOString())).to.equal(false);
      expect(await b.acquireLease('api-2', new Date(now.getTime() + 31 * 60_000).toISOString(), new Date(now.getTime() + 61 * 60_000).toISOString())).to.equal(true);
    } finally {
      await Promise.all([a.close(), b.close(), other.close()]);
    }
  });

  it('the schedule of two server instances applies retention once per day', async () => {
    const other = await openStore({ dataDir: dir });
    const runs: RetentionRun[] = [];
    const errors: unknown[] = [];
    const clock = () => new Date('2026-11-28T03:00:00.000Z');
    const schedules = [store, other].map((s, i) =>
      startRetentionSchedule({ store: s, openData: () => s.openRetentionData(), policy, checkEveryMs: 40, now: clock, holder: `api-${i}`, onRun: (r) => runs.push(r), onError: (e) => errors.push(e) }),
    );
    try {
      await new Promise((r) => setTimeout(r, 1_000));
    } finally {
      await Promise.all(schedules.map((s) => s.stop()));
      await other.close();
    }
    expect(errors).to.deep.equal([]);
    expect(runs.filter((r) => r.status === 'applied')).to.have.length(1);
    expect(runs.length).to.be.greaterThan(2);
    expect((await store.audit.list({ limit: 20, offset: 0 })).filter((e) => e.action === 'retention.run')).to.have.length(1);
  });
});
