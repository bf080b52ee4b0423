/**
 * Sampling library of the family survey platform: allocation of a sample over strata (districts),
 * precision preview, seeded stratified draws (SRSWOR, systematic), reserve samples, panel waves.
 *
 * Pure functions on plain arrays and records: no I/O, no clocks, no global state. Randomness comes only
 * from a SeededRng passed in (createRng(seed)), and every draw sorts units by id within strata first,
 * so the same frame content, allocation and seed always give the same sample.
 */
export { createRng, PRNG_NAME, type SeededRng } from './seededRng';
export { validateSizes, validateTotal } from './validateSizes';
export { distributeByWeight } from './distributeByWeight';
export { proportionalAllocation } from './proportionalAllocation';
export { equalAllocation } from './equalAllocation';
export { neymanAllocation } from './neymanAllocation';
export { powerAllocation } from './powerAllocation';
export { boundedAllocation, type BoundedAllocation } from './boundedAllocation';
export { largestRemainder } from './largestRemainder';
export { grossUp, type GrossUp } from './grossUp';
export {
  allocate,
  ALLOCATION_METHODS,
  type AllocateOptions,
  type AllocationMethod,
  type AllocationResult,
  type StratumAllocation,
  type StratumSpec,
} from './allocate';
export {
  groupFrameByStratum,
  groupUnitsByStratum,
  frameUnitsFromRecords,
  compareValues,
  cell,
  type FrameRecord,
  type FrameColumns,
  type FrameUnits,
  type StratumUnits,
  sizesOf,
} from './groupFrameByStratum';
export { checkAllocation, type AllocationInput, type StratumSize } from './checkAllocation';
export { stratumSizesInIdOrder, rowsAtStratumPositions, type CodedStratumSize } from './stratumPositions';
export type { SampledUnit, DrawnUnit } from './sampledUnit';
export { stratifiedSrswor, stratifiedSrsworOfUnits, partialShuffle, type SrsworOptions } from './stratifiedSrswor';
export { stratifiedSystematic, stratifiedSystematicOfUnits, type SystematicOptions } from './stratifiedSystematic';
export { frameFingerprint } from './frameFingerprint';
export { recordDraw, reproduceDraw, type DrawRecord, type DrawMethod } from './drawRecord';
export { drawWithReserve, type ReserveDraw, type ReserveUnit, type ReserveStratum, type ReserveOptions } from './drawWithReserve';
export { releaseReserve } from './releaseReserve';
export { activeSample } from './activeSample';
export { panelId } from './panelId';
export { reinvitePanel, ATTRITION_REASONS, type AttritionReason, type PanelMember } from './reinvitePanel';
export { refreshmentSample, type RefreshmentOptions } from './refreshmentSample';
export { waveWeights, type WaveStratumCounts, type WaveStratumWeights } from './waveWeights';
export { proportionStandardError } from './proportionStandardError';
export { kishDesignEffect } from './kishDesignEffect';
export { precisionPreview, Z_95, type PreviewStratum, type StratumPrecision, type PrecisionPreview } from './precisionPreview';
