import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ACCESS_CODE_ALPHABET,
  ACCESS_CODE_ENTROPY_BITS,
  ACCESS_CODE_LENGTH,
  ACCESS_CODE_PAYLOAD_LENGTH,
  computeCheckCharacter,
  formatAccessCode,
  generateAccessCode,
  isWellFormedAccessCode,
  canonicalAccessCode,
} from './index';
import { buildCheckVectors, CHECK_VECTORS_PATH, type CheckVectors } from './testing/checkVectors';
import { deterministicRandomBytes } from './testing/deterministicRandomBytes';

const isPrime = (n: number) => n > 1 && Array.from({ length: n - 2 }, (_, i) => i + 2).every((d) => n % d !== 0);

describe('access code alphabet and format', () => {
  it('has 31 distinct symbols, a prime count, without 0, O, 1, I, L', () => {
    expect(ACCESS_CODE_ALPHABET).to.have.length(31);
    expect(new Set(ACCESS_CODE_ALPHABET).size).to.equal(31);
    expect(isPrime(ACCESS_CODE_ALPHABET.length)).to.equal(true);
    for (const confusable of '0O1IL') expect(ACCESS_CODE_ALPHABET).not.to.include(confusable);
  });

  it('carries at least 60 bits of entropy: 13 · log2(31) ≈ 64.40', () => {
    const bits = ACCESS_CODE_PAYLOAD_LENGTH * Math.log2(ACCESS_CODE_ALPHABET.length);
    expect(ACCESS_CODE_ENTROPY_BITS).to.equal(bits);
    expect(bits).to.be.at.least(60);
    expect(bits).to.be.closeTo(64.4, 0.01);
    expect(ACCESS_CODE_LENGTH).to.equal(14);
  });

  it('formats as XXXX-XXXX-XXXX-XC and back', () => {
    const code = generateAccessCode(deterministicRandomBytes('format'));
    const formatted = formatAccessCode(code);
    expect(formatted).to.match(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);
    expect(canonicalAccessCode(formatted)).to.equal(code);
    expect(formatted.at(-1)).to.equal(computeCheckCharacter(code.slice(0, 13)));
  });

  it('refuses to format a code with a wrong check character, without echoing it', () => {
    const code = generateAccessCode(deterministicRandomBytes('format-bad'));
    const broken = code.slice(0, 13) + (code[13] === '2' ? '3' : '2');
    expect(() => formatAccessCode(broken)).to.throw(RangeError, /check character/);
    try { formatAccessCode(broken); } catch (error) { expect((error as Error).message).not.to.include(broken); }
  });
});

describe('generateAccessCode', () => {
  it('produces 10,000 distinct well-formed codes from crypto.randomBytes', () => {
    const codes = Array.from({ length: 10_000 }, () => generateAccessCode());
    expect(new Set(codes).size).to.equal(10_000);
    for (const code of codes) {
      expect(code).to.have.length(14);
      expect(isWellFormedAccessCode(code)).to.equal(true);
      expect(isWellFormedAccessCode(formatAccessCode(code))).to.equal(true);
    }
  });

  it('maps bytes without modulo bias: 13 passes over all 256 byte values give 248 codes, each symbol exactly 104 times', () => {
    // Each pass over 0…255 has 248 accepted bytes (8 per symbol) and 8 rejected ones (248…255).
    let next = 0;
    const cyclic = (size: number) => Buffer.from(Array.from({ length: size }, () => next++ % 256));
    const counts = new Map<string, number>();
    for (let i = 0; i < 248; i++) {
      for (const symbol of generateAccessCode(cyclic).slice(0, 13)) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    expect(next).to.equal(13 * 256 - 8); // the 248th code ends at byte 247 of the 13th pass
    expect(counts.size).to.equal(31);
    expect([...counts.values()].every((n) => n === 104)).to.equal(true);
    // Rejected bytes are skipped, not folded: 247 → symbol 247 mod 31, then 248…255 skipped, then 0.
    next = 247;
    expect(generateAccessCode(cyclic).slice(0, 2)).to.equal(ACCESS_CODE_ALPHABET[247 % 31]! + ACCESS_CODE_ALPHABET[0]!);
  });

  it('gives each symbol probability 1/31 (chi-square on 130,000 symbols from a fixed seed)', () => {
    const bytes = deterministicRandomBytes('uniformity');
    const counts = new Array<number>(31).fill(0);
    for (let i = 0; i < 10_000; i++) {
      for (const symbol of generateAccessCode(bytes).slice(0, 13)) counts[ACCESS_CODE_ALPHABET.indexOf(symbol)]!++;
    }
    const expected = 130_000 / 31;
    const chiSquare = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chiSquare).to.be.below(59.7); // χ²(30) upper 0.1 % quantile
  });

  it('rejects a byte source that returns only rejected bytes or the wrong length', () => {
    expect(() => generateAccessCode((n) => Buffer.alloc(n, 0xff))).to.throw(/not random/);
    expect(() => generateAccessCode(() => Buffer.alloc(1))).to.throw(/instead of/);
  });
});

