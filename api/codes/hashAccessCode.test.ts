import { expect } from 'chai';
import {
  accessCodeMatchesHash,
  codeHmacSecretFromEnv,
  formatAccessCode,
  generateAccessCode,
  hashAccessCode,
  isWellFormedAccessCode,
  issueAccessCodes,
} from './index';
import { deterministicRandomBytes } from './testing/deterministicRandomBytes';

const SECRET = 'gera-family-survey-test-secret-0123456789';
const OTHER_SECRET = 'another-secret-of-sufficient-length-0123';

describe('hashAccessCode', () => {
  it('equals HMAC-SHA-256 of the canonical code (checked with openssl dgst -hmac)', () => {
    expect(hashAccessCode('XNRE-ENRD-3F9H-YT', SECRET)).to.equal(
      '4feef59c464b134f82b2d63930c35c2df939e70e3fd72a871f1d980d56c51351',
    );
  });

  it('is deterministic and independent of how the code was typed', () => {
    const code = generateAccessCode();
    const hash = hashAccessCode(code, SECRET);
    expect(hash).to.match(/^[0-9a-f]{64}$/);
    expect(hashAccessCode(code, SECRET)).to.equal(hash);
    expect(hashAccessCode(formatAccessCode(code).toLowerCase(), SECRET)).to.equal(hash);
  });

  it('differs by secret', () => {
    const code = generateAccessCode();
    expect(hashAccessCode(code, SECRET)).not.to.equal(hashAccessCode(code, OTHER_SECRET));
  });

  it('rejects a secret shorter than 32 bytes without revealing it', () => {
    const short = 'x'.repeat(31);
    expect(() => hashAccessCode(generateAccessCode(), short)).to.throw(RangeError, /CODE_HMAC_SECRET is too short: 31 bytes, at least 32/);
    try { hashAccessCode(generateAccessCode(), short); } catch (error) { expect((error as Error).message).not.to.include(short); }
    expect(() => hashAccessCode(generateAccessCode(), 'x'.repeat(32))).not.to.throw();
  });

  it('rejects a malformed code', () => {
    expect(() => hashAccessCode('ABCD', SECRET)).to.throw(RangeError, /not well-formed/);
  });

  it('reads the secret from CODE_HMAC_SECRET and fails fast when missing or short', () => {
    expect(codeHmacSecretFromEnv({ CODE_HMAC_SECRET: SECRET })).to.equal(SECRET);
    expect(() => codeHmacSecretFromEnv({})).to.throw(/CODE_HMAC_SECRET is not set/);
    expect(() => codeHmacSecretFromEnv({ CODE_HMAC_SECRET: 'short' })).to.throw(/too short: 5 bytes/);
  });

  it('matches a typed code against a stored hash', () => {
    const code = generateAccessCode();
    const hash = hashAccessCode(code, SECRET);
    expect(accessCodeMatchesHash(formatAccessCode(code), hash, SECRET)).to.equal(true);
    expect(accessCodeMatchesHash(generateAccessCode(), hash, SECRET)).to.equal(false);
    expect(accessCodeMatchesHash('nonsense', hash, SECRET)).to.equal(false);
    expect(accessCodeMatchesHash(code, 'not-a-hash', SECRET)).to.equal(false);
  });
});

describe('issueAccessCodes', () => {
  it('issues one unique, well-formed code per household with its hash', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `HH-${String(i + 1).padStart(5, '0')}`);
    const issued = issueAccessCodes(ids, SECRET);
    expect(issued.map((c) => c.householdId)).to.deep.equal(ids);
    expect(new Set(issued.map((c) => c.code)).size).to.equal(ids.length);
    expect(new Set(issued.map((c) => c.codeHash)).size).to.equal(ids.length);
    for (const { code, codeHash } of issued) {
      expect(isWellFormedAccessCode(code)).to.equal(true);
      expect(codeHash).to.equal(hashAccessCode(code, SECRET));
    }
  });

  it('draws again when a code repeats within the batch', () => {
    // Record the byte calls that produced one code, then serve them twice before fresh bytes:
    // household A gets that code, household B's first draw repeats it and must be redrawn.
    const fresh = deterministicRandomBytes('collision');
    const recorded: Buffer[] = [];
    const first = generateAccessCode((size) => {
      const bytes = fresh(size);
      recorded.push(bytes);
      return bytes;
    });
    const queue = [...recorded, ...recorded];
    const issued = issueAccessCodes(['A', 'B'], SECRET, (size) => queue.shift() ?? fresh(size));
    expect(queue).to.have.length(0);
    expect(issued[0]!.code).to.equal(first);
    expect(issued[1]!.code).not.to.equal(first);
    expect(isWellFormedAccessCode(issued[1]!.code)).to.equal(true);
  });

  it('stops with a clear error when the byte source keeps repeating itself', () => {
    expect(() => issueAccessCodes(['A', 'B'], SECRET, (n) => Buffer.alloc(n, 7))).to.throw(/same access code 10 times/);
  });

  it('rejects empty or repeated household ids, naming the position', () => {
    expect(() => issueAccessCodes(['A', ' '], SECRET)).to.throw(RangeError, /position 2 is empty/);
    expect(() => issueAccessCodes(['A', 'B', 'A'], SECRET)).to.throw(RangeError, /'A' appears twice \(again at position 3\)/);
    expect(() => issueAccessCodes(['A'], 'short')).to.throw(RangeError, /too short/);
  });
});
