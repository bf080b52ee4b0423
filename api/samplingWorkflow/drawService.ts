/**
 * Allocation preview, draws and reserve release: the workflow around the pure `sampling/` library.
 * Draws are made from the stored analysis rows (pseudonymous ids), never from contact data.
 */
import { randomBytes } from 'node:crypto';
import {
  allocate,
  createRng,
  drawWithReserve,
  frameFingerprint,
  precisionPreview,
  PRNG_NAME,
  recordDraw,
  type AllocationMethod,
  type AllocationResult,
  type PrecisionPreview,
} from '../../sampling';
import { recordAudit, type Actor } from '../audit/auditLog';
import { AppError } from '../errors/appError';
import type { Draw, Frame, Household, Repositories, SampleUnit, Store } from '../store/types';
import { firstWaveRecord, readPanelRecord, writePanelRecord } from './panelWavesRegister';

/** Household columns a systematic draw may sort by (analysis columns only). */
export const SORT_COLUMNS = ['sortKey', 'householdType', 'children', 'youngestChildAge'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface AllocationPreviewRequest {
  frameId: string;
  method: AllocationMethod;
  /** Net sample size (expected responses) over all districts. */
  n: number;
  q?: number;
  /** Minimum / maximum net size, for every district or per district. */
  min?: number | Record<string, number>;
  max?: number | Record<string, number>;
  /** Expected response rate, for every district or per district, in (0, 1]. */
  responseRate?: number | Record<string, number>;
  /** Standard deviation of the key variable per district (Neyman; power: default 1). */
  S?: Record<string, number>;
  /** Expected proportion for the precision preview (default 0.5, the worst case). */
  p?: number;
}

export interface AllocationPreview {
  allocation: AllocationResult;
  /** Gross sample (invitations) per district: the allocation to draw. */
  gross: Record<string, number>;
  grossTotal: number;
  precision: PrecisionPreview;
}

const perDistrict = <T>(value: T | Record<string, T> | undefined, district: string): T | undefined =>
  value !== null && typeof value === 'object' ? (value as Record<string, T>)[district] : (value as T | undefined);

/** Turns a library RangeError into an `invalid` AppError naming the problem. */
function asBadRequest(err: unknown): never {
  if (err instanceof RangeError) throw new AppError('invalid', 'sampling.notPossible', { reason: err.message }, { details: [{ path: '', message: err.message }] });
  throw err;
}

export async function requireFrame(store: Pick<Repositories, 'frames'>, frameId: string): Promise<Frame> {
  const frame = await store.frames.get(frameId);
  if (!frame) throw new AppError('notFound', 'sampling.frameNotFound');
  return frame;
}

export async function requireDraw(store: Pick<Repositories, 'draws'>, drawId: string): Promise<Draw> {
  const draw = await store.draws.get(drawId);
  if (!draw) throw new AppError('notFound', 'sampling.drawNotFound');
  return draw;
}

/**
 * Allocates the net sample over the frame's districts (sampling/allocate), grosses it up for the
 * expected response rates (take-all districts are capped at N_h and flagged) and previews the
 * precision of a proportion with the expected net sizes (sampling/precisionPreview).
 * @throws AppError notFound for an unknown frame, invalid for an infeasible plan (library message).
 */
export async function previewAllocation(store: Store, request: AllocationPreviewRequest): Promise<AllocationPreview> {
  const frame = await requireFrame(store, request.frameId);
  try {
    const allocation = allocate({
      method: request.method,
      n: request.n,
      q: request.q,
      capGross: true,
      strata: frame.districts.map((d) => ({
        stratum: d.district,
        N: d.households,
        min: perDistrict(request.min, d.district),
        max: perDistrict(request.max, d.district),
        responseRate: request.responseRate === undefined ? undefined : (perDistrict(request.responseRate, d.district) ?? 1),
        S: request.S?.[d.district],
      })),
    });
    const gross = Object.fromEntries(allocation.strata.map((s) => [s.stratum, s.gross ?? s.allocation]));
    const precision = precisionPreview(
      allocation.strata.map((s) => ({ stratum: s.stratum, N: s.N, n: s.expectedNet ?? s.allocation })),
      { p: request.p },
    );
    return { allocation, gross, grossTotal: Object.values(gross).reduce((a, b) => a + b, 0), precision };
  } catch (err) {
    asBadRequest(err);
  }
}

export interface DrawRequest {
  frameId: string;
  method: 'srswor' | 'systematic';
  /** Households to invite per district (the gross sample). */
  allocation: Record<string, number>;
  /** Unrounded allocation for the record (default: the integer allocation). */
  allocationExact?: Record<string, number>;
  /** Columns for a systematic draw, e.g. ['sortKey'] (the mapped sort column such as the postcode). */
  sortKey?: SortColumn[];
  /** Integer in [0, 2^32); a random seed is chosen and recorded when absent. */
  seed?: number;
  /** Reserve households per district (SRSWOR only). */
  reserve?: Record<string, number>;
  wave?: number;
}

/** A fresh random seed in [0, 2^32), shown to the planner and stored with the draw. */
export function randomSeed(): number {
  return randomBytes(4).readUInt32BE(0);
}

/** The analysis rows as the library sees them; their fingerprint is recorded with the draw. */
function drawRows(households: readonly Household[]) {
  return households.map((h) => ({
    householdId: h.householdId,
    district: h.district,
    sortKey: h.sortKey,
    householdType: h.householdType,
    children: h.children,
    youngestChildAge: h.youngestChildAge,
  }));
}

interface DrawnUnits {
  invited: { householdId: string; district: string }[];
  reserve: { householdId: string; district: string; rank: number }[];
  fingerprint: string;
}

/**
 * Runs the library draw for a stored draw's parameters: SRSWOR with reserve (drawWithReserve) or
 * systematic (recordDraw). Same frame rows + same seed → same units.
 * Cost: O(N log N).
 */
export function runDraw(
  households: readonly Household[],
  params: Pick<Draw, 'method' | 'seed' | 'allocation' | 'reserve' | 'sortKey'>,
): DrawnUnits {
  const rows = drawRows(households);
  const fingerprint = frameFingerprint(rows);
  if (params.method === 'srswor') {
    const drawn = drawWithReserve(rows, { id: 'householdId', stratum: 'district', allocation: params.allocation, reserve: params.reserve, rng: createRng(params.seed) });
    return {
      invited: drawn.main.map((u) => ({ householdId: u.row.householdId, district: u.stratum })),
      reserve: drawn.reserve.map((u) => ({ householdId: u.row.householdId, district: u.stratum, rank: u.rank })),
      fingerprint,
    };
  }
  const { sample, record } = recordDraw(rows, {
    method: 'systematic',
    seed: params.seed,
    idColumn: 'householdId',
    stratumColumn: 'district',
    sortKey: params.sortKey ?? [],
    allocation: params.allocation,
    timestamp: new Date(0).toISOString(),
  });
  return { invited: sample.map((u) => ({ householdId: u.row.householdId, district: u.stratum })), reserve: [], fingerprint: record.frameFingerprint };
}

/**
 * Draws the sample and stores draw record and sample units in one transaction, audited.
 * Invited households get π = n_h / N_h; reserve households the π they will have once released up
 * to their rank, (n_h + rank) / N_h (the released units extend one simple random sample).
 * With the office's panel key, the panel id of every drawn household is recorded in the panel
 * register in the same transaction (panelWavesRegister), so a later wave can re-invite and exclude
 * them even after the contact rows were purged.
 * @throws AppError notFound unknown frame, invalid for an allocation that does not fit the frame or a
 *   reserve with systematic sampling.
 */
export async function createDraw(store: Store, request: DrawRequest, actor: Actor, panelKey?: string): Promise<{ draw: Draw; invited: number; reserve: number }> {
  const frame = await requireFrame(store, request.frameId);
  const reserve = Object.fromEntries(Object.entries(request.reserve ?? {}).filter(([, r]) => r > 0));
  if (request.method === 'systematic' && Object.keys(reserve).length > 0) {
    throw new AppError('invalid', 'sampling.reserveNeedsSrswor', {}, { details: [{ path: 'reserve', message: 'srswor only' }] });
  }
  if (request.method === 'systematic' && (!request.sortKey || request.sortKey.length === 0)) {
    throw new AppError('invalid', 'sampling.systematicNeedsSortKey', {}, { details: [{ path: 'sortKey', message: 'required' }] });
  }
  const seed = request.seed ?? randomSeed();
  const households = await store.households.listByFrame(frame.id);
  const sortKey = request.method === 'systematic' ? [...request.sortKey!] : null;
  let drawn: DrawnUnits;
  try {
    drawn = runDraw(households, { method: request.method, seed, allocation: request.allocation, reserve, sortKey });
  } catch (err) {
    asBadRequest(err);
  }
  const sizes = new Map(frame.districts.map((d) => [d.district, d.households]));
  const wave = request.wave ?? 1;
  return store.transaction(async (tx) => {
    const draw = await tx.draws.create({
      frameId: frame.id,
      wave,
      method: request.method,
      seed,
      prng: PRNG_NAME,
      frameFingerprint: drawn.fingerprint,
      sortKey,
      allocationExact: request.allocationExact ?? request.allocation,
      allocation: request.allocation,
      reserve,
      createdBy: actor.id,
    });
    const unit = (householdId: string, district: string, status: SampleUnit['status'], size: number, reserveRank: number | null): SampleUnit => {
      const N = sizes.get(district)!;
      return { drawId: draw.id, householdId, district, inclusionProbability: size / N, designWeight: N / size, status, wave, reserveRank, releasedAt: null };
    };
    await tx.sampleUnits.insertMany([
      ...drawn.invited.map((u) => unit(u.householdId, u.district, 'invited', request.allocation[u.district]!, null)),
      ...drawn.reserve.map((u) => unit(u.householdId, u.district, 'reserve', request.allocation[u.district]! + u.rank, u.rank)),
    ]);
    if (panelKey && !frame.contactsPurgedAt) {
      const drawnIds = [...drawn.invited, ...drawn.reserve].map((u) => u.householdId);
      const record = await firstWaveRecord(tx, { id: draw.id, frameId: frame.id, wave }, drawnIds, panelKey);
      if (record) await writePanelRecord(tx, record);
    }
    await recordAudit(tx.audit, actor, {
      action: 'draw.create',
      entityType: 'draw',
      entityId: draw.id,
      afterId: draw.id,
      afterSummary: `${draw.method} · seed ${draw.seed} · ${drawn.invited.length} invited · ${drawn.reserve.length} reserve`,
      details: { frameId: frame.id, method: draw.method, seed, prng: PRNG_NAME, frameFingerprint: drawn.fingerprint, invited: drawn.invited.length, reserve: drawn.reserve.length, wave },
    });
    return { draw, invited: drawn.invited.length, reserve: drawn.reserve.length };
  });
}

/**
 * Re-runs a stored draw from its record on the stored frame and compares: the fingerprint of the
 * frame rows, the PRNG name and the drawn households must all match.
 */
export async function verifyDraw(store: Store, drawId: string): Promise<{ reproducible: boolean; fingerprintMatches: boolean; prngMatches: boolean; unitsMatch: boolean }> {
  const draw = await requireDraw(store, drawId);
  // A later wave's draw is a refreshment among the households not drawn before; the re-invited
  // panel households were not drawn by it and are checked against the panel register instead.
  const panel = await readPanelRecord(store, draw.id);
  const excluded = new Set(panel?.excludedHouseholdIds ?? []);
  const reinvited = new Set(panel?.members.filter((m) => m.origin === 'panel').map((m) => m.householdId) ?? []);
  const households = (await store.households.listByFrame(draw.frameId)).filter((h) => !excluded.has(h.householdId));
  let again: DrawnUnits;
  try {
    again = runDraw(households, draw);
  } catch (err) {
    // The frame's households no longer support the recorded allocation (e.g. a district is gone): not reproducible.
    if (!(err instanceof RangeError)) throw err;
    return { reproducible: false, fingerprintMatches: false, prngMatches: draw.prng === PRNG_NAME, unitsMatch: false };
  }
  const stored = (await store.sampleUnits.listByDraw(draw.id)).filter((u) => !reinvited.has(u.householdId));
  const key = (status: string, id: string, rank: number | null) => `${status}:${id}:${rank ?? ''}`;
  const storedKeys = stored.map((u) => key(u.status === 'released' ? 'reserve' : u.status, u.householdId, u.reserveRank)).sort();
  const againKeys = [...again.invited.map((u) => key('invited', u.householdId, null)), ...again.reserve.map((u) => key('reserve', u.householdId, u.rank))].sort();
  const fingerprintMatches = again.fingerprint === draw.frameFingerprint;
  const prngMatches = draw.prng === PRNG_NAME;
  const unitsMatch = storedKeys.length === againKeys.length && storedKeys.every((k, i) => k === againKeys[i]);
  return { reproducible: fingerprintMatches && prngMatches && unitsMatch, fingerprintMatches, prngMatches, unitsMatch };
}

/**
 * Releases the next reserve households (by rank) per district and updates π = (n_h + released_h)/N_h
 * and the weights of every contacted household of those districts, audited; returns the new π and
 * weight per touched district. In a later panel wave n_h counts the re-invited panel households too,
 * which keeps the combined weight N_h / (p_h + m_h + released_h) of sampling/waveWeights.
 * @throws AppError notFound unknown draw, invalid when a batch exceeds the remaining reserve.
 */
export async function releaseReserveBatch(
  store: Store,
  drawId: string,
  batch: Record<string, number>,
  actor: Actor,
): Promise<{ released: number; byDistrict: Record<string, number>; design: Record<string, { inclusionProbability: number; designWeight: number }> }> {
  const draw = await requireDraw(store, drawId);
  const frame = await requireFrame(store, draw.frameId);
  const sizes = new Map(frame.districts.map((d) => [d.district, d.households]));
  const units = await store.sampleUnits.listByDraw(draw.id);
  const chosen: string[] = [];
  const design: Record<string, { inclusionProbability: number; designWeight: number }> = {};
  const byDistrict: Record<string, number> = {};
  for (const [district, k] of Object.entries(batch)) {
    if (k === 0) continue;
    if (!sizes.has(district)) throw new AppError('invalid', 'sampling.unknownDistrict', { district }, { details: [{ path: `batch.${district}`, message: 'unknown' }] });
    const waiting = units.filter((u) => u.district === district && u.status === 'reserve').sort((a, b) => a.reserveRank! - b.reserveRank!);
    if (k > waiting.length) {
      throw new AppError('invalid', 'sampling.reserveLeft', { district, left: waiting.length }, { details: [{ path: `batch.${district}`, message: `max ${waiting.length}` }] });
    }
    const contacted = units.filter((u) => u.district === district && u.status !== 'reserve').length + k;
    const N = sizes.get(district)!;
    design[district] = { inclusionProbability: contacted / N, designWeight: N / contacted };
    chosen.push(...waiting.slice(0, k).map((u) => u.householdId));
    byDistrict[district] = k;
  }
  if (chosen.length === 0) {
    throw new AppError('invalid', 'sampling.noReserveChosen', {}, { details: [{ path: 'batch', message: 'empty' }] });
  }
  const at = new Date().toISOString();
  const released = await store.transaction(async (tx) => {
    const count = await tx.sampleUnits.release(draw.id, chosen, at, design);
    await recordAudit(tx.audit, actor, { action: 'draw.reserve.release', entityType: 'draw', entityId: draw.id, details: { released: count, byDistrict, design } });
    return count;
  });
  return { released, byDistrict, design };
}

/** Per-district counts of a draw for lists and the detail view. */
export async function drawSummary(store: Store, draw: Draw) {
  const units = await store.sampleUnits.listByDraw(draw.id);
  const count = (status: SampleUnit['status']) => units.filter((u) => u.status === status).length;
  return { ...draw, counts: { invited: count('invited'), reserve: count('reserve'), released: count('released') } };
}
