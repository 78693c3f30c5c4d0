// A case's statement for one month: what was charged, paid and paid out in it, and the balance by bucket at its start
// and end. Every figure comes from the case facts the case-inquiry service loaded for the request (the same access
// check and the same viewer's side as the case page) and from the one ledger engine: the balances at the month's
// edges are the engine's replay of the same ledger up to those days, so the balance on the statement for the current
// month is the case page's balance, figure for figure. Pure: no clock, no database.
import type { Viewer } from '../cases/caseAccess'
import { type CaseFacts, caseTermsOf } from '../cases/caseFacts'
import { ordersInForce } from '../cases/caseSituation'
import { recordedEntriesOf } from '../cases/recordedEntries'
import { addDays } from '../agencyTime/calendarDates'
import { replayLedger } from '../cases/rules/ledgerReplay'
import type { LedgerBalances, LedgerStatement } from '../cases/rules/ledgerStatement'
import type { AdjustmentReason, Cents, IsoDate, OrderKind, OwedTo, PaymentMethod } from '../cases/rules/ledgerTypes'
import { type StatementMonth, monthBounds } from './statementMonths'

export interface StatementCharge {
  dueOn: IsoDate
  orderKind: OrderKind
  owedTo: OwedTo
  amountCents: Cents
}

export interface StatementInterest {
  accruedOn: IsoDate
  owedTo: OwedTo
  cents: Cents
}

export interface StatementAdjustment {
  postedOn: IsoDate
  owedTo: OwedTo
  reason: AdjustmentReason
  /** Signed change to what is owed, principal and interest together. */
  changeCents: Cents
}

export interface StatementPayment {
  paymentId: number
  postedOn: IsoDate
  method: PaymentMethod
  amountCents: Cents
}

export interface StatementPayout {
  disbursementId: number
  postedOn: IsoDate
  /** direct_deposit or debit_card */
  method: string | null
  amountCents: Cents
}

export interface StatementFee {
  chargedOn: IsoDate
  withheldCents: Cents
}

/** What a paying parent cuts off and mails with a check: the case number and what is owed. */
export interface PaymentCoupon {
  caseNumber: string
  totalOwedCents: Cents
  monthlyOrderCents: Cents
}

export interface MonthlyStatement {
  caseId: number
  caseNumber: string
  caseNumberLast4: string
  viewer: Viewer
  month: StatementMonth
  /** The month's first day, and its last day or today while the month is not over. */
  periodStart: IsoDate
  periodEnd: IsoDate
  monthComplete: boolean
  /** The day the statement was made (agency calendar). */
  issuedOn: IsoDate
  /** The balance at the end of the day before the month began, and at the end of periodEnd. */
  opening: LedgerBalances
  closing: LedgerBalances
  interestRateBasisPoints: number
  charges: StatementCharge[]
  interest: StatementInterest[]
  adjustments: StatementAdjustment[]
  payments: StatementPayment[]
  /** Paid out to the family: the receiving parent's and the agency's view only, null for the paying parent. */
  payouts: StatementPayout[] | null
  fees: StatementFee[] | null
  totals: { chargesCents: Cents; interestCents: Cents; paymentsCents: Cents; payoutsCents: Cents; feesCents: Cents }
  coupon: PaymentCoupon | null
}

const within = (date: IsoDate, start: IsoDate, end: IsoDate) => date >= start && date <= end
const sum = <T>(items: readonly T[], cents: (item: T) => Cents) => items.reduce((total, item) => total + cents(item), 0)

/** The ledger engine's statement as of a day: the request's own replay when the day is today, else a replay to it. */
function statementAsOf(facts: CaseFacts, day: IsoDate): LedgerStatement {
  if (day === facts.today) return facts.statement
  const terms = caseTermsOf(facts.view, facts.parties, facts.interestRate)
  return replayLedger(terms, recordedEntriesOf(facts.ledger), day)
}

/** `month` must already be checked (checkStatementMonth): begun, and not before the case opened. */
export function monthlyStatement(facts: CaseFacts, month: StatementMonth): MonthlyStatement {
  const { first, last } = monthBounds(month)
  const monthComplete = last < facts.today
  const periodEnd = monthComplete ? last : facts.today
  const opening = statementAsOf(facts, addDays(first, -1))
  const closing = statementAsOf(facts, periodEnd)
  const viewer = facts.view.viewer

  const charges = facts.ledger
    .filter((row) => row.kind === 'charge' && row.amountCents !== 0 && within(row.postedOn, first, periodEnd))
    .map((row) => ({
      dueOn: row.postedOn,
      orderKind: row.orderKind ?? 'child',
      owedTo: row.owedTo ?? 'family',
      amountCents: row.amountCents,
    }))
  const interest = closing.interestAccruals
    .filter((accrual) => within(accrual.accruedOn, first, periodEnd))
    .map(({ accruedOn, owedTo, cents }) => ({ accruedOn, owedTo, cents }))
  const adjustments = closing.adjustments
    .filter((effect) => within(effect.postedOn, first, periodEnd))
    .map((effect) => ({
      postedOn: effect.postedOn,
      owedTo: effect.owedTo,
      reason: effect.reason,
      changeCents: effect.principalChangeCents + effect.interestChangeCents,
    }))
  const payments = closing.allocations
    .filter((allocation) => within(allocation.postedOn, first, periodEnd))
    .map(({ paymentId, postedOn, method, amountCents }) => ({ paymentId, postedOn, method, amountCents }))
  const payouts =
    viewer === 'paying'
      ? null
      : facts.disbursements
          .filter((d) => within(d.postedOn, first, periodEnd))
          .map((d) => ({ disbursementId: d.id, postedOn: d.postedOn, method: d.method, amountCents: d.amountCents }))
  const fees =
    viewer === 'paying'
      ? null
      : closing.fees
          .filter((fee) => within(fee.chargedOn, first, periodEnd) && fee.withheldCents > 0)
          .map(({ chargedOn, withheldCents }) => ({ chargedOn, withheldCents }))
  const monthlyOrderCents = sum(ordersInForce(facts.orders, periodEnd), (o) => o.monthlyCents)

  return {
    caseId: facts.view.caseId,
    caseNumber: facts.view.record.caseNumber,
    caseNumberLast4: facts.view.record.caseNumber.slice(-4),
    viewer,
    month,
    periodStart: first,
    periodEnd,
    monthComplete,
    issuedOn: facts.today,
    opening: opening.balances,
    closing: closing.balances,
    interestRateBasisPoints: closing.interestRateBasisPoints,
    charges,
    interest,
    adjustments,
    payments,
    payouts,
    fees,
    totals: {
      chargesCents: sum(charges, (c) => c.amountCents),
      interestCents: sum(interest, (i) => i.cents),
      paymentsCents: sum(payments, (p) => p.amountCents),
      payoutsCents: sum(payouts ?? [], (p) => p.amountCents),
      feesCents: sum(fees ?? [], (f) => f.withheldCents),
    },
    coupon:
      viewer === 'paying'
        ? { caseNumber: facts.view.record.caseNumber, totalOwedCents: closing.balances.totalOwedCents, monthlyOrderCents }
        : null,
  }
}
