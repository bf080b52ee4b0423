/**
 * A position or size rounded to 0.01 mm, far below what a printer or a 200 dpi scan resolves. Every
 * number on a page is rounded once, when it is placed, so the layout hash does not depend on
 * floating-point noise in the sums that produced it.
 * @example roundMm(73.33999999) // → 73.34
 */
export function roundMm(value: number): number {
  return Math.round(value * 100) / 100;
}
