import type { Role } from '../../lib/api';

export const roles: readonly Role[] = ['admin', 'planner', 'staff'];

export interface UserAccount {
  id: string | number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface AuditEntry {
  id: string | number;
  at: string;
  actor: unknown;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}
