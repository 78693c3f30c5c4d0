import type { Clock } from '../../server/clock'
import { hashSecret } from '../../server/identity/secretHashing'
import type { TestDatabase } from '../helpers/testDatabase'

// Small, explicit rows for the identity tests: a case, the parents on it (with or without an account), a staff member.

const stamp = '2026-01-01T00:00:00.000Z'

/** A clock the test moves forward by hand. */
export function movableClock(start: string): Clock & { advanceMinutes(minutes: number): void } {
  let now = new Date(start)
  return { now: () => new Date(now), advanceMinutes: (m) => (now = new Date(now.getTime() + m * 60_000)) }
}

export async function addCase(database: TestDatabase, caseNumber: string): Promise<number> {
  const { id } = await database.db
    .insertInto('cases')
    .values({
      case_number: caseNumber, county: 'Sacramento', status: 'open', assistance_status: 'never',
      processing_stage: 'enforcement', caseworker_name: 'W', office_code: 'SAC', opened_on: '2020-01-01', created_at: stamp,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export interface ParentFixture {
  parId: string
  ssnLast4: string
  dateOfBirth: string
  caseId: number
  role: 'paying' | 'receiving'
  email?: string
  phone?: string
  familyViolence?: boolean
}

export async function addParent(
  database: TestDatabase,
  parent: ParentFixture,
  account?: { username: string; password?: string; pin?: string },
): Promise<number> {
  const { id } = await database.db
    .insertInto('participants')
    .values({
      par_id: parent.parId, first_name: 'Test', last_name: parent.parId, date_of_birth: parent.dateOfBirth,
      ssn_hmac: `hmac-${parent.parId}`, ssn_last4: parent.ssnLast4, language: 'es', created_at: stamp, updated_at: stamp,
      email: parent.email ?? null, phone_mobile: parent.phone ?? null, family_violence: parent.familyViolence ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await database.db.insertInto('case_roles').values({ case_id: parent.caseId, participant_id: id, role: parent.role }).execute()
  if (account) {
    await database.db
      .insertInto('accounts')
      .values({
        participant_id: id,
        username: account.username,
        password_hash: account.password ? await hashSecret(account.password) : null,
        pin_hash: account.pin ? await hashSecret(account.pin) : null,
        activated_at: account.password ? stamp : null,
      })
      .execute()
  }
  return id
}

export async function addStaff(database: TestDatabase, username: string, password: string): Promise<number> {
  const { id } = await database.db
    .insertInto('staff')
    .values({ username, display_name: username, password_hash: await hashSecret(password), role: 'rep', languages: 'en,es' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}
