/**
 * Panel waves: the overview of every wave (invited, responded, attrition, refreshment, reserve and
 * weights per district) and the start of wave k+1 from wave k.
 *
 * Wave model. A wave is one draw (`Draw.wave`). Wave 1 is an ordinary draw. Wave k+1 is made from a
 * newly imported frame (the current register extract) and consists of
 *  - the panel: households contacted in wave k that answered and are still in the new frame, found
 *    there by their stable panel id (panelWavesRegister) and invited with their new frame's
 *    pseudonymous id, so codes and letters work as for any draw;
 *  - attrition: the other households contacted in wave k, by the first reason that applies —
 *    'moved_away' when the new register extract no longer has them; otherwise the disposition staff
 *    recorded for them in wave k ('refused', 'unreachable' for an undeliverable letter,
 *    'no_longer_eligible' for 'not_eligible'); otherwise 'nonresponse' (no completed questionnaire).
 *    A completed questionnaire wins over a recorded disposition: that household stays in the panel;
 *  - a refreshment: a seeded stratified SRSWOR (optionally with a reserve) among the new frame's
 *    households never drawn in any wave (sample or reserve).
 * Every contacted household of the district gets the combined weight N_h / (p_h + m_h)
 * (sampling/waveWeights, where the choice is explained and sourced).
 */
import { ATTRITION_REASONS, PRNG_NAME, reinvitePanel, waveWeights, type AttritionReason, type PanelMember, type WaveStratumWeights } from '../../sampling';
import { recordAudit, type Actor } from '../audit/auditLog';
import { AppError } from '../errors/appError';
import { render, type ParamsOf } from '../errors/catalogue';
import type { Disposition, Draw, Frame, Repositories, SampleUnit, Store } from '../store/types';
import { randomSeed, requireDraw, requireFrame, runDraw } from './drawService';
import {
  firstWaveRecord,
  panelIdsOf,
  readPanelRecord,
  writePanelRecord,
  type PanelAttrition,
  type PanelRegisterMember,
  type PanelRegisterRecord,
} from './panelWavesRegister';

/** The attrition reason a recorded disposition of wave k gives a household that did not answer. */
export const DISPOSITION_ATTRITION: Readonly<Record<Disposition, AttritionReason>> = {
  refused: 'refused',
  unreachable: 'unreachable',
  not_eligible: 'no_longer_eligible',
};

/** Counts of one district (or all districts) of a wave. */
export interface WaveCounts {
  /** Households of the wave's frame (N_h). */
  households: number;
  /** Contacted households: invited plus released reserve. */
  contacted: number;
  /** Of those, re-invited from the previous wave's panel. */
  panel: number;
  /** Of those, drawn new in this wave (the first wave's sample, later the refreshment). */
  fresh: number;
  /** Contacted households with a completed questionnaire (any channel). */
  responded: number;
  /** Households of the previous wave not re-invited (by district of the previous wave). */
  attrition: number;
  attritionByReason: Partial<Record<AttritionReason, number>>;
  reserveDrawn: number;
  reserveReleased: number;
  reserveLeft: number;
}

export interface WaveDistrict extends WaveCounts {
  district: string;
  /** Current π and design weight of the district's contacted households; null when none. */
  inclusionProbability: number | null;
  designWeight: number | null;
  /** Weights of a later wave as computed when it started (see sampling/waveWeights); null for a first wave. */
  weights: WaveStratumWeights | null;
}

export interface WaveOverview {
  drawId: string;
  wave: number;
  frameId: string;
  frameName: string;
  method: Draw['method'];
  seed: number;
  createdAt: string;
  previousDrawId: string | null;
  /** True when the panel ids of the wave's households are recorded, so a next wave can link them. */
  panelRecorded: boolean;
  totals: WaveCounts;
  districts: WaveDistrict[];
}

const emptyCounts = (): WaveCounts => ({
  households: 0,
  contacted: 0,
  panel: 0,
  fresh: 0,
  responded: 0,
  attrition: 0,
  attritionByReason: {},
  reserveDrawn: 0,
  reserveReleased: 0,
  reserveLeft: 0,
});

