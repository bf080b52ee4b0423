import type { Role } from '../../lib/api';

export const roles: readonly Role[] = ['admin', 'planner', 'staff'];

export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

/** One audit record as the API lists it; summaries are one-line descriptions of the object. */
export interface AuditEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  beforeSummary: string | null;
  afterSummary: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}
