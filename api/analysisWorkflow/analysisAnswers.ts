/**
 * What GET /api/analysis/overview and GET /api/analysis/indicators answer, built from an analysis
 * run. The analysis page takes the answers' types from here (`import type`), so the page and the
 * routes cannot drift apart.
 */
import type { AnalysisResult } from './computeAnalysis';
import type { Lang } from './exports';

/** The weighting overview of a run: sample, respondents and the weights' diagnostics. */
export function overviewAnswer(r: AnalysisResult, cached: boolean) {
  return {
    drawId: r.drawId,
    wave: r.wave,
    dataVersion: r.dataVersion,
    computedAt: r.computedAt,
    durationMs: r.durationMs,
    cached,
    sampled: r.sampled,
    notEligible: r.notEligible,
    respondents: r.respondents,
    excludedOpenResponses: r.excludedOpenResponses,
    questionnaire: r.questionnaire,
    weighting: r.weighting,
  };
}

/** The indicators of a run with their labels and model failures in `language`. */
export function indicatorsAnswer(r: AnalysisResult, cached: boolean, language: Lang) {
  return {
    drawId: r.drawId,
    wave: r.wave,
    dataVersion: r.dataVersion,
    computedAt: r.computedAt,
    durationMs: r.durationMs,
    cached,
    respondents: r.respondents,
    districts: r.districts,
    indicators: r.indicators.map((i) => ({
      ...i,
      label: i.label[language],
      denominatorLabel: i.denominatorLabel[language],
      modelFailures: Object.fromEntries(Object.entries(i.modelFailures).map(([level, text]) => [level, text[language]])) as Partial<Record<keyof typeof i.models, string>>,
    })),
    smallArea: r.smallArea,
  };
}

export type OverviewAnswer = ReturnType<typeof overviewAnswer>;
export type IndicatorsAnswer = ReturnType<typeof indicatorsAnswer>;
