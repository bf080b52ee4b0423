/**
 * The backup file format, the same for both stores:
 *
 *   line 1   `FAMILIENBEFRAGUNG-BACKUP 1\n`                      (magic and format version)
 *   line 2   header as one line of JSON, then `\n`               (BackupHeader)
 *   payload  `header.payload.bytes` bytes: the SQLite database file or the MongoDB NDJSON export,
 *            AES-256-GCM ciphertext of it when `header.encryption` is set (same length)
 *   tag      16 bytes GCM authentication tag (only when encrypted)
 *   digest   32 bytes SHA-256 of everything before it
 *
 * Two independent checks: the trailing SHA-256 detects any damaged byte (header, payload, tag)
 * before anything is decrypted or written; `payload.sha256` is the digest of the plain payload,
 * checked again after decryption. With encryption, GCM authenticates payload and header (the
 * header lines are the additional authenticated data), so a file changed on purpose — even with
 * a recomputed digest — is refused as well. Files are streamed: a store of several hundred MB
 * never has to fit in memory.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackupRejectedError } from '../store/types';

export const BACKUP_MAGIC = 'FAMILIENBEFRAGUNG-BACKUP 1\n';
const TAG_BYTES = 16;
const DIGEST_BYTES = 32;
/** The header is small (table counts, migration names); anything longer is not one of our files. */
const MAX_HEADER_BYTES = 1 << 20;

export interface BackupHeader {
  createdAt: string;
  storeKind: 'sqlite' | 'mongodb';
  /** Highest applied migration of the store at backup time (restore migrates forward from it). */
  schemaVersion: number;
  migrations: string[];
  /** Rows (SQLite) or documents (MongoDB) per table/collection in the backup. */
  counts: Record<string, number>;
  payload: {
    /** `sqlite-database`: a SQLite database file; `mongodb-ndjson`: one EJSON document per line. */
    format: 'sqlite-database' | 'mongodb-ndjson';
    bytes: number;
    /** SHA-256 (hex) of the plain payload. */
    sha256: string;
  };
  encryption: null | {
    algorithm: 'aes-256-gcm';
    /** 12-byte GCM nonce, base64; random for every file. */
    iv: string;
    /** Identifies the key without revealing it, so a wrong key gets a precise message. */
    keyFingerprint: string;
  };
}

/** A backup the restore must refuse (defined with the store's backup operations, which refuse payloads too). */
export { BackupRejectedError };

/**
 * Reads BACKUP_ENCRYPTION_KEY: exactly 32 bytes written as 64 hex digits or as base64
 * (`openssl rand -hex 32` or `openssl rand -base64 32`). Unset or empty: no encryption.
 * @throws RangeError naming the expected forms when the value is not a 32-byte key.
 * @example parseBackupKey('00'.repeat(32)).length // → 32
 */
export function parseBackupKey(text: string | undefined): Buffer | null {
  if (text === undefined || text.trim() === '') return null;
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(value)) {
    const key = Buffer.from(value, 'base64');
    if (key.length === 32) return key;
  }
  throw new RangeError('BACKUP_ENCRYPTION_KEY must be 32 bytes written as 64 hex digits or as base64 (create one with `openssl rand -base64 32`)');
}

/** Short public identifier of a key: the first 16 hex digits of SHA-256 over a label and the key. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('familienbefragung-backup-key\0').update(key).digest('hex').slice(0, 16);
}

/** Passes bytes through while feeding them into hashes. */
function tee(...hashes: Hash[]): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      for (const h of hashes) h.update(chunk);
      done(null, chunk);
    },
  });
}

/** SHA-256 and size of a file, streamed. */
export async function fileSha256(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export interface WriteArchiveInput {
  /** File holding the plain payload; read twice (digest, then copy). */
  payloadPath: string;
  outPath: string;
  header: Omit<BackupHeader, 'payload' | 'encryption'> & { payload: Pick<BackupHeader['payload'], 'format'> };
  /** 32-byte key: encrypt with AES-256-GCM; null: plain. */
  key: Buffer | null;
}

/**
 * Writes the archive to `<out>.tmp-<pid>`, syncs it to disk and renames it, so `outPath` is
 * either absent or a complete file.
 * @returns the header as written.
 */
export async function writeBackupArchive(input: WriteArchiveInput): Promise<BackupHeader> {
  const { sha256, bytes } = await fileSha256(input.payloadPath);
  const iv = input.key ? randomBytes(12) : null;
  const header: BackupHeader = {
    ...input.header,
    payload: { format: input.header.payload.format, bytes, sha256 },
    encryption: input.key && iv ? { algorithm: 'aes-256-gcm', iv: iv.toString('base64'), keyFingerprint: keyFingerprint(input.key) } : null,
  };
  const headerBytes = Buffer.from(BACKUP_MAGIC + JSON.stringify(header) + '\n', 'utf8');
  const tmp = `${input.outPath}.tmp-${process.pid}`;
  const fileHash = createHash('sha256');
  try {
    const out = createWriteStream(tmp, { mode: 0o600 });
    fileHash.update(headerBytes);
    out.write(headerBytes);
    const cipher = input.key && iv ? createCipheriv('aes-256-gcm', input.key, iv).setAAD(headerBytes) : null;
    // end: false keeps the file open for the tag and the digest.
    if (cipher) await pipeline(createReadStream(input.payloadPath), cipher, tee(fileHash), out, { end: false });
    else await pipeline(createReadStream(input.payloadPath), tee(fileHash), out, { end: false });
    if (cipher) {
      const tag = cipher.getAuthTag();
      fileHash.update(tag);
      out.write(tag);
    }
    out.write(fileHash.digest());
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, input.outPath);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return header;
}

interface ArchiveLayout {
  header: BackupHeader;
  headerBytes: Buffer;
  fileBytes: number;
}

function readLayout(path: string): ArchiveLayout {
  const fd = openSync(path, 'r');
  try {
    const fileBytes = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(fileBytes, MAX_HEADER_BYTES + BACKUP_MAGIC.length));
    readSync(fd, head, 0, head.length, 0);
    if (!head.subarray(0, BACKUP_MAGIC.length).equals(Buffer.from(BACKUP_MAGIC))) {
      throw new BackupRejectedError(`'${path}' is not a backup of the Familienbefragung (it does not start with '${BACKUP_MAGIC.trim()}')`);
    }
    const end = head.indexOf(0x0a, BACKUP_MAGIC.length);
    if (end < 0) throw new BackupRejectedError(`backup '${path}' is damaged or truncated: its header line has no end`);
    const headerBytes = head.subarray(0, end + 1);
    let header: BackupHeader;
    try {
      header = JSON.parse(headerBytes.subarray(BACKUP_MAGIC.length).toString('utf8')) as BackupHeader;
    } catch {
      throw new BackupRejectedError(`backup '${path}' is damaged: its header is not readable`);
    }
    if (!header || typeof header !== 'object' || !header.payload || !Number.isSafeInteger(header.payload.bytes) || typeof header.payload.sha256 !== 'string') {
      throw new BackupRejectedError(`backup '${path}' is damaged: its header lacks the payload size or checksum`);
    }
    return { header, headerBytes: Buffer.from(headerBytes), fileBytes };
  } finally {
    closeSync(fd);
  }
}

