/**
 * Cached analysis runs: one computation per (draw, data version). A new response, a released reserve batch
 * or changed weights change the data version, so the next request recomputes; otherwise the view and every
 * export read the same run (the exports therefore always match the table on screen).
 */
import type { Store } from '../store/types';
import { loadAnalysisInput, type AnalysisInput } from './analysisInput';
import { computeAnalysis, withWaveChanges, type AnalysisRun } from './computeAnalysis';

export class AnalysisService {
  private readonly runs = new Map<string, Promise<AnalysisRun>>();

  constructor(
    private readonly loadInput: (drawId?: string) => Promise<AnalysisInput>,
    /** Keep at most this many runs (oldest dropped first). */
    private readonly capacity = 8,
    /** The draw of the previous wave, if any, for the change since then. */
    private readonly previousDraw: (input: AnalysisInput) => Promise<string | null> = async () => null,
  ) {}

  static forStore(store: Store): AnalysisService {
    return new AnalysisService(
      (drawId) => loadAnalysisInput(store, drawId),
      8,
      async (input) => (await store.draws.list()).find((d) => d.wave === input.wave - 1)?.id ?? null,
    );
  }

  /** Computes one run and, when the previous wave can be analysed too, adds the change since then. */
  private async compute(input: AnalysisInput): Promise<AnalysisRun> {
    const run = computeAnalysis(input);
    const previousId = input.wave > 1 ? await this.previousDraw(input) : null;
    if (!previousId) return run;
    try {
      const previous = computeAnalysis(await this.loadInput(previousId));
      return { ...run, result: withWaveChanges(run.result, previous.result) };
    } catch {
      return run; // the previous wave cannot be weighted (e.g. no responses): no change column
    }
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
