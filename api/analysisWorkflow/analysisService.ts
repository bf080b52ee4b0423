/**
 * Cached analysis runs: one computation per (draw, data version). A new response, a released reserve batch
 * or changed weights change the data version, so the next request recomputes; otherwise the view and every
 * export read the same run (the exports therefore always match the table on screen).
 */
import { FAMILY_LIFE_QUALITY_ID, QUESTIONNAIRES, type QuestionnaireJson } from '../questionnaire';
import type { Store } from '../store/types';
import { loadAnalysisInput, type AnalysisInput } from './analysisInput';
import { computeAnalysis, withWaveChanges, type AnalysisRun } from './computeAnalysis';
import { questionnaireJson } from './indicatorDefinitions';
import { trendBreaks } from './trendBreaks';

/** The built-in questionnaire versions (the store's published ones are added by AnalysisService.forStore). */
const builtInQuestionnaire = async (id: string, version: number): Promise<QuestionnaireJson | null> =>
  QUESTIONNAIRES.find((q) => q.id === id && q.version === version)?.json ?? null;

export class AnalysisService {
  private readonly runs = new Map<string, Promise<AnalysisRun>>();

  constructor(
    private readonly loadInput: (drawId?: string) => Promise<AnalysisInput>,
    /** Keep at most this many runs (oldest dropped first). */
    private readonly capacity = 8,
    /** The draw of the previous wave, if any, for the change since then. */
    private readonly previousDraw: (input: AnalysisInput) => Promise<string | null> = async () => null,
    /** A questionnaire version's JSON, for the trend breaks between waves answered with different versions. */
    private readonly questionnaire: (id: string, version: number) => Promise<QuestionnaireJson | null> = builtInQuestionnaire,
  ) {}

  static forStore(store: Store): AnalysisService {
    return new AnalysisService(
      (drawId) => loadAnalysisInput(store, drawId),
      8,
      async (input) => (await store.draws.list()).find((d) => d.wave === input.wave - 1)?.id ?? null,
      (id, version) => questionnaireJson(store, id, version).catch(() => null),
    );
  }

  /**
   * Computes one run and, when the previous wave can be analysed too, adds the change since then, with the
   * trend breaks of the questionnaire versions the two waves were answered with.
   */
  private async compute(input: AnalysisInput): Promise<AnalysisRun> {
    const run = computeAnalysis(input);
    const previousId = input.wave > 1 ? await this.previousDraw(input) : null;
    if (!previousId) return run;
    let previous: AnalysisRun;
    try {
      // Only the previous wave's direct estimates enter the change: one bootstrap replicate instead of 200 for its
      // model MSEs, which nothing reads, saves about two thirds of its computation.
      previous = computeAnalysis(await this.loadInput(previousId), { indicators: run.indicators, bootstrap: 1 });
    } catch {
      return run; // the previous wave cannot be weighted (e.g. no responses): no change column
    }
    const from = previous.result.questionnaire.versions;
    const to = run.result.questionnaire.versions;
    const id = input.questionnaireId ?? FAMILY_LIFE_QUALITY_ID;
    const json = new Map<number, QuestionnaireJson>();
    for (const v of new Set([...from, ...to])) {
      const found = await this.questionnaire(id, v);
      if (found) json.set(v, found);
    }
    // A version whose JSON is unknown cannot be compared: treated as unchanged would hide a break, so every indicator is marked.
    const unknown = [...new Set([...from, ...to])].filter((v) => !json.has(v));
    const breaks =
      unknown.length > 0
        ? new Map(run.indicators.map((ind) => [ind.id, { fromVersions: [...from], toVersions: [...to], questions: [{ name: '*', changes: [`questionnaire version ${unknown.join(', ')} unknown`] }] }]))
        : trendBreaks(run.indicators, from, to, (v) => json.get(v)!);
    return { ...run, result: withWaveChanges(run.result, previous.result, breaks) };
  }

  /** The run for the draw's current data, computed once and shared by concurrent requests. */
  async run(drawId?: string): Promise<AnalysisRun & { cached: boolean }> {
    const input = await this.loadInput(drawId);
    const key = `${input.drawId}|${input.dataVersion}`;
    let run = this.runs.get(key);
    const cached = run !== undefined;
    if (!run) {
      run = Promise.resolve().then(() => this.compute(input));
      this.runs.set(key, run);
      run.catch(() => this.runs.delete(key)); // a failed run is retried on the next request
      while (this.runs.size > this.capacity) this.runs.delete(this.runs.keys().next().value as string);
    }
    return { ...(await run), cached };
  }
}
