import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { installationSecret } from './installationSecret';

describe('installationSecret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'familien-survey-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const options = { envName: 'TEST_SECRET', fileName: 'test-secret', minBytes: 32 };

  it('uses the environment variable when it is long enough and refuses a short one', () => {
    const long = 'x'.repeat(32);
    expect(installationSecret(dir, { ...options, env: { TEST_SECRET: long } })).to.equal(long);
    expect(() => installationSecret(dir, { ...options, env: { TEST_SECRET: 'short' } })).to.throw(RangeError, 'TEST_SECRET is too short: at least 32 bytes required');
  });

  it('otherwise creates one random secret in the data directory (mode 0600) and keeps it', () => {
    const first = installationSecret(dir, { ...options, env: {} });
    expect(Buffer.from(first, 'base64')).to.have.length(32);
    expect(statSync(join(dir, 'test-secret')).mode & 0o777).to.equal(0o600);
    expect(installationSecret(dir, { ...options, env: { TEST_SECRET: '' } })).to.equal(first);
    const other = mkdtempSync(join(tmpdir(), 'familien-survey-secret-'));
    try {
      expect(installationSecret(other, { ...options, env: {} })).to.not.equal(first);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
