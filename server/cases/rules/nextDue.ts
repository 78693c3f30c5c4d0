// What the paying parent should pay next, from the installments already recorded.
import { addMonths, isSameMonth, monthStart } from '../../agencyTime/calendarDates'
import type { NextDue } from './ledgerStatement'
import type { Cents, ChargeEntry, IsoDate } from './ledgerTypes'

function sumInMonth(charges: readonly ChargeEntry[], month: IsoDate): Cents {
  return charges.filter((c) => isSameMonth(c.dueOn, month)).reduce((sum, c) => sum + c.amountCents, 0)
}

/**
 * Support is charged on the 1st, so this month's installments show the orders in force. Installments already
 * recorded for next month win over that guess: an order that ends or changes next month shows the new amount.
 * `charges` may include installments dated after asOf.
 */
export function nextDueFor(
  charges: readonly ChargeEntry[],
  currentDueCents: Cents,
  creditHeldCents: Cents,
  asOf: IsoDate,
): NextDue {
  const thisMonth = monthStart(asOf)
  const thisMonthCents = sumInMonth(
    charges.filter((c) => c.dueOn <= asOf),
    thisMonth,
  )
  if (currentDueCents > 0) {
    return { kind: 'now', monthStart: thisMonth, dueCents: currentDueCents, monthlyCents: thisMonthCents }
  }
  const nextMonth = addMonths(thisMonth, 1)
  const recordedNext = charges.some((c) => isSameMonth(c.dueOn, nextMonth))
  const monthlyCents = recordedNext ? sumInMonth(charges, nextMonth) : thisMonthCents
  if (monthlyCents === 0) return { kind: 'none' }
  return {
    kind: 'next_month',
    dueOn: nextMonth,
    monthlyCents,
    expectedCents: Math.max(0, monthlyCents - creditHeldCents),
  }
}
