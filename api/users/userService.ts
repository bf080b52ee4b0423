import { actorOf, recordAudit, userSummary } from '../audit/auditLog';
import { hashPassword } from '../auth/passwords';
import { AppError } from '../errors/appError';
import { DuplicateKeyError, type Role, type Store, type User } from '../store/types';

/** The account fields the admin UI sees; never the password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export const userView = (u: User): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  disabled: u.disabled,
  createdAt: u.createdAt,
});


const usernameTaken = () => new AppError('conflict', 'users.duplicateUsername', {}, { details: [{ path: 'username', message: 'duplicate' }] });

export async function listUsers(store: Store): Promise<UserView[]> {
  return (await store.users.list()).map(userView);
}

/**
 * Creates an account and its audit record in one transaction.
 * @throws AppError conflict (users.duplicateUsername) when the username is taken.
 */
export async function createUser(
  store: Store,
  actor: User | null,
  input: { username: string; displayName: string; role: Role; password: string },
): Promise<User> {
  // Fail fast without spending a password hash; the unique index still decides under races.
  if (await store.users.getByUsername(input.username)) throw usernameTaken();
  // Hash outside the transaction: 0.1 s of CPU must not hold the write lock.
  const passwordHash = await hashPassword(input.password);
  return store.transaction(async (tx) => {
    const user = await tx.users.create({ username: input.username, displayName: input.displayName, role: input.role, passwordHash });
    await recordAudit(tx.audit, actorOf(actor), {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      afterId: user.id,
      afterSummary: userSummary(user),
    });
    return user;
  }).catch((err: unknown) => {
    if (err instanceof DuplicateKeyError) throw usernameTaken(); // a parallel request took the name
    throw err;
  });
}

/**
 * Changes name, role or enabled state. An admin may not disable or demote their own account
 * (the last admin could otherwise lock everyone out). Disabling ends the account's sessions.
 * @throws AppError conflict (users.selfDisable, users.selfDemote), notFound (users.notFound).
 */
export async function updateUser(
  store: Store,
  actor: User,
  id: string,
  patch: { displayName?: string; role?: Role; disabled?: boolean },
): Promise<User> {
  if (id === actor.id && patch.disabled === true) throw new AppError('conflict', 'users.selfDisable');
  if (id === actor.id && patch.role !== undefined && patch.role !== actor.role) throw new AppError('conflict', 'users.selfDemote');
  return store.transaction(async (tx) => {
    const before = await tx.users.getById(id);
    if (!before) throw new AppError('notFound', 'users.notFound');
    const after = (await tx.users.update(id, patch))!;
    if (after.disabled && !before.disabled) await tx.sessions.deleteForUser(id);
    const changed = (['displayName', 'role', 'disabled'] as const).filter((k) => before[k] !== after[k]);
    await recordAudit(tx.audit, actorOf(actor), {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      beforeId: id,
      beforeSummary: userSummary(before),
      afterId: id,
      afterSummary: userSummary(after),
      details: { changed },
    });
    return after;
  });
}

/**
 * Sets a new password chosen by an admin and ends the account's other sessions, so whoever
 * knew the old password is signed out. The audit record names the account, never the password.
 * @throws AppError notFound (users.notFound).
 */
export async function resetPassword(store: Store, actor: User, id: string, password: string, keepSessionIdHash?: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await store.transaction(async (tx) => {
    const user = await tx.users.getById(id);
    if (!user) throw new AppError('notFound', 'users.notFound');
    await tx.users.update(id, { passwordHash });
    const endedSessions = await tx.sessions.deleteForUser(id, keepSessionIdHash);
    await recordAudit(tx.audit, actorOf(actor), {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
      afterId: id,
      afterSummary: userSummary(user),
      details: { endedSessions },
    });
  });
}
