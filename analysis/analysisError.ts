/**
 * An error in the survey data or in the analyst's request (a missing column, a category without
 * population total, a stratum with a single unit …). Callers show the message as is: it names the
 * variable, row or stratum and the reason, so it can be fixed without reading code.
 */
export class AnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisError';
  }
}
