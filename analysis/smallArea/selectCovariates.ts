/**
 * Forward selection of area covariates for a Fay–Herriot model by an information criterion: start with the
 * intercept alone, add the candidate that lowers the criterion most, stop when no candidate lowers it or
 * `maxCovariates` are in. The fits use ML, whose likelihoods are comparable between models with different
 * covariates (REML likelihoods are not); the chosen covariates are then fitted by REML as usual.
 * BIC = −2 loglik + (p + 1) log m, AIC = −2 loglik + 2(p + 1) (the sae conventions).
 * Source: Marhuenda, Morales & Pardo (2014), Information criteria for Fay–Herriot model selection, CSDA 70;
 * R `emdi::step()` for `fh` models. Cost: O(k² · fit) for k candidates.
 * A candidate that makes the model singular (collinear with those already in) or a fit that does not converge is
 * skipped. Returns the chosen names in the order they entered.
 * @example selectCovariates({ y, psi, candidates: { benefits: [...], children: [...] }, areaNames }) // → ['benefits']
 */
import { AnalysisError } from '../analysisError';
import { designMatrix } from './designMatrix';
import { fayHerriot } from './fayHerriot';

export interface SelectCovariatesInput {
  y: readonly number[];
  psi: readonly number[];
  /** Candidate covariates: name → value per area (same order as y). */
  candidates: Readonly<Record<string, readonly number[]>>;
  areaNames: readonly string[];
  criterion?: 'bic' | 'aic';
  /** Default: as many as leave three areas per parameter, at least one. */
  maxCovariates?: number;
}

export function selectCovariates(input: SelectCovariatesInput): string[] {
  const m = input.y.length;
  const criterion = input.criterion ?? 'bic';
  const maxCovariates = input.maxCovariates ?? Math.max(1, Math.floor(m / 3) - 2);
  const score = (names: string[]): number | null => {
    try {
      const x = designMatrix(input.areaNames.map((_, i) => names.map((n) => input.candidates[n][i])), input.areaNames, names);
      const fit = fayHerriot({ y: input.y, psi: input.psi, x, method: 'ml', areaNames: input.areaNames });
      if (!fit.converged) return null;
      return criterion === 'bic' ? fit.bic : fit.aic;
    } catch (error) {
      if (error instanceof AnalysisError) return null;
      throw error;
    }
  };
  const chosen: string[] = [];
  let best = score(chosen);
  if (best === null) return chosen;
  const remaining = Object.keys(input.candidates).filter((c) => input.candidates[c].every(Number.isFinite));
  while (chosen.length < maxCovariates && chosen.length + 2 < m) {
    let pick: string | null = null;
    let pickScore: number = best;
    for (const candidate of remaining) {
      if (chosen.includes(candidate)) continue;
      const s = score([...chosen, candidate]);
      if (s !== null && s < pickScore - 1e-9) {
        pick = candidate;
        pickScore = s;
      }
    }
    if (pick === null) break;
    chosen.push(pick);
    best = pickScore;
  }
  return chosen;
}
