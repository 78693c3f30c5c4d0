// One case at a glance. The portal page, the phone prompt ("case ending in 0417") and the rep console all read this
// one result, so the figures they give can never disagree. "Current support due" is this month's installments
// only, and the arrears buckets are earlier months, so every channel can name which figure it gives (DESIGN.md §3).
import type { Viewer } from './caseAccess'
import { type CaseAlert, caseAlerts } from './caseAlerts'
import type { CaseFacts } from './caseFacts'
import type { CaseRecord } from './caseRepository'
import { type CaseSituation, type NextPayment, caseSituation, ordersInForce } from './caseSituation'
import { type ExpectedDisbursement, expectedDisbursements } from './disbursementSchedule'
import type { LedgerBalances } from './rules/ledgerStatement'
import type { Cents, IsoDate, OrderKind, PaymentMethod } from './rules/ledgerTypes'

export interface OrderLine {
  kind: OrderKind
  monthlyCents: Cents
  effectiveFrom: IsoDate
  effectiveTo: IsoDate | null
}

export interface PaymentLine {
  paymentId: number
  postedOn: IsoDate
  amountCents: Cents
  method: PaymentMethod
}

export interface DisbursementLine {
  disbursementId: number
  postedOn: IsoDate
  amountCents: Cents
  /** direct_deposit or debit_card */
  method: string | null
}

export interface PayingSide {
  nextPayment: NextPayment
  /** Paid beyond everything owed; applied to the next charge automatically, not part of the balance. */
  creditHeldCents: Cents
}

export interface ReceivingSide {
  lastDisbursement: DisbursementLine | null
  nextExpectedDisbursement: ExpectedDisbursement | null
  /** Federal fiscal year (Oct 1 – Sep 30) of today, and what was collected and kept back as the FC 17208 fee in it. */
  fiscalYear: number
  collectedThisFiscalYearCents: Cents
  feesWithheldThisFiscalYearCents: Cents
}

export interface CaseSummary {
  caseId: number
  caseNumber: string
  /** What the phone line reads: "case ending in 0417". */
  caseNumberLast4: string
  viewer: Viewer
  status: CaseRecord['status']
  processingStage: CaseRecord['processingStage']
  county: string
  /** The day the case opened: the first month with a statement. */
  openedOn: IsoDate
  asOf: IsoDate
  /** Orders in force today or starting later, by kind. */
  orders: OrderLine[]
  /** The monthly total of the orders in force today. */
  monthlyOrderCents: Cents
  /** The basis (statutory, order, interstate, SCRA) is the paying parent's circumstance: null in the receiving view. */
  interestRate: { basisPoints: number; basis: CaseRecord['interestRateBasis'] | null }
  balances: LedgerBalances
  lastPayment: PaymentLine | null
  /** The paying parent's side: in their view and the agency's. */
  paying: PayingSide | null
  /** The receiving parent's side: in their view and the agency's. */
  receiving: ReceivingSide | null
  alerts: CaseAlert[]
}

function receivingSide(facts: CaseFacts): ReceivingSide {
  const { statement, disbursements } = facts
  const last = disbursements.reduce<CaseFacts['disbursements'][number] | null>(
    (latest, d) => (latest === null || d.postedOn > latest.postedOn || (d.postedOn === latest.postedOn && d.id > latest.id) ? d : latest),
    null,
  )
  const paidOut = new Set(disbursements.flatMap((d) => (d.paymentId === null ? [] : [d.paymentId])))
  return {
    lastDisbursement: last
      ? { disbursementId: last.id, postedOn: last.postedOn, amountCents: last.amountCents, method: last.method }
      : null,
    nextExpectedDisbursement: expectedDisbursements(statement.allocations, paidOut)[0] ?? null,
    fiscalYear: statement.fiscalYear,
    collectedThisFiscalYearCents: statement.collectedInFiscalYearCents,
    feesWithheldThisFiscalYearCents: statement.fees
      .filter((fee) => fee.fiscalYear === statement.fiscalYear)
      .reduce((sum, fee) => sum + fee.withheldCents, 0),
  }
}

/** `situation` when the caller has already worked it out from the same facts (a case page also lists next steps). */
export function caseSummary(facts: CaseFacts, situation: CaseSituation = caseSituation(facts)): CaseSummary {
  const { view, statement, today } = facts
  const record = view.record
  const last = statement.lastPayment
  return {
    caseId: view.caseId,
    caseNumber: record.caseNumber,
    caseNumberLast4: record.caseNumber.slice(-4),
    viewer: view.viewer,
    status: record.status,
    processingStage: record.processingStage,
    county: record.county,
    openedOn: record.openedOn,
    asOf: today,
    orders: facts.orders
      .filter((o) => o.effectiveTo === null || o.effectiveTo >= today)
      .map((o) => ({ kind: o.kind, monthlyCents: o.monthlyCents, effectiveFrom: o.effectiveFrom, effectiveTo: o.effectiveTo })),
    monthlyOrderCents: ordersInForce(facts.orders, today).reduce((sum, o) => sum + o.monthlyCents, 0),
    interestRate: {
      basisPoints: statement.interestRateBasisPoints,
      basis: view.viewer === 'receiving' ? null : facts.interestRate.basis,
    },
    balances: statement.balances,
    lastPayment: last
      ? { paymentId: last.paymentId, postedOn: last.postedOn, amountCents: last.amountCents, method: last.method }
      : null,
    paying:
      situation.nextPayment === null
        ? null
        : { nextPayment: situation.nextPayment, creditHeldCents: statement.creditHeldCents },
    receiving: view.viewer === 'paying' ? null : receivingSide(facts),
    alerts: caseAlerts(situation),
  }
}
