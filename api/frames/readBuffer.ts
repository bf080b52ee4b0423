/**
 * The one reused read buffer of a pass over a frame: a window of the file that slides forward. A record
 * that crosses the window's end is kept (moved to the front) and parsed again once more bytes are in;
 * the window doubles when one record does not fit.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import type { ReadAt } from './byteSource';

/** Thrown while reading as UTF-8 at the first bytes that are not: the pass is repeated as Windows-1252. */
export class NotUtf8 extends Error {}

export class ReadBuffer {
  /** A Buffer, for its indexOf (memchr); only buf[0…filled) is ever read. */
  buf: Buffer;
  /** File position of buf[0]; buf[0…filled) holds file bytes [base, base + filled). */
  base = 0;
  filled = 0;
  /** Whether buf holds the file's last byte. */
  eof: boolean;
  /** buf[0…checked) is known to be valid UTF-8 (or need not be). */
  private checked = 0;

  /** `checkUtf8`: throw NotUtf8 at the first block with bytes that are not UTF-8. */
  constructor(
    private readonly readAt: ReadAt,
    readonly size: number,
    blockSize: number,
    private readonly checkUtf8: boolean,
  ) {
    this.buf = Buffer.alloc(Math.max(1, Math.min(blockSize, size)));
    this.eof = size === 0;
  }

  /**
   * Keeps buf[keep…filled), moved to the front, and reads more (growing the buffer when it is full).
   * @throws RangeError when the source ends early (changed while being read); NotUtf8.
   */
  refill(keep: number): void {
    let buf = this.buf;
    if (keep > 0) {
      buf.copyWithin(0, keep, this.filled);
      this.base += keep;
      this.filled -= keep;
      this.checked = Math.max(0, this.checked - keep);
    }
    if (this.filled === buf.length) {
      const bigger = Buffer.alloc(buf.length * 2);
      bigger.set(buf);
      this.buf = buf = bigger;
    }
    const { size, base } = this;
    while (this.filled < buf.length && base + this.filled < size) {
      const n = this.readAt(buf.subarray(this.filled, Math.min(buf.length, size - base)), base + this.filled);
      if (n <= 0) throw new RangeError(`the frame file ended after ${base + this.filled} of ${size} bytes (was it changed while being read?)`);
      this.filled += n;
    }
    this.eof = base + this.filled >= size;
    if (this.checkUtf8) {
      // Check up to the last ASCII byte (always a character boundary); the rest is checked with the next block.
      let cut = this.filled;
      if (!this.eof) while (cut > this.checked && buf[cut - 1] >= 0x80) cut--;
      if (!isUtf8(buf.subarray(this.checked, cut))) throw new NotUtf8();
      this.checked = cut;
    }
  }

  /** At the end of the pass: a file that ends inside a multi-byte character has bytes never checked. */
  checkRest(): void {
    if (this.checkUtf8 && this.checked < this.filled && !isUtf8(this.buf.subarray(this.checked, this.filled))) throw new NotUtf8();
  }
}
