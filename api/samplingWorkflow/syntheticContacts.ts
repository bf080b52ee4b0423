/**
 * Invented contact data for the synthetic frame (demo, tests, benchmarks). Every name is made
 * up and marked as such ("Testfamilie"), so a demo letter can never be mistaken for a real one.
 */
import type { FrameRow } from '../../fixtures/syntheticFrame';

const SURNAMES = ['Ahorn', 'Birkner', 'Dornbusch', 'Eschenbach', 'Fliederer', 'Holunder', 'Kastanie', 'Lindner', 'Mispel', 'Quitte', 'Rosengart', 'Weidenfeld'];

/** German column names of a synthetic register export, in file order. */
export const SYNTHETIC_FRAME_HEADER = ['Haushalt', 'Bezirk', 'Name', 'Straße', 'Hausnummer', 'PLZ', 'Ort', 'Haushaltstyp', 'Kinder', 'Alter_jüngstes_Kind'] as const;

/** Header of the sub-district column, added after the others when the rows carry sub-districts. */
export const SYNTHETIC_SUBDISTRICT_COLUMN = 'Teilbezirk';

/** Mapping of SYNTHETIC_FRAME_HEADER to the import's fields (add `subdistrict` for a frame with sub-districts). */
export const SYNTHETIC_FRAME_MAPPING = {
  householdId: 'Haushalt',
  district: 'Bezirk',
  name: 'Name',
  street: 'Straße',
  houseNumber: 'Hausnummer',
  postcode: 'PLZ',
  city: 'Ort',
  householdType: 'Haushaltstyp',
  children: 'Kinder',
  youngestChildAge: 'Alter_jüngstes_Kind',
  sortKey: 'PLZ',
};

/** The clearly invented household name of a synthetic frame row (deterministic). */
export function syntheticName(index: number): string {
  return `Testfamilie ${SURNAMES[index % SURNAMES.length]} ${index + 1}`;
}

/** The same mapping for a frame with sub-districts. */
export const SYNTHETIC_FRAME_MAPPING_WITH_SUBDISTRICTS = { ...SYNTHETIC_FRAME_MAPPING, subdistrict: SYNTHETIC_SUBDISTRICT_COLUMN };

/**
 * One synthetic register row with invented name, as values in SYNTHETIC_FRAME_HEADER order
 * (then the sub-district, when the row has one).
 */
export function syntheticRegisterRow(row: FrameRow, index: number, city = 'Gera'): string[] {
  const values = [row.household_id, row.district, syntheticName(index), row.street, row.house_number, row.postcode, city, row.household_type, String(row.children), String(row.youngest_child_age)];
  if (row.subdistrict !== undefined) values.push(row.subdistrict);
  return values;
}

/**
 * A register export as CSV text (header + rows), quoting only where needed.
 * @example syntheticRegisterCsv(generateFrame({ households: 10, seed: 1 }), ';')
 */
export function syntheticRegisterCsv(rows: readonly FrameRow[], delimiter: ';' | ',' = ';', city = 'Gera'): string {
  const quote = (v: string) => (v.includes(delimiter) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v);
  const header: string[] = [...SYNTHETIC_FRAME_HEADER];
  if (rows.some((r) => r.subdistrict !== undefined)) header.push(SYNTHETIC_SUBDISTRICT_COLUMN);
  const lines = [header.join(delimiter)];
  rows.forEach((row, i) => lines.push(syntheticRegisterRow(row, i, city).map(quote).join(delimiter)));
  return lines.join('\r\n') + '\r\n';
}
