import { issueAccessCodes } from '../../codes';
import { newId } from '../../store/ids';
import type { Store } from '../../store/types';

export interface InvitedHousehold {
  householdId: string;
  district: string;
  /** The plain code, as printed on the letter; exists only in memory for tests and benchmarks. */
  code: string;
}

/**
 * Creates a small invited sample with access codes directly in the store: a frame, one draw
 * (wave 1) and `count` households spread over the given districts. For tests and benchmarks.
 */
export async function createInvitedHouseholds(store: Store, secret: string, count: number, districts: readonly string[] = ['01', '02']): Promise<InvitedHousehold[]> {
  const tag = newId().slice(-8);
  const frameId = `test-frame-${tag}`;
  await store.frames.create({
    id: frameId,
    name: `Test frame ${tag}`,
    importedAt: new Date().toISOString(),
    importedBy: null,
    rowCount: count,
    fingerprint: 'f'.repeat(64),
    columnMapping: { householdId: 'id', district: 'district', name: 'name', street: 'street', houseNumber: 'no', postcode: 'plz', city: 'city' },
    districts: districts.map((district) => ({ district, households: count })),
  });
  const draw = await store.draws.create({
    frameId,
    wave: 1,
    method: 'srswor',
    seed: 1,
    prng: 'xoroshiro128+',
    frameFingerprint: 'a'.repeat(64),
    sortKey: null,
    allocationExact: Object.fromEntries(districts.map((d) => [d, count / districts.length])),
    allocation: Object.fromEntries(districts.map((d) => [d, Math.ceil(count / districts.length)])),
    reserve: Object.fromEntries(districts.map((d) => [d, 0])),
    createdBy: null,
  });
  const ids = Array.from({ length: count }, (_, i) => `T${tag}-${String(i).padStart(6, '0')}`);
  const district = (i: number) => districts[i % districts.length]!;
  await store.sampleUnits.insertMany(
    ids.map((householdId, i) => ({
      drawId: draw.id,
      householdId,
      district: district(i),
      inclusionProbability: 0.1,
      designWeight: 10,
      status: 'invited' as const,
      wave: 1,
      reserveRank: null,
      releasedAt: null,
    })),
  );
  await store.contacts.insertMany(
    ids.map((householdId, i) => ({ frameId, householdId, registerId: `R${i}`, name: `Familie ${i}`, street: 'Teststraße', houseNumber: String(i + 1), postcode: '07545', city: 'Gera' })),
  );
  const issued = issueAccessCodes(ids, secret);
  const issuedAt = new Date().toISOString();
  await store.accessCodes.insertMany(issued.map((c) => ({ drawId: draw.id, householdId: c.householdId, codeHash: c.codeHash, issuedAt })));
  return issued.map((c, i) => ({ householdId: c.householdId, district: district(i), code: c.code }));
}
