/**
 * Behavioural contract of the data-collection repositories (questionnaire versions, responses,
 * survey links, paper entries, roster), run against every store adapter available on this machine:
 * SQLite always, MongoDB when MONGODB_URI points at a server (api/store/testing/contractAdapters.ts).
 */
import { expect } from 'chai';
import { forEveryAdapter, freshStorePerTest, type AdapterUnderTest } from './testing/contractAdapters';
import { DuplicateKeyError, type PaperEntry, type Store } from './types';
import { firstPaperEntry } from '../collection/paperEntryTransition';
import { SHIPPED_QUESTIONNAIRES } from './shippedQuestionnaires';

const QID = 'family-life-quality';
const hex = (c: string) => c.repeat(64);

async function seedSample(store: Store): Promise<{ drawId: string }> {
  const frame = await store.frames.create({
    id: 'frame-1',
    name: 'Test frame',
    importedAt: new Date().toISOString(),
    importedBy: null,
    rowCount: 3,
    fingerprint: hex('f'),
    columnMapping: { householdId: 'id', district: 'd', name: 'n', street: 's', houseNumber: 'h', postcode: 'p', city: 'c' },
    districts: [{ district: '01', households: 2 }, { district: '02', households: 1 }],
  });
  const draw = await store.draws.create({
    frameId: frame.id,
    wave: 1,
    method: 'srswor',
    seed: 1,
    prng: 'xoroshiro128+',
    frameFingerprint: hex('a'),
    sortKey: null,
    allocationExact: { '01': 1, '02': 1 },
    allocation: { '01': 1, '02': 1 },
    reserve: { '01': 1, '02': 0 },
    createdBy: null,
  });
  const unit = (householdId: string, district: string, status: 'invited' | 'reserve') => ({
    drawId: draw.id,
    householdId,
    district,
    inclusionProbability: 0.5,
    designWeight: 2,
    status,
    wave: 1,
    reserveRank: status === 'reserve' ? 1 : null,
    releasedAt: null,
  });
  await store.sampleUnits.insertMany([unit('HH-A', '01', 'invited'), unit('HH-R', '01', 'reserve'), unit('HH-B', '02', 'invited')]);
  const issuedAt = new Date().toISOString();
  await store.accessCodes.insertMany([
    { drawId: draw.id, householdId: 'HH-A', codeHash: hex('1'), issuedAt },
    { drawId: draw.id, householdId: 'HH-B', codeHash: hex('2'), issuedAt },
    { drawId: draw.id, householdId: 'HH-R', codeHash: hex('3'), issuedAt },
  ]);
  return { drawId: draw.id };
}