describe('check character', () => {
  const codes = Array.from({ length: 200 }, () => generateAccessCode());

  it('detects every single-symbol substitution in 200 random codes', () => {
    let tried = 0;
    for (const code of codes) {
      for (let i = 0; i < code.length; i++) {
        for (const symbol of ACCESS_CODE_ALPHABET) {
          if (symbol === code[i]) continue;
          const typo = code.slice(0, i) + symbol + code.slice(i + 1);
          tried++;
          if (isWellFormedAccessCode(typo)) expect.fail(`substitution at ${i + 1} in ${code} → ${typo} not detected`);
        }
      }
    }
    expect(tried).to.equal(200 * 14 * 30);
  });

  it('detects every adjacent transposition (and every transposition at any distance) in 200 random codes', () => {
    let adjacent = 0;
    for (const code of codes) {
      for (let i = 0; i < code.length; i++) {
        for (let j = i + 1; j < code.length; j++) {
          if (code[i] === code[j]) continue;
          const symbols = [...code];
          [symbols[i], symbols[j]] = [symbols[j]!, symbols[i]!];
          if (j === i + 1) adjacent++;
          if (isWellFormedAccessCode(symbols.join(''))) expect.fail(`transposition ${i + 1}↔${j + 1} in ${code} not detected`);
        }
      }
    }
    expect(adjacent).to.be.greaterThan(200 * 13 * 0.9);
  });

  it('detects every adjacent twin error aa → bb in 200 random codes', () => {
    for (const code of codes) {
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] !== code[i + 1]) continue;
        for (const symbol of ACCESS_CODE_ALPHABET) {
          if (symbol === code[i]) continue;
          const typo = code.slice(0, i) + symbol + symbol + code.slice(i + 2);
          expect(isWellFormedAccessCode(typo), typo).to.equal(false);
        }
      }
    }
  });

  it('matches the committed vectors (which a UI copy of checkCharacter.ts must also pass)', () => {
    const vectors = JSON.parse(readFileSync(CHECK_VECTORS_PATH, 'utf8')) as CheckVectors;
    expect(vectors).to.deep.equal(buildCheckVectors());
    expect(vectors.alphabet).to.equal(ACCESS_CODE_ALPHABET);
    expect(vectors.valid).to.have.length(50);
    expect(vectors.invalid).to.have.length(50);
    for (const code of vectors.valid) expect(isWellFormedAccessCode(code), code).to.equal(true);
    for (const typo of vectors.invalid) {
      expect(isWellFormedAccessCode(typo.code), typo.code).to.equal(false);
      expect(isWellFormedAccessCode(typo.original)).to.equal(true);
      const differing = [...canonicalAccessCode(typo.code)!].filter((s, i) => s !== canonicalAccessCode(typo.original)![i]);
      expect(differing).to.have.length(typo.kind === 'substitution' ? 1 : 2);
    }
    expect(vectors.invalid.filter((v) => v.kind === 'adjacent-transposition')).to.have.length(25);
  });

  it('keeps checkCharacter.ts free of imports so the browser can use a verbatim copy', () => {
    const source = readFileSync(fileURLToPath(new URL('./checkCharacter.ts', import.meta.url)), 'utf8');
    expect(source).not.to.match(/^\s*import\s/m);
    expect(source).not.to.match(/require\(/);
  });

  it('rejects a payload of the wrong length or with foreign symbols', () => {
    expect(() => computeCheckCharacter('ABC')).to.throw(RangeError, /13 symbols/);
    expect(() => computeCheckCharacter('ABCDEFGHJKMN0')).to.throw(RangeError, /'0'/);
  });
});

describe('canonicalAccessCode / isWellFormedAccessCode', () => {
  const code = generateAccessCode(deterministicRandomBytes('normalize'));
  const formatted = formatAccessCode(code);

  it('accepts lowercase, spaces, missing or extra dashes, pasted Unicode dashes and no-break spaces', () => {
    for (const typed of [
      formatted.toLowerCase(),
      code,
      code.toLowerCase(),
      formatted.replaceAll('-', ' '),
      `  ${formatted}  `,
      formatted.replaceAll('-', '\u2013'),
      formatted.replaceAll('-', '\u00a0'),
      [...code].join(' '),
      formatted.replaceAll('-', '--'),
    ]) {
      expect(canonicalAccessCode(typed), JSON.stringify(typed)).to.equal(code);
      expect(isWellFormedAccessCode(typed)).to.equal(true);
    }
  });

  it('rejects characters outside the alphabet instead of guessing, including 0/O/1/I/L', () => {
    for (const foreign of ['0', 'O', '1', 'I', 'L', 'o', 'i', 'l', '_', '.', 'Ä', 'ß', 'ſ', 'Ａ', '😀']) {
      const typed = foreign + code.slice(1);
      expect(canonicalAccessCode(typed), typed).to.equal(null);
      expect(isWellFormedAccessCode(typed)).to.equal(false);
    }
    // 'ß'.toUpperCase() is 'SS' and 'ſ'.toUpperCase() is 'S': they must not sneak in as symbols.
    expect(canonicalAccessCode(code.slice(0, 12) + 'ß')).to.equal(null);
    expect(canonicalAccessCode(code.slice(0, 13) + 'ſ')).to.equal(null);
  });

  it('rejects wrong lengths and non-strings', () => {
    expect(canonicalAccessCode('')).to.equal(null);
    expect(canonicalAccessCode(code.slice(0, 13))).to.equal(null);
    expect(canonicalAccessCode(code + '2')).to.equal(null);
    expect(canonicalAccessCode('2'.repeat(10_000))).to.equal(null);
    expect(isWellFormedAccessCode(undefined as unknown as string)).to.equal(false);
  });
});
