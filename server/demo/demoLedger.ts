// Turns one catalog case into its orders and ledger: monthly charges on the 1st, the paying parent's payments as
// the case's phases describe them, any write-off, then the fees and disbursements the ledger engine derives.
import { statutoryResumptionOn } from '../cases/incarcerationRelief'
import { addDays, addMonths, monthsBetween } from '../agencyTime/calendarDates'
import { caseInterestRate } from '../cases/rules/interest'
import type { AdjustmentEntry, CaseTerms, ChargeEntry, IsoDate, OwedTo, PaymentEntry, RecordedEntry } from '../cases/rules/ledgerTypes'
import { compareEntries } from '../cases/rules/ledgerEntries'
import type { NewLedgerRow } from '../db/schema'
import { dayOfMonthAgo, monthStartAgo } from './demoCalendar'
import type { CaseDefinition, OrderDefinition, PaymentPhase, PayoutMethod } from './demoDefinitions'
import { deriveFamilyPayouts, stateBalanceCents } from './familyPayouts'
import { SeededRandom } from './seededRandom'

export interface DemoOrder {
  kind: OrderDefinition['kind']
  monthlyCents: number
  effectiveFrom: IsoDate
  effectiveTo: IsoDate | null
}

/** A ledger row before the database gives it an id; a fee or disbursement names its payment by reference. */
export interface DemoLedgerRow {
  row: Omit<NewLedgerRow, 'case_id' | 'related_entry_id'>
  relatedPaymentReference: string | null
}

export interface DemoCaseLedger {
  orders: DemoOrder[]
  terms: CaseTerms
  /** Charges, payments and adjustments in date order, then the fees and disbursements derived from them. */
  rows: DemoLedgerRow[]
}

const methodCodes: Record<PaymentEntry['method'], string> = {
  income_withholding: 'IW', sdu_online: 'WEB', sdu_phone: 'IVR', moneygram: 'MG',
  paynearme: 'PNM', mail: 'MAIL', paypal: 'PP', tax_intercept: 'TAX',
}

/** What the ledger of a case is built from: the demo casebook and the synthetic generator both write one. */
export type LedgerScript = Pick<
  CaseDefinition,
  'caseNumber' | 'assistance' | 'assistanceMonths' | 'interest' | 'orders' | 'payments' | 'lumpSums' | 'stateArrearsUncollectible'
> & { childrenCount: number }

export interface LedgerContext {
  today: IsoDate
  /** The paying parent's release from custody, for an order that resumes after it. */
  releasedDaysAgo?: number
  /** How the receiving parent is paid. */
  payoutMethod: PayoutMethod
  /** The paying parent is on active military duty (the SCRA cap). */
  payerOnActiveDuty?: boolean
}

/** The terms the case service will replay the case on: the rate from the same rule (caseInterestRate). */
export function caseTerms(script: LedgerScript, payerOnActiveDuty = false): CaseTerms {
  const recorded = { basisPoints: script.interest?.basisPoints ?? 1000, basis: script.interest?.basis ?? 'statutory' }
  return {
    interestRateBasisPoints: caseInterestRate(recorded, payerOnActiveDuty).basisPoints,
    assistanceStatus: script.assistance,
    childrenCount: script.childrenCount,
  }
}

export function demoOrders(script: LedgerScript, { today, releasedDaysAgo }: LedgerContext): DemoOrder[] {
  return script.orders.map((order) => {
    let effectiveFrom: IsoDate
    if (order.fromMonthsAgo === 'after_release') {
      if (releasedDaysAgo === undefined) throw new Error(`${script.caseNumber}: no release date to resume after`)
      effectiveFrom = statutoryResumptionOn(addDays(today, -releasedDaysAgo))
    } else {
      effectiveFrom = monthStartAgo(today, order.fromMonthsAgo)
    }
    const effectiveTo =
      order.toMonthsAgo === undefined ? null : addDays(monthStartAgo(today, order.toMonthsAgo - 1), -1)
    return { kind: order.kind, monthlyCents: order.monthlyCents, effectiveFrom, effectiveTo }
  })
}

function owedToIn(script: LedgerScript, month: IsoDate, today: IsoDate): OwedTo {
  const span = script.assistanceMonths
  const monthsAgo = monthsBetween(month, today)
  return span && monthsAgo <= span.fromMonthsAgo && monthsAgo >= span.toMonthsAgo ? 'state' : 'family'
}

function chargesFor(script: LedgerScript, orders: DemoOrder[], today: IsoDate): Omit<ChargeEntry, 'id'>[] {
  const charges: Omit<ChargeEntry, 'id'>[] = []
  for (const order of orders) {
    for (let month = order.effectiveFrom; month <= today; month = addMonths(month, 1)) {
      if (order.effectiveTo !== null && month > order.effectiveTo) break
      const owedTo = owedToIn(script, month, today)
      charges.push({ kind: 'charge', dueOn: month, orderKind: order.kind, amountCents: order.monthlyCents, owedTo })
    }
  }
  return charges
}

function monthlySupportCents(orders: DemoOrder[], month: IsoDate): number {
  return orders
    .filter((o) => o.effectiveFrom <= month && (o.effectiveTo === null || month <= o.effectiveTo))
    .reduce((sum, o) => sum + o.monthlyCents, 0)
}

