export type Flag = 'ok' | 'caution' | 'suppressed';

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
  change?: { change: number; se: number; pValue: number; previousWave: number } | null;
}

export interface Indicator {
  id: string;
  label: string;
  denominatorLabel: string;
  theme: string;
  direction: 'need' | 'context';
  overall: Cell;
  districts: Cell[];
}

export interface IndicatorsResponse {
  drawId: string;
  wave: number;
  dataVersion: string;
  durationMs: number;
  respondents: number;
  districts: string[];
  indicators: Indicator[];
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
