/**
 * The MongoDB backup path without a server: the export line format (canonical Extended JSON),
 * index definitions, collection selection, and the archive around an export. The round trip
 * against a server runs only when MONGODB_URI is set.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { BackupRejectedError, extractBackupArchive, writeBackupArchive } from './backupArchive';
import { createBackup, restoreBackup } from './backupService';
import { decodeExportLine, encodeExportLine, nonEmptyCollections, readExport, restorableIndexes, STAGING_PREFIX, storeCollections } from '../store/mongo/backup';

const { Long, Binary, Decimal128 } = mongoose.mongo.BSON;

describe('MongoDB logical backup (offline parts)', () => {
  it('keeps BSON types exact through an export line', () => {
    const document = {
      _id: 'r-1',
      submittedAt: new Date('2026-11-28T03:00:00.123Z'),
      seed: Long.fromString('9007199254740993'),
      weight: 1.5,
      share: Decimal128.fromString('0.1'),
      blob: new Binary(Buffer.from([0, 1, 254, 255])),
      answers: { comment: 'Spielplätze – bitte', list: [1, null, 'x'] },
      missing: null,
    };
    const line = encodeExportLine({ kind: 'document', collection: 'responses', document });
    expect(line.endsWith('\n')).to.equal(true);
    expect(line.slice(0, -1)).to.not.contain('\n');
    const back = decodeExportLine(line.slice(0, -1), 1);
    // Canonical parsing keeps the BSON wrappers (Int32, Double, Long), so a restore writes the same types back.
    expect(encodeExportLine(back)).to.equal(line);
    expect(back.kind).to.equal('document');
    const d = (back as { document: Record<string, unknown> }).document;
    expect((d.submittedAt as Date).toISOString()).to.equal('2026-11-28T03:00:00.123Z');
    expect(d.seed).to.be.instanceOf(Long);
    expect(String(d.seed)).to.equal('9007199254740993');
    expect(String(d.share)).to.equal('0.1');
    expect(Buffer.from((d.blob as InstanceType<typeof Binary>).buffer).equals(Buffer.from([0, 1, 254, 255]))).to.equal(true);
    expect(Number((d.weight as { valueOf(): number }).valueOf())).to.equal(1.5);
    expect((d.answers as { comment: string }).comment).to.equal('Spielplätze – bitte');
    expect(d.missing).to.equal(null);
  });

  it('refuses a damaged export line naming its number', () => {
    expect(() => decodeExportLine('{"c":"responses","d":', 17)).to.throw(BackupRejectedError, /line 17 is not valid Extended JSON/);
    expect(() => decodeExportLine('{"x":1}', 3)).to.throw(BackupRejectedError, /line 3 is neither an index list nor a document/);
  });

  it('recreates the indexes of the migrations (not _id) and exports only the store collections', () => {
    const indexes = [
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { householdId: 1 }, name: 'householdId_1', unique: true, partialFilterExpression: { status: 'submitted' } },
      { v: 2, key: { purgeAt: 1 }, name: 'purgeAt_1', expireAfterSeconds: 0 },
    ];
    expect(restorableIndexes(indexes)).to.deep.equal([
      { key: { householdId: 1 }, options: { name: 'householdId_1', unique: true, partialFilterExpression: { status: 'submitted' } } },
      { key: { purgeAt: 1 }, options: { name: 'purgeAt_1', expireAfterSeconds: 0 } },
    ]);
    expect(storeCollections(['users', 'system.views', `${STAGING_PREFIX}users`, 'audit'])).to.deep.equal(['audit', 'users']);
    expect(nonEmptyCollections({ schema_migrations: 3, meta: 1, users: 0, audit: 2 })).to.deep.equal({ audit: 2 });
  });

  it('an export travels in the same checksummed archive as a SQLite backup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mongo-export-'));
    try {
      const lines = [
        encodeExportLine({ kind: 'indexes', collection: 'users', indexes: [{ v: 2, key: { _id: 1 }, name: '_id_' }] }),
        encodeExportLine({ kind: 'document', collection: 'users', document: { _id: 'u1', username: 'admin', createdAt: new Date(0) } }),
      ];
      writeFileSync(join(dir, 'export.ndjson'), lines.join(''));
      await writeBackupArchive({
        payloadPath: join(dir, 'export.ndjson'),
        outPath: join(dir, 'm.bak'),
        key: null,
        header: { createdAt: new Date(0).toISOString(), storeKind: 'mongodb', schemaVersion: 3, migrations: [], counts: { users: 1 }, payload: { format: 'mongodb-ndjson' } },
      });
      await extractBackupArchive(join(dir, 'm.bak'), join(dir, 'back.ndjson'), null);
      const read = [];
      for await (const line of readExport(join(dir, 'back.ndjson'))) read.push(line);
      expect(read.map((l) => l.kind)).to.deep.equal(['indexes', 'document']);
      expect(((read[1] as { document: Record<string, unknown> }).document.createdAt as Date).getTime()).to.equal(0);

      // A MongoDB backup is not restored into a SQLite installation (and vice versa).
      const err = await restoreBackup({ dataDir: join(dir, 'sqlite') }, join(dir, 'm.bak'), { key: null, force: false }).catch((e: Error) => e);
      expect((err as Error).message).to.match(/is a backup of a mongodb store, but this installation uses SQLite/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const uri = process.env.MONGODB_URI;
  if (uri) {
    it('backs up and restores a MongoDB store (MONGODB_URI)', async function () {
      this.timeout(120_000);
      const dir = mkdtempSync(join(tmpdir(), 'mongo-backup-'));
      try {
        const result = await createBackup({ dataDir: dir, mongodbUri: uri }, join(dir, 'm.bak'), null);
        expect(result.header.storeKind).to.equal('mongodb');
        const restored = await restoreBackup({ dataDir: dir, mongodbUri: uri }, join(dir, 'm.bak'), { key: null, force: true });
        expect(restored.counts).to.deep.equal(result.header.counts);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  } else {
    console.log('MongoDB backup round trip skipped: MONGODB_URI not set (export format, archive and refusal paths tested offline)');
  }
});
