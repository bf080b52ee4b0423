export type Language = 'de' | 'en';
export type Localised = Record<Language, string>;

/** An expected failure of the analysis service with its HTTP status and a German and English message. */
export class AnalysisServiceError extends Error {
  constructor(
    readonly status: number,
    readonly text: Localised,
  ) {
    super(text.en);
    this.name = 'AnalysisServiceError';
  }
}

export const t = (de: string, en: string): Localised => ({ de, en });
