// The arrears payoff calculator (the state's public one, DESIGN.md §3): on a case, filled from the case's own arrears,
// interest balance and rate; in public, from what the person types. Payments start next month, because this month's
// interest is already charged on the 1st (CCP 685.010, as the ledger engine accrues it).
import { CaseInquiryInputError } from './caseErrors'
import { CALIFORNIA_RATE_BASIS_POINTS } from './rules/interest'
import { addMonths, isIsoDate, monthStart } from '../agencyTime/calendarDates'
import type { LedgerStatement } from './rules/ledgerStatement'
import type { Cents, IsoDate } from './rules/ledgerTypes'
import { PAYOFF_MONTHS_CAP, type PayoffPlan, type PayoffSchedule, payoffSchedule } from './rules/payoffSchedule'

/** A monthly payment toward arrears, or the number of months to be done in. */
export type PayoffRequest = { monthlyPaymentCents: Cents } | { months: number }

export interface PayoffCalculatorInput {
  principalCents: Cents
  /** Interest already owed; default 0. */
  interestBalanceCents?: Cents
  /** Default 1000 (10%, CCP 685.010). */
  annualRateBasisPoints?: number
  /** Any day of the first month of payments. */
  firstMonth: IsoDate
  plan: PayoffRequest
}

export interface CasePayoff {
  caseId: number
  asOf: IsoDate
  /** Family- and state-owed arrears; this month's current support is not arrears yet. */
  startingPrincipalCents: Cents
  startingInterestCents: Cents
  rateBasisPoints: number
  firstMonth: IsoDate
  schedule: PayoffSchedule
}

/** A limit no household reaches, so a typo of extra zeros is refused rather than computed. */
export const PAYOFF_MAX_CENTS = 10_000_000_000

function wholeCents(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max
}

export function checkedPlan(plan: PayoffRequest): PayoffPlan {
  if (typeof plan !== 'object' || plan === null) throw new CaseInquiryInputError('cases:errors.payoffPayment')
  if ('months' in plan) {
    const { months } = plan
    if (!Number.isSafeInteger(months) || months < 1 || months > PAYOFF_MONTHS_CAP) {
      throw new CaseInquiryInputError('cases:errors.payoffMonths')
    }
    return { kind: 'months', months }
  }
  if (!wholeCents(plan.monthlyPaymentCents, PAYOFF_MAX_CENTS) || plan.monthlyPaymentCents === 0) {
    throw new CaseInquiryInputError('cases:errors.payoffPayment')
  }
  return { kind: 'monthly_payment', paymentCents: plan.monthlyPaymentCents }
}

export function calculatePayoff(input: PayoffCalculatorInput): PayoffSchedule {
  const interest = input.interestBalanceCents ?? 0
  const rate = input.annualRateBasisPoints ?? CALIFORNIA_RATE_BASIS_POINTS
  if (!wholeCents(input.principalCents, PAYOFF_MAX_CENTS)) throw new CaseInquiryInputError('cases:errors.payoffPrincipal')
  if (!wholeCents(interest, PAYOFF_MAX_CENTS)) throw new CaseInquiryInputError('cases:errors.payoffInterest')
  if (!Number.isSafeInteger(rate) || rate < 0 || rate > 10_000) throw new CaseInquiryInputError('cases:errors.payoffRate')
  if (!isIsoDate(input.firstMonth)) throw new CaseInquiryInputError('cases:errors.invalidDate')
  return payoffSchedule({
    principalCents: input.principalCents,
    interestBalanceCents: interest,
    annualRateBasisPoints: rate,
    firstMonth: monthStart(input.firstMonth),
    plan: checkedPlan(input.plan),
  })
}

export function casePayoff(caseId: number, statement: LedgerStatement, request: PayoffRequest): CasePayoff {
  const b = statement.balances
  const firstMonth = addMonths(monthStart(statement.asOf), 1)
  const startingPrincipalCents = b.familyArrearsCents + b.stateArrearsCents
  const schedule = calculatePayoff({
    principalCents: startingPrincipalCents,
    interestBalanceCents: b.interestCents,
    annualRateBasisPoints: statement.interestRateBasisPoints,
    firstMonth,
    plan: request,
  })
  return {
    caseId,
    asOf: statement.asOf,
    startingPrincipalCents,
    startingInterestCents: b.interestCents,
    rateBasisPoints: statement.interestRateBasisPoints,
    firstMonth,
    schedule,
  }
}
