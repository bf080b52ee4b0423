/**
 * The MongoDB dispositions repository without a server: the queries it would send are captured
 * (query execution itself runs in api/store/dispositionContract.test.ts when MONGODB_URI is set).
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import { dispositionModels, dispositionSchema, mongoDispositionRepositories } from './dispositionRepositories';

interface Captured {
  op: string;
  filter: unknown;
  update: unknown;
  options: Record<string, unknown>;
}

function offlineRepository(answer: unknown = null) {
  const conn = new mongoose.Mongoose().createConnection();
  const models = dispositionModels(conn);
  const captured: Captured[] = [];
  const QueryClass = (models.dispositions as unknown as { Query: { prototype: mongoose.Query<unknown, unknown> } }).Query;
  QueryClass.prototype.exec = async function (this: mongoose.Query<unknown, unknown> & { op?: string }) {
    captured.push({ op: String(this.op), filter: this.getFilter(), update: this.getUpdate() ?? undefined, options: this.getOptions() as Record<string, unknown> });
    return this.op === 'find' ? [] : answer;
  } as never;
  return { repo: mongoDispositionRepositories(models, undefined).dispositions, captured };
}

const recorded = { drawId: 'D1', householdId: 'HH-A', disposition: 'refused' as const, note: null, recordedByUserId: 'u1', recordedByUsername: 'staff', recordedAt: '2026-03-02T09:00:00.000Z' };

describe('MongoDB dispositions repository (offline)', () => {
  it('records with one upserting replace keyed by draw and household, and answers the document it replaced', async () => {
    const { repo, captured } = offlineRepository({ _id: 'D1|HH-A', ...recorded, disposition: 'unreachable' });
    const { before, after } = await repo.set({ ...recorded, note: 'Anruf' });
    expect(captured).to.have.length(1);
    expect(captured[0]).to.deep.include({ op: 'findOneAndReplace', filter: { _id: 'D1|HH-A' } });
    expect(captured[0]!.options).to.include({ upsert: true, new: false });
    expect(captured[0]!.update).to.deep.equal({ _id: 'D1|HH-A', ...recorded, note: 'Anruf' });
    expect(before).to.deep.equal({ ...recorded, disposition: 'unreachable' });
    expect(after).to.deep.equal({ ...recorded, note: 'Anruf' });
  });

  it('clears with one findOneAndDelete and lists per draw by equality only', async () => {
    const { repo, captured } = offlineRepository(null);
    expect(await repo.clear('D1', 'HH-A')).to.equal(null);
    await repo.list({ drawId: 'D1' });
    await repo.recent(5);
    expect(captured.map((c) => [c.op, c.filter])).to.deep.equal([
      ['findOneAndDelete', { _id: 'D1|HH-A' }],
      ['find', { drawId: 'D1' }],
      ['find', {}],
    ]);
  });

  it('refuses operator objects and unknown dispositions before any query is built', async () => {
    const { repo, captured } = offlineRepository();
    const refused = async (p: Promise<unknown>) => expect(await p.then(() => null, (e: unknown) => e)).to.be.instanceOf(TypeError);
    await refused(repo.get({ $gt: '' } as never, 'HH-A'));
    await refused(repo.clear('D1', { $ne: null } as never));
    await refused(repo.list({ drawId: { $gt: '' } as never }));
    await refused(repo.set({ ...recorded, householdId: { $gt: '' } as never }));
    await refused(repo.set({ ...recorded, disposition: 'moved' as never }));
    await refused(repo.recent('5' as never));
    expect(captured).to.deep.equal([]);
  });

  it('schema: a known disposition and a note of at most 200 characters', async () => {
    const Model = new mongoose.Mongoose().createConnection().model('DispositionValidation', dispositionSchema);
    const errors = (doc: Record<string, unknown>) => new Model(doc).validate().then(() => ({}), (e: { errors: Record<string, unknown> }) => e.errors);
    expect(await errors({ _id: 'D1|HH-A', ...recorded })).to.deep.equal({});
    expect(await errors({ _id: 'D1|HH-A', ...recorded, disposition: 'moved' })).to.have.property('disposition');
    expect(await errors({ _id: 'D1|HH-A', ...recorded, note: 'x'.repeat(201) })).to.have.property('note');
  });
});
