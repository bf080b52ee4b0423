import { expect } from 'chai';
import { hashPassword, passwordSchema, verifyPassword, SCRYPT_PARAMS } from './passwords';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('Gera-admin-2026');
    expect(hash).to.match(/^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/);
    expect(hash).to.not.contain('Gera-admin-2026');
    expect(await verifyPassword('Gera-admin-2026', hash)).to.equal(true);
    expect(await verifyPassword('Gera-admin-2027', hash)).to.equal(false);
  });

  it('salts every hash differently', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).to.not.equal(b);
  });

  it('verifies hashes made with other stored parameters and rejects malformed hashes', async () => {
    expect(SCRYPT_PARAMS.N).to.equal(32768);
    expect(await verifyPassword('x', 'scrypt$N=3,r=8,p=1$AAAA$AAAA')).to.equal(false);
    expect(await verifyPassword('x', 'plain-text')).to.equal(false);
    expect(await verifyPassword('x', '')).to.equal(false);
  });

  it('requires at least 10 characters', () => {
    expect(passwordSchema.safeParse('123456789').success).to.equal(false);
    expect(passwordSchema.safeParse('1234567890').success).to.equal(true);
    expect(passwordSchema.safeParse('x'.repeat(257)).success).to.equal(false);
  });
});
