import type { Role } from '../../lib/api';

export const roles: readonly Role[] = ['admin', 'planner', 'staff'];

// The answers' shapes come from the API modules that produce them (`import type` is erased by the bundler).
export type { UserView as UserAccount } from '../../../api/users/userService';
export type { AuditEntry } from '../../../api/store/types';
export type { AuditPage } from '../../../api/http/routes/adminAudit';
