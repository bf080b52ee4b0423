import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { generateAccessCode, type RandomBytes } from './accessCode';
import { hashAccessCode } from './hashAccessCode';

/** One issued code: `code` (canonical) goes into the letter only; `codeHash` is what gets stored. */
export interface IssuedAccessCode {
  householdId: string;
  code: string;
  codeHash: string;
}

/** Collisions in a row after which the byte source is considered broken (each has p ≤ n · 31⁻¹³ ≈ 2⁻⁴⁴ even for n = 10⁶ households, so ten in a row never happen with a fair source). */
const MAX_COLLISIONS_IN_A_ROW = 10;

/**
 * Issues one fresh access code per household, unique within the batch. With 64.4 bits a
 * collision among 100,000 codes has probability ≈ n²/2 · 31⁻¹³ ≈ 2·10⁻¹⁰; we still check,
 * because a duplicate would give two households the same login. Uniqueness against codes
 * issued in earlier batches is the store's job (unique index on codeHash).
 * Cost: O(n).
 * @throws RangeError when a household id is empty or repeated, or the secret is too short.
 * @throws Error when the byte source keeps producing duplicates (it is not random).
 * @example issueAccessCodes(['H-0001', 'H-0002'], secret) // → [{ householdId: 'H-0001', code, codeHash }, …]
 */
export function issueAccessCodes(
  householdIds: readonly string[],
  secret: string,
  randomBytes: RandomBytes = cryptoRandomBytes,
): IssuedAccessCode[] {
  const seenHouseholds = new Set<string>();
  householdIds.forEach((id, index) => {
    if (typeof id !== 'string' || id.trim() === '') {
      throw new RangeError(`household id at position ${index + 1} is empty`);
    }
    if (seenHouseholds.has(id)) {
      throw new RangeError(`household id '${id}' appears twice (again at position ${index + 1}); each household gets exactly one code`);
    }
    seenHouseholds.add(id);
  });

  const seenCodes = new Set<string>();
  return householdIds.map((householdId) => {
    let code = generateAccessCode(randomBytes);
    for (let collisions = 1; seenCodes.has(code); collisions++) {
      if (collisions >= MAX_COLLISIONS_IN_A_ROW) {
        throw new Error(`random byte source produced the same access code ${MAX_COLLISIONS_IN_A_ROW} times; it is not random`);
      }
      code = generateAccessCode(randomBytes);
    }
    seenCodes.add(code);
    return { householdId, code, codeHash: hashAccessCode(code, secret) };
  });
}
