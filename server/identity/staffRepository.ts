import type { Kysely } from 'kysely'

import type { Database } from '../db/schema'
import { failureAssignments, type LockoutState, notLockedAt, successAssignments } from './lockout'

export interface StaffAccount extends LockoutState {
  staffId: number
  username: string
  displayName: string
  passwordHash: string
  role: 'rep' | 'supervisor'
  languages: string[]
}

export function staffRepository(db: Kysely<Database>) {
  return {
    async findByUsername(username: string): Promise<StaffAccount | undefined> {
      const row = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst()
      if (!row) return undefined
      return {
        staffId: row.id,
        username: row.username,
        displayName: row.display_name,
        passwordHash: row.password_hash,
        role: row.role,
        languages: row.languages.split(',').filter(Boolean),
        failedAttempts: row.failed_attempts,
        lockedUntil: row.locked_until,
      }
    },

    /** Display names by id, for "claimed by", attempt lists and the audit trail; unknown ids are simply absent. */
    async displayNames(staffIds: readonly number[]): Promise<Map<number, string>> {
      const ids = [...new Set(staffIds)]
      if (ids.length === 0) return new Map()
      const rows = await db.selectFrom('staff').select(['id', 'display_name']).where('id', 'in', ids).execute()
      return new Map(rows.map((row) => [row.id, row.display_name]))
    },

    /** Counts one failed attempt in one statement and answers the counter as it now stands. */
    async recordFailure(staffId: number, now: Date): Promise<LockoutState> {
      return db
        .updateTable('staff')
        .set(failureAssignments(now))
        .where('id', '=', staffId)
        .returning(['failed_attempts as failedAttempts', 'locked_until as lockedUntil'])
        .executeTakeFirstOrThrow()
    },

    /** Records a sign-in unless a racing failure has locked the account meanwhile (then false). */
    async recordSuccess(staffId: number, failuresSeen: number, now: Date): Promise<boolean> {
      const updated = await db
        .updateTable('staff')
        .set(successAssignments(failuresSeen))
        .where('id', '=', staffId)
        .where(notLockedAt(now))
        .executeTakeFirst()
      return Number(updated.numUpdatedRows) > 0
    },

    async lockoutOf(staffId: number): Promise<LockoutState | undefined> {
      return db
        .selectFrom('staff')
        .select(['failed_attempts as failedAttempts', 'locked_until as lockedUntil'])
        .where('id', '=', staffId)
        .executeTakeFirst()
    },
  }
}
