/**
 * What can be checked about the MongoDB adapter without a server: schema validation
 * (validate), index design, append-only hooks, transaction detection and connection errors.
 * The behavioural contract runs in ../contract.test.ts when MONGODB_URI is set.
 */
import { expect } from 'chai';
import { schemaErrorPaths } from '../../testing/schemaErrors';
import mongoose from 'mongoose';
import { openStore } from '../index';
import { MONGO_MIGRATIONS } from './migrations';
import { openMongoStore, supportsTransactions } from './mongoStore';
import { auditSchema, metaSchema, migrationSchema, sessionSchema, throttleSchema, userSchema } from './schemas';

// A private, never-connected mongoose instance: models work for validation without a server.
const offline = new mongoose.Mongoose();
const User = offline.model('User', userSchema);
const Session = offline.model('Session', sessionSchema);
const Throttle = offline.model('Throttle', throttleSchema);
const Audit = offline.model('Audit', auditSchema);
const Meta = offline.model('Meta', metaSchema);
const Migration = offline.model('Migration', migrationSchema);


const validUser = {
  _id: '01a2-user',
  username: 'anna',
  usernameKey: 'anna',
  displayName: 'Anna A.',
  role: 'planner',
  disabled: false,
  passwordHash: 'scrypt$N=32768,r=8,p=1$c2FsdA==$a2V5',
  createdAt: new Date(),
  updatedAt: new Date(),
};

describe('MongoDB adapter without a server', () => {
  describe('schema validation', () => {
    it('accepts a valid user and names every invalid field', async () => {
      expect(await schemaErrorPaths(new User(validUser))).to.deep.equal([]);
      const bad = new User({ ...validUser, role: 'root', displayName: '', passwordHash: 'plain', username: 'x'.repeat(65) });
      expect(await schemaErrorPaths(bad)).to.deep.equal(['displayName', 'passwordHash', 'role', 'username']);
      expect(await schemaErrorPaths(new User({ _id: 'u' }))).to.deep.equal(['createdAt', 'displayName', 'passwordHash', 'role', 'updatedAt', 'username', 'usernameKey']);
    });

    it('refuses fields that are not in the schema (strict: throw)', () => {
      expect(() => new User({ ...validUser, password: 'Gera-admin-2026' })).to.throw(/not in schema/);
    });

    it('validates sessions, throttle counters, audit entries, meta and migration records', async () => {
      const now = new Date();
      expect(await schemaErrorPaths(new Session({ _id: 'h', userId: null, csrfToken: 't', createdAt: now, lastSeenAt: now, expiresAt: now }))).to.deep.equal([]);
      expect(await schemaErrorPaths(new Session({ _id: 'h', userId: 'u' }))).to.deep.equal(['createdAt', 'csrfToken', 'expiresAt', 'lastSeenAt']);
      expect(await schemaErrorPaths(new Throttle({ _id: 'user:anna', failures: 3, windowStartedAt: now, lockedUntil: null, purgeAt: now, version: 0 }))).to.deep.equal([]);
      expect(await schemaErrorPaths(new Throttle({ _id: 'k', failures: 1.5, windowStartedAt: now, purgeAt: now, version: -1 }))).to.deep.equal(['failures', 'version']);
      const entry = { _id: 'a1', at: now, action: 'user.create', entityType: 'user', details: { changed: ['role'] } };
      expect(await schemaErrorPaths(new Audit(entry))).to.deep.equal([]);
      expect(await schemaErrorPaths(new Audit({ _id: 'a2', at: now, action: '', entityType: 'x'.repeat(101) }))).to.deep.equal(['action', 'entityType']);
      expect(await schemaErrorPaths(new Meta({ _id: 'k' }))).to.deep.equal(['value']);
      expect(await schemaErrorPaths(new Migration({ _id: 1, name: '001_initial', appliedAt: now }))).to.deep.equal([]);
      expect(await schemaErrorPaths(new Migration({ _id: 0, name: 'initial', appliedAt: now }))).to.deep.equal(['_id', 'name']);
    });
  });

  describe('index design', () => {
    const indexes = (schema: { indexes(): unknown[] }) => schema.indexes() as [Record<string, number>, Record<string, unknown>][];

    it('has a case-insensitive unique username, TTL clean-up for sessions and throttle, audit by entity', () => {
      expect(indexes(userSchema)[0]![0]).to.deep.equal({ usernameKey: 1 });
      expect(indexes(userSchema)[0]![1]).to.include({ unique: true });
      expect(indexes(sessionSchema).map(([k]) => k)).to.deep.equal([{ expiresAt: 1 }, { userId: 1, _id: 1 }]);
      expect(indexes(sessionSchema)[0]![1]).to.include({ expireAfterSeconds: 0 });
      expect(indexes(throttleSchema)[0]![0]).to.deep.equal({ purgeAt: 1 });
      expect(indexes(throttleSchema)[0]![1]).to.include({ expireAfterSeconds: 0 });
      expect(indexes(auditSchema).map(([k]) => k)).to.deep.equal([{ entityId: 1, _id: -1 }]);
    });

    it('starts every compound index with a high-cardinality field (usable with a shard key prefix)', () => {
      const lowCardinality = new Set(['role', 'disabled', 'action', 'entityType']);
      for (const schema of [userSchema, sessionSchema, throttleSchema, auditSchema, metaSchema]) {
        for (const [keys] of indexes(schema)) expect(lowCardinality.has(Object.keys(keys)[0]!)).to.equal(false);
      }
    });

    it('numbers migrations like SQLite, starting with 001_initial', () => {
      expect(MONGO_MIGRATIONS.map((m) => [m.version, m.name])[0]).to.deep.equal([1, '001_initial']);
      MONGO_MIGRATIONS.forEach((m, i) => expect(m.version).to.equal(i + 1));
    });
  });

  describe('append-only audit', () => {
    it('refuses updates and deletes through the model before anything is sent', async () => {
      for (const attempt of [
        () => Audit.updateOne({ _id: 'a1' }, { $set: { action: 'x' } }),
        () => Audit.deleteMany({}),
        () => Audit.findOneAndDelete({ _id: 'a1' }),
        () => Audit.replaceOne({ _id: 'a1' }, { action: 'x' }),
      ]) {
        const err = await attempt().exec().catch((e: unknown) => e);
        expect((err as Error).message).to.equal('audit is append-only');
      }
    });
  });

  describe('transactions and connection', () => {
    it('uses transactions on a replica set or mongos only', () => {
      expect(supportsTransactions({ setName: 'rs0', isWritablePrimary: true } as never)).to.equal(true);
      expect(supportsTransactions({ msg: 'isdbgrid' })).to.equal(true);
      expect(supportsTransactions({ isWritablePrimary: true } as never)).to.equal(false);
    });

    it('fails with a clear message when no server answers', async function () {
      this.timeout(30_000);
      const err = await openMongoStore({ uri: 'mongodb://127.0.0.1:9/none', serverSelectionTimeoutMS: 300 }).catch((e: unknown) => e);
      expect((err as Error).message).to.match(/^cannot connect to MongoDB: /);
    });

    it('openStore chooses MongoDB when MONGODB_URI is configured', async function () {
      this.timeout(30_000);
      const err = await openStore({ dataDir: '/nonexistent-never-created', mongodbUri: 'mongodb://127.0.0.1:9/none?serverSelectionTimeoutMS=300' }).catch(
        (e: unknown) => e,
      );
      expect((err as Error).message).to.match(/^cannot connect to MongoDB/);
    });
  });
});
