/**
 * Survey analysis library: a design object, then estimators on it — modelled on R's `survey` package
 * (Lumley 2010). Pure functions only: no I/O, no clocks, no globals.
 */
export { AnalysisError } from './analysisError';
export { surveyTable, numericColumn, categoryColumn, isMissingValue, type SurveyData, type SurveyTable } from './surveyData';
export { svyDesign, withWeights, type SurveyDesign, type SvyDesignOptions, type CalibrationStep, type LonelyStratumRule } from './svyDesign';
export { linearisationVariance } from './linearisationVariance';
export { domainIndex, type DomainIndex } from './domainIndex';
export { domainStatistics, type DomainStatistics } from './domainStatistics';
export { normalInterval, type SurveyEstimate, type DomainEstimate } from './estimate';
export { svyMean } from './svyMean';
export { svyTotal } from './svyTotal';
export { svyBy, type SvyByOptions } from './svyBy';
export { normalQuantile } from './normalQuantile';
export { studentQuantile } from './studentQuantile';
export { cholesky, solveCholesky } from './cholesky';
export { svyCiProp, type ProportionEstimate, type SvyCiPropOptions } from './svyCiProp';
export { populationMargins, type PopulationMargin } from './populationMargins';
export { calibrate, type CalibrateOptions } from './calibrate';
export { nonresponseAdjustment, type NonresponseOptions, type NonresponseCell, type NonresponseMerge, type NonresponseResult } from './nonresponseAdjustment';
export { weightDiagnostics, type WeightDiagnostics, type WeightSummary, type WeightDiagnosticsOptions } from './weightDiagnostics';
export { resultsToCsv, type CsvDialect, type CsvCell } from './resultsCsv';
export { formulaSafeCell } from './formulaSafeCell';
export { disclosureControl, type DisclosureFlag, type DisclosureInput, type DisclosureOptions, type Disclosed } from './disclosureControl';
export { compareDomains, normalCdf, twoSidedPValue, type DomainComparison, type CompareDomainsOptions } from './compareDomains';
export { changeBetweenWaves, type WaveChange, type WaveEstimate } from './changeBetweenWaves';
export { chiSquareUpperTail, logGamma } from './chiSquareUpperTail';
export * from './smallArea';
