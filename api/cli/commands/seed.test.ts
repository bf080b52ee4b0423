import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { openSqliteStore } from '../../store/sqlite/sqliteStore';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'api/cli/main.ts', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, MONGODB_URI: '' } });

describe('cli seed', function () {
  this.timeout(180_000);
  it('seeds an empty store once, prints the logins only then, and leaves a seeded store alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-seed-'));
    try {
      const first = cli(['seed', '--data-dir', dir]);
      expect(first.status, first.stderr).to.equal(0);
      expect(first.stdout).to.contain('Gera-admin-2026');
      const second = cli(['seed', '--data-dir', dir]);
      expect(second.status).to.equal(0);
      expect(second.stdout).to.equal('The store already has user accounts; nothing seeded.\n');
      const store = openSqliteStore({ dataDir: dir });
      try {
        expect((await store.users.list()).map((u) => u.username)).to.deep.equal(['admin', 'planner', 'staff', 'staff2']);
        expect(await store.meta.get('demoSeededAt')).to.be.a('string');
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects unknown options with exit code 2 and the usage', () => {
    const res = cli(['seed', '--bogus']);
    expect(res.status).to.equal(2);
    expect(res.stderr).to.contain("Unknown option '--bogus'").and.contain('Usage:');
  });
});
