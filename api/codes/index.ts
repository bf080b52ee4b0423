export {
  ACCESS_CODE_ALPHABET,
  ACCESS_CODE_GROUPS,
  ACCESS_CODE_LENGTH,
  ACCESS_CODE_PAYLOAD_LENGTH,
  computeCheckCharacter,
  formatAccessCode,
  isWellFormedAccessCode,
  canonicalAccessCode,
} from './checkCharacter';
export { ACCESS_CODE_ENTROPY_BITS, generateAccessCode, type RandomBytes } from './accessCode';
export {
  CODE_HMAC_SECRET_ENV,
  MIN_CODE_HMAC_SECRET_BYTES,
  accessCodeMatchesHash,
  codeHmacSecretFromEnv,
  hashAccessCode,
} from './hashAccessCode';
export { issueAccessCodes, type IssuedAccessCode } from './issueAccessCodes';
