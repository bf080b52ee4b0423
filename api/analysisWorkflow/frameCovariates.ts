/** Area covariates derived from the frame's households (see frameCovariates). */
import type { AreaLevel } from '../store/types';

export interface FrameCovariateHousehold {
  district: string;
  subdistrict: string | null;
  householdType: string | null;
  children: number | null;
  youngestChildAge: number | null;
}

export interface FrameCovariateArea {
  level: AreaLevel;
  area: string;
  /** The district the area lies in (the area itself at district level). */
  district: string;
  households: number;
  covariates: Record<string, number>;
}

export interface FrameCovariates {
  /** Districts in name order, then sub-districts ordered by district and name. */
  areas: FrameCovariateArea[];
  /** Names of the covariates of each level, in the order above (types in name order). */
  names: Record<AreaLevel, string[]>;
  /** The household type behind each `share_<type>` name (empty without complete types). */
  householdTypes: Record<string, string>;
}

/** Covariate name of a household type: `share_` + the type in lower case, other characters as `_`. */
export function householdTypeCovariate(type: string): string {
  return `share_${type.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '')}`;
}

interface Tally {
  district: string;
  households: number;
  types: Map<string, number>;
  withChildren: number;
  children: number;
  large: number;
  withAge: number;
  underSix: number;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Covariates of each area computed from the frame's own households, known for every area (so a
 * small-area model can use them for areas without respondents):
 *
 *   share_<type>            households of that type / households          (household type column complete)
 *   mean_children           Σ children / households with a number         (children column)
 *   share_large_families    households with ≥ 3 children / those with a number
 *   share_youngest_under_6  households whose youngest child is under 6 / those with an age
 *
 * per district and, when the frame has sub-districts, per sub-district. A covariate is left out of
 * a level when some area of it has no household with the value (the column was not mapped, or not
 * filled for that area). The shares of all household types add up to 1: a model takes all but one.
 * Cost: O(N + areas · covariates).
 * @example frameCovariates([{ district: 'Ost', subdistrict: null, householdType: 'couple', children: 3, youngestChildAge: 2 }]).areas[0].covariates
 *   // → { share_couple: 1, mean_children: 3, share_large_families: 1, share_youngest_under_6: 1 }
 */
export function frameCovariates(households: readonly FrameCovariateHousehold[]): FrameCovariates {
  const tallies: Record<AreaLevel, Map<string, Tally>> = { district: new Map(), subdistrict: new Map() };
  let typed = households.length > 0;
  const typeNames = new Set<string>();
  const count = (level: AreaLevel, area: string, h: FrameCovariateHousehold) => {
    let t = tallies[level].get(area);
    if (!t) tallies[level].set(area, (t = { district: h.district, households: 0, types: new Map(), withChildren: 0, children: 0, large: 0, withAge: 0, underSix: 0 }));
    t.households++;
    const type = h.householdType?.trim() ?? '';
    if (type !== '') t.types.set(type, (t.types.get(type) ?? 0) + 1);
    if (h.children !== null) {
      t.withChildren++;
      t.children += h.children;
      if (h.children >= 3) t.large++;
    }
    if (h.youngestChildAge !== null) {
      t.withAge++;
      if (h.youngestChildAge < 6) t.underSix++;
    }
  };
  for (const h of households) {
    const type = h.householdType?.trim() ?? '';
    if (type === '') typed = false;
    else typeNames.add(type);
    count('district', h.district, h);
    if (h.subdistrict !== null && h.subdistrict.trim() !== '') count('subdistrict', h.subdistrict, h);
  }
  // Two types that differ only in case or punctuation would get one name: number them apart.
  const typeColumns: [string, string][] = [];
  const taken = new Set<string>();
  for (const type of [...typeNames].sort(byName)) {
    let name = householdTypeCovariate(type);
    for (let k = 2; taken.has(name); k++) name = `${householdTypeCovariate(type)}_${k}`;
    taken.add(name);
    typeColumns.push([type, name]);
  }

  const areas: FrameCovariateArea[] = [];
  const names = {} as Record<AreaLevel, string[]>;
  for (const level of ['district', 'subdistrict'] as const) {
    const list = [...tallies[level].entries()].sort(([a, ta], [b, tb]) => byName(ta.district, tb.district) || byName(a, b));
    const everywhere = (has: (t: Tally) => boolean) => list.length > 0 && list.every(([, t]) => has(t));
    const columns: [string, (t: Tally) => number][] = [];
    if (typed) for (const [type, name] of typeColumns) columns.push([name, (t) => (t.types.get(type) ?? 0) / t.households]);
    if (everywhere((t) => t.withChildren > 0)) {
      columns.push(['mean_children', (t) => t.children / t.withChildren]);
      columns.push(['share_large_families', (t) => t.large / t.withChildren]);
    }
    if (everywhere((t) => t.withAge > 0)) columns.push(['share_youngest_under_6', (t) => t.underSix / t.withAge]);
    names[level] = list.length > 0 ? columns.map(([name]) => name) : [];
    for (const [area, t] of list) {
      areas.push({ level, area, district: t.district, households: t.households, covariates: Object.fromEntries(columns.map(([name, value]) => [name, value(t)])) });
    }
  }
  return { areas, names, householdTypes: typed ? Object.fromEntries(typeColumns.map(([type, name]) => [name, type])) : {} };
}
