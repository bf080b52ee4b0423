import { currentLanguage } from '../../i18n';

const locale = () => (currentLanguage() === 'de' ? 'de-DE' : 'en-GB');

/** A share as percent with one decimal (0.2345 → "23,5 %"); null → "–" (suppressed). */
export function percent(x: number | null): string {
  if (x === null) return '–';
  return `${new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x * 100)} %`;
}

export function number(x: number | null, digits = 0): string {
  if (x === null || !Number.isFinite(x)) return '–';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/** Percentage points with sign (0.031 → "+3,1"). */
export function points(x: number): string {
  const s = new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(x * 100);
  return s;
}

export function pValue(p: number): string {
  if (p < 0.001) return `< ${number(0.001, 3)}`;
  return number(p, 3);
}

/** Five-class sequential palette (viridis, reversed so darker = higher), readable for colour-blind viewers. */
export const PALETTE = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'] as const;
/** Text colour with at least 4.5:1 contrast on each palette colour. */
export const PALETTE_TEXT = ['#000000', '#000000', '#000000', '#ffffff', '#ffffff'] as const;

/** Equal-width classes between the smallest and largest published value. */
export function classOf(value: number, min: number, max: number): number {
  if (!(max > min)) return 2;
  return Math.min(4, Math.floor(((value - min) / (max - min)) * 5));
}
