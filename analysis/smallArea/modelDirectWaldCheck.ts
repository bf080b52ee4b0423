/**
 * Wald check of model against direct estimates (Brown, Chambers, Heady & Heasman 2001, "Evaluation of small
 * area estimation methods", Proc. Statistics Canada Symposium): W = Σᵢ (yᵢ − θ̂ᵢ)² / (ψᵢ + mseᵢ) over the
 * sampled areas, compared with χ²(m). A small p-value says the model estimates depart from the direct ones
 * more than their uncertainty explains: the model is biased for some areas (a covariate is missing).
 * Cost: O(m).
 * @example modelDirectWaldCheck([1, 2], [1.1, 1.9], [0.01, 0.01], [0.005, 0.005]).statistic // → 1.333…
 */
import { chiSquareUpperTail } from '../chiSquareUpperTail';

export function modelDirectWaldCheck(direct: ArrayLike<number>, model: ArrayLike<number>, psi: ArrayLike<number>, mse: ArrayLike<number>): { statistic: number; df: number; pValue: number } {
  let statistic = 0;
  for (let i = 0; i < direct.length; i++) statistic += (direct[i] - model[i]) ** 2 / (psi[i] + mse[i]);
  return { statistic, df: direct.length, pValue: chiSquareUpperTail(statistic, direct.length) };
}