/** Reads and sanity-checks only the header (for `restore --dry-run`-like inspection and messages). */
export function readBackupHeader(path: string): BackupHeader {
  return readLayout(path).header;
}

/**
 * Verifies the archive and writes the plain payload to `payloadOut`. Nothing is written unless
 * the file digest matches; the payload file is removed again when decryption or the payload
 * checksum fails.
 * @throws BackupRejectedError with a sentence saying what is wrong (damaged, truncated, wrong key, no key).
 */
export async function extractBackupArchive(path: string, payloadOut: string, key: Buffer | null): Promise<BackupHeader> {
  const { header, headerBytes, fileBytes } = readLayout(path);
  const tagBytes = header.encryption ? TAG_BYTES : 0;
  const expected = headerBytes.length + header.payload.bytes + tagBytes + DIGEST_BYTES;
  if (fileBytes !== expected) {
    throw new BackupRejectedError(
      `backup '${path}' is damaged: ${fileBytes < expected ? 'truncated' : 'longer than written'} (${fileBytes} bytes, the header announces ${expected})`,
    );
  }

  // Pass 1: the digest over everything before the last 32 bytes.
  const digest = createHash('sha256');
  for await (const chunk of createReadStream(path, { start: 0, end: fileBytes - DIGEST_BYTES - 1 })) digest.update(chunk as Buffer);
  const stored = Buffer.alloc(DIGEST_BYTES);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, stored, 0, DIGEST_BYTES, fileBytes - DIGEST_BYTES);
  } finally {
    closeSync(fd);
  }
  if (!digest.digest().equals(stored)) {
    throw new BackupRejectedError(`backup '${path}' is damaged: its SHA-256 checksum does not match (the file changed after it was written); nothing was restored`);
  }

  // Pass 2: decrypt when needed, checking the plain payload's own digest.
  let decipher = null;
  if (header.encryption) {
    if (!key) throw new BackupRejectedError(`backup '${path}' is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was written with (key fingerprint ${header.encryption.keyFingerprint})`);
    if (keyFingerprint(key) !== header.encryption.keyFingerprint) {
      throw new BackupRejectedError(
        `backup '${path}' was encrypted with another key (fingerprint ${header.encryption.keyFingerprint}; BACKUP_ENCRYPTION_KEY has ${keyFingerprint(key)})`,
      );
    }
    const tag = Buffer.alloc(TAG_BYTES);
    const fd2 = openSync(path, 'r');
    try {
      readSync(fd2, tag, 0, TAG_BYTES, headerBytes.length + header.payload.bytes);
    } finally {
      closeSync(fd2);
    }
    decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.encryption.iv, 'base64')).setAAD(headerBytes);
    decipher.setAuthTag(tag);
  }
  const plainHash = createHash('sha256');
  try {
    if (header.payload.bytes === 0) throw new BackupRejectedError(`backup '${path}' is damaged: its payload is empty`);
    const source = createReadStream(path, { start: headerBytes.length, end: headerBytes.length + header.payload.bytes - 1 });
    const out = createWriteStream(payloadOut, { mode: 0o600 });
    if (decipher) await pipeline(source, decipher, tee(plainHash), out);
    else await pipeline(source, tee(plainHash), out);
  } catch (err) {
    if (err instanceof BackupRejectedError) throw err;
    rmSync(payloadOut, { force: true });
    if (decipher) {
      throw new BackupRejectedError(`backup '${path}' cannot be decrypted: the authentication tag does not match (wrong key or the file was altered); nothing was restored`);
    }
    throw err;
  }
  if (plainHash.digest('hex') !== header.payload.sha256) {
    rmSync(payloadOut, { force: true });
    throw new BackupRejectedError(`backup '${path}' is damaged: the payload checksum does not match its header; nothing was restored`);
  }
  return header;
}
