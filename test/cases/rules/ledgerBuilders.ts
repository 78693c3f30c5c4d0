// Small builders so each test states only the facts it is about.
import { addMonths } from '../../../server/agencyTime/calendarDates'
import type { LedgerStatement, PaymentAllocation } from '../../../server/cases/rules/ledgerStatement'
import type {
  AdjustmentEntry,
  AdjustmentReason,
  CaseTerms,
  ChargeEntry,
  IsoDate,
  OrderKind,
  OwedTo,
  PaymentEntry,
  PaymentMethod,
} from '../../../server/cases/rules/ledgerTypes'

export function terms(overrides: Partial<CaseTerms> = {}): CaseTerms {
  return { interestRateBasisPoints: 1000, assistanceStatus: 'never', childrenCount: 1, ...overrides }
}

export function charge(
  id: number,
  dueOn: IsoDate,
  amountCents: number,
  owedTo: OwedTo = 'family',
  orderKind: OrderKind = 'child',
): ChargeEntry {
  return { kind: 'charge', id, dueOn, orderKind, amountCents, owedTo }
}

export function payment(
  id: number,
  postedOn: IsoDate,
  amountCents: number,
  method: PaymentMethod = 'income_withholding',
): PaymentEntry {
  return { kind: 'payment', id, postedOn, method, amountCents }
}

export function adjustment(
  id: number,
  postedOn: IsoDate,
  owedTo: OwedTo,
  amountCents: number,
  reason: AdjustmentReason = 'uncollectible',
): AdjustmentEntry {
  return { kind: 'adjustment', id, postedOn, owedTo, reason, amountCents }
}

/** `months` installments on the 1st of consecutive months, ids counting up from `firstId`. */
export function monthlyCharges(
  firstId: number,
  firstDueOn: IsoDate,
  months: number,
  amountCents: number,
  owedTo: OwedTo = 'family',
): ChargeEntry[] {
  return Array.from({ length: months }, (_, i) => charge(firstId + i, addMonths(firstDueOn, i), amountCents, owedTo))
}

export function allocationOf(statement: LedgerStatement, paymentId: number): PaymentAllocation {
  const found = statement.allocations.find((a) => a.paymentId === paymentId)
  if (!found) throw new Error(`No allocation for payment ${paymentId}`)
  return found
}

/** Parts without the applied-on date, for compact expectations. */
export function partsOf(allocation: PaymentAllocation): Array<[string, OwedTo, IsoDate | undefined, number]> {
  return allocation.parts.map((p) => [p.bucket, p.owedTo, p.chargeDueOn, p.cents])
}
