// One chunk of the synthetic caseload: a few hundred cases with their people, orders, ledgers (through the same
// ledger builder and engine as the demo) and enforcement, as rows with ids assigned here, ready to insert.
// Nothing is kept between chunks, so a million cases take no more memory than a thousand.
import type { Insertable } from 'kysely'

import { addDays } from '../agencyTime/calendarDates'
import type { PaymentMethod } from '../cases/rules/ledgerTypes'
import type { AccountsTable, CaseRolesTable, CasesTable, EnforcementTable, NewLedgerRow, NewParticipant, OrdersTable } from '../db/schema'
import { agencyInstant, dayOfMonthAgo } from './demoCalendar'
import type { EnforcementDefinition, PaymentPhase } from './demoDefinitions'
import { buildCaseLedger, type LedgerScript } from './demoLedger'
import { SeededRandom } from './seededRandom'
import { pickCounty, syntheticPerson } from './syntheticPeople'

/** The next id to hand out in each table; advanced as rows are generated. */
export interface IdCursor {
  participant: number
  case: number
  order: number
  ledger: number
  enforcement: number
}

export interface SyntheticContext {
  today: string
  ssnHmacKey: string
  seed: number
  /** One Argon2id hash of the shared synthetic password, and one of the shared PIN (see seedDatabase.ts). */
  passwordHash: string
  pinHash: string
}

export interface SyntheticChunk {
  participants: NewParticipant[]
  cases: Array<Insertable<CasesTable>>
  caseRoles: Array<Insertable<CaseRolesTable>>
  orders: Array<Insertable<OrdersTable>>
  ledger: NewLedgerRow[]
  enforcement: Array<Insertable<EnforcementTable>>
  accounts: Array<Insertable<AccountsTable>>
}

const caseworkers = ['A. Alvarez', 'B. Chen', 'C. Okoye', 'D. Patel', 'E. Romero', 'F. Nakamura', 'G. Brooks', 'H. Singh']
const directMethods: PaymentMethod[] = ['sdu_online', 'sdu_phone', 'moneygram', 'paynearme', 'mail', 'paypal']

type Behaviour = 'steady' | 'partial' | 'sporadic' | 'none'

function paymentsFor(behaviour: Behaviour, firstMonth: number, random: SeededRandom): PaymentPhase[] {
  const pair = (): PaymentMethod[] => [random.pick(directMethods), random.pick(directMethods)]
  switch (behaviour) {
    case 'steady':
      return [{ fromMonthsAgo: firstMonth, toMonthsAgo: 0, methods: ['income_withholding'], share: 1, days: [1, 12] }]
    case 'partial':
      return [{ fromMonthsAgo: firstMonth, toMonthsAgo: 0, methods: pair(), share: random.integer(6, 16) / 20, days: [5, 20], missChance: 0.15 }]
    case 'sporadic':
      return [{ fromMonthsAgo: firstMonth, toMonthsAgo: 0, methods: pair(), share: 1, days: [1, 28], missChance: 0.6 }]
    case 'none':
      return []
  }
}

function enforcementFor(behaviour: Behaviour, paying: NewParticipant, random: SeededRandom): EnforcementDefinition[] {
  const started = random.integer(60, 700)
  if (behaviour === 'steady') {
    const employer = paying.employer_name ?? undefined
    return [{ kind: 'income_withholding', status: 'active', startedDaysAgo: started, changedDaysAgo: started, employer }]
  }
  if (behaviour === 'partial') return [{ kind: 'credit_reporting', status: 'active', startedDaysAgo: started, changedDaysAgo: started }]
  // A rough stand-in for "at or below 70% of the county median" (FC 17520.5); the real test is the rules' job.
  const lowIncome = (paying.household_income_cents ?? Infinity) < 4_000_000
  const license: EnforcementDefinition['status'] = lowIncome ? 'exempt_low_income' : random.pick(['notice_sent', 'listed', 'suspended'] as const)
  const rows: EnforcementDefinition[] = [{ kind: 'drivers_license', status: license, startedDaysAgo: started, changedDaysAgo: random.integer(1, started) }]
  if (behaviour === 'none') rows.push({ kind: 'tax_intercept', status: 'active', startedDaysAgo: started, changedDaysAgo: started })
  return rows
}

export function generateSyntheticChunk(count: number, ids: IdCursor, context: SyntheticContext): SyntheticChunk {
  const chunk: SyntheticChunk = { participants: [], cases: [], caseRoles: [], orders: [], ledger: [], enforcement: [], accounts: [] }
  for (let n = 0; n < count; n++) addCase(chunk, ids, context)
  return chunk
}

