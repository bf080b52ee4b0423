import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { openSqliteStore } from '../../store/sqlite/sqliteStore';
import { runCli } from '../../testing/runCli';

const cli = (args: string[]) => runCli(args, { MONGODB_URI: '' });

describe('cli seed', function () {
  this.timeout(180_000);
  it('seeds an empty store once, prints the logins only then, and leaves a seeded store alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-seed-'));
    try {
      const first = await cli(['seed', '--data-dir', dir]);
      expect(first.code, first.stderr).to.equal(0);
      expect(first.stdout).to.contain('Gera-admin-2026');
      const second = await cli(['seed', '--data-dir', dir]);
      expect(second.code).to.equal(0);
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

  it('rejects unknown options with exit code 2 and the usage', async () => {
    const res = await cli(['seed', '--bogus']);
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain("Unknown option '--bogus'").and.contain('Usage:');
  });
});
