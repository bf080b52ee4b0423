import { expect } from 'chai';
import { schemaErrorPaths } from '../../testing/schemaErrors';
import mongoose from 'mongoose';
import type { SampleUnit } from '../types';
import { compareSampleUnits } from './samplingRepositories';
import { accessCodeSchema, drawSchema, householdSchema, sampleUnitSchema } from './samplingSchemas';

const offline = new mongoose.Mongoose();
const Household = offline.model('Household', householdSchema);
const Draw = offline.model('Draw', drawSchema);
const SampleUnit = offline.model('SampleUnit', sampleUnitSchema);
const AccessCode = offline.model('AccessCode', accessCodeSchema);

describe('MongoDB sampling schemas without a server', () => {
  it('validates households, draws, sample units and access codes like the SQLite CHECK constraints', async () => {
    expect(await schemaErrorPaths(new Household({ _id: 'h1', frameId: 'f', district: '01', children: 2 }))).to.deep.equal([]);
    expect(await schemaErrorPaths(new Household({ _id: 'h1', frameId: 'f', district: '', children: 1.5 }))).to.deep.equal(['children', 'district']);
    const draw = { _id: 'd', frameId: 'f', wave: 1, method: 'srswor', seed: 42, prng: 'xoroshiro128+', frameFingerprint: 'x', allocationExact: {}, allocation: {}, reserve: {}, createdAt: 't' };
    expect(await schemaErrorPaths(new Draw(draw))).to.deep.equal([]);
    expect(await schemaErrorPaths(new Draw({ ...draw, wave: 0, method: 'quota', seed: 2 ** 32 }))).to.deep.equal(['method', 'seed', 'wave']);
    const unit = { drawId: 'd', householdId: 'h', district: '01', inclusionProbability: 0.1, designWeight: 10, status: 'invited', wave: 1 };
    expect(await schemaErrorPaths(new SampleUnit(unit))).to.deep.equal([]);
    expect(await schemaErrorPaths(new SampleUnit({ ...unit, inclusionProbability: 0, designWeight: 0.5, status: 'lost' }))).to.deep.equal([
      'designWeight',
      'inclusionProbability',
      'status',
    ]);
    expect(await schemaErrorPaths(new AccessCode({ _id: 'c', drawId: 'd', householdId: 'h', codeHash: 'abc', issuedAt: 't' }))).to.deep.equal(['codeHash']);
  });

  it('indexes start with high-cardinality fields where a shard key would go', () => {
    expect((sampleUnitSchema.indexes()[0] as unknown as [Record<string, number>, { unique?: boolean }])[1]).to.include({ unique: true });
    expect(Object.keys((sampleUnitSchema.indexes()[0] as unknown as [Record<string, number>])[0])).to.deep.equal(['householdId', 'drawId']);
    expect((accessCodeSchema.indexes()[0] as unknown as [Record<string, number>, { unique?: boolean }])[1]).to.include({ unique: true });
    expect((accessCodeSchema.indexes()[0] as unknown as [Record<string, number>])[0]).to.deep.equal({ codeHash: 1 });
  });

  it('orders sample units like SQLite: district, invited/released/reserve, reserve rank, household id', () => {
    const u = (district: string, status: SampleUnit['status'], reserveRank: number | null, householdId: string): SampleUnit => ({
      drawId: 'd', householdId, district, status, reserveRank, inclusionProbability: 0.5, designWeight: 2, wave: 1, releasedAt: null,
    });
    const units = [u('02', 'invited', null, 'a'), u('01', 'reserve', 2, 'b'), u('01', 'reserve', 1, 'c'), u('01', 'released', 3, 'd'), u('01', 'invited', null, 'z'), u('01', 'invited', null, 'e')];
    expect(units.sort(compareSampleUnits).map((x) => x.householdId)).to.deep.equal(['e', 'z', 'd', 'c', 'b', 'a']);
  });
});
