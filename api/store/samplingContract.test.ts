/**
 * Behavioural contract of the sampling repositories (frames, households, contacts, draws,
 * sample units, access codes), run against every store adapter available on this machine:
 * SQLite always, MongoDB when MONGODB_URI points at a server (api/store/testing/contractAdapters.ts).
 */
import { expect } from 'chai';
import type { StagedFrameRow } from './samplingTypes';
import { DuplicateKeyError, type Contact, type Household, type NewFrame, type SampleUnit, type Store } from './types';
import { forEveryAdapter, freshStorePerTest, type AdapterUnderTest } from './testing/contractAdapters';

const frame = (id: string, importedAt = '2026-11-01T10:00:00.000Z'): NewFrame => ({
  id,
  name: `Melderegister ${id}`,
  importedAt,
  importedBy: null,
  rowCount: 3,
  fingerprint: 'a'.repeat(64),
  columnMapping: { householdId: 'hh', district: 'bezirk', name: 'name', street: 'strasse', houseNumber: 'nr', postcode: 'plz', city: 'ort', sortKey: 'plz' },
  districts: [
    { district: 'Debschwitz', households: 1 },
    { district: 'Stadtmitte', households: 2 },
  ],
});

const household = (frameId: string, householdId: string, district: string, subdistrict: string | null = null): Household => ({
  frameId,
  householdId,
  district,
  householdType: 'couple',
  children: 2,
  youngestChildAge: 4,
  sortKey: '07545',
  subdistrict,
});

const contact = (frameId: string, householdId: string): Contact => ({
  frameId,
  householdId,
  registerId: `R-${householdId}`,
  name: 'Familie Beispiel',
  street: 'Übungsweg',
  houseNumber: '1a',
  postcode: '07545',
  city: 'Gera',
});

const newDraw = (frameId: string) => ({
  frameId,
  wave: 1,
  method: 'srswor' as const,
  seed: 42,
  prng: 'test-prng',
  frameFingerprint: 'b'.repeat(64),
  sortKey: null,
  allocationExact: { Stadtmitte: 1.4, Debschwitz: 0.6 },
  allocation: { Stadtmitte: 1, Debschwitz: 1 },
  reserve: { Stadtmitte: 1, Debschwitz: 0 },
  createdBy: null,
});

/** Staged row i: district alternates, the register id and name carry i so the pairing can be checked. */
const stagedRow = (i: number): StagedFrameRow => [
  i % 2 ? 'Stadtmitte' : 'Debschwitz',
  i % 3 ? 'couple' : null,
  i % 5,
  i % 5 === 0 ? null : i % 18,
  '0754' + (i % 10),
  i % 4 === 0 ? null : `${i % 2 ? 'Stadtmitte' : 'Debschwitz'} ${i % 3}`,
  `R${i}`,
  `Familie ${i}`,
  'Übungsweg',
  String(i),
  '07545',
  'Gera',
];

