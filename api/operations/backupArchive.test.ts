import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import {
  BACKUP_MAGIC,
  BackupRejectedError,
  extractBackupArchive,
  keyFingerprint,
  parseBackupKey,
  readBackupHeader,
  writeBackupArchive,
} from './backupArchive';

const header = {
  createdAt: '2026-11-28T03:00:00.000Z',
  storeKind: 'sqlite' as const,
  schemaVersion: 3,
  migrations: ['001_initial', '002_sampling', '003_collection'],
  counts: { responses: 2 },
  payload: { format: 'sqlite-database' as const },
};

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(BackupRejectedError);
    return (err as Error).message;
  }
  throw new Error('expected the backup to be refused');
}

describe('backup archive format', () => {
  let dir: string;
  let payload: string;
  const content = randomBytes(200_000);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backup-archive-'));
    payload = join(dir, 'payload');
    writeFileSync(payload, content);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips a plain payload and records its SHA-256 and size in the header', async () => {
    const out = join(dir, 'a.bak');
    const written = await writeBackupArchive({ payloadPath: payload, outPath: out, header, key: null });
    expect(written.payload.bytes).to.equal(content.length);
    expect(written.encryption).to.equal(null);
    expect(readFileSync(out).subarray(0, BACKUP_MAGIC.length).toString()).to.equal(BACKUP_MAGIC);
    expect(readBackupHeader(out)).to.deep.equal(written);
    const back = await extractBackupArchive(out, join(dir, 'back'), null);
    expect(back.payload.sha256).to.equal(written.payload.sha256);
    expect(readFileSync(join(dir, 'back')).equals(content)).to.equal(true);
    expect(existsSync(`${out}.tmp-${process.pid}`)).to.equal(false);
  });

  it('refuses a file with one flipped byte anywhere (header, payload, digest) and writes nothing', async () => {
    const out = join(dir, 'a.bak');
    await writeBackupArchive({ payloadPath: payload, outPath: out, header, key: null });
    const bytes = readFileSync(out);
    const headerEnd = bytes.indexOf(0x0a, BACKUP_MAGIC.length);
    // inside a header string value, in the middle of the payload, in the trailing digest
    for (const at of [BACKUP_MAGIC.length + 20, headerEnd + 1 + 100_000, bytes.length - 1]) {
      const damaged = Buffer.from(bytes);
      damaged[at] = damaged[at]! ^ 0x01;
      writeFileSync(join(dir, 'bad.bak'), damaged);
      const message = await rejection(extractBackupArchive(join(dir, 'bad.bak'), join(dir, 'out'), null));
      expect(message).to.match(/is damaged/);
      expect(existsSync(join(dir, 'out'))).to.equal(false);
    }
  });

  it('refuses a truncated file and a file that is not a backup', async () => {
    const out = join(dir, 'a.bak');
    await writeBackupArchive({ payloadPath: payload, outPath: out, header, key: null });
    writeFileSync(join(dir, 'short.bak'), readFileSync(out).subarray(0, 5000));
    expect(await rejection(extractBackupArchive(join(dir, 'short.bak'), join(dir, 'o'), null))).to.match(/truncated/);
    writeFileSync(join(dir, 'other.bak'), 'SQLite format 3\0');
    expect(await rejection(extractBackupArchive(join(dir, 'other.bak'), join(dir, 'o'), null))).to.match(/is not a backup of the Familienbefragung/);
  });

  it('encrypts with AES-256-GCM: ciphertext differs, the right key restores, no key and a wrong key are refused clearly', async () => {
    const key = randomBytes(32);
    const out = join(dir, 'e.bak');
    const written = await writeBackupArchive({ payloadPath: payload, outPath: out, header, key });
    expect(written.encryption).to.include({ algorithm: 'aes-256-gcm', keyFingerprint: keyFingerprint(key) });
    expect(readFileSync(out).includes(content.subarray(0, 64))).to.equal(false);
    await extractBackupArchive(out, join(dir, 'back'), key);
    expect(readFileSync(join(dir, 'back')).equals(content)).to.equal(true);

    expect(await rejection(extractBackupArchive(out, join(dir, 'x'), null))).to.match(/is encrypted: set BACKUP_ENCRYPTION_KEY/);
    expect(await rejection(extractBackupArchive(out, join(dir, 'x'), randomBytes(32)))).to.match(/encrypted with another key/);
    expect(existsSync(join(dir, 'x'))).to.equal(false);
  });

  it('detects deliberate tampering of an encrypted file even when the outer checksum is recomputed', async () => {
    const key = randomBytes(32);
    const out = join(dir, 'e.bak');
    await writeBackupArchive({ payloadPath: payload, outPath: out, header, key });
    const bytes = readFileSync(out);
    const headerEnd = bytes.indexOf(0x0a, BACKUP_MAGIC.length);
    const forged = Buffer.from(bytes);
    forged[headerEnd + 10] = forged[headerEnd + 10]! ^ 0xff;
    const { createHash } = await import('node:crypto');
    createHash('sha256').update(forged.subarray(0, forged.length - 32)).digest().copy(forged, forged.length - 32);
    writeFileSync(join(dir, 'forged.bak'), forged);
    expect(await rejection(extractBackupArchive(join(dir, 'forged.bak'), join(dir, 'x'), key))).to.match(/authentication tag does not match/);
    expect(existsSync(join(dir, 'x'))).to.equal(false);
  });

  it('reads BACKUP_ENCRYPTION_KEY as 64 hex digits or base64 of 32 bytes, and refuses anything else', () => {
    const raw = randomBytes(32);
    expect(parseBackupKey(raw.toString('hex'))!.equals(raw)).to.equal(true);
    expect(parseBackupKey(raw.toString('base64'))!.equals(raw)).to.equal(true);
    expect(parseBackupKey(undefined)).to.equal(null);
    expect(parseBackupKey('  ')).to.equal(null);
    expect(() => parseBackupKey('secret')).to.throw(RangeError, /32 bytes written as 64 hex digits or as base64/);
    expect(() => parseBackupKey(randomBytes(16).toString('hex'))).to.throw(RangeError);
  });
});
