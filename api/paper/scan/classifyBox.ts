import type { BoxMeasurement } from './measureBox';

/** What a respondent did with a choice box. `filled` is a correction: a box inked over means "not this one". */
export type BoxState = 'empty' | 'crossed' | 'filled' | 'uncertain';

/**
 * The bands of the ink share inside a box, calibrated on synthetic scans (bench/scan.ts prints the
 * confusion matrix they give on held-out seeds): below `emptyBelow` a box is empty (a dust speck up to
 * about 0.3 mm), from `crossedFrom` to `crossedTo` a tick or cross, from `filledFrom` a filled box; the gaps
 * between the bands are uncertain and go to a person. A blank box with `aroundUncertain` (0.5 %) or more ink right
 * beside it is uncertain too: a mark next to the box rather than in it; so is a box with ink inside whose ink
 * right beside it is more than half as much (a mark beside the box that overlaps it: a cross in the box keeps
 * its ink inside, so one that overshoots the edge a little still reads as crossed).
 * `emptyBelow` sits just above the largest dust speck because a blank box measures no ink at all on every
 * scan format (the 0.25 mm kept clear of the printed stroke absorbs blur and JPEG ringing), while what a
 * 1-bit scanner leaves of a light cross can be a handful of pixels (0.5–1 % of the box): those go to review.
 */
export interface ClassificationBands {
  readonly emptyBelow: number;
  /**
   * `emptyBelow` on a page scanned in black and white (1 bit): the scanner has already decided ink or paper,
   * and what it leaves of a light cross is a few scattered pixels, so any ink in a box is worth a look.
   */
  readonly emptyBelowBlackAndWhite: number;
  readonly crossedFrom: number;
  readonly crossedTo: number;
  readonly filledFrom: number;
  readonly aroundUncertain: number;
}

export const DEFAULT_BANDS: ClassificationBands = {
  emptyBelow: 0.005,
  emptyBelowBlackAndWhite: 0.0001,
  crossedFrom: 0.03,
  crossedTo: 0.8,
  filledFrom: 0.9,
  aroundUncertain: 0.005,
};

/**
 * Classifies one box by its measurement (see ClassificationBands).
 * @example classifyBox({ inside: 0.3, around: 0, border: 1, shiftMm: [0, 0] }) // → 'crossed'
 */
export function classifyBox(m: BoxMeasurement, bands: ClassificationBands = DEFAULT_BANDS): BoxState {
  const f = m.inside;
  if (f < bands.emptyBelow) return m.around >= bands.aroundUncertain ? 'uncertain' : 'empty';
  // Much of the mark beside the box: a mark next to it that overlaps it, not a cross in it.
  if (f >= bands.crossedFrom && f <= bands.crossedTo) return m.around > f / 2 ? 'uncertain' : 'crossed';
  if (f >= bands.filledFrom) return 'filled';
  return 'uncertain';
}
