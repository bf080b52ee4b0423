import { usernameKey } from '../store/ids';
import type { Store, ThrottlePolicy, ThrottleState, User } from '../store/types';
import { recordAudit, SYSTEM_ACTOR } from '../audit/auditLog';
import { AppError } from '../errors/appError';
import { unknownUserHash, verifyPassword } from './passwords';

export interface LoginPolicy {
  maxFailuresPerUser: number;
  maxFailuresPerIp: number;
  windowMinutes: number;
  lockMinutes: number;
}

/** A refused login: wrong name or password (`unauthenticated`), or a lockout of the name or the address (`locked`). */
function refused(reason: 'invalid-credentials' | 'locked-user' | 'locked-ip', lockedUntil: string | null, now: Date): AppError {
  if (reason === 'invalid-credentials' || lockedUntil === null) return new AppError('unauthenticated', 'auth.invalidCredentials');
  const left = Date.parse(lockedUntil) - now.getTime();
  const minutes = Math.max(1, Math.ceil(left / 60_000));
  return new AppError('locked', reason === 'locked-user' ? 'auth.lockedUser' : 'auth.lockedIp', { minutes }, { retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) });
}

const isLocked = (state: ThrottleState | null, now: Date) => state?.lockedUntil != null && Date.parse(state.lockedUntil) > now.getTime();

/**
 * Checks a username/password pair with throttling kept in the store (shared by all processes):
 * per username, `maxFailuresPerUser` failures within the window lock the name for `lockMinutes`;
 * per client address, `maxFailuresPerIp` failures lock that address. Unknown usernames are counted
 * and timed like known ones, and a disabled account answers like a wrong password, so the
 * responses do not reveal which accounts exist. A lockout is audited once; success resets the
 * username counter (not the address counter, which would let one valid account unlock guessing).
 * @throws AppError unauthenticated (wrong name or password), locked (too many failures).
 */
export async function authenticate(
  store: Store,
  policy: LoginPolicy,
  attempt: { username: string; password: string; clientIp: string },
  now = new Date(),
): Promise<User> {
  const userKey = `user:${usernameKey(attempt.username)}`;
  const ipKey = `ip:${attempt.clientIp}`;
  const [userState, ipState] = await Promise.all([store.throttle.get(userKey), store.throttle.get(ipKey)]);
  if (isLocked(userState, now)) throw refused('locked-user', userState!.lockedUntil, now);
  if (isLocked(ipState, now)) throw refused('locked-ip', ipState!.lockedUntil, now);

  const user = await store.users.getByUsername(attempt.username);
  const matches = await verifyPassword(attempt.password, user?.passwordHash ?? (await unknownUserHash()));
  if (user && matches && !user.disabled) {
    await store.throttle.reset(userKey);
    return user;
  }

  const windowMs = policy.windowMinutes * 60_000;
  const lockMs = policy.lockMinutes * 60_000;
  const userPolicy: ThrottlePolicy = { windowMs, lockMs, maxFailures: policy.maxFailuresPerUser };
  const ipPolicy: ThrottlePolicy = { windowMs, lockMs, maxFailures: policy.maxFailuresPerIp };
  // The counters and the lockout record commit together; the refusal is thrown only after the
  // commit, since throwing inside the transaction would roll the counting back.
  const refusal = await store.transaction(async (tx) => {
    const byUser = await tx.throttle.recordFailure(userKey, now, userPolicy);
    const byIp = await tx.throttle.recordFailure(ipKey, now, ipPolicy);
    if (byUser.newlyLocked) {
      await recordAudit(tx.audit, SYSTEM_ACTOR, {
        action: 'auth.lockout',
        entityType: 'user',
        entityId: user?.id ?? null,
        afterSummary: user ? `${user.username} locked until ${byUser.state.lockedUntil}` : null,
        details: { scope: 'username', knownAccount: user != null, failures: byUser.state.failures, lockedUntil: byUser.state.lockedUntil },
      });
    }
    if (byIp.newlyLocked) {
      // The address itself is not recorded: it is personal data and not needed to act on the lockout.
      await recordAudit(tx.audit, SYSTEM_ACTOR, {
        action: 'auth.lockout',
        entityType: 'client',
        details: { scope: 'client-address', failures: byIp.state.failures, lockedUntil: byIp.state.lockedUntil },
      });
    }
    if (byUser.newlyLocked) return refused('locked-user', byUser.state.lockedUntil, now);
    if (byIp.newlyLocked) return refused('locked-ip', byIp.state.lockedUntil, now);
    return refused('invalid-credentials', null, now);
  });
  throw refusal;
}
