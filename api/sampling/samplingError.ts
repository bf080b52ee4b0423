import type { ErrorDetail } from '../errors/appError';

export type Language = 'de' | 'en';
export type Localised = Record<Language, string>;

/**
 * An expected failure of the sampling workflow with its HTTP status and a German and English
 * message; the sampling routes answer it in the API's error shape `{ error, details? }`.
 */
export class SamplingError extends Error {
  constructor(
    readonly status: number,
    readonly text: Localised,
    readonly details?: ErrorDetail[],
  ) {
    super(text.en);
    this.name = 'SamplingError';
  }
}

/** Shorthand for a bilingual text. */
export const t = (de: string, en: string): Localised => ({ de, en });
