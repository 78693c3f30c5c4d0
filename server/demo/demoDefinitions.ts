// The shapes in which the demo is written down: people and cases as data, with every date counted back from
// "today", so the catalogs read like a casebook and the builders turn them into rows.
import type { CaseRow, EnforcementTable, EventsTable } from '../db/schema'
import type { AssistanceStatus, IsoDate, OrderKind, PaymentMethod } from '../cases/rules/ledgerTypes'

export type Language = 'en' | 'es'
export type PayoutMethod = 'direct_deposit' | 'debit_card'

export interface PostalAddress {
  line1: string
  line2?: string
  city: string
  state: string
  postalCode: string
}

/** A parent on a demo case. */
export interface ParentDefinition {
  /** Stable slug; for a persona it is the persona id printed by `npm run personas`. */
  key: string
  firstName: string
  lastName: string
  language: Language
  parId: string
  /** Fake: area numbers 900–999 are never issued. */
  ssn: string
  dateOfBirth: IsoDate
  /** E.164; also the caller ID the phone line recognises. 555-01xx numbers are reserved for fiction. */
  phone: string
  email: string | null
  address: PostalAddress
  employer: string | null
  household?: { incomeCents: number; size: number }
  familyViolence?: boolean
  activeMilitary?: boolean
  /** Days before today the parent was released from prison or jail. */
  releasedDaysAgo?: number
  /** How the parent is paid support when receiving. */
  payoutMethod?: PayoutMethod
}

/** A parent who can sign in, with the credentials and the story a demo presenter needs. */
export interface PersonaDefinition extends ParentDefinition {
  story: string
  web: { username: string; password: string }
  pin: string
  /** False for the one parent whose online account is still to be activated. */
  activated: boolean
}

export interface ChildDefinition {
  firstName: string
  lastName: string
  parId: string
  ssn: string
  /** Age today in whole years (and days past the birthday), so a child never ages out of a running demo. */
  age: { years: number; days: number }
}

export interface OrderDefinition {
  kind: OrderKind
  monthlyCents: number
  /**
   * First month charged, counted back from this month (0 = this month), or 'after_release': a suspended order
   * resumes after the paying parent's release when FC 4007.5 says (the case rules' statutoryResumptionOn).
   */
  fromMonthsAgo: number | 'after_release'
  /** Last month charged; absent while the order runs. */
  toMonthsAgo?: number
}

/** A stretch of months in which the paying parent pays in a steady way. */
export interface PaymentPhase {
  fromMonthsAgo: number
  toMonthsAgo: number
  /** Used in turn, month by month, so every listed method really occurs. */
  methods: PaymentMethod[]
  /** Part of the month's support paid: 1 pays it in full, 1.15 adds 15% towards arrears. */
  share: number
  /** Day of the month the payment posts: a range drawn from the case's seeded generator. */
  days: [number, number]
  /** Chance of a month with no payment at all. */
  missChance?: number
}

export interface LumpSumPayment {
  monthsAgo: number
  day: number
  method: PaymentMethod
  amountCents: number
}

export interface EnforcementDefinition {
  kind: EnforcementTable['kind']
  status: EnforcementTable['status']
  startedDaysAgo: number
  changedDaysAgo: number
  employer?: string
}

/** An event on the paying parent's calendar. */
export interface EventDefinition {
  kind: EventsTable['kind']
  /** Days from today (negative is past), moved to the nearest office day: see officeDayNear. */
  daysFromToday: number
  /** Local time in the agency's zone; absent for a document request, whose date is a due date. */
  at?: { hour: number; minute: number }
  location: string | null
  topic: string
  status: EventsTable['status']
}

export interface CaseDefinition {
  caseNumber: string
  paying: string
  receiving: string
  children: ChildDefinition[]
  assistance: AssistanceStatus
  /** Months the family received CalWORKs: support due then is assigned to (owed to) the state. */
  assistanceMonths?: { fromMonthsAgo: number; toMonthsAgo: number }
  interest?: { basisPoints: number; basis: CaseRow['interest_rate_basis'] }
  caseworker: string
  officeCode: string
  openedMonthsAgo: number
  courtCaseNumber: string
  orders: OrderDefinition[]
  payments: PaymentPhase[]
  lumpSums?: LumpSumPayment[]
  enforcement: EnforcementDefinition[]
  events?: EventDefinition[]
  /** State-owed arrears written off as uncollectible that month; enforcement ends and the case closes. */
  stateArrearsUncollectible?: { monthsAgo: number; reason: string }
}
