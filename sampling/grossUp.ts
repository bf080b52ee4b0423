/** Gross sample per stratum needed for an expected net sample, see grossUp(). */
export interface GrossUp {
  /** Unrounded gross sizes n_h / r_h (capped at N_h when cap is on). */
  exact: number[];
  /** Integer gross sizes ⌈n_h / r_h⌉ (capped at N_h when cap is on). */
  gross: number[];
  /** Expected net responses gross_h · r_h. */
  expectedNet: number[];
  /** True where the cap N_h was applied (the stratum is a take-all and will fall short of its net target). */
  capped: boolean[];
}

/**
 * Gross-up of a net allocation for expected response rates: gross_h = ⌈n_h / r_h⌉, so that the
 * expected number of responses gross_h · r_h reaches the net target n_h.
 * Source: Valliant, Dever & Kreuter (2018), Practical Tools for Designing and Weighting Survey
 * Samples, 2nd ed., §6.5 (inflating sample sizes for anticipated nonresponse).  Cost: O(H).
 * A stratum cannot invite more households than it has: when gross_h > N_h the plan is infeasible,
 * which throws unless `cap` is set, in which case the stratum is taken completely (gross_h = N_h) and
 * flagged so the planner sees the expected shortfall.
 * @throws RangeError when a response rate is outside (0, 1], lengths differ, or (without cap) a
 *   stratum would need more invitations than its size N_h.
 * @example grossUp([100, 50], [0.5, 0.25], [1000, 1000]).gross // → [200, 200]
 */
export function grossUp(
  net: readonly number[],
  responseRates: readonly number[],
  sizes: readonly number[],
  options: { cap?: boolean; names?: readonly string[] } = {},
): GrossUp {
  if (net.length !== responseRates.length || net.length !== sizes.length) {
    throw new RangeError(`gross-up needs one response rate and one size per stratum (got ${net.length}, ${responseRates.length}, ${sizes.length})`);
  }
  const label = (h: number) => (options.names ? `'${options.names[h]}'` : `#${h + 1}`);
  const result: GrossUp = { exact: [], gross: [], expectedNet: [], capped: [] };
  net.forEach((n, h) => {
    const r = responseRates[h];
    if (!Number.isFinite(r) || r <= 0 || r > 1) throw new RangeError(`response rate of stratum ${label(h)} must lie in (0, 1], got ${r}`);
    const exact = n / r;
    // Subtracting 1e-9 keeps 0.3 · 100 / 0.3 style float noise from adding a whole unit.
    const gross = Math.ceil(exact - 1e-9);
    const capped = gross > sizes[h];
    if (capped && !options.cap) {
      throw new RangeError(
        `stratum ${label(h)} needs ${gross} invitations for ${n} expected responses at response rate ${r}, but has only N = ${sizes[h]} households`,
      );
    }
    result.exact.push(Math.min(exact, sizes[h]));
    result.gross.push(Math.min(gross, sizes[h]));
    result.expectedNet.push(Math.min(gross, sizes[h]) * r);
    result.capped.push(capped);
  });
  return result;
}
