// The whole demo as rows, before any database: pure, so two builds for the same "today" are identical. Rows that
// point at other rows name them by natural key (PAR ID, case number, payment reference); loadDemoData swaps those
// for the ids the database hands out.
import { addDays } from '../agencyTime/calendarDates'
import type { IsoDate } from '../cases/rules/ledgerTypes'
import type { CaseRole, CaseRow, EnforcementTable, EventsTable, NewParticipant } from '../db/schema'
import { ssnDigest } from '../identity/ssnDigest'
import { demoCaseCatalog } from './demoCaseCatalog'
import { agencyInstant, bornYearsAgo, dayOfMonthAgo, officeDayNear } from './demoCalendar'
import type { CaseDefinition, ChildDefinition, ParentDefinition } from './demoDefinitions'
import { buildCaseLedger, type DemoCaseLedger } from './demoLedger'
import { otherParentsCatalog } from './otherParentsCatalog'
import { personaCatalog } from './personaCatalog'

export const DEMO_COUNTY = 'Sacramento'

export interface DemoCaseRows {
  caseNumber: string
  row: {
    case_number: string; county: string; status: 'open' | 'closed'; assistance_status: CaseDefinition['assistance']
    processing_stage: 'enforcement' | 'closed'; interest_rate_bp: number; interest_rate_basis: CaseRow['interest_rate_basis']
    caseworker_name: string; office_code: string; opened_on: IsoDate; enforcement_ended_reason: string | null
    created_at: string
  }
  roles: Array<{ parId: string; role: CaseRole }>
  ledger: DemoCaseLedger
  enforcement: Array<Omit<EnforcementTable, 'id' | 'case_id' | 'participant_id'> & { parId: string }>
  events: Array<Omit<EventsTable, 'id' | 'case_id' | 'participant_id'> & { parId: string }>
  courtCaseNumber: string
}

export interface DemoDataset {
  participants: NewParticipant[]
  cases: DemoCaseRows[]
}

const allParents: readonly ParentDefinition[] = [...personaCatalog, ...otherParentsCatalog]

export function parentByKey(key: string): ParentDefinition {
  const parent = allParents.find((p) => p.key === key)
  if (!parent) throw new Error(`demo case names an unknown parent: ${key}`)
  return parent
}

function parentRow(parent: ParentDefinition, createdAt: string, today: IsoDate, ssnHmacKey: string): NewParticipant {
  const ssnDigits = parent.ssn.replace(/\D/g, '')
  return {
    par_id: parent.parId, first_name: parent.firstName, last_name: parent.lastName, date_of_birth: parent.dateOfBirth,
    ssn_hmac: ssnDigest(parent.ssn, ssnHmacKey), ssn_last4: ssnDigits.slice(-4),
    phone_primary: parent.phone, phone_mobile: null, email: parent.email, language: parent.language,
    address_line1: parent.address.line1, address_line2: parent.address.line2 ?? null, city: parent.address.city,
    state: parent.address.state, postal_code: parent.address.postalCode, employer_name: parent.employer,
    household_income_cents: parent.household?.incomeCents ?? null, household_size: parent.household?.size ?? null,
    family_violence: parent.familyViolence ? 1 : 0, active_military: parent.activeMilitary ? 1 : 0,
    released_from_incarceration_on: parent.releasedDaysAgo === undefined ? null : addDays(today, -parent.releasedDaysAgo),
    created_at: createdAt, updated_at: createdAt,
  }
}

function childRow(child: ChildDefinition, receiving: ParentDefinition, createdAt: string, today: IsoDate, ssnHmacKey: string): NewParticipant {
  return {
    par_id: child.parId, first_name: child.firstName, last_name: child.lastName,
    date_of_birth: bornYearsAgo(today, child.age.years, child.age.days),
    ssn_hmac: ssnDigest(child.ssn, ssnHmacKey), ssn_last4: child.ssn.replace(/\D/g, '').slice(-4),
    phone_primary: null, phone_mobile: null, email: null, language: receiving.language,
    address_line1: null, address_line2: null, city: null, state: null, postal_code: null, employer_name: null,
    household_income_cents: null, household_size: null, family_violence: 0, active_military: 0,
    released_from_incarceration_on: null, created_at: createdAt, updated_at: createdAt,
  }
}

function caseRows(definition: CaseDefinition, today: IsoDate): DemoCaseRows {
  const paying = parentByKey(definition.paying)
  const receiving = parentByKey(definition.receiving)
  const openedOn = dayOfMonthAgo(today, definition.openedMonthsAgo, 10)
  const closed = definition.stateArrearsUncollectible
  return {
    caseNumber: definition.caseNumber,
    row: {
      case_number: definition.caseNumber, county: DEMO_COUNTY, status: closed ? 'closed' : 'open',
      assistance_status: definition.assistance, processing_stage: closed ? 'closed' : 'enforcement',
      interest_rate_bp: definition.interest?.basisPoints ?? 1000, interest_rate_basis: definition.interest?.basis ?? 'statutory',
      caseworker_name: definition.caseworker, office_code: definition.officeCode, opened_on: openedOn,
      enforcement_ended_reason: closed?.reason ?? null, created_at: agencyInstant(openedOn, 9),
    },
    roles: [
      { parId: paying.parId, role: 'paying' },
      { parId: receiving.parId, role: 'receiving' },
      ...definition.children.map((child) => ({ parId: child.parId, role: 'child' as const })),
    ],
    ledger: buildCaseLedger(
      { ...definition, childrenCount: definition.children.length },
      {
        today, releasedDaysAgo: paying.releasedDaysAgo, payoutMethod: receiving.payoutMethod ?? 'direct_deposit',
        payerOnActiveDuty: paying.activeMilitary === true,
      },
    ),
    enforcement: definition.enforcement.map((e) => ({
      parId: paying.parId, kind: e.kind, status: e.status, started_on: addDays(today, -e.startedDaysAgo),
      status_changed_on: addDays(today, -e.changedDaysAgo), employer_name: e.employer ?? null,
    })),
    events: (definition.events ?? []).map((event) => {
      // Hearings and due dates fall on office days; "next week" stays within seven days of today.
      const day = officeDayNear(addDays(today, event.daysFromToday))
      return {
        parId: paying.parId, kind: event.kind, location: event.location, topic: event.topic, status: event.status,
        scheduled_for: event.at ? agencyInstant(day, event.at.hour, event.at.minute) : day,
      }
    }),
    courtCaseNumber: definition.courtCaseNumber,
  }
}

export function buildDemoDataset(today: IsoDate, ssnHmacKey: string): DemoDataset {
  const cases = demoCaseCatalog.map((definition) => caseRows(definition, today))
  // A participant exists from the opening of their first case.
  const firstSeen = new Map<string, string>()
  for (const c of cases) {
    for (const role of c.roles) if (!firstSeen.has(role.parId) || c.row.created_at < firstSeen.get(role.parId)!) firstSeen.set(role.parId, c.row.created_at)
  }
  const participants: NewParticipant[] = []
  for (const parent of allParents) participants.push(parentRow(parent, firstSeen.get(parent.parId)!, today, ssnHmacKey))
  for (const definition of demoCaseCatalog) {
    const receiving = parentByKey(definition.receiving)
    for (const child of definition.children) {
      participants.push(childRow(child, receiving, firstSeen.get(child.parId)!, today, ssnHmacKey))
    }
  }
  return { participants, cases }
}
