import { createHash } from 'node:crypto';
import { cell, type FrameRecord } from './groupFrameByStratum';

/**
 * SHA-256 fingerprint of a frame's content, independent of row order and column order: each row is
 * serialised as JSON of its [column, value as text] pairs sorted by column name, the lines are sorted,
 * and the sorted lines are hashed. Two frames with the same rows (as text) have the same fingerprint,
 * so a re-exported frame in another order still verifies — matching the draws, which also ignore row order.
 * Cost: O(N log N) (sorting the serialised rows) plus O(size) hashing.
 * @example frameFingerprint([{ id: '1' }]) === frameFingerprint([{ id: 1 }]) // → true (values compared as text)
 */
export function frameFingerprint(rows: readonly FrameRecord[]): string {
  const lines = rows.map((row) =>
    JSON.stringify(
      Object.keys(row)
        .sort()
        .map((k) => {
          const value = cell(row, k);
          return [k, value === undefined || value === null ? '' : String(value)];
        }),
    ),
  );
  lines.sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line + '\n');
  return hash.digest('hex');
}
