import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { openStore } from '../index';
import { inspectSqliteTarget, nonEmptyTables } from './backup';

describe('sqlite backup: what makes a restore target "not empty"', function () {
  this.timeout(20_000);
  it('a freshly migrated store, which has the shipped questionnaire v1, does not count as data; an imported version does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backup-target-'));
    try {
      const store = await openStore({ dataDir: dir });
      expect((await store.questionnaireVersions.list()).length).to.equal(1);
      await store.close();
      expect(nonEmptyTables(inspectSqliteTarget(dir)!)).to.not.have.property('questionnaire_versions');
      const again = await openStore({ dataDir: dir });
      await again.questionnaireVersions.create({ questionnaireId: 'family-life-quality', version: 2, json: { pages: [] }, status: 'draft', importedBy: null });
      await again.close();
      expect(nonEmptyTables(inspectSqliteTarget(dir)!)).to.have.property('questionnaire_versions', 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
