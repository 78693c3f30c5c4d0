// Small hand-built cases for service tests: each test states the rows it is about and nothing else.
import type { Kysely } from 'kysely'

import type { Database, NewLedgerRow, NewParticipant } from '../../../server/db/schema'

let parCounter = 0

export interface ParentFixture {
  firstName: string
  addressLine1?: string
  phone?: string
  employer?: string | null
  ssnLast4?: string
  familyViolence?: boolean
  householdIncomeCents?: number | null
  householdSize?: number | null
  releasedOn?: string | null
  activeMilitary?: boolean
}

export async function insertParent(db: Kysely<Database>, parent: ParentFixture): Promise<number> {
  parCounter += 1
  const row: NewParticipant = {
    par_id: `PAR${String(parCounter).padStart(7, '0')}${Math.random().toString(36).slice(2, 6)}`,
    first_name: parent.firstName,
    last_name: 'Fixture',
    date_of_birth: '1985-01-01',
    ssn_hmac: `hmac-${parCounter}`,
    ssn_last4: parent.ssnLast4 ?? '0000',
    phone_primary: parent.phone ?? null,
    phone_mobile: null,
    email: null,
    language: 'en',
    address_line1: parent.addressLine1 ?? null,
    address_line2: null,
    city: 'Sacramento',
    state: 'CA',
    postal_code: '95814',
    employer_name: parent.employer ?? null,
    household_income_cents: parent.householdIncomeCents ?? null,
    household_size: parent.householdSize ?? null,
    family_violence: parent.familyViolence ? 1 : 0,
    active_military: parent.activeMilitary ? 1 : 0,
    released_from_incarceration_on: parent.releasedOn ?? null,
    created_at: '2020-01-01T00:00:00.000Z',
    updated_at: '2020-01-01T00:00:00.000Z',
  }
  const inserted = await db.insertInto('participants').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export interface CaseFixture {
  caseNumber: string
  payingId: number
  receivingId: number
  children?: number
  assistance?: 'never' | 'former' | 'current'
  status?: 'open' | 'closed'
  interestBasisPoints?: number
  interestBasis?: 'statutory' | 'scra' | 'order' | 'interstate'
  orders?: Array<{ kind: 'child' | 'medical' | 'spousal'; monthlyCents: number; from: string; to?: string | null }>
}

export async function insertCase(db: Kysely<Database>, fixture: CaseFixture): Promise<number> {
  const { id } = await db
    .insertInto('cases')
    .values({
      case_number: fixture.caseNumber,
      county: 'Sacramento',
      status: fixture.status ?? 'open',
      assistance_status: fixture.assistance ?? 'never',
      processing_stage: fixture.status === 'closed' ? 'closed' : 'enforcement',
      interest_rate_bp: fixture.interestBasisPoints ?? 1000,
      interest_rate_basis: fixture.interestBasis ?? 'statutory',
      caseworker_name: 'Fixture Worker',
      office_code: 'SAC01',
      opened_on: '2020-01-01',
      enforcement_ended_reason: null,
      created_at: '2020-01-01T00:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('case_roles')
    .values([
      { case_id: id, participant_id: fixture.payingId, role: 'paying' },
      { case_id: id, participant_id: fixture.receivingId, role: 'receiving' },
    ])
    .execute()
  for (let child = 0; child < (fixture.children ?? 1); child++) {
    const childId = await insertParent(db, { firstName: `Child${child}` })
    await db.insertInto('case_roles').values({ case_id: id, participant_id: childId, role: 'child' }).execute()
  }
  for (const order of fixture.orders ?? []) {
    await db
      .insertInto('orders')
      .values({
        case_id: id, kind: order.kind, monthly_cents: order.monthlyCents, effective_from: order.from,
        effective_to: order.to ?? null, court_case_number: 'FL-000001',
      })
      .execute()
  }
  return id
}

type LedgerFixture = Omit<NewLedgerRow, 'case_id'>

export function chargeRow(dueOn: string, amountCents: number, owedTo: 'family' | 'state' = 'family'): LedgerFixture {
  return { posted_on: dueOn, kind: 'charge', bucket: 'current', owed_to: owedTo, order_kind: 'child', method: null,
    amount_cents: amountCents, related_entry_id: null, reason: null, reference: null }
}

export function paymentRow(postedOn: string, amountCents: number, method = 'income_withholding'): LedgerFixture {
  return { posted_on: postedOn, kind: 'payment', bucket: null, owed_to: null, order_kind: null, method,
    amount_cents: amountCents, related_entry_id: null, reason: null, reference: `REF-${postedOn}` }
}

export function disbursementRow(postedOn: string, amountCents: number, paymentId: number): LedgerFixture {
  return { posted_on: postedOn, kind: 'disbursement', bucket: null, owed_to: 'family', order_kind: null,
    method: 'direct_deposit', amount_cents: amountCents, related_entry_id: paymentId, reason: null, reference: null }
}

/** Inserts rows in order and returns their ids, so a disbursement can name its payment. */
export async function insertLedger(db: Kysely<Database>, caseId: number, rows: LedgerFixture[]): Promise<number[]> {
  const ids: number[] = []
  for (const row of rows) {
    const { id } = await db.insertInto('ledger').values({ ...row, case_id: caseId }).returning('id').executeTakeFirstOrThrow()
    ids.push(id)
  }
  return ids
}

export async function insertEnforcement(
  db: Kysely<Database>,
  caseId: number,
  participantId: number,
  row: { kind: Database['enforcement']['kind']; status: Database['enforcement']['status']; on: string; employer?: string },
): Promise<void> {
  await db
    .insertInto('enforcement')
    .values({ case_id: caseId, participant_id: participantId, kind: row.kind, status: row.status, started_on: row.on,
      status_changed_on: row.on, employer_name: row.employer ?? null })
    .execute()
}

export async function insertEvent(
  db: Kysely<Database>,
  caseId: number,
  participantId: number | null,
  row: { kind: Database['events']['kind']; at: string; topic: string; status: Database['events']['status']; location?: string },
): Promise<void> {
  await db
    .insertInto('events')
    .values({ case_id: caseId, participant_id: participantId, kind: row.kind, scheduled_for: row.at,
      location: row.location ?? null, topic: row.topic, status: row.status })
    .execute()
}
