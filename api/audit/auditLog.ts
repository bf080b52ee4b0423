import type { AuditRepository, NewAuditEntry, User } from '../store/types';

/** Who did it: a signed-in user, or the system itself (seed, lockout by the throttle). */
export interface Actor {
  id: string | null;
  username: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: null };

export const actorOf = (user: User | null | undefined): Actor => (user ? { id: user.id, username: user.username } : SYSTEM_ACTOR);

/** One line describing an account in audit records: username, role, state. Never a password or hash. */
export function userSummary(user: User): string {
  return `${user.username} · ${user.role} · ${user.disabled ? 'disabled' : 'active'}`;
}

/** Appends an audit record; fields not given are null. */
export function recordAudit(
  audit: AuditRepository,
  actor: Actor,
  entry: Pick<NewAuditEntry, 'action' | 'entityType'> & Partial<Omit<NewAuditEntry, 'action' | 'entityType'>>,
) {
  return audit.append({
    actorUserId: actor.id,
    actorUsername: actor.username,
    entityId: null,
    beforeId: null,
    beforeSummary: null,
    afterId: null,
    afterSummary: null,
    details: null,
    ...entry,
  });
}
