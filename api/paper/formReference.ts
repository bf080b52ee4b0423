import { randomBytes } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O, U, so a reference read aloud or typed is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 symbols × 5 bits = 60 random bits: references cannot be guessed or enumerated. */
export const FORM_REFERENCE_LENGTH = 12;

/**
 * A new paper form reference: random (not the access code, not derived from the household), printed
 * on every page of a household's questionnaire. It is not a credential: it opens nothing online, and
 * its link to the household is kept with the contact data and purged with them.
 * @example newFormReference() // → 'K7M2Q9XT4B8R'
 */
export function newFormReference(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(FORM_REFERENCE_LENGTH);
  let out = '';
  for (let i = 0; i < FORM_REFERENCE_LENGTH; i += 1) out += ALPHABET[bytes[i]! & 31];
  return out;
}
