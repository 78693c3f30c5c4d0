// When a receiving parent can expect money collected for them. The State Disbursement Unit must send collections
// to the family within two business days of receipt (42 USC 654b(c)(1); 45 CFR 302.32(b)), counted on the agency's
// calendar (weekends and California state holidays skipped). A bank can still take longer, so the date is shown as
// "expected by", never as a promise.
import { agencyCalendar, type BusinessCalendar } from '../callbacks/businessCalendar'
import type { PaymentAllocation } from './rules/ledgerStatement'
import type { Cents, IsoDate } from './rules/ledgerTypes'

export const DISBURSEMENT_BUSINESS_DAYS = 2

export interface ExpectedDisbursement {
  expectedOn: IsoDate
  amountCents: Cents
  paymentIds: number[]
}

/** `days` business days after `date`: received on a Friday, or before a holiday, it goes out after the closed days. */
export function addBusinessDays(
  date: IsoDate,
  days: number,
  calendar: Pick<BusinessCalendar, 'nextBusinessDay'> = agencyCalendar,
): IsoDate {
  let result = date
  for (let left = days; left > 0; left--) result = calendar.nextBusinessDay(result)
  return result
}

/**
 * The family's share of each payment that has not been paid out yet, grouped by the day it is expected, soonest
 * first. `paidOutPaymentIds` are the payments a disbursement row already names.
 */
export function expectedDisbursements(
  allocations: readonly PaymentAllocation[],
  paidOutPaymentIds: ReadonlySet<number>,
): ExpectedDisbursement[] {
  const byDay = new Map<IsoDate, ExpectedDisbursement>()
  for (const allocation of allocations) {
    if (allocation.disbursedToFamilyCents <= 0 || paidOutPaymentIds.has(allocation.paymentId)) continue
    const expectedOn = addBusinessDays(allocation.postedOn, DISBURSEMENT_BUSINESS_DAYS)
    const day = byDay.get(expectedOn) ?? { expectedOn, amountCents: 0, paymentIds: [] }
    day.amountCents += allocation.disbursedToFamilyCents
    day.paymentIds.push(allocation.paymentId)
    byDay.set(expectedOn, day)
  }
  return [...byDay.values()].sort((a, b) => (a.expectedOn < b.expectedOn ? -1 : a.expectedOn > b.expectedOn ? 1 : 0))
}