function paymentsFor(
  script: LedgerScript,
  orders: DemoOrder[],
  today: IsoDate,
  random: SeededRandom,
): Omit<PaymentEntry, 'id'>[] {
  const payments: Omit<PaymentEntry, 'id'>[] = []
  const phase = (p: PaymentPhase) => {
    for (let monthsAgo = p.fromMonthsAgo, turn = 0; monthsAgo >= p.toMonthsAgo; monthsAgo--, turn++) {
      const missed = random.chance(p.missChance ?? 0)
      const postedOn = dayOfMonthAgo(today, monthsAgo, random.integer(p.days[0], p.days[1]))
      const due = monthlySupportCents(orders, monthStartAgo(today, monthsAgo))
      // Whole dollars, as people pay.
      const amountCents = Math.round((due * p.share) / 100) * 100
      if (missed || amountCents === 0 || postedOn > today) continue
      payments.push({ kind: 'payment', postedOn, method: p.methods[turn % p.methods.length]!, amountCents })
    }
  }
  script.payments.forEach(phase)
  for (const lump of script.lumpSums ?? []) {
    const postedOn = dayOfMonthAgo(today, lump.monthsAgo, lump.day)
    if (postedOn <= today) payments.push({ kind: 'payment', postedOn, method: lump.method, amountCents: lump.amountCents })
  }
  return payments
}

type Unnumbered = Omit<ChargeEntry, 'id'> | Omit<PaymentEntry, 'id'> | Omit<AdjustmentEntry, 'id'>

/** Ids in date order, as the ledger engine wants them (each id unique within the case). */
function numbered(entries: Unnumbered[]): RecordedEntry[] {
  const withIds = entries.map((entry, index) => ({ ...entry, id: index + 1 }) as RecordedEntry)
  // The copies above are this function's own, so they are renumbered in place rather than copied again.
  withIds.sort(compareEntries).forEach((entry, index) => {
    entry.id = index + 1
  })
  return withIds
}

export function buildCaseLedger(script: LedgerScript, context: LedgerContext): DemoCaseLedger {
  const { today } = context
  // Each case draws from its own seed, so editing one case never changes another's payments.
  const random = new SeededRandom(script.caseNumber)
  const orders = demoOrders(script, context)
  const terms = caseTerms(script, context.payerOnActiveDuty)
  let entries = numbered([...chargesFor(script, orders, today), ...paymentsFor(script, orders, today, random)])

  const writeOff = script.stateArrearsUncollectible
  if (writeOff) {
    const postedOn = dayOfMonthAgo(today, writeOff.monthsAgo, 15)
    const owedToState = stateBalanceCents(terms, entries, postedOn)
    entries = numbered([
      ...entries,
      { kind: 'adjustment', postedOn, owedTo: 'state', reason: 'uncollectible', amountCents: -owedToState },
    ])
  }

  const reference = new Map<number, string>()
  const rows: DemoLedgerRow[] = entries.map((entry) => {
    if (entry.kind === 'charge') {
      return primary({ posted_on: entry.dueOn, kind: 'charge', bucket: 'current', owed_to: entry.owedTo,
        order_kind: entry.orderKind, amount_cents: entry.amountCents })
    }
    if (entry.kind === 'adjustment') {
      return primary({ posted_on: entry.postedOn, kind: 'adjustment', bucket: entry.owedTo === 'state' ? 'state_arrears' : 'family_arrears',
        owed_to: entry.owedTo, amount_cents: entry.amountCents, reason: entry.reason })
    }
    const receipt = `${methodCodes[entry.method]}-${script.caseNumber}-${String(entry.id).padStart(3, '0')}`
    reference.set(entry.id, receipt)
    return primary({ posted_on: entry.postedOn, kind: 'payment', method: entry.method, amount_cents: entry.amountCents, reference: receipt })
  })

  for (const payout of deriveFamilyPayouts(terms, entries, today, context.payoutMethod)) {
    rows.push({
      row: {
        // A disbursement is the family's money; the fee is kept back from it and belongs to neither party's balance.
        posted_on: payout.postedOn, kind: payout.kind, bucket: null, owed_to: payout.kind === 'disbursement' ? 'family' : null, order_kind: null,
        method: payout.method, amount_cents: payout.amountCents, reason: payout.kind === 'fee' ? 'annual_service_fee' : null,
        reference: null,
      },
      relatedPaymentReference: reference.get(payout.paymentEntryId) ?? null,
    })
  }
  return { orders, terms, rows }
}

function primary(row: Partial<DemoLedgerRow['row']> & Pick<DemoLedgerRow['row'], 'posted_on' | 'kind' | 'amount_cents'>): DemoLedgerRow {
  // Spelled out rather than spread over defaults: every row gets the same shape (the synthetic seed makes millions).
  return {
    row: {
      posted_on: row.posted_on, kind: row.kind, bucket: row.bucket ?? null, owed_to: row.owed_to ?? null,
      order_kind: row.order_kind ?? null, method: row.method ?? null, amount_cents: row.amount_cents,
      reason: row.reason ?? null, reference: row.reference ?? null,
    },
    relatedPaymentReference: null,
  }
}
