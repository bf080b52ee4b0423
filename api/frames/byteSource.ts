/** Random access to the bytes of a frame: a file (api/cli/io.ts `fileByteSource`) or bytes in memory. */

/** Reads up to target.length bytes at a byte position into target; returns how many were read (0 at the end). */
export type ReadAt = (target: Uint8Array, position: number) => number;

/** Random access to the bytes of a frame: a file, or bytes in memory (`bytesSource`). */
export interface ByteSource {
  /** Length in bytes. */
  readonly size: number;
  /** Runs `use` with a reader that is valid during the call (a file is opened before and closed after). */
  withReader<T>(use: (readAt: ReadAt) => T): T;
}

/** Random access to bytes in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    withReader: (use) =>
      use((target, position) => {
        const part = bytes.subarray(position, position + target.length);
        target.set(part);
        return part.length;
      }),
  };
}

/**
 * Whether all bytes of the source are UTF-8, read block by block (a character may cross blocks).
 * Cost: one read of the source.
 */
export function isUtf8Source(source: ByteSource, blockSize: number): boolean {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  return source.withReader((readAt) => {
    const block = new Uint8Array(Math.max(1, Math.min(blockSize, source.size)));
    try {
      for (let position = 0; position < source.size; ) {
        const n = readAt(block, position);
        if (n <= 0) break; // a short file: the next pass says so
        utf8.decode(block.subarray(0, n), { stream: true });
        position += n;
      }
      utf8.decode();
      return true;
    } catch {
      return false;
    }
  });
}
