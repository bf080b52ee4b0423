import { expect } from 'chai';
import mongoose from 'mongoose';
import { INDICATORS } from '../../../analysis/indicators';
import { schemaErrorPaths } from '../../testing/schemaErrors';
import { indicatorDefinitionSchema, shippedIndicatorDocuments } from './indicatorDefinitionRepositories';

const offline = new mongoose.Mongoose();
const IndicatorDefinition = offline.model('IndicatorDefinition', indicatorDefinitionSchema);

describe('MongoDB indicator definitions without a server', () => {
  it('step 11 writes version 1 of every shipped indicator, in the shipped order, as valid documents', async () => {
    const docs = shippedIndicatorDocuments('2026-12-06T10:00:00.000Z');
    expect(docs.map((d) => d._id)).to.deep.equal(INDICATORS.map((i) => `${i.id}@1`));
    expect(docs.map((d) => d.position)).to.deep.equal(INDICATORS.map((_, i) => i));
    expect(docs.map((d) => d.definition)).to.deep.equal(JSON.parse(JSON.stringify(INDICATORS)));
    expect(docs.every((d) => d.version === 1 && d.createdBy === null && d.note === 'shipped with the platform')).to.equal(true);
    for (const doc of docs) expect(await schemaErrorPaths(new IndicatorDefinition(doc)), doc._id).to.deep.equal([]);
  });

  it('refuses a version below 1 or not whole, and a missing indicator id, as SQLite does', async () => {
    const [doc] = shippedIndicatorDocuments('t');
    expect(await schemaErrorPaths(new IndicatorDefinition({ ...doc, version: 0 }))).to.deep.equal(['version']);
    expect(await schemaErrorPaths(new IndicatorDefinition({ ...doc, version: 1.5 }))).to.deep.equal(['version']);
    expect(await schemaErrorPaths(new IndicatorDefinition({ ...doc, indicatorId: '' }))).to.deep.equal(['indicatorId']);
    // One version per indicator and number: the unique index the repository's DuplicateKeyError rests on.
    expect(indicatorDefinitionSchema.indexes()).to.deep.include([{ indicatorId: 1, version: -1 }, { unique: true }]);
  });
});