function addCounts(into: WaveCounts, from: WaveCounts): void {
  for (const key of ['households', 'contacted', 'panel', 'fresh', 'responded', 'attrition', 'reserveDrawn', 'reserveReleased', 'reserveLeft'] as const) into[key] += from[key];
  for (const [reason, n] of Object.entries(from.attritionByReason) as [AttritionReason, number][]) into.attritionByReason[reason] = (into.attritionByReason[reason] ?? 0) + n;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Households with a completed (submitted) questionnaire in any channel. */
async function respondedHouseholds(repos: Pick<Repositories, 'responses'>): Promise<Set<string>> {
  const submitted = await repos.responses.list({ status: 'submitted' });
  return new Set(submitted.filter((r) => r.householdId !== null).map((r) => r.householdId!));
}

function overviewOf(draw: Draw, frame: Frame, units: readonly SampleUnit[], record: PanelRegisterRecord | null, responded: ReadonlySet<string>): WaveOverview {
  const reinvited = new Set(record?.members.filter((m) => m.origin === 'panel').map((m) => m.householdId) ?? []);
  const districts = new Map<string, WaveDistrict>();
  const district = (name: string): WaveDistrict => {
    let d = districts.get(name);
    if (!d) {
      const weights = record?.weights.find((w) => w.stratum === name) ?? null;
      d = { district: name, ...emptyCounts(), inclusionProbability: null, designWeight: null, weights };
      districts.set(name, d);
    }
    return d;
  };
  for (const fd of frame.districts) district(fd.district).households = fd.households;
  for (const u of units) {
    const d = district(u.district);
    if (u.status === 'reserve') {
      d.reserveDrawn++;
      d.reserveLeft++;
      continue;
    }
    if (u.status === 'released') {
      d.reserveDrawn++;
      d.reserveReleased++;
    }
    d.contacted++;
    if (reinvited.has(u.householdId)) d.panel++;
    else d.fresh++;
    if (responded.has(u.householdId)) d.responded++;
    d.inclusionProbability = u.inclusionProbability;
    d.designWeight = u.designWeight;
  }
  for (const a of record?.attrition ?? []) {
    const d = district(a.district);
    d.attrition++;
    d.attritionByReason[a.reason] = (d.attritionByReason[a.reason] ?? 0) + 1;
  }
  const list = [...districts.values()].sort((a, b) => byName(a.district, b.district));
  const totals = emptyCounts();
  for (const d of list) addCounts(totals, d);
  return {
    drawId: draw.id,
    wave: draw.wave,
    frameId: frame.id,
    frameName: frame.name,
    method: draw.method,
    seed: draw.seed,
    createdAt: draw.createdAt,
    previousDrawId: record?.previousDrawId ?? null,
    panelRecorded: record !== null,
    totals,
    districts: list,
  };
}

/**
 * Every draw as a wave, in wave order (then oldest first), with its counts per district.
 * Cost: one pass over each draw's units and one over the submitted responses.
 */
export async function listWaves(store: Store): Promise<WaveOverview[]> {
  const draws = (await store.draws.list()).sort((a, b) => a.wave - b.wave || byName(a.createdAt, b.createdAt) || byName(a.id, b.id));
  const responded = await respondedHouseholds(store);
  const frames = new Map<string, Frame>();
  const result: WaveOverview[] = [];
  for (const draw of draws) {
    if (!frames.has(draw.frameId)) frames.set(draw.frameId, await requireFrame(store, draw.frameId));
    result.push(overviewOf(draw, frames.get(draw.frameId)!, await store.sampleUnits.listByDraw(draw.id), await readPanelRecord(store, draw.id), responded));
  }
  return result;
}

/** The overview of one wave. @throws AppError notFound for an unknown draw. */
export async function waveOverview(store: Store, drawId: string): Promise<WaveOverview> {
  const draw = await requireDraw(store, drawId);
  const frame = await requireFrame(store, draw.frameId);
  return overviewOf(draw, frame, await store.sampleUnits.listByDraw(draw.id), await readPanelRecord(store, draw.id), await respondedHouseholds(store));
}

export interface StartWaveRequest {
  /** The draw of wave k whose panel is re-invited. */
  previousDrawId: string;
  /** The newly imported frame of wave k+1. */
  frameId: string;
  /** Refreshment households per district of the new frame (0 allowed, every district listed). */
  allocation: Record<string, number>;
  /** Refreshment reserve per district. */
  reserve?: Record<string, number>;
  /** Integer in [0, 2^32); a random seed is chosen and recorded when absent. */
  seed?: number;
}

export interface StartWaveResult {
  wave: WaveOverview;
  reinvited: number;
  attrition: number;
  refreshment: number;
  reserve: number;
  /** Households of the new frame left out of the refreshment because drawn in an earlier wave. */
  excluded: number;
}

/**
 * The panel register record of a draw, recorded now from the frame's contact rows when the draw
 * predates the register (or was seeded without a key). Null when the contacts were purged.
 */
async function panelRecordOf(store: Store, draw: Draw, key: string): Promise<{ record: PanelRegisterRecord | null; isNew: boolean }> {
  const stored = await readPanelRecord(store, draw.id);
  if (stored) return { record: stored, isNew: false };
  const units = await store.sampleUnits.listByDraw(draw.id);
  return { record: await firstWaveRecord(store, draw, units.map((u) => u.householdId), key), isNew: true };
}

type WaveConflict = 'sampling.waveStarted' | 'sampling.waveFramePurged' | 'sampling.wavePanelLost' | 'sampling.waveFrameUsed' | 'sampling.waveNoPanel';

/** A wave that cannot start now; the field detail repeats the sentence in English. */
function conflict<K extends WaveConflict>(key: K, params: ParamsOf<K>, path: string): AppError {
  // The call sites are checked per key; inside, a generic K cannot show the constructor which params it has.
  return new AppError<WaveConflict>('conflict', key, params as never, { details: [{ path, message: render(key, params).en }] });
}

/**
 * Starts wave k+1 from the draw of wave k: links the new frame to the panel by panel id, records
 * attrition, draws the refreshment among the households never drawn, stores draw, sample units,
 * panel register and audit entry in one transaction. Codes and letters then work on the new draw.
 * Cost: O(N log N) for the refreshment plus one HMAC per household of the new frame.
 * @throws AppError notFound unknown draw or frame; conflict when the next wave was already started, the
 *   frame was used by an earlier wave of this panel or its contacts were purged, the previous
 *   wave's panel ids cannot be recovered, or the new frame contains none of the previous wave's
 *   households; invalid when the allocation does not fit the eligible households.
 */
export async function startWave(store: Store, request: StartWaveRequest, panelKey: string, actor: Actor): Promise<StartWaveResult> {
  const previous = await requireDraw(store, request.previousDrawId);
  const frame = await requireFrame(store, request.frameId);
  const wave = previous.wave + 1;
  const draws = await store.draws.list();
  const refuseTaken = (list: readonly Draw[]) => {
    const taken = list.find((d) => d.wave === wave);
    if (!taken) return;
    throw conflict('sampling.waveStarted', { wave, date: taken.createdAt.slice(0, 10) }, 'previousDrawId');
  };
  refuseTaken(draws);
  if (frame.contactsPurgedAt) {
    throw conflict('sampling.waveFramePurged', { frame: frame.name }, 'frameId');
  }

  // Panel ids of every earlier draw: the previous wave's must be known, the others are used for the exclusion when they can be.
  const records = new Map<string, PanelRegisterRecord>();
  const recovered: PanelRegisterRecord[] = [];
  for (const draw of draws) {
    const { record, isNew } = await panelRecordOf(store, draw, panelKey);
    if (!record) continue;
    records.set(draw.id, record);
    if (isNew) recovered.push(record);
  }
  const previousRecord = records.get(previous.id);
  if (!previousRecord) {
    throw conflict('sampling.wavePanelLost', { wave: previous.wave }, 'previousDrawId');
  }
  for (let r: PanelRegisterRecord | undefined = previousRecord; r; r = r.previousDrawId ? records.get(r.previousDrawId) : undefined) {
    const used = draws.find((d) => d.id === r!.drawId);
    if (used?.frameId === frame.id) {
      throw conflict('sampling.waveFrameUsed', { frame: frame.name, wave: used.wave }, 'frameId');
    }
  }

  const households = await store.households.listByFrame(frame.id);
  const newIds = panelIdsOf(await store.contacts.getMany(frame.id, households.map((h) => h.householdId)), panelKey);
  const householdByPanelId = new Map<string, string>();
  for (const [householdId, pid] of newIds) householdByPanelId.set(pid, householdId);
  const districtOf = new Map(households.map((h) => [h.householdId, h.district]));

  const previousUnits = await store.sampleUnits.listByDraw(previous.id);
  const contactedBefore = previousUnits.filter((u) => u.status !== 'reserve');
  const memberOf = new Map(previousRecord.members.map((m) => [m.householdId, m]));
  const responded = await respondedHouseholds(store);
  const recorded = new Map((await store.dispositions.list({ drawId: previous.id })).map((d) => [d.householdId, DISPOSITION_ATTRITION[d.disposition]]));
  const members: PanelMember[] = [];
  const lost = new Map<string, AttritionReason>();
  for (const u of contactedBefore) {
    const m = memberOf.get(u.householdId);
    if (!m) continue;
    members.push({ panelId: m.panelId, stratum: u.district, entryWave: m.entryWave, designWeight: u.designWeight });
    // The register is the authority on who still lives in the city; a recorded disposition only
    // names why a registered household did not answer; a completed questionnaire outranks both.
    if (!householdByPanelId.has(m.panelId)) lost.set(m.panelId, 'moved_away');
    else if (!responded.has(u.householdId)) lost.set(m.panelId, recorded.get(u.householdId) ?? 'nonresponse');
  }
  const found = members.filter((m) => householdByPanelId.has(m.panelId)).length;
  if (members.length > 0 && found === 0) {
    throw conflict('sampling.waveNoPanel', { frame: frame.name, households: members.length, wave: previous.wave }, 'frameId');
  }
  const { invited, attrited } = reinvitePanel(members, wave, lost);

  // Every household drawn in any wave (sample, reserve, panel) is left out of the refreshment.
  const drawnBefore = new Set<string>();
  for (const record of records.values()) for (const m of record.members) drawnBefore.add(m.panelId);
  const excluded = households.filter((h) => drawnBefore.has(newIds.get(h.householdId) ?? '')).map((h) => h.householdId);
  const excludedSet = new Set(excluded);
  const eligible = households.filter((h) => !excludedSet.has(h.householdId));
  const eligibleDistricts = new Set(eligible.map((h) => h.district));
  // A district whose households were all drawn before has nothing left to draw: an allocation of 0 is fine.
  const allocation = Object.fromEntries(Object.entries(request.allocation).filter(([d, n]) => n > 0 || eligibleDistricts.has(d)));
  const reserve = Object.fromEntries(Object.entries(request.reserve ?? {}).filter(([, r]) => r > 0));
  const seed = request.seed ?? randomSeed();
  let refreshment: ReturnType<typeof runDraw>;
  try {
    refreshment = runDraw(eligible, { method: 'srswor', seed, allocation, reserve, sortKey: null });
  } catch (err) {
    if (err instanceof RangeError) {
      throw new AppError('invalid', 'sampling.refreshmentNotPossible', { reason: err.message }, { details: [{ path: 'allocation', message: err.message }] });
    }
    throw err;
  }

  // Weights per district of the new frame (and districts of the previous wave, for the retention).
  const stayers = invited.map((m) => ({ member: m, householdId: householdByPanelId.get(m.panelId)! }));
  const names = new Set<string>([...frame.districts.map((d) => d.district), ...contactedBefore.map((u) => u.district)]);
  const count = <T>(items: readonly T[], district: string, of: (item: T) => string) => items.filter((i) => of(i) === district).length;
  const weights = waveWeights(
    [...names].sort(byName).map((d) => ({
      stratum: d,
      N: frame.districts.find((fd) => fd.district === d)?.households ?? 0,
      eligible: count(eligible, d, (h) => h.district),
      panel: count(stayers, d, (s) => districtOf.get(s.householdId)!),
      refreshment: count(refreshment.invited, d, (u) => u.district),
      previousContacted: count(contactedBefore, d, (u) => u.district),
      retained: count(invited, d, (m) => m.stratum),
      previousWeight: contactedBefore.find((u) => u.district === d)?.designWeight ?? null,
    })),
  );
  const weightOf = new Map(weights.map((w) => [w.stratum, w]));

  const registerMembers: PanelRegisterMember[] = [
    ...stayers.map((s) => ({ householdId: s.householdId, panelId: s.member.panelId, entryWave: s.member.entryWave, origin: 'panel' as const })),
    ...[...refreshment.invited, ...refreshment.reserve].map((u) => ({ householdId: u.householdId, panelId: newIds.get(u.householdId)!, entryWave: wave, origin: 'refreshment' as const })),
  ];
  const attrition: PanelAttrition[] = attrited.map((m) => ({ panelId: m.panelId, district: m.stratum, entryWave: m.entryWave, reason: m.attrition!.reason }));

  return store.transaction(async (tx) => {
    // Checked again inside the transaction: two planners starting the same wave at once get one wave and one conflict.
    refuseTaken(await tx.draws.list());
    for (const record of recovered) await writePanelRecord(tx, record);
    const draw = await tx.draws.create({
      frameId: frame.id,
      wave,
      method: 'srswor',
      seed,
      prng: PRNG_NAME,
      frameFingerprint: refreshment.fingerprint,
      sortKey: null,
      allocationExact: allocation,
      allocation,
      reserve,
      createdBy: actor.id,
    });
    const contactedUnit = (householdId: string): SampleUnit => {
      const district = districtOf.get(householdId)!;
      const w = weightOf.get(district)!;
      return { drawId: draw.id, householdId, district, inclusionProbability: w.inclusionProbability!, designWeight: w.designWeight!, status: 'invited', wave, reserveRank: null, releasedAt: null };
    };
    await tx.sampleUnits.insertMany([
      ...stayers.map((s) => contactedUnit(s.householdId)),
      ...refreshment.invited.map((u) => contactedUnit(u.householdId)),
      ...refreshment.reserve.map((u): SampleUnit => {
        // π once released up to this rank, as for a first-wave reserve.
        const w = weightOf.get(u.district)!;
        const size = w.panel + w.refreshment + u.rank;
        return { drawId: draw.id, householdId: u.householdId, district: u.district, inclusionProbability: size / w.N, designWeight: w.N / size, status: 'reserve', wave, reserveRank: u.rank, releasedAt: null };
      }),
    ]);
    await writePanelRecord(tx, { drawId: draw.id, wave, previousDrawId: previous.id, members: registerMembers, attrition, excludedHouseholdIds: excluded, weights });
    const attritionByReason = Object.fromEntries(ATTRITION_REASONS.map((r) => [r, attrition.filter((a) => a.reason === r).length]).filter(([, n]) => n));
    await recordAudit(tx.audit, actor, {
      action: 'wave.start',
      entityType: 'draw',
      entityId: draw.id,
      afterId: draw.id,
      afterSummary: `wave ${wave} · ${stayers.length} panel · ${refreshment.invited.length} refreshment · seed ${seed}`,
      details: {
        wave,
        previousDrawId: previous.id,
        frameId: frame.id,
        seed,
        prng: PRNG_NAME,
        frameFingerprint: refreshment.fingerprint,
        reinvited: stayers.length,
        attrition: attritionByReason,
        refreshment: refreshment.invited.length,
        reserve: refreshment.reserve.length,
        excluded: excluded.length,
        panelIdsRecovered: recovered.length,
      },
    });
    const units = await tx.sampleUnits.listByDraw(draw.id);
    const record = await readPanelRecord(tx, draw.id);
    return {
      wave: overviewOf(draw, frame, units, record, responded),
      reinvited: stayers.length,
      attrition: attrition.length,
      refreshment: refreshment.invited.length,
      reserve: refreshment.reserve.length,
      excluded: excluded.length,
    };
  });
}
