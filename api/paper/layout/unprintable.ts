import { AppError } from '../../errors/appError';
import type { LayoutBlock } from './layoutBlock';

/**
 * The one error of a questionnaire that cannot be printed, naming the question (or page) and why: no
 * choices, too tall for a page, or a character the standard PDF fonts lack. The planner fixes the
 * questionnaire, so the message names the element as the questionnaire editor shows it.
 * @example unprintable('lang_q', 'no choices') // → AppError unprocessable 'paperform.unprintable'
 */
export function unprintable(question: string, reason: string): AppError {
  return new AppError('unprocessable', 'paperform.unprintable', { question, reason });
}

/**
 * Builds the block of one question or page; a text the standard fonts cannot print (the RangeError of
 * toWinAnsi) becomes the unprintable error of that element.
 */
export function printable(element: string, build: () => LayoutBlock): LayoutBlock {
  try {
    return build();
  } catch (err) {
    if (err instanceof RangeError) throw unprintable(element, err.message);
    throw err;
  }
}
