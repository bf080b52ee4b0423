import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { writeOldReleaseStore } from '../../fixtures/upgrade/buildFixture';
import { createLogger } from '../logger';
import { openStore } from '../store';
import { startServerRetention } from './serverRetention';

describe('retention in the server', function () {
  this.timeout(30_000);
  it('applies the policy from the environment on schedule and logs counts only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'server-retention-'));
    writeOldReleaseStore(dir);
    const store = await openStore({ dataDir: dir });
    const lines: string[] = [];
    const logger = createLogger({ destination: new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) as never });
    try {
      expect(() => startServerRetention({ store, logger, env: { RETENTION_ANSWERS_YEARS: '-2' } })).to.throw(/RETENTION_ANSWERS_YEARS/);
      const retention = startServerRetention({ store, logger, env: {}, checkEveryMs: 20 });
      for (let i = 0; i < 100 && !lines.some((l) => l.includes('retention applied')); i++) await new Promise((r) => setTimeout(r, 50));
      await retention.stop();
      const applied = JSON.parse(lines.find((l) => l.includes('retention applied'))!) as { retention: Record<string, number> };
      expect(applied.retention).to.deep.equal({ framesPurged: 1, contactsPurged: 5, responsesDeleted: 0, paperEntriesDeleted: 0, dispositionsDeleted: 0 });
      expect(lines.join('')).to.not.contain('Ößwald');
      expect(await store.contacts.countByFrame('f-1')).to.equal(0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
