import { type RawBuilder, sql } from 'kysely'

// One failure counter per person, shared by the web (password) and the phone (PIN), so that guessing on
// one channel cannot continue on the other. NIST SP 800-63B §5.2.2 asks for a limit on consecutive failed
// attempts; five, then a thirty-minute pause, keeps guessing a 6-digit PIN impractical while a parent who
// mistypes twice is not punished.
//
// The counter lives in the row (accounts, staff) and changes only by one statement that reads and writes it
// together, so guesses that arrive at once, on one process or on several, are each counted: checking a secret
// takes a slow Argon2 hash, and a read-then-write around it let 40 simultaneous guesses count as 4.

export const maxConsecutiveFailures = 5
export const lockoutMinutes = 30

export interface LockoutState {
  failedAttempts: number
  lockedUntil: string | null
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now.toISOString()
}

/**
 * The new values of failed_attempts and locked_until after one more failure, as SQL over the row's current
 * values (both dialects evaluate every SET expression against the row as it was). A lock that has run out
 * starts a fresh count; the lock is decided from the incremented count; a running lock is kept, not extended,
 * while the attempts made during it are still counted.
 */
export function failureAssignments(now: Date): { failed_attempts: RawBuilder<number>; locked_until: RawBuilder<string | null> } {
  const at = now.toISOString()
  const until = new Date(now.getTime() + lockoutMinutes * 60_000).toISOString()
  const counted = sql<number>`(case when locked_until is not null and locked_until <= ${at} then 1 else failed_attempts + 1 end)`
  return {
    failed_attempts: counted,
    locked_until: sql<string | null>`(case
      when locked_until > ${at} then locked_until
      when ${counted} >= ${maxConsecutiveFailures} then ${until}
      else null end)`,
  }
}

/**
 * After a success: take away only the failures that were already counted when this attempt read the row.
 * Failures that raced with the success (counted while its hash was being checked) stay counted, so a right
 * answer cannot wipe the guesses made alongside it.
 */
export function successAssignments(failuresSeen: number): { failed_attempts: RawBuilder<number>; locked_until: null } {
  return {
    failed_attempts: sql<number>`(case when failed_attempts > ${failuresSeen} then failed_attempts - ${failuresSeen} else 0 end)`,
    locked_until: null,
  }
}

/** A success counts only where the row is not locked at the moment it is written (a racing failure may have locked it). */
export function notLockedAt(now: Date): RawBuilder<boolean> {
  return sql<boolean>`(locked_until is null or locked_until <= ${now.toISOString()})`
}
