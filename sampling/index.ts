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
