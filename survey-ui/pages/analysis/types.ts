export type Flag = 'ok' | 'caution' | 'suppressed';

export type AreaLevel = 'district' | 'subdistrict';

/** The model-based (Fay–Herriot) value of an area; shares in [0, 1] like the direct cells. */
export interface ModelCell {
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  cv: number | null;
  /** Weight on the survey γ: 1 = the area's own answers alone, 0 = the covariates alone (synthetic). */
  gamma: number;
  kind: 'model' | 'synthetic';
  /** Why a value is synthetic: no respondents, or 1–9 whose answers stay out of the model (disclosure). */
  reason: 'no-respondents' | 'few-respondents' | null;
  flag: Flag;
}

export interface Cell {
  district: string | null;
  n: number;
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  cv: number | null;
  flag: Flag;
  vsRest: { difference: number; se: number; pValue: number } | null;
  /** Change since the previous wave (independent samples); `trendBreak` when the questionnaire changed in a question the indicator reads. */
  change?: { change: number; se: number; pValue: number; ciLow: number; ciHigh: number; previousWave: number; trendBreak?: boolean } | null;
  /** null for the whole city or when no model could be fitted. */
  model?: ModelCell | null;
}

/** A sub-district's cell: `district` holds the sub-district's name, `parent` its district. */
export type SubdistrictCell = Cell & { parent: string };

export interface ModelTerm {
  /** '(Intercept)' or a covariate name. */
  name: string;
  beta: number;
  se: number;
  z: number;
  p: number;
}

export type ModelWarningCode = 'few-areas' | 'sigma2u-zero' | 'not-converged' | 'collinear' | 'model-departs' | 'benchmark-clamped' | 'covariates-reduced' | 'model-failed';

/** What the model of one indicator and level is and how well it fits (REML on the arcsine scale). */
export interface ModelCard {
  level: AreaLevel;
  method: 'reml';
  transform: 'arcsine';
  covariates: string[];
  /** How the covariates were chosen: by a planner, or selected by BIC from `candidates` (absent from older answers). */
  selection?: 'planner' | 'automatic';
  candidates?: string[];
  terms: ModelTerm[];
  sigma2u: number;
  iterations: number;
  converged: boolean;
  loglik: number;
  aic: number;
  bic: number;
  areas: number;
  modelledAreas: number;
  bootstrap: number;
  seed: number;
  pooledDesignEffect: number;
  smoothedAreas: string[];
  benchmark: { to: 'city' | 'district'; ratios: { area: string; ratio: number }[] };
  wald: { statistic: number; df: number; pValue: number };
  /** `message` is English, shown only when the code has no text in the catalogue. */
  warnings: { code: ModelWarningCode | (string & {}); message: string; covariate?: string }[];
}

export interface AreaCovariate {
  level: AreaLevel;
  name: string;
  source: 'frame' | 'import';
  /** Version of the import the values come from; null for frame covariates. */
  version: number | null;
  label?: { de: string; en: string };
}

export interface SmallArea {
  levels: AreaLevel[];
  subdistricts: { area: string; district: string; households: number }[];
  covariates: AreaCovariate[];
  defaults: Record<AreaLevel, string[]>;
  bootstrap: number;
  /** Median CV of the district values, direct and model-based. */
  medianCv: { direct: number | null; model: number | null };
}

export interface TrendBreak {
  fromVersions: number[];
  toVersions: number[];
  questions: { name: string; changes: string[] }[];
}

export interface Indicator {
  id: string;
  label: string;
  denominatorLabel: string;
  theme: string;
  direction: 'need' | 'context';
  /** Stored version of the indicator's definition. */
  version?: number;
  /** Why the change since the previous wave is not comparable (questionnaire versions and changed questions); null when it is. */
  trendBreak?: TrendBreak | null;
  overall: Cell;
  districts: Cell[];
  /** Empty when the frame has no sub-districts. */
  subdistricts: SubdistrictCell[];
  models: Record<AreaLevel, ModelCard | null>;
  modelFailures: Partial<Record<AreaLevel, string>>;
}

/** The planners' covariate choices by indicator and level (GET /api/analysis/model-settings); absent = defaults. */
export type ModelSettingsByIndicator = Record<string, Partial<Record<AreaLevel, string[]>>>;

export interface IndicatorsResponse {
  drawId: string;
  wave: number;
  dataVersion: string;
  durationMs: number;
  respondents: number;
  districts: string[];
  indicators: Indicator[];
  smallArea: SmallArea;
}

export interface WeightSummary {
  n: number;
  sumWeights: number;
  population: number | null;
  min: number;
  max: number;
  cv: number;
  kishDeff: number;
  effectiveN: number;
}

export interface Overview {
  drawId: string;
  wave: number;
  dataVersion: string;
  durationMs: number;
  sampled: number;
  /** Contacted households found no longer eligible: left out of the weighting. */
  notEligible: number;
  respondents: number;
  weighting: {
    overall: WeightSummary;
    districts: (WeightSummary & { domain: string; sampled: number })[];
    nonresponse: { cellVariables: string[]; cells: { collapsed: boolean }[] };
    calibration: { variables: string[]; iterations: number };
  };
}
