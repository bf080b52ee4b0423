/**
 * Why a panel household left the panel; 'nonresponse' = invited in the previous wave but no
 * completed questionnaire came back (the panel keeps respondents only).
 */
export type AttritionReason = 'nonresponse' | 'refused' | 'moved_away' | 'no_longer_eligible' | 'unreachable' | 'other';
export const ATTRITION_REASONS: readonly AttritionReason[] = ['nonresponse', 'refused', 'moved_away', 'no_longer_eligible', 'unreachable', 'other'];

/** A household in the panel. */
export interface PanelMember {
  panelId: string;
  stratum: string;
  /** Wave in which the household entered (1 = original sample, later = refreshment). */
  entryWave: number;
  /** Design weight from the household's own draw (1/π); kept unchanged in later waves. */
  designWeight: number;
  /** Set when the household left the panel. */
  attrition?: { wave: number; reason: AttritionReason };
}

/**
 * Re-invites the panel for a new wave and records attrition: every member still active and not
 * reported as lost in `lost` is invited; the lost ones get `attrition = { wave, reason }`.
 *
 * Weights per wave: panel stayers keep the design weight of their original draw (wave 1: N_h / n_h);
 * attrition is not compensated here but later by a nonresponse adjustment of the wave's weights
 * (e.g. response-propensity classes or calibration, Deville & Särndal 1992; Lynn 2009, Methodology
 * of Longitudinal Surveys, ch. 15). Refreshment households (refreshmentSample) carry their own design
 * weight among the households not drawn before. The union of stayers and refreshment should then be
 * calibrated to the wave's population totals, since a simple union double-covers households that
 * could have been drawn in both waves.
 * Cost: O(members).
 * @throws RangeError when the wave is not after every member's entry wave, a lost panel id is not an
 *   active member, or a reason is unknown.
 * @example reinvitePanel(members, 2, new Map([[members[0].panelId, 'moved_away']])).invited.length // → members.length − 1
 */
export function reinvitePanel(
  members: readonly PanelMember[],
  wave: number,
  lost: Readonly<Record<string, AttritionReason>> | ReadonlyMap<string, AttritionReason>,
): { members: PanelMember[]; invited: PanelMember[]; attrited: PanelMember[] } {
  if (!Number.isInteger(wave) || wave < 2) throw new RangeError(`a re-invitation wave must be an integer ≥ 2, got ${wave}`);
  const lostMap = lost instanceof Map ? lost : new Map(Object.entries(lost as Record<string, AttritionReason>));
  const active = new Set(members.filter((m) => !m.attrition).map((m) => m.panelId));
  for (const [id, reason] of lostMap) {
    if (!active.has(id)) throw new RangeError(`panel id '${id}' is not an active panel member, cannot record attrition`);
    if (!ATTRITION_REASONS.includes(reason)) throw new RangeError(`unknown attrition reason '${reason}' for '${id}' (use ${ATTRITION_REASONS.join(', ')})`);
  }
  const updated = members.map((m) => {
    if (m.entryWave >= wave) throw new RangeError(`panel id '${m.panelId}' entered in wave ${m.entryWave}, cannot be re-invited to wave ${wave}`);
    const reason = lostMap.get(m.panelId);
    return reason && !m.attrition ? { ...m, attrition: { wave, reason } } : { ...m };
  });
  return {
    members: updated,
    invited: updated.filter((m) => !m.attrition),
    attrited: updated.filter((m) => m.attrition?.wave === wave),
  };
}
