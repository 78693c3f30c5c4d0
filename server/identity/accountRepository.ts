import type { Kysely } from 'kysely'

import type { Database } from '../db/schema'
import { failureAssignments, type LockoutState, notLockedAt, successAssignments } from './lockout'

/** A parent's credentials and lockout state, with the facts activation checks them against. */
export interface ParentAccount extends LockoutState {
  participantId: number
  username: string | null
  passwordHash: string | null
  pinHash: string | null
  language: 'en' | 'es'
}

const accountColumns = [
  'participants.id as participantId',
  'participants.language as language',
  'accounts.username as username',
  'accounts.password_hash as passwordHash',
  'accounts.pin_hash as pinHash',
  'accounts.failed_attempts as failedAttempts',
  'accounts.locked_until as lockedUntil',
] as const

export function accountRepository(db: Kysely<Database>) {
  const parentAccounts = () =>
    db.selectFrom('participants').innerJoin('accounts', 'accounts.participant_id', 'participants.id').select(accountColumns)

  return {
    async findByUsername(username: string): Promise<ParentAccount | undefined> {
      return parentAccounts().where('accounts.username', '=', username).executeTakeFirst()
    },

    async findByParId(parId: string): Promise<ParentAccount | undefined> {
      return parentAccounts().where('participants.par_id', '=', parId).executeTakeFirst()
    },

    /** The parents (paying or receiving, never children) on a case, found by its number. */
    async findParentsOnCase(caseNumber: string): Promise<ParentAccount[]> {
      return parentAccounts()
        .innerJoin('case_roles', 'case_roles.participant_id', 'participants.id')
        .innerJoin('cases', 'cases.id', 'case_roles.case_id')
        .where('cases.case_number', '=', caseNumber)
        .where('case_roles.role', 'in', ['paying', 'receiving'])
        .distinct()
        .execute()
    },

    async findByPhone(e164: string): Promise<ParentAccount[]> {
      return parentAccounts()
        .where((eb) => eb.or([eb('participants.phone_primary', '=', e164), eb('participants.phone_mobile', '=', e164)]))
        .execute()
    },

    /** Parents whose identity facts match, for activation and reset. */
    async findByIdentityFacts(facts: { parId?: string; caseNumber?: string; ssnLast4: string; dateOfBirth: string }) {
      let query = db
        .selectFrom('participants')
        .innerJoin('case_roles', 'case_roles.participant_id', 'participants.id')
        .innerJoin('cases', 'cases.id', 'case_roles.case_id')
        .leftJoin('accounts', 'accounts.participant_id', 'participants.id')
        .select([
          'participants.id as participantId',
          'accounts.participant_id as accountParticipantId',
          'accounts.username as username',
          'accounts.password_hash as passwordHash',
          'accounts.failed_attempts as failedAttempts',
          'accounts.locked_until as lockedUntil',
        ])
        .where('participants.ssn_last4', '=', facts.ssnLast4)
        .where('participants.date_of_birth', '=', facts.dateOfBirth)
        .where('case_roles.role', 'in', ['paying', 'receiving'])
      if (facts.parId) query = query.where('participants.par_id', '=', facts.parId)
      if (facts.caseNumber) query = query.where('cases.case_number', '=', facts.caseNumber)
      return query.distinct().execute()
    },

    async isUsernameTaken(username: string, exceptParticipantId: number): Promise<boolean> {
      const row = await db
        .selectFrom('accounts')
        .select('participant_id')
        .where('username', '=', username)
        .where('participant_id', '!=', exceptParticipantId)
        .executeTakeFirst()
      return row !== undefined
    },

    /** Counts one failed attempt in one statement and answers the counter as it now stands. */
    async recordFailure(participantId: number, now: Date): Promise<LockoutState> {
      return db
        .updateTable('accounts')
        .set(failureAssignments(now))
        .where('participant_id', '=', participantId)
        .returning(['failed_attempts as failedAttempts', 'locked_until as lockedUntil'])
        .executeTakeFirstOrThrow()
    },

    /**
     * Records a sign-in, unless a failure that raced with it has locked the account meanwhile: then nothing
     * changes and the answer is false.
     */
    async recordSuccess(participantId: number, failuresSeen: number, now: Date): Promise<boolean> {
      const updated = await db
        .updateTable('accounts')
        .set({ ...successAssignments(failuresSeen), last_sign_in_at: now.toISOString() })
        .where('participant_id', '=', participantId)
        .where(notLockedAt(now))
        .executeTakeFirst()
      return Number(updated.numUpdatedRows) > 0
    },

    async lockoutOf(participantId: number): Promise<LockoutState | undefined> {
      return db
        .selectFrom('accounts')
        .select(['failed_attempts as failedAttempts', 'locked_until as lockedUntil'])
        .where('participant_id', '=', participantId)
        .executeTakeFirst()
    },

    async saveCredentials(
      participantId: number,
      credentials: { username?: string; passwordHash?: string; pinHash?: string },
      at: string,
    ): Promise<void> {
      const changes = {
        ...(credentials.username ? { username: credentials.username } : {}),
        ...(credentials.passwordHash ? { password_hash: credentials.passwordHash } : {}),
        ...(credentials.pinHash ? { pin_hash: credentials.pinHash } : {}),
        failed_attempts: 0,
        locked_until: null,
      }
      const updated = await db
        .updateTable('accounts')
        .set({ ...changes, activated_at: at })
        .where('participant_id', '=', participantId)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 0) {
        await db
          .insertInto('accounts')
          .values({ participant_id: participantId, ...changes, activated_at: at })
          .execute()
      }
    },
  }
}

export type AccountRepository = ReturnType<typeof accountRepository>
