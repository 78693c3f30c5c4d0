// One failure counter per person, shared by the web (password) and the phone (PIN), so that guessing on
// one channel cannot continue on the other. NIST SP 800-63B §5.2.2 asks for a limit on consecutive failed
// attempts; five, then a thirty-minute pause, keeps guessing a 6-digit PIN impractical while a parent who
// mistypes twice is not punished.

export const maxConsecutiveFailures = 5
export const lockoutMinutes = 30

export interface LockoutState {
  failedAttempts: number
  lockedUntil: string | null
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now.toISOString()
}

/** The counter after one more failure; it locks when the limit is reached. */
export function afterFailure(state: LockoutState, now: Date): LockoutState {
  // A lock that has run out starts a fresh count.
  const previous = state.lockedUntil !== null && !isLocked(state, now) ? 0 : state.failedAttempts
  const failedAttempts = previous + 1
  if (failedAttempts >= maxConsecutiveFailures) {
    return { failedAttempts, lockedUntil: new Date(now.getTime() + lockoutMinutes * 60_000).toISOString() }
  }
  return { failedAttempts, lockedUntil: null }
}

export const afterSuccess: LockoutState = { failedAttempts: 0, lockedUntil: null }
