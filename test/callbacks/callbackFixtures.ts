import type { Clock } from '../../server/clock'
import { createCallbackService, type CallbackServiceOptions } from '../../server/callbacks/callbackService'
import type { DatabaseHandle } from '../../server/db/connection'

/** A clock the test moves by hand. */
export function settableClock(start: string): Clock & { set(iso: string): void } {
  let current = new Date(start)
  return { now: () => new Date(current), set: (iso) => (current = new Date(iso)) }
}

export interface CallbackWorld {
  /** Pays on case A. */
  payer: number
  /** Receives on case A: the other parent. */
  receiver: number
  /** On case B only. */
  stranger: number
  caseA: number
  caseB: number
  /** Speaks English and Spanish. */
  repBilingual: number
  /** Speaks English only. */
  repEnglish: number
  supervisor: number
}

/** Parents, cases and staff for callback tests, inserted through the schema as the demo data would be. */
export async function seedCallbackWorld({ db }: Pick<DatabaseHandle, 'db'>): Promise<CallbackWorld> {
  const now = '2026-01-01T00:00:00.000Z'
  const parent = async (parId: string, first: string) =>
    (
      await db
        .insertInto('participants')
        .values({
          par_id: parId, first_name: first, last_name: 'Tester', date_of_birth: '1985-04-02', ssn_hmac: `hmac-${parId}`,
          ssn_last4: '1234', phone_primary: '+19165550150', phone_mobile: null, email: null, language: 'en',
          address_line1: null, address_line2: null, city: null, state: null, postal_code: null, employer_name: null,
          household_income_cents: null, household_size: null, released_from_incarceration_on: null,
          created_at: now, updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const caseRow = async (number: string) =>
    (
      await db
        .insertInto('cases')
        .values({
          case_number: number, county: 'Sacramento', status: 'open', assistance_status: 'never',
          processing_stage: 'enforcement', caseworker_name: 'A. Worker', office_code: 'SAC1', opened_on: '2020-01-01',
          enforcement_ended_reason: null, created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const staff = async (username: string, role: 'rep' | 'supervisor', languages: string) =>
    (
      await db
        .insertInto('staff')
        .values({ username, display_name: username, password_hash: 'x', role, languages, locked_until: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id

  const payer = await parent('P1000001', 'Pat')
  const receiver = await parent('P1000002', 'Robin')
  const stranger = await parent('P1000003', 'Sam')
  const caseA = await caseRow('340000000001')
  const caseB = await caseRow('340000000002')
  await db
    .insertInto('case_roles')
    .values([
      { case_id: caseA, participant_id: payer, role: 'paying' },
      { case_id: caseA, participant_id: receiver, role: 'receiving' },
      { case_id: caseB, participant_id: stranger, role: 'paying' },
    ])
    .execute()
  return {
    payer, receiver, stranger, caseA, caseB,
    repBilingual: await staff('rep.one', 'rep', 'en,es'),
    repEnglish: await staff('rep.two', 'rep', 'en'),
    supervisor: await staff('sup.one', 'supervisor', 'en'),
  }
}

export function callbackServiceOn(
  database: Pick<DatabaseHandle, 'db' | 'dialect'>,
  clock: Clock,
  options: Partial<CallbackServiceOptions> = {},
) {
  return createCallbackService({ database, clock, config: { callbacks: { maxAttempts: 3 } }, options })
}