function samplingContract(adapter: AdapterUnderTest): void {
  describe(`Sampling store contract: ${adapter.name}`, () => {
    let store: Store;
    const fixture = freshStorePerTest(adapter, (opened) => (store = opened));

    it('creates, reads and lists frames newest first and records the contact purge', async () => {
      const older = await store.frames.create(frame('f1', '2026-11-01T10:00:00.000Z'));
      await store.frames.create(frame('f2', '2026-11-02T10:00:00.000Z'));
      expect(older).to.deep.include({ id: 'f1', rowCount: 3, contactsPurgedAt: null });
      expect(older.columnMapping).to.deep.equal(frame('f1').columnMapping);
      expect(older.districts).to.deep.equal(frame('f1').districts);
      expect(await store.frames.get('f1')).to.deep.equal(older);
      expect(await store.frames.get('nope')).to.equal(null);
      expect((await store.frames.list()).map((f) => f.id)).to.deep.equal(['f2', 'f1']);
      const purged = await store.frames.markContactsPurged('f1', '2026-12-01T00:00:00.000Z');
      expect(purged?.contactsPurgedAt).to.equal('2026-12-01T00:00:00.000Z');
      expect(await store.frames.markContactsPurged('nope', '2026-12-01T00:00:00.000Z')).to.equal(null);
    });

    it('stores households and contacts separately; contacts of a frame can be purged', async () => {
      await store.frames.create(frame('f1'));
      await store.frames.create(frame('f2'));
      expect(await store.households.insertMany([household('f1', 'P2', 'Stadtmitte'), household('f1', 'P1', 'Debschwitz')])).to.equal(2);
      await store.households.insertMany([household('f2', 'Q1', 'Stadtmitte')]);
      await store.contacts.insertMany([contact('f1', 'P1'), contact('f1', 'P2'), contact('f2', 'Q1')]);
      expect(await store.households.listByFrame('f1')).to.deep.equal([household('f1', 'P1', 'Debschwitz'), household('f1', 'P2', 'Stadtmitte')]);
      expect(await store.households.countByFrame('f1')).to.equal(2);
      expect((await store.contacts.getMany('f1', ['P2', 'missing', 'P1', 'Q1'])).map((c) => c.householdId)).to.deep.equal(['P2', 'P1']);
      expect((await store.contacts.getMany('f1', ['P1']))[0]).to.deep.equal(contact('f1', 'P1'));
      expect(await store.contacts.purgeFrame('f1')).to.equal(2);
      expect(await store.contacts.countByFrame('f1')).to.equal(0);
      expect(await store.contacts.countByFrame('f2')).to.equal(1);
      expect(await store.households.countByFrame('f1')).to.equal(2);
    });

    it('stores the sub-district of a household, null when the frame has none', async () => {
      await store.frames.create(frame('f1'));
      const rows = [household('f1', 'P1', 'Stadtmitte', 'Stadtmitte-Nord'), household('f1', 'P2', 'Stadtmitte'), household('f1', 'P3', 'Debschwitz', 'Debschwitz 2')];
      await store.households.insertMany(rows);
      const stored = await store.households.listByFrame('f1');
      expect(stored).to.deep.equal(rows);
      expect(stored.map((h) => h.subdistrict)).to.deep.equal(['Stadtmitte-Nord', null, 'Debschwitz 2']);
      await fixture.reopen();
      expect((await store.households.listByFrame('f1'))[0]!.subdistrict).to.equal('Stadtmitte-Nord');
    });

    it('rejects a repeated pseudonymous id as DuplicateKeyError and stores none of that batch', async () => {
      await store.frames.create(frame('f1'));
      const err = await store.households
        .insertMany([household('f1', 'P1', 'Stadtmitte'), household('f1', 'P1', 'Debschwitz')])
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(DuplicateKeyError);
      expect(await store.households.countByFrame('f1')).to.equal(0);
      const contactErr = await store.contacts.insertMany([contact('f1', 'P1'), contact('f1', 'P1')]).catch((e: unknown) => e);
      expect(contactErr).to.be.instanceOf(DuplicateKeyError);
      expect(await store.contacts.countByFrame('f1')).to.equal(0);
    });

    it('rolls back households and contacts written in a failed transaction', async () => {
      await store.frames.create(frame('f1'));
      const err = await store
        .transaction(async (tx) => {
          await tx.households.insertMany([household('f1', 'P1', 'Stadtmitte')]);
          await tx.contacts.insertMany([contact('f1', 'P1')]);
          throw new Error('row 3 is bad');
        })
        .catch((e: unknown) => e);
      expect((err as Error).message).to.equal('row 3 is bad');
      expect(await store.households.countByFrame('f1')).to.equal(0);
      expect(await store.contacts.countByFrame('f1')).to.equal(0);
    });

    it('stores draws with their record and lists them newest first, also per frame', async () => {
      await store.frames.create(frame('f1'));
      await store.frames.create(frame('f2'));
      const first = await store.draws.create({ ...newDraw('f1'), createdAt: '2026-11-03T10:00:00.000Z' });
      const second = await store.draws.create({ ...newDraw('f2'), method: 'systematic', sortKey: ['sortKey'], createdAt: '2026-11-04T10:00:00.000Z' });
      expect(first).to.deep.include({ frameId: 'f1', wave: 1, method: 'srswor', seed: 42, prng: 'test-prng', sortKey: null });
      expect(first.allocationExact).to.deep.equal({ Stadtmitte: 1.4, Debschwitz: 0.6 });
      expect(second.sortKey).to.deep.equal(['sortKey']);
      expect(await store.draws.get(first.id)).to.deep.equal(first);
      expect(await store.draws.get('nope')).to.equal(null);
      expect((await store.draws.list()).map((d) => d.id)).to.deep.equal([second.id, first.id]);
      expect((await store.draws.list('f1')).map((d) => d.id)).to.deep.equal([first.id]);
    });

    it('stores sample units, lists them by status and releases reserve households with new weights', async () => {
      await store.frames.create(frame('f1'));
      const draw = await store.draws.create(newDraw('f1'));
      const unit = (householdId: string, district: string, status: SampleUnit['status'], reserveRank: number | null): SampleUnit => ({
        drawId: draw.id,
        householdId,
        district,
        inclusionProbability: 0.5,
        designWeight: 2,
        status,
        wave: 1,
        reserveRank,
        releasedAt: null,
      });
      await store.sampleUnits.insertMany([
        unit('P3', 'Stadtmitte', 'reserve', 1),
        unit('P1', 'Stadtmitte', 'invited', null),
        unit('P2', 'Debschwitz', 'invited', null),
      ]);
      expect((await store.sampleUnits.listByDraw(draw.id)).map((u) => u.householdId)).to.deep.equal(['P2', 'P1', 'P3']);
      expect((await store.sampleUnits.listByDraw(draw.id, 'reserve')).map((u) => u.householdId)).to.deep.equal(['P3']);
      const released = await store.sampleUnits.release(draw.id, ['P3', 'P1'], '2026-12-01T00:00:00.000Z', {
        Stadtmitte: { inclusionProbability: 1, designWeight: 1 },
      });
      expect(released).to.equal(1); // P1 was invited, not in reserve
      const after = await store.sampleUnits.listByDraw(draw.id);
      expect(after.find((u) => u.householdId === 'P3')).to.deep.include({ status: 'released', releasedAt: '2026-12-01T00:00:00.000Z', designWeight: 1 });
      expect(after.find((u) => u.householdId === 'P1')).to.deep.include({ status: 'invited', inclusionProbability: 1, designWeight: 1 });
      expect(after.find((u) => u.householdId === 'P2')).to.deep.include({ designWeight: 2 });
    });

    it('stores only code hashes, revokes a draw’s active codes and finds active codes by hash', async () => {
      await store.frames.create(frame('f1'));
      const draw = await store.draws.create(newDraw('f1'));
      const h = (c: string) => c.repeat(64);
      await store.accessCodes.insertMany([
        { drawId: draw.id, householdId: 'P1', codeHash: h('1'), issuedAt: '2026-11-05T10:00:00.000Z' },
        { drawId: draw.id, householdId: 'P2', codeHash: h('2'), issuedAt: '2026-11-05T10:00:00.000Z' },
      ]);
      expect((await store.accessCodes.findActiveByHash(h('1')))?.householdId).to.equal('P1');
      expect(await store.accessCodes.revokeActiveForDraw(draw.id, '2026-11-06T10:00:00.000Z')).to.equal(2);
      expect(await store.accessCodes.revokeActiveForDraw(draw.id, '2026-11-07T10:00:00.000Z')).to.equal(0);
      expect(await store.accessCodes.findActiveByHash(h('1'))).to.equal(null);
      await store.accessCodes.insertMany([{ drawId: draw.id, householdId: 'P1', codeHash: h('3'), issuedAt: '2026-11-06T10:00:00.000Z' }]);
      const codes = await store.accessCodes.listByDraw(draw.id);
      expect(codes.map((c) => [c.householdId, c.revokedAt])).to.deep.equal([
        ['P1', '2026-11-06T10:00:00.000Z'],
        ['P2', '2026-11-06T10:00:00.000Z'],
        ['P1', null],
      ]);
      const dup = await store.accessCodes
        .insertMany([{ drawId: draw.id, householdId: 'P2', codeHash: h('3'), issuedAt: '2026-11-06T10:00:00.000Z' }])
        .catch((e: unknown) => e);
      expect(dup).to.be.instanceOf(DuplicateKeyError);
    });

    it('inserts 100,000 households in one call within a few seconds', async function () {
      this.timeout(30_000);
      await store.frames.create(frame('big'));
      const rows = Array.from({ length: 100_000 }, (_, i) => household('big', `P${String(i).padStart(7, '0')}`, i % 2 ? 'Stadtmitte' : 'Debschwitz'));
      const started = Date.now();
      expect(await store.households.insertMany(rows)).to.equal(100_000);
      expect(Date.now() - started).to.be.below(15_000);
      expect(await store.households.countByFrame('big')).to.equal(100_000);
    });

    it('stages a frame import invisibly, writes it in steps and makes it visible in one step', async () => {
      await store.frames.create(frame('previous'));
      const staging = await store.frames.stage({ ...frame('new', '2026-11-09T10:00:00.000Z'), rowCount: 0, districts: [] });
      expect(staging.frameId).to.equal('new');
      const rows = Array.from({ length: 45_001 }, (_, i) => stagedRow(i));
      await staging.append(rows.slice(0, 30_000));
      await staging.append(rows.slice(30_000));
      expect(await store.frames.get('new')).to.equal(null);
      expect((await store.frames.list()).map((f) => f.id)).to.deep.equal(['previous']);
      const progress: [number, number][] = [];
      expect(await staging.write((written, total) => progress.push([written, total]))).to.equal(45_001);
      expect(progress.at(-1)).to.deep.equal([45_001, 45_001]);
      for (let i = 1; i < progress.length; i++) expect(progress[i]![0]).to.be.above(progress[i - 1]![0]);
      expect(await store.frames.get('new')).to.equal(null);

      const districts = [
        { district: 'Debschwitz', households: 22_501 },
        { district: 'Stadtmitte', households: 22_500 },
      ];
      const done = await store.transaction((tx) => tx.frames.completeImport('new', { rowCount: 45_001, districts }));
      expect(done).to.deep.include({ id: 'new', rowCount: 45_001, districts, contactsPurgedAt: null });
      expect(await store.frames.get('new')).to.deep.equal(done);
      expect((await store.frames.list()).map((f) => f.id)).to.deep.equal(['new', 'previous']);

      const households = await store.households.listByFrame('new');
      expect(households).to.have.length(45_001);
      expect(new Set(households.map((h) => h.householdId)).size).to.equal(45_001);
      for (const h of households.slice(0, 50)) expect(h.householdId).to.match(/^P[0-9A-Z]{16}$/);
      // Household and contact of one id come from the same staged row.
      const sample = households.filter((_, k) => k % 997 === 0);
      const contacts = await store.contacts.getMany('new', sample.map((h) => h.householdId));
      contacts.forEach((c, k) => {
        const i = Number(c.registerId.slice(1));
        const [district, householdType, children, youngestChildAge, sortKey, subdistrict, registerId, name, street, houseNumber, postcode, city] = stagedRow(i);
        expect(sample[k]).to.deep.equal({ frameId: 'new', householdId: c.householdId, district, householdType, children, youngestChildAge, sortKey, subdistrict });
        expect(c).to.deep.equal({ frameId: 'new', householdId: c.householdId, registerId, name, street, houseNumber, postcode, city });
      });
      // The id order is not the file order.
      const fileOrder = households.map((h) => h.householdId);
      const byRegister = (await store.contacts.getMany('new', fileOrder)).map((c) => Number(c.registerId.slice(1)));
      expect(byRegister.slice(0, 20)).to.not.deep.equal([...byRegister.slice(0, 20)].sort((a, b) => a - b));
    });

    it('discards a staged import without a trace and leaves the previous frame intact', async () => {
      await store.frames.create(frame('previous'));
      await store.households.insertMany([household('previous', 'P1', 'Stadtmitte')]);
      await store.contacts.insertMany([contact('previous', 'P1')]);
      const staging = await store.frames.stage({ ...frame('broken'), rowCount: 0, districts: [] });
      await staging.append(Array.from({ length: 25_000 }, (_, i) => stagedRow(i)));
      await staging.write();
      expect(await store.households.countByFrame('broken')).to.equal(25_000);
      await staging.discard();
      await staging.discard();
      expect(await store.households.countByFrame('broken')).to.equal(0);
      expect(await store.contacts.countByFrame('broken')).to.equal(0);
      expect(await store.frames.get('broken')).to.equal(null);
      expect(await store.frames.completeImport('broken', { rowCount: 0, districts: [] }).catch((e: Error) => e.message)).to.match(/not being imported/);
      expect(await store.households.countByFrame('previous')).to.equal(1);
      expect(await store.contacts.countByFrame('previous')).to.equal(1);
      expect((await store.frames.list()).map((f) => f.id)).to.deep.equal(['previous']);
      // The id is free again for a new attempt.
      const again = await store.frames.stage({ ...frame('broken'), rowCount: 0, districts: [] });
      await again.discard();
    });

    it('refuses to complete an import whose written rows do not match, or a frame that is not pending', async () => {
      await store.frames.create(frame('complete'));
      const staging = await store.frames.stage({ ...frame('short'), rowCount: 0, districts: [] });
      await staging.append([stagedRow(1), stagedRow(2)]);
      await staging.write();
      const wrongCount = await store.frames.completeImport('short', { rowCount: 3, districts: [] }).catch((e: Error) => e.message);
      expect(wrongCount).to.match(/2 households and 2 contacts written, expected 3/);
      expect(await store.frames.get('short')).to.equal(null);
      const notPending = await store.frames.completeImport('complete', { rowCount: 3, districts: [] }).catch((e: Error) => e.message);
      expect(notPending).to.match(/not being imported/);
      const duplicate = await store.frames.stage(frame('complete')).catch((e: unknown) => e);
      expect(duplicate).to.be.instanceOf(DuplicateKeyError);
      await staging.discard();
    });

    it('removes imports abandoned by a crashed process, but not running or complete ones', async () => {
      await store.frames.create(frame('complete'));
      const abandoned = await store.frames.stage({ ...frame('abandoned'), rowCount: 0, districts: [] });
      await abandoned.append(Array.from({ length: 100 }, (_, i) => stagedRow(i)));
      await abandoned.write();
      expect(await store.frames.discardAbandonedImports('2000-01-01T00:00:00.000Z')).to.equal(0);
      expect(await store.households.countByFrame('abandoned')).to.equal(100);
      expect(await store.frames.discardAbandonedImports(new Date(Date.now() + 60_000).toISOString())).to.equal(1);
      expect(await store.households.countByFrame('abandoned')).to.equal(0);
      expect(await store.contacts.countByFrame('abandoned')).to.equal(0);
      expect((await store.frames.list()).map((f) => f.id)).to.deep.equal(['complete']);
    });

    it('keeps sampling data across close and reopen', async () => {
      await store.frames.create(frame('f1'));
      await store.households.insertMany([household('f1', 'P1', 'Stadtmitte')]);
      const draw = await store.draws.create(newDraw('f1'));
      await fixture.reopen();
      expect(await store.migrate()).to.deep.equal([]);
      expect(await store.households.countByFrame('f1')).to.equal(1);
      expect((await store.draws.get(draw.id))?.seed).to.equal(42);
    });
  });
}

await forEveryAdapter('sampling', samplingContract);