function collectionContract(adapter: AdapterUnderTest): void {
  describe(`Collection store contract: ${adapter.name}`, function () {
    this.timeout(20_000);
    let store: Store;
    freshStorePerTest(adapter, (opened) => (store = opened));
    describe('questionnaireVersions', () => {
      it('knows the shipped family-life-quality v1 as published right after migration', async () => {
        const v1 = await store.questionnaireVersions.get(QID, 1);
        expect(v1).to.include({ questionnaireId: QID, version: 1, status: 'published', importedBy: null, retiredAt: null });
        expect(v1!.publishedAt).to.be.a('string');
        expect(v1!.json).to.deep.equal(SHIPPED_QUESTIONNAIRES[0]!.json);
        expect((await store.questionnaireVersions.latest(QID))?.version).to.equal(1);
        expect((await store.questionnaireVersions.list()).map((v) => `${v.questionnaireId}@${v.version}`)).to.deep.equal([`${QID}@1`]);
      });

      it('publishes once, reads back, returns the latest, and refuses to republish or change a version', async () => {
        await store.questionnaireVersions.publish({ questionnaireId: QID, version: 2, json: { pages: [{ name: 'p' }] } });
        expect((await store.questionnaireVersions.get(QID, 2))?.json).to.deep.equal({ pages: [{ name: 'p' }] });
        expect((await store.questionnaireVersions.latest(QID))?.version).to.equal(2);
        expect(await store.questionnaireVersions.get(QID, 9)).to.equal(null);
        expect(await store.questionnaireVersions.latest('other')).to.equal(null);
        const err = await store.questionnaireVersions.publish({ questionnaireId: QID, version: 2, json: {} }).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(DuplicateKeyError);
      });

      it('stores a draft that is not the latest until published, then retires it; the status never goes back', async () => {
        const draft = await store.questionnaireVersions.create({ questionnaireId: QID, version: 2, json: { pages: [{ name: 'p2' }] }, status: 'draft', importedBy: 'u-planner' });
        expect(draft).to.include({ status: 'draft', publishedAt: null, importedBy: 'u-planner', retiredAt: null });
        expect(draft.importedAt).to.be.a('string');
        expect((await store.questionnaireVersions.latest(QID))?.version).to.equal(1);
        expect(await store.questionnaireVersions.setStatus(QID, 2, 'published', 'retired')).to.equal(null);
        const published = await store.questionnaireVersions.setStatus(QID, 2, 'draft', 'published', '2027-01-02T03:04:05.000Z');
        expect(published).to.include({ status: 'published', publishedAt: '2027-01-02T03:04:05.000Z', importedBy: 'u-planner' });
        expect((await store.questionnaireVersions.latest(QID))?.version).to.equal(2);
        expect(await store.questionnaireVersions.setStatus(QID, 2, 'draft', 'published')).to.equal(null);
        const retired = await store.questionnaireVersions.setStatus(QID, 2, 'published', 'retired');
        expect(retired).to.include({ status: 'retired', publishedAt: '2027-01-02T03:04:05.000Z' });
        expect(retired!.retiredAt).to.be.a('string');
        expect((await store.questionnaireVersions.latest(QID))?.version).to.equal(1);
        expect(await store.questionnaireVersions.setStatus(QID, 9, 'draft', 'published')).to.equal(null);
        const backwards = await store.questionnaireVersions.setStatus(QID, 2, 'retired', 'draft').then(
          (r) => r,
          (e: unknown) => e,
        );
        expect(backwards).to.not.have.property('status');
        expect((await store.questionnaireVersions.get(QID, 2))?.status).to.equal('retired');
        expect((await store.questionnaireVersions.list(QID)).map((v) => [v.version, v.status])).to.deep.equal([
          [1, 'published'],
          [2, 'retired'],
        ]);
        const again = await store.questionnaireVersions.create({ questionnaireId: QID, version: 2, json: {}, status: 'draft', importedBy: null }).catch((e: unknown) => e);
        expect(again).to.be.instanceOf(DuplicateKeyError);
      });

      it('ties a draw (wave) to one stored version and replaces the binding when asked', async () => {
        const { drawId } = await seedSample(store);
        expect(await store.questionnaireVersions.waveBinding(drawId)).to.equal(null);
        await store.questionnaireVersions.create({ questionnaireId: QID, version: 2, json: { pages: [] }, status: 'published', importedBy: null });
        const bound = await store.questionnaireVersions.bindWave({ drawId, questionnaireId: QID, questionnaireVersion: 1, boundBy: 'u-1' });
        expect(bound).to.include({ drawId, questionnaireId: QID, questionnaireVersion: 1, boundBy: 'u-1' });
        await store.questionnaireVersions.bindWave({ drawId, questionnaireId: QID, questionnaireVersion: 2, boundBy: null, boundAt: '2027-02-01T00:00:00.000Z' });
        expect(await store.questionnaireVersions.waveBinding(drawId)).to.deep.equal({ drawId, questionnaireId: QID, questionnaireVersion: 2, boundAt: '2027-02-01T00:00:00.000Z', boundBy: null });
        expect(await store.questionnaireVersions.waveBindings()).to.have.length(1);
        expect(await store.questionnaireVersions.bindWave({ drawId: 'no-such-draw', questionnaireId: QID, questionnaireVersion: 1, boundBy: null }).then(() => 'stored', () => 'refused')).to.equal('refused');
        expect(await store.questionnaireVersions.bindWave({ drawId, questionnaireId: QID, questionnaireVersion: 7, boundBy: null }).then(() => 'stored', () => 'refused')).to.equal('refused');
      });
    });

    describe('responses', () => {
      const base = { questionnaireId: QID, questionnaireVersion: 1, district: '01', wave: 1, drawId: 'd1' };

      it('opens one draft per household and channel, saves it, submits it once', async () => {
        const draft = await store.responses.openDraft({ ...base, householdId: 'HH-A', mode: 'online' });
        expect(draft).to.include({ householdId: 'HH-A', mode: 'online', status: 'draft', currentPage: 0, probabilitySample: true, revision: 1, submittedAt: null });
        expect((await store.responses.openDraft({ ...base, householdId: 'HH-A', mode: 'online' })).id).to.equal(draft.id);

        const saved = await store.responses.saveDraft(draft.id, { children_count: 2 }, 3);
        expect(saved).to.deep.include({ answers: { children_count: 2 }, currentPage: 3, revision: 2 });
        const submitted = await store.responses.submit(draft.id, { children_count: 2, single_parent: 1 });
        expect(submitted).to.include({ status: 'submitted', revision: 3 });
        expect(submitted!.submittedAt).to.be.a('string');
        expect(await store.responses.submit(draft.id, {})).to.equal(null);
        expect(await store.responses.saveDraft(draft.id, {}, 0)).to.equal(null);
        expect((await store.responses.submittedForHousehold('HH-A'))?.id).to.equal(draft.id);
        expect(await store.responses.submittedForHousehold('HH-B')).to.equal(null);
      });

      it('allows exactly one submitted response per household across channels (unique constraint)', async () => {
        const online = await store.responses.openDraft({ ...base, householdId: 'HH-A', mode: 'online' });
        await store.responses.createSubmitted({ ...base, householdId: 'HH-A', mode: 'paper', answers: { children_count: 1 } });
        const err = await store.responses.submit(online.id, { children_count: 2 }).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(DuplicateKeyError);
        expect((await store.responses.get(online.id))?.status).to.equal('draft');
        const again = await store.responses.createSubmitted({ ...base, householdId: 'HH-A', mode: 'online', answers: {} }).catch((e: unknown) => e);
        expect(again).to.be.instanceOf(DuplicateKeyError);
        expect(await store.responses.list({ status: 'submitted' })).to.have.length(1);
      });

      it('stores exactly one of 20 concurrent submits of one draft; the others see no draft', async () => {
        const draft = await store.responses.openDraft({ ...base, householdId: 'HH-A', mode: 'online' });
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.responses.submit(draft.id, { attempt: i })));
        const stored = results.filter((r) => r !== null);
        expect(stored).to.have.length(1);
        expect(await store.responses.get(draft.id)).to.deep.include({ status: 'submitted', answers: stored[0]!.answers, revision: 2 });
      });

      it('acknowledges concurrent submits of different drafts each with its own stored row, and fails only the one that breaks a constraint', async () => {
        const paper = await store.responses.createSubmitted({ ...base, householdId: 'HH-A', mode: 'paper', answers: { children_count: 1 } });
        const drafts = await Promise.all([
          store.responses.openDraft({ ...base, householdId: 'HH-A', mode: 'online' }),
          store.responses.openDraft({ ...base, householdId: 'HH-B', mode: 'online' }),
          ...Array.from({ length: 30 }, () => store.responses.createOpenDraft({ questionnaireId: QID, questionnaireVersion: 1 })),
        ]);
        const outcomes = await Promise.allSettled(drafts.map((d, i) => store.responses.submit(d.id, { n: i })));
        // HH-A already has its paper response: that submit alone fails, in the same group as the others.
        expect(outcomes[0]!.status).to.equal('rejected');
        expect((outcomes[0] as PromiseRejectedResult).reason).to.be.instanceOf(DuplicateKeyError);
        for (const [i, outcome] of outcomes.entries()) {
          if (i === 0) continue;
          expect(outcome.status).to.equal('fulfilled');
          expect((outcome as PromiseFulfilledResult<unknown>).value).to.deep.include({ id: drafts[i]!.id, status: 'submitted', answers: { n: i } });
        }
        const submitted = await store.responses.list({ status: 'submitted' });
        expect(submitted.map((r) => r.id).sort()).to.deep.equal([paper.id, ...drafts.slice(1).map((d) => d.id)].sort());
      });

      it('flags open-link responses as outside the probability sample and lists by filter', async () => {
        const open = await store.responses.createOpenDraft({ questionnaireId: QID, questionnaireVersion: 1 });
        expect(open).to.include({ householdId: null, mode: 'open', probabilitySample: false });
        await store.responses.openDraft({ ...base, householdId: 'HH-B', mode: 'online' });
        expect((await store.responses.list({ mode: 'open' })).map((r) => r.id)).to.deep.equal([open.id]);
        expect(await store.responses.list({ householdId: 'HH-B' })).to.have.length(1);
        expect(await store.responses.list()).to.have.length(2);
      });

      it('refuses a response for a questionnaire version that was never published', async () => {
        const err = await store.responses.openDraft({ ...base, questionnaireVersion: 7, householdId: 'HH-A', mode: 'online' }).catch((e: unknown) => e);
        expect((err as Error).message).to.match(/FOREIGN KEY/);
      });

      it('rolls a submit back with its transaction', async () => {
        const draft = await store.responses.openDraft({ ...base, householdId: 'HH-A', mode: 'online' });
        await store
          .transaction(async (tx) => {
            await tx.responses.submit(draft.id, { x: 1 });
            throw new Error('stop');
          })
          .catch(() => undefined);
        expect((await store.responses.get(draft.id))?.status).to.equal('draft');
      });

      it('stores no address or name fields in response rows', async () => {
        await store.responses.openDraft({ ...base, householdId: 'HH-A', mode: 'online' });
        const row = (await store.responses.list())[0]!;
        expect(Object.keys(row)).to.not.include.members(['name', 'street', 'houseNumber', 'postcode', 'city', 'code']);
      });
    });

    describe('surveyLinks', () => {
      it('binds a session to a response and rebinds it', async () => {
        const now = new Date();
        await store.sessions.create({ idHash: 'sess-1', userId: null, csrfToken: 't', createdAt: now.toISOString(), lastSeenAt: now.toISOString(), expiresAt: new Date(now.getTime() + 60_000).toISOString() });
        const a = await store.responses.openDraft({ questionnaireId: QID, questionnaireVersion: 1, householdId: 'HH-A', mode: 'online' });
        const b = await store.responses.createOpenDraft({ questionnaireId: QID, questionnaireVersion: 1 });
        expect(await store.surveyLinks.get('sess-1')).to.equal(null);
        expect(await store.surveyLinks.bind({ sessionIdHash: 'sess-1', householdId: 'HH-A', responseId: a.id })).to.include({ householdId: 'HH-A', responseId: a.id });
        await store.surveyLinks.bind({ sessionIdHash: 'sess-1', householdId: null, responseId: b.id });
        expect(await store.surveyLinks.get('sess-1')).to.include({ householdId: null, responseId: b.id });
        await store.sessions.delete('sess-1');
        expect(await store.surveyLinks.get('sess-1')).to.equal(null);
      });
    });

    describe('paperEntries', () => {
      const T0 = '2026-03-02T09:00:00.000Z';
      const T1 = '2026-03-02T10:00:00.000Z';
      const first: PaperEntry = firstPaperEntry({ householdId: 'HH-A', questionnaireId: QID, questionnaireVersion: 1, district: '01', wave: 1, drawId: 'd1' }, 'u1', { children_count: 2 }, T0);

      it('creates an entry as given, once per household', async () => {
        expect(await store.paperEntries.create(first)).to.deep.equal(first);
        expect(await store.paperEntries.get('HH-A')).to.deep.equal(first);
        expect(await store.paperEntries.create(first).catch((e: unknown) => e)).to.be.instanceOf(DuplicateKeyError);
      });

      it('compare-and-set writes the given fields and the next revision only where the revision still matches', async () => {
        await store.paperEntries.create(first);
        const change = { entry2UserId: 'u2', entry2Answers: { children_count: 3 }, entry2At: T1, status: 'awaiting-reconciliation' as const, updatedAt: T1 };
        const second = await store.paperEntries.compareAndSet('HH-A', 1, change);
        expect(second).to.deep.equal({ ...first, ...change, revision: 2 });
        expect(await store.paperEntries.get('HH-A')).to.deep.equal(second);
        // Someone else wrote in between: nothing is written.
        expect(await store.paperEntries.compareAndSet('HH-A', 1, { entry1Answers: {}, updatedAt: T1 })).to.equal(null);
        expect(await store.paperEntries.compareAndSet('HH-NONE', 1, { updatedAt: T1 })).to.equal(null);
        expect(await store.paperEntries.get('HH-A')).to.deep.equal(second);

        const resolution = { question: 'children_count', entry1: 2, entry2: 3, choice: 'entry2' as const, value: 3 };
        const settled = { status: 'reconciled' as const, reconciledAnswers: { children_count: 3 }, resolutions: [resolution], reconcilerUserId: 'u3', reconciledAt: T1, outcome: 'counted' as const, updatedAt: T1 };
        expect(await store.paperEntries.compareAndSet('HH-A', 2, settled)).to.deep.equal({ ...second, ...settled, revision: 3 });
        expect(await store.paperEntries.compareAndSet('HH-A', 2, { ...settled, reconcilerUserId: 'u4' })).to.equal(null);
        expect((await store.paperEntries.list({ status: 'reconciled' })).map((e) => e.householdId)).to.deep.equal(['HH-A']);
        expect(await store.paperEntries.list({ status: 'awaiting-second-entry' })).to.deep.equal([]);
      });

      it('of two compare-and-sets on the same revision exactly one matches', async () => {
        await store.paperEntries.create(first);
        const results = await Promise.all(['u2', 'u3'].map((u) => store.paperEntries.compareAndSet('HH-A', 1, { entry2UserId: u, entry2Answers: {}, entry2At: T1, updatedAt: T1 })));
        expect(results.filter((r) => r !== null)).to.have.length(1);
        expect((await store.paperEntries.get('HH-A'))?.revision).to.equal(2);
      });

      it('keeps an append-only history of entries', async () => {
        const h1 = await store.paperEntries.recordHistory({ householdId: 'HH-A', kind: 'entry1', answers: { a: 1 }, userId: 'u1' });
        await store.paperEntries.recordHistory({ householdId: 'HH-A', kind: 'entry2', answers: { a: 2 }, userId: 'u2' });
        expect((await store.paperEntries.history('HH-A')).map((h) => h.kind)).to.deep.equal(['entry1', 'entry2']);
        expect(h1.id).to.be.a('string');
        expect(Object.keys(store.paperEntries)).to.not.include.members(['deleteHistory', 'updateHistory']);
      });
    });

    describe('roster', () => {
      it('resolves an active code hash to the contacted household with district and wave', async () => {
        const { drawId } = await seedSample(store);
        expect(await store.roster.findByCodeHash(hex('1'))).to.deep.equal({ householdId: 'HH-A', drawId, frameId: 'frame-1', district: '01', wave: 1, status: 'invited' });
        expect(await store.roster.findByCodeHash(hex('9'))).to.equal(null);
        // A reserve household was not contacted: its code does not open the survey.
        expect(await store.roster.findByCodeHash(hex('3'))).to.equal(null);
        await store.accessCodes.revokeActiveForDraw(drawId, new Date().toISOString());
        expect(await store.roster.findByCodeHash(hex('1'))).to.equal(null);
        expect((await store.roster.get('HH-B'))?.district).to.equal('02');
        expect((await store.roster.list()).map((r) => r.householdId)).to.deep.equal(['HH-A', 'HH-B']);
        expect(await store.roster.list({ wave: 2 })).to.deep.equal([]);
      });
    });
  });
}

await forEveryAdapter('collection', collectionContract);
