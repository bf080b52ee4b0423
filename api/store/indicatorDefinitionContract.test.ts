/**
 * Behavioural contract of the stored indicator definitions repository, run against SQLite always
 * and against MongoDB when MONGODB_URI points at a server.
 */
import { expect } from 'chai';
import { INDICATORS, type IndicatorDefinition } from '../../analysis/indicators';
import { DuplicateKeyError, type NewStoredIndicatorDefinition, type Store } from './types';
import { forEveryAdapter, freshStorePerTest, type AdapterUnderTest } from './testing/contractAdapters';

const shipped = (id: string) => INDICATORS.find((d) => d.id === id)!;

const edited = (id: string, version: number, change: Partial<IndicatorDefinition>, at = `2026-12-0${version}T10:00:00.000Z`): NewStoredIndicatorDefinition => ({
  indicatorId: id,
  version,
  position: INDICATORS.findIndex((d) => d.id === id),
  definition: { ...shipped(id), ...change },
  createdAt: at,
  createdBy: 'planner',
  note: `version ${version}`,
});

function indicatorDefinitionContract(adapter: AdapterUnderTest) {
  describe(`Indicator definitions store contract: ${adapter.name}`, function () {
    this.timeout(20_000);
    let store: Store;
    const fixture = freshStorePerTest(adapter, (opened) => (store = opened));

    it('has version 1 of every shipped indicator after migration, in the shipped order and exactly as shipped', async () => {
      const current = await store.indicatorDefinitions.current();
      expect(current.map((c) => c.indicatorId)).to.deep.equal(INDICATORS.map((d) => d.id));
      expect(current.map((c) => c.version)).to.deep.equal(INDICATORS.map(() => 1));
      expect(current.map((c) => c.position)).to.deep.equal(INDICATORS.map((_, i) => i));
      // The migration's copy is the shipped definition, field for field (rules, labels, questions).
      expect(current.map((c) => c.definition)).to.deep.equal(JSON.parse(JSON.stringify(INDICATORS)));
      expect(current[0]).to.include({ createdBy: null, note: 'shipped with the platform' });
      expect(Date.parse(current[0]!.createdAt)).to.be.a('number').and.not.NaN;
    });

    it('stores a new version as given, makes it the current one and keeps the older ones', async () => {
      const label = { de: 'Fühlt sich nachts unsicher (sehr/eher)', en: 'Feels unsafe at night (very/rather)' };
      const stored = await store.indicatorDefinitions.create(edited('unsafe_at_night', 2, { label, rule: { q: 'safety_night', in: [3, 4, 5] } }));
      expect(stored).to.deep.equal({ ...edited('unsafe_at_night', 2, { label, rule: { q: 'safety_night', in: [3, 4, 5] } }) });
      expect(await store.indicatorDefinitions.get('unsafe_at_night', 2)).to.deep.equal(stored);
      expect((await store.indicatorDefinitions.get('unsafe_at_night', 1))!.definition.label).to.deep.equal(shipped('unsafe_at_night').label);
      expect(await store.indicatorDefinitions.get('unsafe_at_night', 3)).to.equal(null);
      expect(await store.indicatorDefinitions.get('nope', 1)).to.equal(null);

      const current = await store.indicatorDefinitions.current();
      expect(current).to.have.length(INDICATORS.length);
      const night = current.find((c) => c.indicatorId === 'unsafe_at_night')!;
      expect(night.version).to.equal(2);
      expect(night.definition.rule).to.deep.equal({ q: 'safety_night', in: [3, 4, 5] });
      // Still in the shipped place.
      expect(current.map((c) => c.indicatorId)).to.deep.equal(INDICATORS.map((d) => d.id));

      await store.indicatorDefinitions.create(edited('unsafe_at_night', 3, { direction: 'context' }));
      expect((await store.indicatorDefinitions.versions('unsafe_at_night')).map((v) => [v.version, v.createdBy])).to.deep.equal([
        [3, 'planner'],
        [2, 'planner'],
        [1, null],
      ]);
      expect(await store.indicatorDefinitions.versions('nope')).to.deep.equal([]);
    });

    it('refuses a version number the indicator already has (two planners saving at once)', async () => {
      await store.indicatorDefinitions.create(edited('crowded_housing', 2, { direction: 'context' }));
      const err = await store.indicatorDefinitions.create(edited('crowded_housing', 2, { direction: 'need' })).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(DuplicateKeyError);
      expect((err as DuplicateKeyError).field).to.equal('version');
      expect((await store.indicatorDefinitions.get('crowded_housing', 2))!.definition.direction).to.equal('context');
      const shippedAgain = await store.indicatorDefinitions.create(edited('crowded_housing', 1, {})).catch((e: unknown) => e);
      expect(shippedAgain).to.be.instanceOf(DuplicateKeyError);
    });

    it('refuses a definition whose id is not the indicator id', async () => {
      const err = await store.indicatorDefinitions
        .create({ ...edited('crowded_housing', 2, {}), definition: { ...shipped('crowded_housing'), id: 'financial_strain' } })
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(Error);
      expect((await store.indicatorDefinitions.versions('crowded_housing')).length).to.equal(1);
    });

    it('rolls a version back with the transaction it was stored in', async function () {
      if (!adapter.atomicTransactions) {
        console.log(`      (skipped on ${adapter.name}: no multi-document transactions without a replica set, so nothing rolls back)`);
        this.skip();
      }
      const err = await store
        .transaction(async (tx) => {
          await tx.indicatorDefinitions.create(edited('financial_strain', 2, { direction: 'context' }));
          throw new Error('audit failed');
        })
        .catch((e: unknown) => e);
      expect((err as Error).message).to.equal('audit failed');
      expect((await store.indicatorDefinitions.versions('financial_strain')).map((v) => v.version)).to.deep.equal([1]);
    });

    it('keeps versions across close and reopen, and a second migration adds nothing', async () => {
      const stored = await store.indicatorDefinitions.create(edited('low_life_quality', 2, { rule: { q: 'life_quality', le: 3 } }));
      await fixture.reopen();
      expect(await store.migrate()).to.deep.equal([]);
      expect(await store.indicatorDefinitions.get('low_life_quality', 2)).to.deep.equal(stored);
      expect((await store.indicatorDefinitions.versions('low_life_quality')).length).to.equal(2);
    });
  });
}

await forEveryAdapter('indicator definition', indicatorDefinitionContract);
