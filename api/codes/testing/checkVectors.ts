import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateAccessCode } from '../accessCode';
import { ACCESS_CODE_ALPHABET, ACCESS_CODE_GROUPS, formatAccessCode } from '../checkCharacter';
import { deterministicRandomBytes } from './deterministicRandomBytes';

/** One code with a single typing error, and what the error was. */
export interface TypoVector {
  /** The erroneous code, grouped like a printed code. */
  code: string;
  /** The valid code it was derived from. */
  original: string;
  kind: 'substitution' | 'adjacent-transposition';
  /** 1-based position of the (first) changed symbol. */
  position: number;
}

/** Contents of check-vectors.json, against which every copy of the checker is tested. */
export interface CheckVectors {
  description: string;
  alphabet: string;
  valid: string[];
  invalid: TypoVector[];
}

function group(canonical: string): string {
  const parts: string[] = [];
  let start = 0;
  for (const size of ACCESS_CODE_GROUPS) {
    parts.push(canonical.slice(start, start + size));
    start += size;
  }
  return parts.join('-');
}

/**
 * Builds the published vectors reproducibly: 50 valid codes from a fixed seed, then 25 single
 * substitutions and 25 adjacent transpositions of them (never a no-op swap of equal symbols).
 * @example buildCheckVectors().valid.length // → 50
 */
export function buildCheckVectors(): CheckVectors {
  const bytes = deterministicRandomBytes('check-vectors-v1');
  const valid = Array.from({ length: 50 }, () => generateAccessCode(bytes));
  const pick = bytes; // the same deterministic stream chooses positions and replacement symbols
  const invalid: TypoVector[] = valid.map((original, index) => {
    const [a, b] = pick(2);
    const symbols = [...original];
    if (index % 2 === 0) {
      const position = a! % symbols.length;
      const current = ACCESS_CODE_ALPHABET.indexOf(symbols[position]!);
      const shift = 1 + (b! % (ACCESS_CODE_ALPHABET.length - 1)); // never the same symbol
      symbols[position] = ACCESS_CODE_ALPHABET[(current + shift) % ACCESS_CODE_ALPHABET.length]!;
      return { code: group(symbols.join('')), original: group(original), kind: 'substitution', position: position + 1 };
    }
    let position = a! % (symbols.length - 1);
    while (symbols[position] === symbols[position + 1]) position = (position + 1) % (symbols.length - 1);
    [symbols[position], symbols[position + 1]] = [symbols[position + 1]!, symbols[position]!];
    return { code: group(symbols.join('')), original: group(original), kind: 'adjacent-transposition', position: position + 1 };
  });
  return {
    description:
      'Access code check vectors: every "valid" code must pass isWellFormedAccessCode, every "invalid" code ' +
      '(one substitution or adjacent transposition of a valid code) must fail. Check: sum of i*v_i over ' +
      'positions i=1..14 (v = index in alphabet) is 0 mod 31. Regenerate: npx tsx api/codes/testing/checkVectors.ts',
    alphabet: ACCESS_CODE_ALPHABET,
    valid: valid.map(formatAccessCode),
    invalid,
  };
}

/** Where the vectors are committed. */
export const CHECK_VECTORS_PATH = fileURLToPath(new URL('../check-vectors.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CHECK_VECTORS_PATH, JSON.stringify(buildCheckVectors(), null, 2) + '\n');
  console.log(`wrote ${CHECK_VECTORS_PATH}`);
}
