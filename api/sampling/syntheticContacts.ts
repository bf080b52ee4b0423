/**
 * Invented contact data for the synthetic frame (demo, tests, benchmarks). Every name is made
 * up and marked as such ("Testfamilie"), so a demo letter can never be mistaken for a real one.
 */
import type { FrameRow } from '../../fixtures/syntheticFrame';

const SURNAMES = ['Ahorn', 'Birkner', 'Dornbusch', 'Eschenbach', 'Fliederer', 'Holunder', 'Kastanie', 'Lindner', 'Mispel', 'Quitte', 'Rosengart', 'Weidenfeld'];

/** German column names of a synthetic register export, in file order. */
export const SYNTHETIC_FRAME_HEADER = ['Haushalt', 'Bezirk', 'Name', 'Straße', 'Hausnummer', 'PLZ', 'Ort', 'Haushaltstyp', 'Kinder', 'Alter_jüngstes_Kind'] as const;

/** Mapping of SYNTHETIC_FRAME_HEADER to the import's fields. */
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

/** One synthetic register row with invented name, as values in SYNTHETIC_FRAME_HEADER order. */
export function syntheticRegisterRow(row: FrameRow, index: number, city = 'Gera'): string[] {
  return [row.household_id, row.district, syntheticName(index), row.street, row.house_number, row.postcode, city, row.household_type, String(row.children), String(row.youngest_child_age)];
}

/**
 * A register export as CSV text (header + rows), quoting only where needed.
 * @example syntheticRegisterCsv(generateFrame({ households: 10, seed: 1 }), ';')
 */
export function syntheticRegisterCsv(rows: readonly FrameRow[], delimiter: ';' | ',' = ';', city = 'Gera'): string {
  const quote = (v: string) => (v.includes(delimiter) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [SYNTHETIC_FRAME_HEADER.join(delimiter)];
  rows.forEach((row, i) => lines.push(syntheticRegisterRow(row, i, city).map(quote).join(delimiter)));
  return lines.join('\r\n') + '\r\n';
}
