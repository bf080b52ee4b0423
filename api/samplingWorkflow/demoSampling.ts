/**
 * Demo seed step for the sampling workflow: a synthetic Gera frame (12 statistical districts with
 * 40 synthetic sub-districts, 9,550 invented households with invented "Testfamilie" names), a power allocation (q = 0.5,
 * 900 expected responses at 30 % response → about 3,000 invitations), a seeded SRSWOR draw with a
 * small reserve, the panel ids of the drawn households (wave 1 of the panel) and access codes.
 * The plain codes of three households are returned once for the start-up message so a newcomer
 * can try the resident flow; only their hashes are stored.
 */
import { allocate, PRNG_NAME } from '../../sampling';
import { GERA_DISTRICTS, generateFrame } from '../../fixtures/syntheticFrame';
import { SYSTEM_ACTOR, recordAudit } from '../audit/auditLog';
import { formatAccessCode, issueAccessCodes } from '../codes';
import type { SeedStep } from '../demo/seedDemo';
import { householdIdMint, newId } from '../store/ids';
import type { Contact, Household } from '../store/types';
import { runDraw } from './drawService';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { panelIdKey } from '../secrets/panelIdKey';
import { panelIdsOf, writePanelRecord } from './panelWavesRegister';
import { SYNTHETIC_FRAME_MAPPING_WITH_SUBDISTRICTS, syntheticName } from './syntheticContacts';

export const DEMO_FRAME_SEED = 2026;
export const DEMO_DRAW_SEED = 20261201;
/** Net sample (expected responses) and response rate of the demo plan. */
export const DEMO_NET_SAMPLE = 900;
export const DEMO_RESPONSE_RATE = 0.3;
export const DEMO_RESERVE_PER_DISTRICT = 20;

/** Builds the whole demo plan in memory (no store access): frame rows, allocation, draw. */
function planDemo() {
  const rows = generateFrame({ seed: DEMO_FRAME_SEED, districts: GERA_DISTRICTS.length, subdistricts: true });
  const frameId = newId();
  const mint = householdIdMint();
  const ids = rows.map(() => mint.next());
  const households: Household[] = rows.map((r, i) => ({
    frameId,
    householdId: ids[i]!,
    district: r.district,
    householdType: r.household_type,
    children: r.children,
    youngestChildAge: r.youngest_child_age,
    sortKey: r.postcode,
    subdistrict: r.subdistrict ?? null,
  }));
  const contacts: Contact[] = rows.map((r, i) => ({
    frameId,
    householdId: ids[i]!,
    registerId: r.household_id,
    name: syntheticName(i),
    street: r.street,
    houseNumber: r.house_number,
    postcode: r.postcode,
    city: 'Gera',
  }));
  const sizes = new Map<string, number>();
  for (const r of rows) sizes.set(r.district, (sizes.get(r.district) ?? 0) + 1);
  const districts = [...sizes.entries()].map(([district, n]) => ({ district, households: n })).sort((a, b) => (a.district < b.district ? -1 : a.district > b.district ? 1 : 0));
  const allocation = allocate({
    method: 'power',
    q: 0.5,
    n: DEMO_NET_SAMPLE,
    capGross: true,
    strata: districts.map((d) => ({ stratum: d.district, N: d.households, responseRate: DEMO_RESPONSE_RATE })),
  });
  const gross = Object.fromEntries(allocation.strata.map((s) => [s.stratum, s.gross!]));
  const exact = Object.fromEntries(allocation.strata.map((s) => [s.stratum, s.grossExact!]));
  const reserve = Object.fromEntries(districts.map((d) => [d.district, Math.min(DEMO_RESERVE_PER_DISTRICT, d.households - gross[d.district]!)]));
  const drawn = runDraw(households, { method: 'srswor', seed: DEMO_DRAW_SEED, allocation: gross, reserve, sortKey: null });
  return { frameId, households, contacts, districts, gross, exact, reserve, drawn, sizes };
}

