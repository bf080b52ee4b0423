import { frameFingerprint } from './frameFingerprint';
import { cell, type FrameRecord } from './groupFrameByStratum';
import type { SampledUnit } from './sampledUnit';
import { createRng, PRNG_NAME } from './seededRng';
import { stratifiedSrswor } from './stratifiedSrswor';
import { stratifiedSystematic } from './stratifiedSystematic';

export type DrawMethod = 'srswor' | 'systematic';

/** Everything needed to reproduce a draw and to prove which frame it was drawn from. */
export interface DrawRecord {
  method: DrawMethod;
  seed: number;
  /** Generator name (PRNG_NAME at the time of the draw). */
  prng: string;
  /** frameFingerprint() of the frame drawn from. */
  frameFingerprint: string;
  idColumn: string;
  stratumColumn: string;
  /** Sort columns of a systematic draw. */
  sortKey?: string[];
  allocation: Record<string, number>;
  /** When the draw was made, supplied by the caller (ISO 8601); the library never reads a clock. */
  timestamp: string;
  /** Ids of the drawn units, sorted (UTF-16 code-unit order), to check a reproduction against. */
  sampleIds?: string[];
}

/**
 * Draws a stratified sample by the recorded method and seed (shared by recordDraw and reproduceDraw).
 * Cost: as stratifiedSrswor / stratifiedSystematic.
 */
function drawByRecord<T extends FrameRecord>(record: Omit<DrawRecord, 'frameFingerprint' | 'prng' | 'timestamp'>, frame: readonly T[]): SampledUnit<T>[] {
  const rng = createRng(record.seed);
  const common = { id: record.idColumn, stratum: record.stratumColumn, allocation: record.allocation, rng };
  if (record.method === 'srswor') return stratifiedSrswor(frame, common);
  if (record.method === 'systematic') {
    if (!record.sortKey || record.sortKey.length === 0) throw new RangeError('a systematic draw record needs sortKey');
    return stratifiedSystematic(frame, { ...common, sortKey: record.sortKey });
  }
  throw new RangeError(`unknown draw method '${String(record.method)}' (use srswor or systematic)`);
}

/** Drawn ids sorted, so the check does not depend on the frame's row order (like the fingerprint). */
function sortedIds(sample: readonly SampledUnit<FrameRecord>[], idColumn: string): string[] {
  return sample.map((u) => String(cell(u.row, idColumn))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Draws a stratified sample and returns it together with its DrawRecord (method, seed, PRNG name,
 * frame fingerprint, allocation, caller's timestamp, drawn ids).
 * Cost: O(N log N).
 * @throws RangeError as the underlying draw.
 * @example recordDraw(rows, { method: 'srswor', seed: 42, idColumn: 'household_id', stratumColumn: 'district', allocation, timestamp: '2026-01-05T10:00:00Z' })
 */
export function recordDraw<T extends FrameRecord>(
  frame: readonly T[],
  params: Omit<DrawRecord, 'frameFingerprint' | 'prng' | 'sampleIds'>,
): { sample: SampledUnit<T>[]; record: DrawRecord } {
  const sample = drawByRecord(params, frame);
  const record: DrawRecord = {
    ...params,
    prng: PRNG_NAME,
    frameFingerprint: frameFingerprint(frame),
    sampleIds: sortedIds(sample, params.idColumn),
  };
  return { sample, record };
}

/**
 * Re-draws a recorded sample: verifies that the frame has the recorded fingerprint and that the
 * generator is the recorded one, draws with the recorded method, seed and allocation, and (when the
 * record lists the drawn ids) checks that the same units come out.
 * Cost: O(N log N).
 * @throws Error when the frame's fingerprint differs, the PRNG differs, or the re-drawn ids differ
 *   from the recorded ones; RangeError as the underlying draw.
 * @example reproduceDraw(record, frame).length // → the recorded sample size
 */
export function reproduceDraw<T extends FrameRecord>(record: DrawRecord, frame: readonly T[]): SampledUnit<T>[] {
  const fingerprint = frameFingerprint(frame);
  if (fingerprint !== record.frameFingerprint) {
    throw new Error(`the frame does not match the draw record: fingerprint ${fingerprint} instead of ${record.frameFingerprint}`);
  }
  if (record.prng !== PRNG_NAME) throw new Error(`the draw used generator '${record.prng}', this version has '${PRNG_NAME}'`);
  const sample = drawByRecord(record, frame);
  if (record.sampleIds) {
    const ids = sortedIds(sample, record.idColumn);
    if (ids.length !== record.sampleIds.length || ids.some((id, i) => id !== record.sampleIds?.[i])) {
      throw new Error('the re-drawn sample differs from the recorded sample ids');
    }
  }
  return sample;
}
