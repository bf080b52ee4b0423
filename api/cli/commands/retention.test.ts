import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { writeOldReleaseStore } from '../../../fixtures/upgrade/buildFixture';
import { openSqliteStore } from '../../store/sqlite/sqliteStore';
import { runCli } from '../../testing/runCli';

describe('cli retention', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-retention-'));
    writeOldReleaseStore(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports in a dry run, then applies, audited; --now only with --dry-run', async () => {
    const dry = await runCli(['retention', '--dry-run', '--now', '2026-06-01T00:30:00Z', '--data-dir', dir]);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.contain('contacts: 5 would be purged in 1 frame(s)\n    f-1: 5\n').and.contain('Nothing was changed.');

    const refused = await runCli(['retention', '--now', '2030-01-01', '--data-dir', dir]);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.contain('--now is only allowed with --dry-run');

    const applied = await runCli(['retention', '--data-dir', dir]);
    expect(applied.code, applied.stderr).to.equal(0);
    expect(applied.stdout).to.contain('contacts: 5 were purged in 1 frame(s)').and.contain('Recorded in the audit trail as retention.run.');
    const store = openSqliteStore({ dataDir: dir });
    try {
      const [last] = await store.audit.list({ limit: 1, offset: 0 });
      expect(last).to.deep.include({ action: 'retention.run', actorUsername: 'cli' });
      expect(await store.contacts.countByFrame('f-1')).to.equal(0);
    } finally {
      await store.close();
    }
  });
});
