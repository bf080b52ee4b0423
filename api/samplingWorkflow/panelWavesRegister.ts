/**
 * The panel register: for every draw, the stable pseudonymous panel id of each drawn household
 * (main sample, reserve and re-invited panel), how it entered the panel, and for a later wave the
 * attrition recorded at its start. It is written once when the draw is made and read whole when the
 * next wave starts or the overview is shown — no query ever needs one member — so it is kept as one
 * JSON document per draw in the key/value metadata of the store (both adapters, no schema change).
 *
 * Panel ids are HMAC-SHA256 of the register's household number under the office's panel key
 * (sampling/panelId.ts, key from api/secrets/panelIdKey.ts): the random pseudonymous household id changes with every frame import, the
 * register number does not, so the panel id links the same household across waves while the
 * analysis side never sees the register number.
 */
import { panelId, type AttritionReason, type WaveStratumWeights } from '../../sampling';
import type { Contact, Repositories } from '../store/types';

/** How a household came into a draw: the wave's own sample, a refreshment, or re-invited from the panel. */
export type PanelOrigin = 'sample' | 'refreshment' | 'panel';

export interface PanelRegisterMember {
  /** Pseudonymous household id in the draw's frame. */
  householdId: string;
  panelId: string;
  /** Wave in which the household was first drawn. */
  entryWave: number;
  origin: PanelOrigin;
}

/** A household of the previous wave that is not re-invited, with the reason. */
export interface PanelAttrition {
  panelId: string;
  /** District in the previous wave. */
  district: string;
  entryWave: number;
  reason: AttritionReason;
}

export interface PanelRegisterRecord {
  drawId: string;
  wave: number;
  /** The wave this one continues; null for a first wave (or a draw outside a panel). */
  previousDrawId: string | null;
  members: PanelRegisterMember[];
  attrition: PanelAttrition[];
  /** Households of the draw's frame left out of the refreshment because drawn in an earlier wave. */
  excludedHouseholdIds: string[];
  /** Per-district weights of a later wave (sampling/waveWeights); empty for a first wave. */
  weights: WaveStratumWeights[];
}

const keyOf = (drawId: string) => `panel.draw.${drawId}`;

export async function readPanelRecord(repos: Pick<Repositories, 'meta'>, drawId: string): Promise<PanelRegisterRecord | null> {
  const value = await repos.meta.get(keyOf(drawId));
  return value === null ? null : (JSON.parse(value) as PanelRegisterRecord);
}

export async function writePanelRecord(repos: Pick<Repositories, 'meta'>, record: PanelRegisterRecord): Promise<void> {
  await repos.meta.set(keyOf(record.drawId), JSON.stringify(record));
}

/**
 * Panel ids of a frame's households from their contact rows, as a map household id → panel id.
 * Households without a contact row (purged) are left out.
 * Cost: O(households), one HMAC each.
 */
export function panelIdsOf(contacts: readonly Contact[], key: string): Map<string, string> {
  return new Map(contacts.map((c) => [c.householdId, panelId(c.registerId, key)]));
}

/**
 * The register record of a first-wave draw: every drawn household (invited and reserve) with its
 * panel id, entering in the draw's wave. Null when contact rows are missing (purged frame), since
 * the panel id needs the register number.
 */
export async function firstWaveRecord(
  repos: Pick<Repositories, 'contacts'>,
  draw: { id: string; frameId: string; wave: number },
  householdIds: readonly string[],
  key: string,
): Promise<PanelRegisterRecord | null> {
  const ids = panelIdsOf(await repos.contacts.getMany(draw.frameId, householdIds), key);
  if (householdIds.some((id) => !ids.has(id))) return null;
  return {
    drawId: draw.id,
    wave: draw.wave,
    previousDrawId: null,
    members: householdIds.map((householdId) => ({ householdId, panelId: ids.get(householdId)!, entryWave: draw.wave, origin: 'sample' })),
    attrition: [],
    excludedHouseholdIds: [],
    weights: [],
  };
}
