import type { Transaction } from 'kysely'

import { addDays } from '../agencyTime/calendarDates'
import type { Database } from '../db/schema'
import { ssnDigest } from '../identity/ssnDigest'
import type { CaseDocument, EnforcementDocument, OrderDocument, ParticipantDocument } from './caseRecordDocuments'

// Writing the case system's records of people and cases, inside the transaction that records the document's id (see
// intakeService.ts). A participant and a case are written by their natural key (PAR ID, case number) in one upsert,
// so two documents about the same person at once cannot make two people. What a refusal says is thrown as
// `RecordRefused` and rolls the whole document back.

export class RecordRefused extends Error {
  constructor(readonly reason: string) {
    super(reason)
  }
}

export async function writeParticipant(trx: Transaction<Database>, document: ParticipantDocument, ssnHmacKey: string, now: string): Promise<number> {
  const record = {
    first_name: document.firstName,
    last_name: document.lastName,
    date_of_birth: document.dateOfBirth,
    ssn_hmac: ssnDigest(document.ssn, ssnHmacKey),
    ssn_last4: document.ssn.replace(/\D/g, '').slice(-4),
    phone_primary: document.phone ?? null,
    phone_mobile: document.mobilePhone ?? null,
    email: document.email ?? null,
    language: document.language,
    address_line1: document.address?.line1 ?? null,
    address_line2: document.address?.line2 ?? null,
    city: document.address?.city ?? null,
    state: document.address?.state ?? null,
    postal_code: document.address?.postalCode ?? null,
    employer_name: document.employerName ?? null,
    household_income_cents: document.householdIncomeCents ?? null,
    household_size: document.householdSize ?? null,
    family_violence: document.familyViolence ? (1 as const) : (0 as const),
    active_military: document.activeMilitary ? (1 as const) : (0 as const),
    released_from_incarceration_on: document.releasedFromIncarcerationOn ?? null,
    updated_at: now,
  }
  const { id } = await trx
    .insertInto('participants')
    .values({ ...record, par_id: document.parId, created_at: now })
    .onConflict((oc) => oc.column('par_id').doUpdateSet(record))
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function writeCase(trx: Transaction<Database>, document: CaseDocument, now: string): Promise<number> {
  const people = await trx
    .selectFrom('participants')
    .select(['id', 'par_id'])
    .where('par_id', 'in', [...new Set(document.roles.map((r) => r.parId))])
    .execute()
  const idOf = new Map(people.map((p) => [p.par_id, p.id]))
  document.roles.forEach((role, index) => {
    if (!idOf.has(role.parId)) throw new RecordRefused(`roles.${index}.parId: no participant with that PAR ID (send the participant first)`)
  })
  const record = {
    county: document.county,
    status: document.status,
    assistance_status: document.assistanceStatus,
    processing_stage: document.processingStage,
    interest_rate_bp: document.interest?.basisPoints ?? 1000,
    interest_rate_basis: document.interest?.basis ?? ('statutory' as const),
    caseworker_name: document.caseworkerName,
    office_code: document.officeCode,
    opened_on: document.openedOn,
    enforcement_ended_reason: document.enforcementEndedReason ?? null,
  }
  const { id: caseId } = await trx
    .insertInto('cases')
    .values({ ...record, case_number: document.caseNumber, created_at: now })
    .onConflict((oc) => oc.column('case_number').doUpdateSet(record))
    .returning('id')
    .executeTakeFirstOrThrow()
  // The list is the case's roles from now on: whoever left the case no longer sees it.
  const roles = document.roles.map((role) => ({ case_id: caseId, participant_id: idOf.get(role.parId)!, role: role.role }))
  const current = await trx.selectFrom('case_roles').select(['participant_id', 'role']).where('case_id', '=', caseId).execute()
  for (const gone of current.filter((c) => !roles.some((r) => r.participant_id === c.participant_id && r.role === c.role))) {
    await trx.deleteFrom('case_roles').where('case_id', '=', caseId).where('participant_id', '=', gone.participant_id).where('role', '=', gone.role).execute()
  }
  await trx.insertInto('case_roles').values(roles).onConflict((oc) => oc.columns(['case_id', 'participant_id', 'role']).doNothing()).execute()
  return caseId
}

/** A new order of a kind ends the one of that kind still running before it, the day before it starts (a modification). */
export async function writeOrder(trx: Transaction<Database>, document: OrderDocument, caseId: number): Promise<number> {
  await trx
    .updateTable('orders')
    .set({ effective_to: addDays(document.effectiveFrom, -1) })
    .where('case_id', '=', caseId)
    .where('kind', '=', document.kind)
    .where('effective_from', '<', document.effectiveFrom)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', document.effectiveFrom)]))
    .execute()
  const { id } = await trx
    .insertInto('orders')
    .values({
      case_id: caseId, kind: document.kind, monthly_cents: document.monthlyCents, effective_from: document.effectiveFrom,
      effective_to: document.effectiveTo ?? null, court_case_number: document.courtCaseNumber ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Sets one action's status against the paying parent; the first change of an action starts it. */
export async function writeEnforcement(trx: Transaction<Database>, document: EnforcementDocument, caseId: number): Promise<number> {
  const payer = await trx
    .selectFrom('participants')
    .innerJoin('case_roles', 'case_roles.participant_id', 'participants.id')
    .select('participants.id')
    .where('participants.par_id', '=', document.parId)
    .where('case_roles.case_id', '=', caseId)
    .where('case_roles.role', '=', 'paying')
    .executeTakeFirst()
  if (!payer) throw new RecordRefused('parId: not the paying parent on this case')
  const existing = await trx
    .selectFrom('enforcement')
    .select(['id', 'started_on', 'employer_name', 'status_changed_on'])
    .where('case_id', '=', caseId)
    .where('participant_id', '=', payer.id)
    .where('kind', '=', document.kind)
    .orderBy('status_changed_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  if (!existing) {
    const { id } = await trx
      .insertInto('enforcement')
      .values({
        case_id: caseId, participant_id: payer.id, kind: document.kind, status: document.status,
        started_on: document.startedOn ?? document.changedOn, status_changed_on: document.changedOn,
        employer_name: document.employerName ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  }
  // A change older than the one on record arrived late: history is not rewritten by it.
  if (document.changedOn < existing.status_changed_on) throw new RecordRefused('changedOn: older than the status on record')
  await trx
    .updateTable('enforcement')
    .set({
      status: document.status,
      status_changed_on: document.changedOn,
      started_on: document.startedOn ?? existing.started_on,
      employer_name: document.employerName ?? existing.employer_name,
    })
    .where('id', '=', existing.id)
    .execute()
  return existing.id
}
