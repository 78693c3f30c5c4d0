// The vocabulary of a support ledger, shared by the pure rules, the repository and the demo generator.
// Money is integer cents; dates are ISO calendar dates (YYYY-MM-DD) in the agency's time zone.

export type Cents = number
export type { IsoDate } from '../../agencyTime/calendarDates'
import type { IsoDate } from '../../agencyTime/calendarDates'

export type OrderKind = 'child' | 'medical' | 'spousal'

export type PaymentMethod =
  | 'income_withholding'
  | 'sdu_online'
  | 'sdu_phone'
  | 'moneygram'
  | 'paynearme'
  | 'mail'
  | 'paypal'
  | 'tax_intercept'

/** Who a dollar of support belongs to: the family, or the state reimbursing public assistance. */
export type OwedTo = 'family' | 'state'

export type Bucket = 'current' | 'family_arrears' | 'state_arrears' | 'interest'

/** Why an adjustment changed a balance. */
export type AdjustmentReason = 'uncollectible' | 'coap_compromise' | 'court_credit'

/** One installment of support, charged on the 1st of the month for one order kind. */
export interface ChargeEntry {
  kind: 'charge'
  id: number
  dueOn: IsoDate
  orderKind: OrderKind
  amountCents: Cents
  /** Support due in a month the family received CalWORKs is assigned to the state. */
  owedTo: OwedTo
}

export interface PaymentEntry {
  kind: 'payment'
  id: number
  postedOn: IsoDate
  method: PaymentMethod
  amountCents: Cents
}

/** A correction that lowers (negative) or raises (positive) principal owed to one party. */
export interface AdjustmentEntry {
  kind: 'adjustment'
  id: number
  postedOn: IsoDate
  owedTo: OwedTo
  reason: AdjustmentReason
  amountCents: Cents
}

export type RecordedEntry = ChargeEntry | PaymentEntry | AdjustmentEntry

export type AssistanceStatus = 'never' | 'former' | 'current'

export interface CaseTerms {
  /** Annual simple interest in basis points: 1000 (10%, CCP 685.010) unless an order, another state or SCRA says otherwise. */
  interestRateBasisPoints: number
  assistanceStatus: AssistanceStatus
  /** Children on the case; sets the CalWORKs pass-through ($100 for one, $200 for two or more, FC 17504). */
  childrenCount: number
}
