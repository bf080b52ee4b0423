/**
 * Backup while the server accepts submissions, then restore into an empty data directory: every
 * submission acknowledged before the backup started must be in the restored store. The commands
 * run as a user runs them (child processes); the server runs in this process on the same store.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createInvitedHouseholds, type InvitedHousehold } from '../../collection/testing/testHouseholds';
import { BACKUP_MAGIC } from '../../operations/backupArchive';
import { loadQuestionnaire, simulateAnswers } from '../../questionnaire';
import { accessCodeHashSecret } from '../../secrets/accessCodeHashSecret';
import { openSqliteStore } from '../../store/sqlite/sqliteStore';
import { ApiClient } from '../../testing/apiClient';
import { runCli, type CliResult } from '../../testing/runCli';
import { startTestServer, type TestServer } from '../../testing/startTestServer';
import { seededUniform } from '../../testing/seededUniform';

/** The commands on this test's stores only: no MongoDB, no key or secret from the environment. */
const cli = (args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
  runCli(args, { MONGODB_URI: '', BACKUP_ENCRYPTION_KEY: '', CODE_HMAC_SECRET: '', ...env });

describe('cli backup and restore', function () {
  this.timeout(300_000);
  let server: TestServer;
  let households: InvitedHousehold[];
  let work: string;

  before(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_IP: '100000' } });
    households = await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir, {}), 400);
    work = mkdtempSync(join(tmpdir(), 'cli-backup-'));
  });
  after(async () => {
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('backs up during a load of submissions; the restore into an empty store holds every submission acknowledged before the backup started', async () => {
    const answers = simulateAnswers(loadQuestionnaire(1), seededUniform(7));
    const acknowledged: { householdId: string; at: number }[] = [];
    let next = 0;
    let stop = false;
    const submitter = async (worker: number) => {
      while (!stop && next < households.length) {
        const h = households[next++]!;
        const client = new ApiClient(server.url, { 'x-forwarded-for': `198.51.100.${worker}` });
        await client.session();
        expect((await client.post('/api/survey/enter', { code: h.code })).status).to.equal(200);
        const res = await client.post('/api/survey/submit', { answers });
        expect(res.status).to.equal(200);
        acknowledged.push({ householdId: h.householdId, at: Date.now() });
      }
    };
    const load = Promise.all([1, 2, 3, 4].map(submitter));
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));

    const backupStartedAt = Date.now();
    const before = acknowledged.filter((a) => a.at <= backupStartedAt).map((a) => a.householdId);
    const file = join(work, 'during-load.bak');
    const backup = await cli(['backup', '--out', file, '--data-dir', server.dataDir]);
    const duringBackup = acknowledged.length - before.length;
    stop = true;
    await load;
    expect(backup.code, backup.stderr).to.equal(0);
    expect(backup.stdout).to.match(/Backup written to .*\n  store sqlite, schema version \d+/);
    expect(duringBackup, 'the server kept accepting submissions while the backup ran').to.be.greaterThan(0);

    const target = join(work, 'restored');
    const restore = await cli(['restore', '--from', file, '--data-dir', target]);
    expect(restore.code, restore.stderr).to.equal(0);
    expect(restore.stdout).to.contain('checksum verified');
    expect(restore.stdout).to.contain('code-hmac-secret');

    const restored = openSqliteStore({ dataDir: target });
    try {
      const submitted = new Set((await restored.responses.list({ status: 'submitted' })).map((r) => r.householdId));
      const missing = before.filter((id) => !submitted.has(id));
      expect(missing, `${before.length} acknowledged before the backup`).to.deep.equal([]);
      expect((await restored.migrationStatus()).pending).to.deep.equal([]);
      expect(await restored.users.count()).to.equal(4);
      const sample = (await restored.responses.list({ householdId: before[0]! }))[0]!;
      expect(sample.answers).to.deep.equal(answers);
    } finally {
      await restored.close();
    }
    console.log(`      ${before.length} submissions acknowledged before the backup, ${duringBackup} more while it ran; all of the first present after restore`);
  });

  it('refuses a restore into a non-empty store unless --force, and then replaces it', async () => {
    const file = join(work, 'plain.bak');
    expect((await cli(['backup', '--out', file, '--data-dir', server.dataDir])).code).to.equal(0);
    const target = join(work, 'filled');
    expect((await cli(['seed', '--data-dir', target])).code).to.equal(0);
    const refused = await cli(['restore', '--from', file, '--data-dir', target]);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.match(/^restore: refused: the target store is not empty \(.*users: 4.*\); .*--force\n$/);

    const forced = await cli(['restore', '--from', file, '--data-dir', target, '--force']);
    expect(forced.code, forced.stderr).to.equal(0);
    const restored = openSqliteStore({ dataDir: target });
    try {
      const expected = await server.store.responses.list({ status: 'submitted' });
      expect((await restored.responses.list({ status: 'submitted' })).map((r) => r.id).sort()).to.deep.equal(expected.map((r) => r.id).sort());
      // The append-only triggers came back with the restored schema: only SQL past the store can try a delete.
      const db = (await import('better-sqlite3')).default;
      const raw = new db(join(target, 'platform.sqlite'));
      try {
        expect(() => raw.prepare('DELETE FROM audit').run()).to.throw(/append-only/);
      } finally {
        raw.close();
      }
    } finally {
      await restored.close();
    }
  });

  it('refuses a corrupted backup file with a clear message and leaves the target untouched', async () => {
    const file = join(work, 'good.bak');
    expect((await cli(['backup', '--out', file, '--data-dir', server.dataDir])).code).to.equal(0);
    const bytes = readFileSync(file);
    const middle = bytes.indexOf(0x0a, BACKUP_MAGIC.length) + 1 + Math.floor((bytes.length - BACKUP_MAGIC.length) / 2);
    bytes[middle] = bytes[middle]! ^ 0x20;
    const bad = join(work, 'bad.bak');
    writeFileSync(bad, bytes);
    const target = join(work, 'never');
    const res = await cli(['restore', '--from', bad, '--data-dir', target]);
    expect(res.code).to.equal(2);
    expect(res.stderr).to.equal(
      `restore: refused: backup '${bad}' is damaged: its SHA-256 checksum does not match (the file changed after it was written); nothing was restored\n`,
    );
    expect(existsSync(join(target, 'platform.sqlite'))).to.equal(false);
  });

  it('encrypts with BACKUP_ENCRYPTION_KEY; the same key restores, a wrong or missing key is refused', async () => {
    const key = randomBytes(32).toString('base64');
    const file = join(work, 'secret.bak');
    const backup = await cli(['backup', '--out', file, '--data-dir', server.dataDir], { BACKUP_ENCRYPTION_KEY: key });
    expect(backup.code, backup.stderr).to.equal(0);
    expect(backup.stdout).to.contain('encrypted with AES-256-GCM');
    // No plain SQLite page in the file.
    expect(readFileSync(file).includes(Buffer.from('SQLite format 3'))).to.equal(false);

    const wrong = await cli(['restore', '--from', file, '--data-dir', join(work, 'enc-wrong')], { BACKUP_ENCRYPTION_KEY: randomBytes(32).toString('hex') });
    expect(wrong.code).to.equal(2);
    expect(wrong.stderr).to.match(/refused: backup '.*' was encrypted with another key \(fingerprint [0-9a-f]{16}; BACKUP_ENCRYPTION_KEY has [0-9a-f]{16}\)/);
    const none = await cli(['restore', '--from', file, '--data-dir', join(work, 'enc-none')]);
    expect(none.code).to.equal(2);
    expect(none.stderr).to.contain('is encrypted: set BACKUP_ENCRYPTION_KEY');
    const bad = await cli(['backup', '--out', join(work, 'x.bak'), '--data-dir', server.dataDir], { BACKUP_ENCRYPTION_KEY: 'not-a-key' });
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('BACKUP_ENCRYPTION_KEY must be 32 bytes');

    const ok = await cli(['restore', '--from', file, '--data-dir', join(work, 'enc-ok')], { BACKUP_ENCRYPTION_KEY: key });
    expect(ok.code, ok.stderr).to.equal(0);
    expect(ok.stdout).to.contain('decrypted and authenticated');
  });

  it('requires --out and --from', async () => {
    const a = await cli(['backup']);
    expect(a.code).to.equal(2);
    expect(a.stderr).to.contain('missing required option --out');
    const b = await cli(['restore']);
    expect(b.code).to.equal(2);
    expect(b.stderr).to.contain('missing required option --from');
  });
});