function addCase(chunk: SyntheticChunk, ids: IdCursor, context: SyntheticContext): void {
  const { today } = context
  const caseId = ids.case++
  // Seeded by the case id: case 5,000 is the same whatever the chunk size or how many cases came before.
  const random = new SeededRandom((context.seed ^ Math.imul(caseId, 0x9e3779b1)) >>> 0)
  const county = pickCounty(random)
  const caseNumber = `${county.code}7${String(caseId).padStart(9, '0')}`
  const openedMonthsAgo = random.integer(25, 37)
  const openedOn = dayOfMonthAgo(today, openedMonthsAgo, random.integer(1, 28))
  const createdAt = agencyInstant(openedOn, 9)
  const language = random.chance(0.3) ? 'es' : 'en'
  const person = (kind: 'parent' | 'child', lastName?: string) =>
    syntheticPerson(random, { id: ids.participant++, kind, language, lastName, county, today, createdAt, ssnHmacKey: context.ssnHmacKey })

  const paying = person('parent')
  const receiving = person('parent')
  const children = Array.from({ length: random.pick([1, 1, 1, 2, 2, 3]) }, () => person('child', receiving.last_name))
  chunk.participants.push(paying, receiving, ...children)
  const participantIds = { paying: paying.id!, receiving: receiving.id! }
  chunk.caseRoles.push(
    { case_id: caseId, participant_id: participantIds.paying, role: 'paying' },
    { case_id: caseId, participant_id: participantIds.receiving, role: 'receiving' },
    ...children.map((c) => ({ case_id: caseId, participant_id: c.id!, role: 'child' as const })),
  )
  for (const [role, share] of [['paying', 0.55], ['receiving', 0.65]] as const) {
    if (!random.chance(share)) continue
    const participantId = participantIds[role]
    chunk.accounts.push({
      participant_id: participantId, username: `p${participantId}`, password_hash: context.passwordHash,
      pin_hash: context.pinHash, failed_attempts: 0, locked_until: null,
      activated_at: agencyInstant(addDays(openedOn, random.integer(1, 300)), 18), last_sign_in_at: null,
    })
  }

  const firstMonth = openedMonthsAgo - 1
  const draw = random.fraction()
  const assistance = draw < 0.55 ? 'never' : draw < 0.88 ? 'former' : 'current'
  const assistanceMonths =
    assistance === 'former' ? { fromMonthsAgo: firstMonth, toMonthsAgo: random.integer(3, firstMonth - 3) }
      : assistance === 'current' ? { fromMonthsAgo: random.integer(2, firstMonth), toMonthsAgo: 0 } : undefined
  const military = paying.active_military === 1
  const behaviourDraw = random.fraction()
  const behaviour: Behaviour = behaviourDraw < 0.5 ? 'steady' : behaviourDraw < 0.75 ? 'partial' : behaviourDraw < 0.9 ? 'sporadic' : 'none'
  const script: LedgerScript = {
    caseNumber, assistance, assistanceMonths, childrenCount: children.length,
    interest: military ? { basisPoints: 600, basis: 'scra' } : undefined,
    orders: [
      { kind: 'child', monthlyCents: random.integer(15, 120) * 1_000, fromMonthsAgo: firstMonth },
      ...(random.chance(0.15) ? [{ kind: 'medical' as const, monthlyCents: random.integer(4, 15) * 1_000, fromMonthsAgo: firstMonth }] : []),
      ...(random.chance(0.03) ? [{ kind: 'spousal' as const, monthlyCents: random.integer(20, 80) * 1_000, fromMonthsAgo: firstMonth }] : []),
    ],
    payments: paymentsFor(behaviour, firstMonth, random),
    lumpSums: behaviour === 'none' && random.chance(0.5)
      ? [{ monthsAgo: random.integer(3, firstMonth), day: 15, method: 'tax_intercept', amountCents: random.integer(300, 2_500) * 100 }]
      : [],
  }
  chunk.cases.push({
    id: caseId, case_number: caseNumber, county: county.name, status: 'open', assistance_status: assistance,
    processing_stage: 'enforcement', interest_rate_bp: military ? 600 : 1000, interest_rate_basis: military ? 'scra' : 'statutory',
    caseworker_name: random.pick(caseworkers), office_code: `${county.code}-0${random.integer(1, 3)}`, opened_on: openedOn,
    enforcement_ended_reason: null, created_at: createdAt,
  })

  const payoutMethod = random.chance(0.6) ? 'direct_deposit' : 'debit_card'
  const ledger = buildCaseLedger(script, { today, payoutMethod, payerOnActiveDuty: military })
  for (const order of ledger.orders) {
    chunk.orders.push({ id: ids.order++, case_id: caseId, kind: order.kind, monthly_cents: order.monthlyCents,
      effective_from: order.effectiveFrom, effective_to: order.effectiveTo, court_case_number: null })
  }
  const paymentIds = new Map<string, number>()
  for (const { row, relatedPaymentReference } of ledger.rows) {
    const id = ids.ledger++
    if (row.kind === 'payment' && row.reference) paymentIds.set(row.reference, id)
    const related = relatedPaymentReference === null ? null : paymentIds.get(relatedPaymentReference) ?? null
    // Every key written out in one order: rows of one shape are what make this loop, the copy to the main thread and
    // the inserter's reads fast (a spread gave each row its own shape, and was a fifth of the generator's time).
    chunk.ledger.push({
      id, case_id: caseId, posted_on: row.posted_on, kind: row.kind, bucket: row.bucket, owed_to: row.owed_to,
      order_kind: row.order_kind, method: row.method, amount_cents: row.amount_cents, related_entry_id: related,
      reason: row.reason, reference: row.reference,
    })
  }
  for (const e of enforcementFor(behaviour, paying, random)) {
    chunk.enforcement.push({ id: ids.enforcement++, case_id: caseId, participant_id: participantIds.paying, kind: e.kind,
      status: e.status, started_on: addDays(today, -e.startedDaysAgo), status_changed_on: addDays(today, -e.changedDaysAgo),
      employer_name: e.employer ?? null })
  }
}
