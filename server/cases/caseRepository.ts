// Every read of the case-inquiry service, on the indexes of migration 0001 (comments name the index each query
// uses), in SQL that runs the same on SQLite and PostgreSQL. Columns are selected by name: no query here selects a
// participant's address, phone, email, SSN digest or employer, so no result can carry another party's contact data
// (DESIGN.md §3, family violence). The only employer read is the one on an enforcement row, and only when the
// caller says the viewer may see it.
import type { Kysely, Selectable } from 'kysely'

import type { CaseRole, CasesTable, Database, EnforcementTable, EventsTable, OrdersTable } from '../db/schema'
import { createLedgerRepository } from './ledgerRepository'
import type { IsoDate } from './rules/ledgerTypes'

export type ParentRole = Exclude<CaseRole, 'child'>

export interface CaseRecord {
  id: number
  caseNumber: string
  county: string
  status: CasesTable['status']
  assistanceStatus: CasesTable['assistance_status']
  processingStage: CasesTable['processing_stage']
  interestRateBasisPoints: number
  interestRateBasis: 'statutory' | 'scra' | 'order' | 'interstate'
  officeCode: string
  enforcementEndedReason: string | null
  /** The day the agency opened the case: no statement is made for a month before it. */
  openedOn: IsoDate
}

export interface CaseParties {
  payingParticipantId: number | null
  receivingParticipantId: number | null
  childrenCount: number
  /**
   * The paying parent is on active military duty. Read for every viewer because it sets the interest rate, and so
   * the balance both parents see (SCRA, 50 USC 3937); no view shows the fact itself.
   */
  payerOnActiveDuty: boolean
}

/** What the agency knows of the paying parent's circumstances that changes what they owe or face. Never contact data. */
export interface PayerCircumstances {
  householdIncomeCents: number | null
  householdSize: number | null
  releasedFromIncarcerationOn: IsoDate | null
  activeMilitary: boolean
}

export interface OrderRecord {
  kind: OrdersTable['kind']
  monthlyCents: number
  effectiveFrom: IsoDate
  effectiveTo: IsoDate | null
}

export interface EnforcementRecord {
  kind: EnforcementTable['kind']
  status: EnforcementTable['status']
  startedOn: IsoDate
  statusChangedOn: IsoDate
  /** Null unless the read asked for it (the paying parent's own employer, or staff). */
  employerName: string | null
}

export interface EventRecord {
  id: number
  kind: EventsTable['kind']
  scheduledFor: string
  location: string | null
  topic: string
  status: EventsTable['status']
  participantId: number | null
}

const parentRoles: readonly ParentRole[] = ['paying', 'receiving']

const caseColumns = [
  'id', 'case_number', 'county', 'status', 'assistance_status', 'processing_stage', 'interest_rate_bp',
  'interest_rate_basis', 'office_code', 'enforcement_ended_reason', 'opened_on',
] as const

type CaseRow = Selectable<Pick<CasesTable, (typeof caseColumns)[number]>>

function caseRecordOf(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    caseNumber: row.case_number,
    county: row.county,
    status: row.status,
    assistanceStatus: row.assistance_status,
    processingStage: row.processing_stage,
    interestRateBasisPoints: row.interest_rate_bp,
    interestRateBasis: row.interest_rate_basis,
    officeCode: row.office_code,
    enforcementEndedReason: row.enforcement_ended_reason,
    openedOn: row.opened_on,
  }
}

/** Whether a participant is the paying or the receiving party of a case (what callbacks and messages may be about). */
export async function isParentPartyTo(db: Kysely<Database>, participantId: number, caseId: number): Promise<boolean> {
  const row = await db
    .selectFrom('case_roles')
    .select('case_id')
    .where('participant_id', '=', participantId)
    .where('case_id', '=', caseId)
    .where('role', 'in', ['paying', 'receiving'])
    .executeTakeFirst()
  return row !== undefined
}

