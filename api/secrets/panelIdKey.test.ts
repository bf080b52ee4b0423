import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { panelIdKey } from './panelIdKey';

describe('panelIdKey', () => {
  it('keeps one random key per data directory and refuses a short PANEL_ID_KEY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'panel-key-'));
    try {
      const first = panelIdKey(dir, {});
      expect(Buffer.from(first, 'base64')).to.have.length(32);
      expect(panelIdKey(dir, {})).to.equal(first);
      expect(readFileSync(join(dir, 'panel-id-key'), 'utf8').trim()).to.equal(first);
      expect(statSync(join(dir, 'panel-id-key')).mode & 0o777).to.equal(0o600);
      expect(panelIdKey(dir, { PANEL_ID_KEY: 'k'.repeat(32) })).to.equal('k'.repeat(32));
      expect(() => panelIdKey(dir, { PANEL_ID_KEY: 'too-short' })).to.throw(RangeError, /at least 32 bytes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
