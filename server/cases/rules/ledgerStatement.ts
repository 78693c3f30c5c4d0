// What replaying a ledger yields: the figures every channel shows, and where each payment went.
import type { AdjustmentReason, Bucket, Cents, IsoDate, OwedTo, PaymentMethod } from './ledgerTypes'

/** The balance as of a date. The buckets never go negative and add up to totalOwedCents. */
export interface LedgerBalances {
  /** This month's installments (charged on the 1st) not yet paid: "due now", not arrears. */
  currentDueCents: Cents
  /** Unpaid principal of earlier months (and arrears judgments) owed to the family. */
  familyArrearsCents: Cents
  /** Unpaid principal owed to the state to repay public assistance. */
  stateArrearsCents: Cents
  familyInterestCents: Cents
  stateInterestCents: Cents
  interestCents: Cents
  totalOwedCents: Cents
}

/** A slice of one payment applied to one debt. */
export interface AllocationPart {
  bucket: Bucket
  owedTo: OwedTo
  /** Due date of the installment paid; absent for interest. */
  chargeDueOn?: IsoDate
  cents: Cents
  /** When the money was applied: the posting date, or later when held credit met a new charge. */
  appliedOn: IsoDate
}

/** Where every cent of a payment went: parts + unappliedCents = amountCents. */
export interface PaymentAllocation {
  paymentId: number
  postedOn: IsoDate
  method: PaymentMethod
  amountCents: Cents
  parts: AllocationPart[]
  /** Parts owed to the family plus the CalWORKs pass-through; toFamilyCents + toStateCents = sum of parts. */
  toFamilyCents: Cents
  toStateCents: Cents
  /** State-assigned current support passed to a family on CalWORKs (FC 17504); included in toFamilyCents. */
  passThroughCents: Cents
  /** The annual service fee (FC 17208) kept back from this payment's disbursement to the family. */
  feeWithheldCents: Cents
  /** toFamilyCents - feeWithheldCents: what the receiving parent is paid from this payment. */
  disbursedToFamilyCents: Cents
  /** Held as credit: more than everything owed when paid, and not yet used by a later charge. */
  unappliedCents: Cents
}

/** The $35 annual service fee for a never-assisted case (FC 17208, 42 USC 654(6)(B)(ii)). */
export interface AnnualServiceFeeCharge {
  fiscalYear: number
  chargedOn: IsoDate
  cents: Cents
  /** The payment whose collection crossed $550 in the fiscal year; the fee is withheld from it. */
  paymentId: number
  /** Withheld so far; less than `cents` only when that payment's family share was smaller than the fee. */
  withheldCents: Cents
}

export interface InterestAccrual {
  /** The 1st of the month the interest was charged for. */
  accruedOn: IsoDate
  owedTo: OwedTo
  principalCents: Cents
  rateBasisPoints: number
  cents: Cents
}

/** How an adjustment changed the balance; a reduction larger than what the party was owed is reported, not lost. */
export interface AdjustmentEffect {
  adjustmentId: number
  postedOn: IsoDate
  owedTo: OwedTo
  reason: AdjustmentReason
  amountCents: Cents
  /** Signed change to principal. */
  principalChangeCents: Cents
  /** Interest written off (a reduction beyond the principal), as a negative number or 0. */
  interestChangeCents: Cents
  /** The part of a reduction that found nothing left to reduce. */
  unappliedCents: Cents
}

export interface LastPayment {
  paymentId: number
  postedOn: IsoDate
  method: PaymentMethod
  amountCents: Cents
}

/** What the paying parent should pay next. */
export type NextDue =
  /** This month's current support is not fully paid. */
  | { kind: 'now'; monthStart: IsoDate; dueCents: Cents; monthlyCents: Cents }
  /** This month is paid; the next installments fall on the next 1st. expectedCents is after held credit. */
  | { kind: 'next_month'; dueOn: IsoDate; monthlyCents: Cents; expectedCents: Cents }
  /** No installments this month or next: the order has ended or is not charging (arrears may still be owed). */
  | { kind: 'none' }

export interface LedgerStatement {
  asOf: IsoDate
  interestRateBasisPoints: number
  balances: LedgerBalances
  /** Money held for the paying parent, applied automatically to the next charge. Not part of the balance. */
  creditHeldCents: Cents
  /** Due date of the oldest installment still unpaid, or null when nothing is past due or due. */
  oldestUnpaidDueOn: IsoDate | null
  allocations: PaymentAllocation[]
  fees: AnnualServiceFeeCharge[]
  interestAccruals: InterestAccrual[]
  adjustments: AdjustmentEffect[]
  lastPayment: LastPayment | null
  nextDue: NextDue
  /** Federal fiscal year of asOf and the payments collected in it so far (the FC 17208 $550 threshold). */
  fiscalYear: number
  collectedInFiscalYearCents: Cents
}
