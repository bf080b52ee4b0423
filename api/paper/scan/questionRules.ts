import type { BoxState } from './classifyBox';

/** One box of a question with its state, in printed order. */
export interface QuestionBox {
  readonly value: string;
  readonly state: BoxState;
}

/** One answer row of a scanned question: `auto` when accepted without a person, `review` otherwise. */
export interface ScannedAnswer {
  readonly question: string;
  /** The chosen value; for `review` the best guess, or '' when there is none. */
  readonly value: string;
  readonly status: 'auto' | 'review';
  /** Why a person must look (empty for `auto`). */
  readonly reason: '' | 'uncertainMark' | 'severalMarks' | 'handwriting' | 'filledOnly';
}

/**
 * The question rules for choice boxes. Filled boxes are corrections and never count as chosen.
 * Single choice: one crossed box and nothing uncertain → that value, `auto`; no crossed and nothing
 * uncertain → unanswered (no row); two or more crossed → one `review` row without a guess; any uncertain box
 * → one `review` row whose guess is the only crossed box, else the only uncertain box, else ''.
 * Multiple choice: each crossed box → `auto`, each uncertain box → `review` with its value as the guess.
 * A question whose only marks are filled boxes (no cross anywhere) may be someone who fills boxes instead
 * of crossing them rather than a correction: each filled box → `review` with its value as the guess
 * (single choice: one row, the guess only when exactly one box is filled).
 * @example choiceAnswers('q', false, [{ value: 'a', state: 'crossed' }, { value: 'b', state: 'empty' }])
 *   // → [{ question: 'q', value: 'a', status: 'auto', reason: '' }]
 */
export function choiceAnswers(question: string, multiple: boolean, boxes: readonly QuestionBox[]): ScannedAnswer[] {
  const crossed = boxes.filter((b) => b.state === 'crossed');
  const uncertain = boxes.filter((b) => b.state === 'uncertain');
  const filled = boxes.filter((b) => b.state === 'filled');
  if (crossed.length === 0 && uncertain.length === 0 && filled.length > 0) {
    if (multiple) return filled.map((b) => ({ question, value: b.value, status: 'review', reason: 'filledOnly' }));
    return [{ question, value: filled.length === 1 ? filled[0]!.value : '', status: 'review', reason: 'filledOnly' }];
  }
  if (multiple) {
    return boxes
      .filter((b) => b.state === 'crossed' || b.state === 'uncertain')
      .map((b) =>
        b.state === 'crossed'
          ? { question, value: b.value, status: 'auto', reason: '' }
          : { question, value: b.value, status: 'review', reason: 'uncertainMark' },
      );
  }
  if (uncertain.length === 0) {
    if (crossed.length === 0) return [];
    if (crossed.length === 1) return [{ question, value: crossed[0]!.value, status: 'auto', reason: '' }];
    return [{ question, value: '', status: 'review', reason: 'severalMarks' }];
  }
  const guess = crossed.length === 1 ? crossed[0]!.value : crossed.length === 0 && uncertain.length === 1 ? uncertain[0]!.value : '';
  return [{ question, value: guess, status: 'review', reason: crossed.length > 1 ? 'severalMarks' : 'uncertainMark' }];
}

/**
 * Digit boxes (numbers written by hand) are never read by the machine: when any of a question's digit
 * boxes holds ink, one `review` row without a guess; blank boxes → unanswered (no row).
 * @example digitAnswers('rooms_count', [0, 0.21]) // → [{ question: 'rooms_count', value: '', status: 'review', reason: 'handwriting' }]
 */
export function digitAnswers(question: string, insideShares: readonly number[], inkFrom = 0.03): ScannedAnswer[] {
  return insideShares.some((f) => f >= inkFrom) ? [{ question, value: '', status: 'review', reason: 'handwriting' }] : [];
}
