/** Small byte-range helpers shared by the frame reader and the id sort. */

/**
 * Compares two byte ranges (shorter first when one is a prefix of the other). For ASCII text byte
 * order is UTF-16 code-unit order, the order of JavaScript's `<`.
 */
export function compareBytes(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): number {
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const length = aLength < bLength ? aLength : bLength;
  for (let k = 0; k < length; k++) {
    const d = a[aStart + k] - b[bStart + k];
    if (d !== 0) return d;
  }
  return aLength - bLength;
}

/** True when every byte of the range is below 0x80. */
export function isAscii(bytes: Uint8Array, start: number, stop: number): boolean {
  for (let k = start; k < stop; k++) if (bytes[k] >= 0x80) return false;
  return true;
}

/** FNV-1a hash of a byte range (Fowler, Noll & Vo), for lookups that then compare the bytes. */
export function hashBytes(bytes: Uint8Array, start: number, stop: number): number {
  let hash = 0x811c9dc5;
  for (let k = start; k < stop; k++) hash = Math.imul(hash ^ bytes[k], 0x01000193);
  return hash;
}
