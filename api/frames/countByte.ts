/** Counting one byte value in a byte range: the fast path's field count per line. */

/** Number of bytes equal to `byte` in bytes[from…to). */
export function countByte(bytes: Uint8Array, from: number, to: number, byte: number): number {
  let count = 0;
  for (let k = from; k < to; k++) if (bytes[k] === byte) count++;
  return count;
}

/**
 * countByte four bytes at a time: `words` is the same memory as `bytes` read as 32-bit integers
 * (bytes.byteOffset divisible by 4). A byte of x = word XOR (byte repeated) is zero exactly when
 * ((x & 0x7f7f7f7f) + 0x7f7f7f7f | x) leaves its high bit clear — no carry crosses bytes, so there
 * are no false positives (S. E. Anderson, Bit Twiddling Hacks, "Determine if a word has a zero byte").
 * The high bits are summed with one multiplication. Cost: O(to − from), about ¼ of the loads.
 */
export function countByteInWords(bytes: Uint8Array, words: Int32Array, from: number, to: number, byte: number): number {
  const repeated = Math.imul(byte, 0x01010101);
  let count = 0;
  let k = from;
  for (; k < to && (k & 3) !== 0; k++) if (bytes[k] === byte) count++;
  const lastWord = to & ~3;
  for (; k < lastWord; k += 4) {
    const x = words[k >> 2] ^ repeated;
    const zeroBytes = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
    if (zeroBytes !== 0) count += Math.imul(zeroBytes >>> 7, 0x01010101) >>> 24;
  }
  for (; k < to; k++) if (bytes[k] === byte) count++;
  return count;
}
