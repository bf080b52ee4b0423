import type { FailureResult, ThrottlePolicy, ThrottleState } from './types';

/**
 * The counting rule shared by every adapter, so SQLite and MongoDB lock at exactly the same attempt.
 * A failure starts a fresh window when there is no record, the window has passed, or an earlier
 * lock has run out; the failure that reaches `maxFailures` sets `lockedUntil = now + lockMs`.
 */
export function nextThrottleState(
  previous: ThrottleState | null,
  key: string,
  now: Date,
  policy: ThrottlePolicy,
): FailureResult {
  const nowMs = now.getTime();
  const lockRunOut = previous?.lockedUntil != null && Date.parse(previous.lockedUntil) <= nowMs;
  const windowPassed = previous != null && Date.parse(previous.windowStartedAt) + policy.windowMs <= nowMs;
  const state: ThrottleState =
    previous == null || lockRunOut || (windowPassed && previous.lockedUntil == null)
      ? { key, failures: 1, windowStartedAt: now.toISOString(), lockedUntil: null }
      : { ...previous, failures: previous.failures + 1 };
  const stillLocked = state.lockedUntil != null && Date.parse(state.lockedUntil) > nowMs;
  if (!stillLocked && state.failures >= policy.maxFailures) {
    return { state: { ...state, lockedUntil: new Date(nowMs + policy.lockMs).toISOString() }, newlyLocked: true };
  }
  return { state, newlyLocked: false };
}
