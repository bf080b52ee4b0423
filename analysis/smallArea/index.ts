/**
 * Small-area estimation: the area-level Fay–Herriot model and what it needs around it (Rao & Molina 2015, ch. 6).
 * R equivalents: `sae::eblupFH` / `mseFH` (fayHerriot, fayHerriotMse), `emdi::fh(transformation = "arcsin")`
 * (arcsine + bootstrap MSE).
 */
export { designMatrix, INTERCEPT, type DesignMatrix } from './designMatrix';
export { invertSymmetric } from './invertSymmetric';
export { fayHerriot, fayHerriotScore, type FayHerriotFit, type FayHerriotInput, type FayHerriotMethod } from './fayHerriot';
export { fayHerriotMse, type FayHerriotMse } from './fayHerriotMse';
export { syntheticEstimate } from './syntheticEstimate';
export { arcsineShare, arcsineVariance, arcsineBackTransform, naiveArcsineBack } from './arcsineTransform';
export { fayHerriotBootstrapMse, standardNormal, type BootstrapMseInput, type BootstrapMse } from './fayHerriotBootstrapMse';
export { smoothDirectVariances, type DirectShare, type SmoothedVariances } from './smoothDirectVariances';
export { ratioBenchmark } from './ratioBenchmark';
export { varianceInflation } from './varianceInflation';
export { modelDirectWaldCheck } from './modelDirectWaldCheck';
export { selectCovariates, type SelectCovariatesInput } from './selectCovariates';
export {
  smallAreaEstimates,
  FEW_AREAS,
  HIGH_VIF,
  type SmallAreaInputRow,
  type SmallAreaOptions,
  type SmallAreaEstimate,
  type SmallAreaModel,
  type SmallAreaResult,
  type SmallAreaTransform,
  type SmallAreaWarning,
  type SmallAreaWarningCode,
} from './smallAreaEstimates';
