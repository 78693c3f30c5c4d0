// The arrears payoff calculator, modelled on the state's public one: each month interest is charged at rate/12 on
// the unpaid principal (CCP 685.010, simple interest), then the payment pays the interest balance first and the
// principal after it (CCP 695.221).
import { addMonths, monthStart } from '../../agencyTime/calendarDates'
import { monthlyInterestCents } from './interest'
import { LedgerInputError, assertIsoDate } from './ledgerEntries'
import type { Cents, IsoDate } from './ledgerTypes'

/** 50 years: a plan longer than this is shown as not paying off in any useful time, and the loop is bounded. */
export const PAYOFF_MONTHS_CAP = 600

export type PayoffPlan =
  | { kind: 'monthly_payment'; paymentCents: Cents }
  /** Find the level monthly payment that pays everything within this many months. */
  | { kind: 'months'; months: number }

export interface PayoffInput {
  principalCents: Cents
  interestBalanceCents: Cents
  annualRateBasisPoints: number
  /** Any date in the month of the first payment; rows are dated the 1st of each month from there. */
  firstMonth: IsoDate
  plan: PayoffPlan
}

export interface PayoffRow {
  /** 1-based */
  month: number
  monthStart: IsoDate
  paymentCents: Cents
  interestChargedCents: Cents
  /** Interest still owed after this month's payment. */
  interestBalanceCents: Cents
  principalPaidCents: Cents
  remainingPrincipalCents: Cents
  remainingTotalCents: Cents
}

interface ScheduleTotals {
  monthlyPaymentCents: Cents
  rows: PayoffRow[]
  totalPaidCents: Cents
  /** Interest charged over the schedule; the starting interest balance is not included. */
  totalInterestCents: Cents
}

export type PayoffSchedule =
  | { outcome: 'nothing_owed' }
  | (ScheduleTotals & { outcome: 'pays_off'; payoffMonth: number; payoffMonthStart: IsoDate })
  /** The payment never covers a month's interest, so the principal never falls. No rows: they would never end. */
  | {
      outcome: 'never_pays_off'
      monthlyPaymentCents: Cents
      firstMonthInterestCents: Cents
      /** The smallest monthly payment that lowers the principal. */
      minimumPaymentCents: Cents
    }
  /** The balance falls but is not paid off within PAYOFF_MONTHS_CAP months; rows show those months. */
  | (ScheduleTotals & { outcome: 'exceeds_cap'; capMonths: number; remainingTotalCents: Cents })

function assertWholeCents(value: Cents, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new LedgerInputError(`${what} must be whole cents ≥ 0: ${value}`)
}

type Balances = Omit<PayoffInput, 'plan'>

function simulate(input: Balances, paymentCents: Cents, maxMonths: number): ScheduleTotals & { paidOff: boolean } {
  let principal = input.principalCents
  let interestBalance = input.interestBalanceCents
  const rows: PayoffRow[] = []
  let totalPaidCents = 0
  let totalInterestCents = 0
  const first = monthStart(input.firstMonth)
  while (principal + interestBalance > 0 && rows.length < maxMonths) {
    const interestChargedCents = monthlyInterestCents(principal, input.annualRateBasisPoints)
    const interestDue = interestBalance + interestChargedCents
    const payment = Math.min(paymentCents, interestDue + principal)
    const toInterest = Math.min(payment, interestDue)
    const principalPaidCents = payment - toInterest
    principal -= principalPaidCents
    interestBalance = interestDue - toInterest
    totalPaidCents += payment
    totalInterestCents += interestChargedCents
    rows.push({
      month: rows.length + 1,
      monthStart: addMonths(first, rows.length),
      paymentCents: payment,
      interestChargedCents,
      interestBalanceCents: interestBalance,
      principalPaidCents,
      remainingPrincipalCents: principal,
      remainingTotalCents: principal + interestBalance,
    })
  }
  const paidOff = principal + interestBalance === 0
  return { monthlyPaymentCents: paymentCents, rows, totalPaidCents, totalInterestCents, paidOff }
}

/**
 * The smallest whole-cent level payment that pays everything within `months` (the level payment rounded up to the
 * cent; the last month pays only what is left, and rounding up can finish a month early). Found by bisection on the
 * exact month-by-month schedule, because the textbook annuity formula knows neither the cent rounding nor an interest
 * balance that bears no interest.
 */
function levelPaymentCents(input: Balances, months: number): Cents {
  let low = 1
  // Paying everything owed after the first month's interest clears the debt in month 1.
  let high =
    input.principalCents +
    input.interestBalanceCents +
    monthlyInterestCents(input.principalCents, input.annualRateBasisPoints)
  while (low < high) {
    const middle = Math.floor((low + high) / 2)
    if (simulate(input, middle, months).paidOff) high = middle
    else low = middle + 1
  }
  return low
}

/** Also checks the rate, and that the principal is small enough for exact integer arithmetic. */
function firstMonthInterest(input: Balances): Cents {
  try {
    return monthlyInterestCents(input.principalCents, input.annualRateBasisPoints)
  } catch (error) {
    throw new LedgerInputError((error as Error).message)
  }
}

export function payoffSchedule(input: PayoffInput): PayoffSchedule {
  assertWholeCents(input.principalCents, 'Principal')
  assertWholeCents(input.interestBalanceCents, 'Interest balance')
  assertIsoDate(input.firstMonth, 'First month')
  const { plan } = input
  const monthsInRange = (months: number): boolean =>
    Number.isSafeInteger(months) && months >= 1 && months <= PAYOFF_MONTHS_CAP
  if (plan.kind === 'months' && !monthsInRange(plan.months)) {
    throw new LedgerInputError(`Number of months must be from 1 to ${PAYOFF_MONTHS_CAP}: ${plan.months}`)
  }
  if (plan.kind === 'monthly_payment') assertWholeCents(plan.paymentCents, 'Monthly payment')
  if (input.principalCents + input.interestBalanceCents === 0) return { outcome: 'nothing_owed' }

  const firstMonthInterestCents = firstMonthInterest(input)
  const paymentCents = plan.kind === 'months' ? levelPaymentCents(input, plan.months) : plan.paymentCents
  // Interest charged only falls as principal falls, so a payment that cannot beat the first month's never will.
  if (paymentCents <= firstMonthInterestCents) {
    return {
      outcome: 'never_pays_off',
      monthlyPaymentCents: paymentCents,
      firstMonthInterestCents,
      minimumPaymentCents: firstMonthInterestCents + 1,
    }
  }
  const { paidOff, ...schedule } = simulate(input, paymentCents, PAYOFF_MONTHS_CAP)
  const last = schedule.rows.at(-1)
  if (!paidOff || !last) {
    const remainingTotalCents = last?.remainingTotalCents ?? 0
    return { ...schedule, outcome: 'exceeds_cap', capMonths: PAYOFF_MONTHS_CAP, remainingTotalCents }
  }
  return { ...schedule, outcome: 'pays_off', payoffMonth: last.month, payoffMonthStart: last.monthStart }
}
