import { expect } from 'chai';
import mongoose from 'mongoose';
import { schemaErrorPaths } from '../../testing/schemaErrors';
import { areaGeometrySchema, resultPublicationSchema } from './geographyRepositories';

const offline = new mongoose.Mongoose();
const Geometry = offline.model('AreaGeometryVersion', areaGeometrySchema);
const Publication = offline.model('ResultPublication', resultPublicationSchema);

describe('MongoDB area geometry and publication schemas without a server', () => {
  it('validate like the SQLite CHECK constraints of migration 009', async () => {
    const version = { _id: 'g', level: 'district', version: 1, geojson: '{"type":"FeatureCollection","features":[]}', sourceCrs: 'EPSG:25832', schematic: false, importedAt: 't', fileName: 'b.geojson' };
    expect(await schemaErrorPaths(new Geometry(version))).to.deep.equal([]);
    expect(await schemaErrorPaths(new Geometry({ ...version, level: 'city', version: 0 }))).to.deep.equal(['level', 'version']);
    expect(await schemaErrorPaths(new Geometry({ ...version, version: 1.5, geojson: undefined }))).to.deep.equal(['geojson', 'version']);
    const publication = { _id: 'p', drawId: 'd', wave: 1, snapshot: '{}', publishedAt: 't', live: true };
    expect(await schemaErrorPaths(new Publication(publication))).to.deep.equal([]);
    expect(await schemaErrorPaths(new Publication({ ...publication, wave: 0, live: undefined }))).to.deep.equal(['live', 'wave']);
  });

  it('keep one version number per level and one live publication per wave', () => {
    const [geometryKeys, geometryOptions] = areaGeometrySchema.indexes()[0] as unknown as [Record<string, number>, { unique?: boolean }];
    expect(geometryKeys).to.deep.equal({ level: 1, version: -1 });
    expect(geometryOptions).to.include({ unique: true });
    const [waveKeys, waveOptions] = resultPublicationSchema.indexes()[0] as unknown as [Record<string, number>, { unique?: boolean; partialFilterExpression?: unknown }];
    expect(waveKeys).to.deep.equal({ wave: 1 });
    expect(waveOptions).to.deep.include({ unique: true, partialFilterExpression: { live: true } });
  });
});
