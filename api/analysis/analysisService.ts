/**
 * Cached analysis runs: one computation per (draw, data version). A new response, a released reserve batch
 * or changed weights change the data version, so the next request recomputes; otherwise the view and every
 * export read the same run (the exports therefore always match the table on screen).
 */
import type { Store } from '../store/types';
import { loadAnalysisInput, type AnalysisInput } from './analysisInput';
import { computeAnalysis, type AnalysisRun } from './computeAnalysis';

export class AnalysisService {
  private readonly runs = new Map<string, Promise<AnalysisRun>>();

  constructor(
    private readonly loadInput: (drawId?: string) => Promise<AnalysisInput>,
    /** Keep at most this many runs (oldest dropped first). */
    private readonly capacity = 8,
  ) {}

  static forStore(store: Store): AnalysisService {
    return new AnalysisService((drawId) => loadAnalysisInput(store, drawId));
  }

  /** The run for the draw's current data, computed once and shared by concurrent requests. */
  async run(drawId?: string): Promise<AnalysisRun & { cached: boolean }> {
    const input = await this.loadInput(drawId);
    const key = `${input.drawId}|${input.dataVersion}`;
    let run = this.runs.get(key);
    const cached = run !== undefined;
    if (!run) {
      run = Promise.resolve().then(() => computeAnalysis(input));
      this.runs.set(key, run);
      run.catch(() => this.runs.delete(key)); // a failed run is retried on the next request
      while (this.runs.size > this.capacity) this.runs.delete(this.runs.keys().next().value as string);
    }
    return { ...(await run), cached };
  }
}
