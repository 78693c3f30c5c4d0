import type { Kysely } from 'kysely'

import type { Database } from '../db/schema'
import type { LockoutState } from './lockout'

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

    async saveLockout(staffId: number, state: LockoutState): Promise<void> {
      await db
        .updateTable('staff')
        .set({ failed_attempts: state.failedAttempts, locked_until: state.lockedUntil })
        .where('id', '=', staffId)
        .execute()
    },
  }
}
