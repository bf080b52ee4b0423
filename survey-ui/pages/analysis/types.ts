/**
 * The shapes of the analysis answers, taken from the API modules that produce them: `import type`
 * is erased by the bundler, so the page still talks to the API only over HTTP.
 */
import type { IndicatorsAnswer, OverviewAnswer } from '../../../api/analysisWorkflow/analysisAnswers';
import type { ModelSettings } from '../../../api/analysisWorkflow/modelSettings';

export type { AreaLevel, ModelCard, ModelCell } from '../../../api/analysisWorkflow/smallAreaAnalysis';
export type { TrendBreak } from '../../../api/analysisWorkflow/trendBreaks';
export type { WeightSummary } from '../../../analysis/weightDiagnostics';

/** GET /api/analysis/indicators */
export type IndicatorsResponse = IndicatorsAnswer;
export type Indicator = IndicatorsAnswer['indicators'][number];
export type Cell = Indicator['overall'];
/** A sub-district's cell: `district` holds the sub-district's name, `parent` its district. */
export type SubdistrictCell = Indicator['subdistricts'][number];
export type Flag = Cell['flag'];
export type SmallArea = IndicatorsAnswer['smallArea'];
export type AreaCovariate = SmallArea['covariates'][number];
export type ModelTerm = NonNullable<Indicator['models']['district']>['terms'][number];
export type ModelWarningCode = NonNullable<Indicator['models']['district']>['warnings'][number]['code'];
/** The planners' covariate choices by indicator and level (GET /api/analysis/model-settings); absent = defaults. */
export type ModelSettingsByIndicator = ModelSettings;
/** GET /api/analysis/overview */
export type Overview = OverviewAnswer;