export const samplingDemoStep: SeedStep = {
  name: 'demo sampling frame, draw and access codes',
  async run(tx, _prepared, context) {
    const plan = planDemo();
    const now = new Date().toISOString();
    await tx.frames.create({
      id: plan.frameId,
      name: 'Demo: synthetische Auswahlgrundlage Gera',
      importedAt: now,
      importedBy: null,
      rowCount: plan.households.length,
      // No file was imported: the fingerprint of the analysis rows stands in for the file hash.
      fingerprint: plan.drawn.fingerprint,
      columnMapping: SYNTHETIC_FRAME_MAPPING_WITH_SUBDISTRICTS,
      districts: plan.districts,
    });
    await tx.households.insertMany(plan.households);
    await tx.contacts.insertMany(plan.contacts);
    const draw = await tx.draws.create({
      frameId: plan.frameId,
      wave: 1,
      method: 'srswor',
      seed: DEMO_DRAW_SEED,
      prng: PRNG_NAME,
      frameFingerprint: plan.drawn.fingerprint,
      sortKey: null,
      allocationExact: plan.exact,
      allocation: plan.gross,
      reserve: plan.reserve,
      createdBy: null,
    });
    const design = (district: string, size: number) => ({ inclusionProbability: size / plan.sizes.get(district)!, designWeight: plan.sizes.get(district)! / size });
    await tx.sampleUnits.insertMany([
      ...plan.drawn.invited.map((u) => ({ drawId: draw.id, householdId: u.householdId, district: u.district, ...design(u.district, plan.gross[u.district]!), status: 'invited' as const, wave: 1, reserveRank: null, releasedAt: null })),
      ...plan.drawn.reserve.map((u) => ({
        drawId: draw.id,
        householdId: u.householdId,
        district: u.district,
        ...design(u.district, plan.gross[u.district]! + u.rank),
        status: 'reserve' as const,
        wave: 1,
        reserveRank: u.rank,
        releasedAt: null,
      })),
    ]);
    await recordAudit(tx.audit, SYSTEM_ACTOR, {
      action: 'frame.import',
      entityType: 'frame',
      entityId: plan.frameId,
      details: { source: 'demo-seed', rows: plan.households.length, districts: plan.districts.length },
    });
    await recordAudit(tx.audit, SYSTEM_ACTOR, {
      action: 'draw.create',
      entityType: 'draw',
      entityId: draw.id,
      details: { source: 'demo-seed', method: 'srswor', seed: DEMO_DRAW_SEED, invited: plan.drawn.invited.length, reserve: plan.drawn.reserve.length },
    });
    if (!context?.dataDir) return; // without a data directory there is no code secret or panel key: no codes, no panel ids
    // Wave 1 of the panel: the panel id of every drawn household, so the overview can link a wave 2.
    const drawnIds = [...plan.drawn.invited, ...plan.drawn.reserve].map((u) => u.householdId);
    const drawnSet = new Set(drawnIds);
    const panelIds = panelIdsOf(plan.contacts.filter((c) => drawnSet.has(c.householdId)), panelIdKey(context.dataDir));
    await writePanelRecord(tx, {
      drawId: draw.id,
      wave: 1,
      previousDrawId: null,
      members: drawnIds.map((householdId) => ({ householdId, panelId: panelIds.get(householdId)!, entryWave: 1, origin: 'sample' })),
      attrition: [],
      excludedHouseholdIds: [],
      weights: [],
    });
    const issued = issueAccessCodes(
      plan.drawn.invited.map((u) => u.householdId),
      accessCodeHashSecret(context.dataDir),
    );
    await tx.accessCodes.insertMany(issued.map((c) => ({ drawId: draw.id, householdId: c.householdId, codeHash: c.codeHash, issuedAt: now })));
    await recordAudit(tx.audit, SYSTEM_ACTOR, { action: 'codes.issue', entityType: 'draw', entityId: draw.id, details: { source: 'demo-seed', issued: issued.length, revoked: 0 } });
    context.notes.push(
      `Demo-Stichprobe: ${plan.drawn.invited.length} Haushalte gezogen (Startwert ${DEMO_DRAW_SEED}). Drei Demo-Zugangscodes (werden nur jetzt angezeigt):`,
      ...issued.slice(0, 3).map((c) => `  ${formatAccessCode(c.code)}`),
    );
  },
};
