import type { ReserveDraw } from './drawWithReserve';
import type { SampledUnit } from './sampledUnit';

/**
 * The units currently in the field: main sample plus released reserve, with design quantities
 * recomputed from the released total, π = (n_h + released_h) / N_h and weight N_h / (n_h + released_h)
 * (the released units extend one simple random sample, see drawWithReserve).
 * Cost: O(n + r).
 * @example activeSample(releaseReserve(draw, { A: 2 })).length // → n_A + 2 + other strata's n_h
 */
export function activeSample<T>(draw: ReserveDraw<T>): SampledUnit<T>[] {
  const byStratum = new Map(draw.strata.map((s) => [s.stratum, s]));
  const design = (stratum: string) => {
    const s = byStratum.get(stratum);
    if (!s) throw new RangeError(`unit in unknown stratum '${stratum}'`);
    const size = s.n + s.released;
    return { inclusionProbability: size / s.N, designWeight: s.N / size };
  };
  const units: SampledUnit<T>[] = draw.main.map((u) => ({ ...u, ...design(u.stratum) }));
  for (const u of draw.reserve) {
    if (u.rank <= (byStratum.get(u.stratum)?.released ?? 0)) units.push({ row: u.row, rowIndex: u.rowIndex, stratum: u.stratum, ...design(u.stratum) });
  }
  return units.sort((a, b) => a.rowIndex - b.rowIndex);
}
