// Interest on unpaid support: simple interest, charged monthly the way the state's arrears payoff calculator
// charges it (annual rate / 12 on the unpaid principal), never on interest.
import type { Cents } from './ledgerTypes'

/** 10% a year on a money judgment, which every support installment is once due (CCP 685.010(a), FC 155). */
export const CALIFORNIA_RATE_BASIS_POINTS = 1000

/** Servicemembers Civil Relief Act cap while the debtor is on active duty (50 USC 3937(a)(1)). */
export const SCRA_RATE_CAP_BASIS_POINTS = 600

/** 12 months × 10,000 basis points: annual basis points over this divisor give the monthly fraction. */
const MONTHLY_DIVISOR = 120_000

export interface RateCircumstances {
  /** A rate set by the order or by another state's law for an out-of-state order; absent means California's. */
  orderRateBasisPoints?: number
  /** The paying parent is on active military duty. */
  activeMilitaryDuty: boolean
}

/** SCRA caps, never raises: an order already below 6% keeps its own rate. */
export function applicableRateBasisPoints({ orderRateBasisPoints, activeMilitaryDuty }: RateCircumstances): number {
  const rate = orderRateBasisPoints ?? CALIFORNIA_RATE_BASIS_POINTS
  assertRate(rate)
  return activeMilitaryDuty ? Math.min(rate, SCRA_RATE_CAP_BASIS_POINTS) : rate
}

/** Where a case's rate comes from, as the case system records it. */
export type RateBasis = 'statutory' | 'order' | 'interstate' | 'scra'

export interface CaseRate {
  basisPoints: number
  basis: RateBasis
}

/**
 * The rate the agency applies to a case: decided here and nowhere else. An order's own rate or another state's
 * (basis 'order' or 'interstate') is kept as recorded; anything else is California's 10% (a recorded 'scra' rate is
 * the cap, not the order's own rate, so it does not outlive the active duty). While the paying parent is on active
 * duty the SCRA caps it at 6%, and the basis then says so.
 */
export function caseInterestRate(recorded: CaseRate, activeMilitaryDuty: boolean): CaseRate {
  const ownRate = recorded.basis === 'order' || recorded.basis === 'interstate'
  const orderRateBasisPoints = ownRate ? recorded.basisPoints : undefined
  const basisPoints = applicableRateBasisPoints({ orderRateBasisPoints, activeMilitaryDuty })
  if (basisPoints < (orderRateBasisPoints ?? CALIFORNIA_RATE_BASIS_POINTS)) return { basisPoints, basis: 'scra' }
  return { basisPoints, basis: ownRate ? recorded.basis : 'statutory' }
}

/**
 * One month's interest on `principalCents`, rounded half up to the cent.
 * Rounding once per month on the whole principal (not per installment) is what the state's calculator does and
 * keeps the rounding error to at most half a cent a month per party; simple interest makes the two otherwise equal.
 */
export function monthlyInterestCents(principalCents: Cents, annualRateBasisPoints: number): Cents {
  assertRate(annualRateBasisPoints)
  if (!Number.isSafeInteger(principalCents) || principalCents < 0) {
    throw new RangeError(`Principal must be a non-negative whole number of cents: ${principalCents}`)
  }
  const scaled = principalCents * annualRateBasisPoints
  // Integer arithmetic stays exact only below 2^53; beyond that a float would silently lose cents.
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`Principal too large to compute exactly: ${principalCents}`)
  const whole = Math.floor(scaled / MONTHLY_DIVISOR)
  const remainder = scaled - whole * MONTHLY_DIVISOR
  return remainder * 2 >= MONTHLY_DIVISOR ? whole + 1 : whole
}

export function assertRate(annualRateBasisPoints: number): void {
  if (!Number.isSafeInteger(annualRateBasisPoints) || annualRateBasisPoints < 0 || annualRateBasisPoints > 10_000) {
    throw new RangeError(`Interest rate must be whole basis points from 0 to 10000: ${annualRateBasisPoints}`)
  }
}
