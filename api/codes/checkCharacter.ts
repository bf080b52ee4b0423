/**
 * Everything needed to check a typed access code offline — alphabet, check character,
 * normalisation and display format — with NO imports, so the resident survey UI can keep a
 * verbatim copy (it cannot import `api/`). That copy must pass the same vectors as this file:
 * `api/codes/check-vectors.json` (50 valid codes, 50 codes with one typing error).
 *
 * ## Alphabet (31 symbols)
 * `23456789ABCDEFGHJKMNPQRSTUVWXYZ`: digits and capital letters without 0/O, 1/I/L, the pairs
 * people misread most in print and handwriting. We keep 31 symbols rather than also dropping
 * U/V or 5/S because 31 is prime, and a prime modulus is what lets the check character below
 * catch every single typo; the letters are printed in a monospace font (Courier), in which
 * the remaining look-alikes are clearly different.
 *
 * ## Check character: weighted sum modulo the prime 31
 * Write the 14 symbols of a code as values v₁ … v₁₄ (index in the alphabet, v₁₄ = check).
 * The check character makes   Σᵢ i · vᵢ ≡ 0 (mod 31).
 * This is the ISBN-10 construction (weights 1…n over a prime field, here GF(31)); see
 * ISO/IEC 7064:2003 §5 for pure check-character systems and Gallian (1991), "The mathematics
 * of identification numbers", College Math. J. 22(3), for the proofs. Because 31 is prime and
 * every weight 1…14 is non-zero and distinct mod 31:
 *   - a substitution a→b at position i changes the sum by i·(b−a) ≢ 0        → always detected;
 *   - swapping a≠b at positions i, j changes it by (i−j)·(b−a) ≢ 0            → every
 *     transposition is detected, adjacent or not;
 *   - a twin error aa→bb at i, i+1 changes it by (2i+1)·(b−a), and 2i+1 ≤ 27 < 31 → detected.
 * (Luhn mod N, by contrast, misses one adjacent transposition pair.)
 *
 * ## Format
 * 13 random payload symbols + 1 check character = 14 symbols, displayed in groups of four:
 * `XXXX-XXXX-XXXX-XC` (the last group is the 13th payload symbol and the check character).
 * Entropy: 13 · log₂ 31 ≈ 64.40 bits.
 */

/** The 31 code symbols, in value order (symbol ↔ index 0…30). */
export const ACCESS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Number of random symbols in a code (the check character comes on top). */
export const ACCESS_CODE_PAYLOAD_LENGTH = 13;

/** Symbols in a complete canonical code: payload + check character. */
export const ACCESS_CODE_LENGTH = ACCESS_CODE_PAYLOAD_LENGTH + 1;

/** Group sizes used for display; they add up to ACCESS_CODE_LENGTH. */
export const ACCESS_CODE_GROUPS: readonly number[] = [4, 4, 4, 2];

const MODULUS = ACCESS_CODE_ALPHABET.length; // 31, prime

/** Value (0…30) of a canonical symbol, or -1 if it is not in the alphabet. */
function symbolValue(symbol: string): number {
  return ACCESS_CODE_ALPHABET.indexOf(symbol);
}

/** Σ i·vᵢ mod 31 over the given symbols, positions counted from 1. Assumes valid symbols. */
function weightedSum(symbols: string): number {
  let sum = 0;
  for (let i = 0; i < symbols.length; i++) sum = (sum + (i + 1) * symbolValue(symbols[i]!)) % MODULUS;
  return sum;
}

/** Multiplicative inverse in GF(31) by Fermat's little theorem: x⁻¹ = x^(p−2) mod p. */
function inverseModulo(x: number): number {
  let result = 1;
  let base = x % MODULUS;
  for (let e = MODULUS - 2; e > 0; e >>= 1) {
    if (e & 1) result = (result * base) % MODULUS;
    base = (base * base) % MODULUS;
  }
  return result;
}

/**
 * The check character for a 13-symbol payload: the c with S + 14·c ≡ 0 (mod 31), where
 * S = Σ i·vᵢ over the payload, i.e. c = −S · 14⁻¹ mod 31.
 * Cost: O(n).
 * @throws RangeError when the payload has the wrong length or a symbol outside the alphabet.
 * @example computeCheckCharacter('ABCDEFGHJKMNP') // → one symbol of ACCESS_CODE_ALPHABET
 */
export function computeCheckCharacter(payload: string): string {
  if (payload.length !== ACCESS_CODE_PAYLOAD_LENGTH) {
    throw new RangeError(
      `access code payload must have ${ACCESS_CODE_PAYLOAD_LENGTH} symbols, got ${payload.length}`,
    );
  }
  for (const symbol of payload) {
    if (symbolValue(symbol) < 0) {
      throw new RangeError(`access code payload contains '${symbol}', which is not in ${ACCESS_CODE_ALPHABET}`);
    }
  }
  const checkWeight = ACCESS_CODE_LENGTH;
  const value = ((MODULUS - weightedSum(payload)) * inverseModulo(checkWeight)) % MODULUS;
  return ACCESS_CODE_ALPHABET[value]!;
}

/**
 * Canonical form of a typed or printed code: ASCII letters upper-cased, spaces and dashes
 * (any Unicode whitespace or dash, as pasted from mail or PDF) removed. Returns the 14
 * canonical symbols, or null when a character is outside the alphabet (including 0, O, 1,
 * I, L — excluded on purpose, so never silently guessed) or the length is not 14.
 * It does not verify the check character; isWellFormedAccessCode() does.
 * Only a–z are upper-cased: String#toUpperCase would turn 'ß' into 'SS' or 'ſ' into 'S'
 * and so let foreign characters through.
 * @example canonicalAccessCode(' abcd efgh-jkmn pq ') // → 'ABCDEFGHJKMNPQ'
 */
export function canonicalAccessCode(input: string): string | null {
  if (typeof input !== 'string') return null;
  let canonical = '';
  for (const char of input) {
    if (/^[\s\p{Pd}]$/u.test(char)) continue;
    const symbol = char >= 'a' && char <= 'z' ? char.toUpperCase() : char;
    if (symbolValue(symbol) < 0) return null;
    canonical += symbol;
    if (canonical.length > ACCESS_CODE_LENGTH) return null;
  }
  return canonical.length === ACCESS_CODE_LENGTH ? canonical : null;
}

/**
 * True when the input normalises to 14 alphabet symbols whose weighted sum is 0 mod 31,
 * i.e. it can be a code we issued. Purely local: no server call, no dependencies.
 * Cost: O(n).
 * @example isWellFormedAccessCode(formatAccessCode(code)) // → true for every issued code
 */
export function isWellFormedAccessCode(input: string): boolean {
  const canonical = canonicalAccessCode(input);
  return canonical !== null && weightedSum(canonical) === 0;
}

/**
 * Display form for letters and screens: the canonical code in groups `XXXX-XXXX-XXXX-XC`.
 * @throws RangeError when the input is not a well-formed code (wrong symbols, length or check).
 * @example formatAccessCode('abcdefghjkmnpq') // → 'ABCD-EFGH-JKMN-PQ' (if the check matches)
 */
export function formatAccessCode(canonical: string): string {
  const code = canonicalAccessCode(canonical);
  if (code === null || weightedSum(code) !== 0) {
    throw new RangeError('not a well-formed access code (wrong length, symbol or check character)');
  }
  const groups: string[] = [];
  let start = 0;
  for (const size of ACCESS_CODE_GROUPS) {
    groups.push(code.slice(start, start + size));
    start += size;
  }
  return groups.join('-');
}