export function createCaseRepository(db: Kysely<Database>) {
  return {
    ...createLedgerRepository(db),

    /** case_roles_participant (participant_id, case_id). */
    async parentRolesOn(participantId: number, caseId: number): Promise<ParentRole[]> {
      const rows = await db
        .selectFrom('case_roles')
        .select('role')
        .where('participant_id', '=', participantId)
        .where('case_id', '=', caseId)
        .where('role', 'in', parentRoles)
        .execute()
      return rows.map((row) => row.role as ParentRole)
    },

    /** Primary key. */
    async caseById(caseId: number): Promise<CaseRecord | undefined> {
      const row = await db.selectFrom('cases').select(caseColumns).where('id', '=', caseId).executeTakeFirst()
      return row && caseRecordOf(row)
    },

    /**
     * case_roles_participant (participant_id, case_id), then the cases primary key: each case a participant holds a
     * paying or receiving role on, with the role, in one query (a parent's dashboard lists every one).
     */
    async parentCasesOf(participantId: number): Promise<Array<{ role: ParentRole; record: CaseRecord }>> {
      const rows = await db
        .selectFrom('case_roles')
        .innerJoin('cases', 'cases.id', 'case_roles.case_id')
        .select(['case_roles.role', ...caseColumns.map((column) => `cases.${column}` as const)])
        .where('case_roles.participant_id', '=', participantId)
        .where('case_roles.role', 'in', parentRoles)
        .orderBy('case_roles.case_id')
        .execute()
      return rows.map((row) => ({ role: row.role as ParentRole, record: caseRecordOf(row) }))
    },

    /** case_roles primary key (case_id, participant_id, role). */
    async partiesOf(caseId: number): Promise<CaseParties> {
      const rows = await db
        .selectFrom('case_roles')
        .innerJoin('participants', 'participants.id', 'case_roles.participant_id')
        .select(['case_roles.participant_id', 'case_roles.role', 'participants.active_military'])
        .where('case_roles.case_id', '=', caseId)
        .orderBy('case_roles.participant_id')
        .execute()
      const paying = rows.find((r) => r.role === 'paying')
      return {
        payingParticipantId: paying?.participant_id ?? null,
        receivingParticipantId: rows.find((r) => r.role === 'receiving')?.participant_id ?? null,
        childrenCount: rows.filter((r) => r.role === 'child').length,
        payerOnActiveDuty: paying?.active_military === 1,
      }
    },

    /** Primary key; only the columns that decide relief or exemption. */
    async payerCircumstances(participantId: number): Promise<PayerCircumstances | undefined> {
      const row = await db
        .selectFrom('participants')
        .select(['household_income_cents', 'household_size', 'released_from_incarceration_on', 'active_military'])
        .where('id', '=', participantId)
        .executeTakeFirst()
      if (!row) return undefined
      return {
        householdIncomeCents: row.household_income_cents,
        householdSize: row.household_size,
        releasedFromIncarcerationOn: row.released_from_incarceration_on,
        activeMilitary: row.active_military === 1,
      }
    },

    /** orders_case (case_id). */
    async ordersOf(caseId: number): Promise<OrderRecord[]> {
      const rows = await db
        .selectFrom('orders')
        .select(['kind', 'monthly_cents', 'effective_from', 'effective_to'])
        .where('case_id', '=', caseId)
        .orderBy('effective_from')
        .orderBy('id')
        .execute()
      return rows.map((row) => ({
        kind: row.kind,
        monthlyCents: row.monthly_cents,
        effectiveFrom: row.effective_from,
        effectiveTo: row.effective_to,
      }))
    },

    /** enforcement_case (case_id): actions against one participant (the paying parent). */
    async enforcementOf(
      caseId: number,
      participantId: number,
      { withEmployer }: { withEmployer: boolean },
    ): Promise<EnforcementRecord[]> {
      const rows = await db
        .selectFrom('enforcement')
        .select(['kind', 'status', 'started_on', 'status_changed_on'])
        .$if(withEmployer, (query) => query.select('employer_name'))
        .where('case_id', '=', caseId)
        .where('participant_id', '=', participantId)
        .orderBy('status_changed_on', 'desc')
        .orderBy('id', 'desc')
        .execute()
      return rows.map((row) => ({
        kind: row.kind,
        status: row.status,
        startedOn: row.started_on,
        statusChangedOn: row.status_changed_on,
        employerName: 'employer_name' in row ? (row.employer_name ?? null) : null,
      }))
    },

    /**
     * events_case_scheduled (case_id, scheduled_for). A parent sees the case's own events and theirs, never the
     * other parent's appointments; `participantId` null reads every event (staff).
     */
    async eventsOf(caseId: number, participantId: number | null): Promise<EventRecord[]> {
      const rows = await db
        .selectFrom('events')
        .select(['id', 'kind', 'scheduled_for', 'location', 'topic', 'status', 'participant_id'])
        .where('case_id', '=', caseId)
        .$if(participantId !== null, (query) =>
          query.where((eb) => eb.or([eb('participant_id', 'is', null), eb('participant_id', '=', participantId)])),
        )
        .orderBy('scheduled_for')
        .orderBy('id')
        .execute()
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        scheduledFor: row.scheduled_for,
        location: row.location,
        topic: row.topic,
        status: row.status,
        participantId: row.participant_id,
      }))
    },

  }
}

export type CaseRepository = ReturnType<typeof createCaseRepository>
